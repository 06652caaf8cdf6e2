//! The daily SLA meetings held: one history row per day, the first time the meeting
//! view is opened (so the record is as tamper-evident as the rest of the history).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;

use super::Store;
use crate::domain::time::{from_store, to_store};
use crate::error::Result;

/// The history entity of a meeting (keyed by its local date).
const ENTITY: &str = "meeting";

impl Store {
    /// When the last meeting on a day before `day` (local) was opened, if one was.
    pub fn last_meeting_before(&self, day: NaiveDate) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self
            .conn()
            .query_row(
                "SELECT new FROM history WHERE entity = ?1 AND entity_key < ?2
                 ORDER BY entity_key DESC LIMIT 1",
                rusqlite::params![ENTITY, day.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(at.as_deref().and_then(from_store))
    }

    /// Records today's meeting as held now, unless it already is; true when recorded.
    pub fn record_meeting(&mut self) -> Result<bool> {
        let (now, tz) = (self.now(), self.tz());
        let day = now.with_timezone(&tz).date_naive().to_string();
        self.write(|tx| {
            let held: bool = tx.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM history WHERE entity = ?1 AND entity_key = ?2)",
                rusqlite::params![ENTITY, day],
                |r| r.get(0),
            )?;
            if held {
                return Ok(false);
            }
            tx.record(ENTITY, &day, "insert", None, None, Some(&to_store(now)))?;
            Ok(true)
        })
    }
}
