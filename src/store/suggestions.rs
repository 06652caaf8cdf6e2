//! The suggestions log: stored, numbered, answered, with history.

use crate::kind::RecordKind;
use chrono::{DateTime, Datelike, Utc};
use rusqlite::OptionalExtension;

use super::{numbers, records, Store, Tx};
use crate::domain::fields::Record;
use crate::domain::suggestion::{
    check_new, check_response, number_prefix, Suggestion, SuggestionRecord, SuggestionResponse,
};
use crate::domain::time::{from_store, to_store};
use crate::error::{Error, Result};

/// Which suggestions a list shows.
#[derive(Debug, Clone, Default)]
pub struct SuggestionFilter {
    /// Received in this local year.
    pub year: Option<i32>,
    /// Only this status (`open`, `forwarded`, `answered`).
    pub status: Option<String>,
    /// Only this customer's.
    pub customer: Option<String>,
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Suggestion,
        key: number.to_string(),
    }
}

fn select() -> String {
    format!(
        "SELECT id, number, version, {}, {} FROM suggestions",
        records::columns::<Suggestion>(""),
        records::columns::<SuggestionResponse>("")
    )
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, SuggestionRecord)> {
    Ok((
        r.get("id")?,
        SuggestionRecord {
            number: r.get("number")?,
            suggestion: records::read(r)?,
            response: records::read(r)?,
            version: r.get("version")?,
        },
    ))
}

/// One suggestion and its row id, by number.
fn find(conn: &rusqlite::Connection, number: &str) -> Result<(i64, SuggestionRecord)> {
    conn.query_row(
        &format!("{} WHERE number = ?1", select()),
        [number],
        read_row,
    )
    .optional()?
    .ok_or_else(|| not_found(number))
}

impl Tx<'_> {
    /// Takes down a suggestion; returns its number (`JY-2026-00001`).
    pub fn add_suggestion(&self, s: &Suggestion, now: DateTime<Utc>) -> Result<String> {
        s.validate(self.tz())?;
        check_new(s, now, self.tz())?;
        let customer = s.customer.as_deref().unwrap_or_default();
        self.customer_id(customer)?;
        let received = s
            .received
            .as_deref()
            .and_then(from_store)
            .unwrap_or(now)
            .with_timezone(&self.tz());
        let prefix = number_prefix(received.year());
        let number = numbers::next_number(self.conn(), "suggestions", "number", &prefix)?;
        records::insert(
            self.conn(),
            s,
            &[
                ("number", &number),
                ("status", &"open"),
                ("created_at", &self.at()),
                ("updated_at", &self.at()),
            ],
        )?;
        self.record_insert("suggestion", &number, s)?;
        Ok(number)
    }

    /// Records the answer to a suggestion (or where it was passed on); one history row per
    /// field that changed.
    pub fn respond_suggestion(
        &self,
        number: &str,
        response: &SuggestionResponse,
        now: DateTime<Utc>,
    ) -> Result<()> {
        response.validate(self.tz())?;
        let (id, current) = self.suggestion_row(number)?;
        check_response(number, &current.suggestion, response, now, self.tz())?;
        let changes = current.response.changes(response);
        if changes.is_empty() {
            return Ok(());
        }
        if !records::update(
            self.conn(),
            id,
            Some(current.version),
            response,
            &[("updated_at", &self.at())],
        )? {
            return Err(Error::Conflict {
                kind: RecordKind::Suggestion,
                key: number.to_string(),
            });
        }
        self.record_changes("suggestion", number, &changes)?;
        Ok(())
    }

    fn suggestion_row(&self, number: &str) -> Result<(i64, SuggestionRecord)> {
        find(self.conn(), number)
    }
}

impl Store {
    /// Takes down a suggestion in its own transaction; returns its number.
    pub fn add_suggestion(&mut self, s: &Suggestion) -> Result<String> {
        let now = self.now();
        self.write(|tx| tx.add_suggestion(s, now))
    }

    /// Records an answer in its own transaction.
    pub fn respond_suggestion(&mut self, number: &str, r: &SuggestionResponse) -> Result<()> {
        let now = self.now();
        self.write(|tx| tx.respond_suggestion(number, r, now))
    }

    /// One suggestion.
    pub fn suggestion(&self, number: &str) -> Result<SuggestionRecord> {
        find(self.conn(), number).map(|(_, r)| r)
    }

    /// Suggestions, newest first.
    pub fn list_suggestions(&self, f: &SuggestionFilter) -> Result<Vec<SuggestionRecord>> {
        let tz = self.tz();
        // The local year as a UTC range, so the received index does the work.
        let range = f.year.and_then(|y| {
            let start = |y| {
                chrono::NaiveDate::from_ymd_opt(y, 1, 1)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .and_then(|d| crate::domain::time::local_to_utc(d, tz))
            };
            Some((to_store(start(y)?), to_store(start(y + 1)?)))
        });
        let (from, to) = range.unzip();
        let sql = format!(
            "{} WHERE (?1 IS NULL OR received_at >= ?1) AND (?2 IS NULL OR received_at < ?2)
               AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR customer = ?4)
             ORDER BY received_at DESC, number DESC",
            select()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params![from, to, f.status, f.customer], |r| {
            read_row(r).map(|(_, s)| s)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
