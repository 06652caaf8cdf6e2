//! The know-how register: entries, attachments, grants by name, and the access log that
//! records every opening of an L3 entry and every refused attempt.

use chrono::Datelike;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{numbers, records, Store, Tx};
use crate::domain::fields::Record;
use crate::domain::knowhow::{may_open, Attachment, KnowHow, Level};
use crate::domain::permission::Permission;
use crate::domain::time::from_store;
use crate::error::{Error, Result};
use crate::kind::RecordKind;

/// An entry as stored, with its number; `know_how.content` is None unless it was opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnowHowEntry {
    /// `KH-2026-00001`.
    pub number: String,
    /// The entry.
    #[serde(flatten)]
    pub know_how: KnowHow,
    /// Attached files.
    pub attachments: Vec<Attachment>,
    /// Those granted it by name.
    pub granted: Vec<String>,
}

/// One line of the access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Access {
    /// When (stored form).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Which entry.
    pub number: String,
    /// `opened` or `refused`.
    pub outcome: String,
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Knowhow,
        key: number.to_string(),
    }
}

impl Tx<'_> {
    /// Takes down an entry with its attachments; returns its number.
    pub fn add_knowhow(&self, k: &KnowHow, attachments: &[Attachment]) -> Result<String> {
        k.validate(self.tz())?;
        self.customer_id(k.customer.as_deref().unwrap_or_default())?;
        if let Some(owner) = &k.owner {
            self.active_staff(crate::field_id::FieldId::named("owner"), owner)?;
        }
        let year = from_store(self.at()).map_or(2026, |t| t.with_timezone(&self.tz()).year());
        let number =
            numbers::next_number(self.conn(), "knowhow", "number", &format!("KH-{year}-"))?;
        let id = records::insert(
            self.conn(),
            k,
            &[
                ("number", &number),
                ("created_at", &self.at()),
                ("updated_at", &self.at()),
            ],
        )?;
        for a in attachments {
            self.conn().execute(
                "INSERT INTO knowhow_attachments (knowhow_id, path, sha256, bytes)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, a.path, a.sha256, a.bytes as i64],
            )?;
        }
        // The history keeps what was recorded, but never an L3 entry's content.
        let mut shown = k.clone();
        if k.level == Some(Level::L3) {
            shown.content = None;
        }
        self.record_insert("knowhow", &number, &shown)?;
        Ok(number)
    }

    /// Opens an entry for `actor`: L3 openings and refusals go in the access log, which
    /// is kept even when the opening is refused (the outer result is the database's).
    pub fn open_knowhow(&self, number: &str, actor: &str) -> Result<Result<KnowHowEntry>> {
        let mut entry = self.store_entry(number)?;
        let level = entry.know_how.level.unwrap_or(Level::L3);
        let allowed = may_open(
            level,
            self.role_of(actor)?,
            entry.granted.iter().any(|g| g == actor),
            &self.holders(Permission::ReadL3)?,
        );
        if level == Level::L3 {
            let outcome = if allowed.is_ok() { "opened" } else { "refused" };
            self.conn().execute(
                "INSERT INTO knowhow_access (at, actor, number, outcome) VALUES (?1, ?2, ?3, ?4)",
                params![self.at(), actor, number, outcome],
            )?;
        }
        if let Err(e) = allowed {
            entry.know_how.content = None;
            return Ok(Err(e));
        }
        Ok(Ok(entry))
    }

    /// Lets `username` (active staff) open L3 entry `number` whatever their role.
    pub fn grant_knowhow(&self, number: &str, username: &str) -> Result<()> {
        self.active_staff(crate::field_id::FieldId::flag("USER"), username)?;
        self.set_grant(
            number,
            username,
            "INSERT OR IGNORE INTO knowhow_grants (knowhow_id, username) VALUES (?1, ?2)",
            (None, Some(username)),
        )
    }

    /// Takes a grant by name back.
    pub fn revoke_knowhow(&self, number: &str, username: &str) -> Result<()> {
        self.set_grant(
            number,
            username,
            "DELETE FROM knowhow_grants WHERE knowhow_id = ?1 AND username = ?2",
            (Some(username), None),
        )
    }

    /// Runs `sql` on the grant; when it changed something, records `(old, new)`.
    fn set_grant(
        &self,
        number: &str,
        username: &str,
        sql: &str,
        (old, new): (Option<&str>, Option<&str>),
    ) -> Result<()> {
        let id = self.knowhow_id(number)?;
        if self.conn().execute(sql, params![id, username])? == 0 {
            return Ok(());
        }
        self.record("knowhow", number, "update", Some("granted"), old, new)
    }

    /// Records a leak of know-how (of entry `entry`, if known) that happened `at`.
    pub fn add_knowhow_incident(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        entry: Option<&str>,
        description: &str,
    ) -> Result<i64> {
        let _event = self.event_at(at);
        crate::domain::capa::required_text(
            crate::field_id::FieldId::named("description"),
            description,
        )?;
        // What has not happened yet cannot have leaked.
        if from_store(self.at()).is_some_and(|now| at > now) {
            return Err(Error::Invalid {
                field: crate::field_id::FieldId::named("at"),
                value: crate::domain::time::local(at, self.tz()),
                rule: "rule.not_future",
            });
        }
        if let Some(n) = entry {
            self.knowhow_id(n)?;
        }
        self.conn().execute(
            "INSERT INTO knowhow_incidents (occurred_at, entry, description, recorded_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![crate::domain::time::to_store(at), entry, description.trim(), self.actor(), self.at()],
        )?;
        let id = self.conn().last_insert_rowid();
        let record = serde_json::json!({ "entry": entry, "description": description.trim() });
        self.record_insert("knowhow_incident", &id.to_string(), &record)?;
        Ok(id)
    }

    fn knowhow_id(&self, number: &str) -> Result<i64> {
        self.conn()
            .query_row("SELECT id FROM knowhow WHERE number = ?1", [number], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| not_found(number))
    }

    fn store_entry(&self, number: &str) -> Result<KnowHowEntry> {
        entry(self.conn(), number)
    }
}

fn entry(conn: &rusqlite::Connection, number: &str) -> Result<KnowHowEntry> {
    let (id, know_how) = conn
        .query_row(
            &format!(
                "SELECT id, {} FROM knowhow WHERE number = ?1",
                records::columns::<KnowHow>("")
            ),
            [number],
            |r| Ok((r.get::<_, i64>(0)?, records::read::<KnowHow>(r)?)),
        )
        .optional()?
        .ok_or_else(|| not_found(number))?;
    let mut stmt = conn.prepare(
        "SELECT path, sha256, bytes FROM knowhow_attachments WHERE knowhow_id = ?1 ORDER BY id",
    )?;
    let attachments = stmt
        .query_map([id], |r| {
            Ok(Attachment {
                path: r.get(0)?,
                sha256: r.get(1)?,
                bytes: r.get::<_, i64>(2)?.max(0) as u64,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn
        .prepare("SELECT username FROM knowhow_grants WHERE knowhow_id = ?1 ORDER BY username")?;
    let granted = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(KnowHowEntry {
        number: number.to_string(),
        know_how,
        attachments,
        granted,
    })
}

impl Store {
    /// Every entry (of one customer, or all), newest first, without any content.
    pub fn list_knowhow(&self, customer: Option<&str>) -> Result<Vec<KnowHowEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT number FROM knowhow WHERE ?1 IS NULL OR customer = ?1 ORDER BY id DESC",
        )?;
        let numbers: Vec<String> = stmt
            .query_map([customer], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        numbers
            .iter()
            .map(|n| {
                let mut e = entry(self.conn(), n)?;
                e.know_how.content = None;
                Ok(e)
            })
            .collect()
    }

    /// How many know-how leaks happened in `period`.
    pub fn knowhow_leaks(&self, period: crate::domain::period::Period) -> Result<usize> {
        let (from, to) = period.range(self.tz());
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM knowhow_incidents WHERE occurred_at >= ?1 AND occurred_at < ?2",
            params![
                crate::domain::time::to_store(from),
                crate::domain::time::to_store(to)
            ],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }

    /// The access log (of one entry, or all), oldest first.
    pub fn knowhow_access(&self, number: Option<&str>) -> Result<Vec<Access>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, number, outcome FROM knowhow_access
             WHERE ?1 IS NULL OR number = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([number], |r| {
            Ok(Access {
                at: r.get(0)?,
                actor: r.get(1)?,
                number: r.get(2)?,
                outcome: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
