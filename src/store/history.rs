//! The change history: who changed what, when, from what to what.

use rusqlite::params;
use serde::Serialize;

use super::{Store, Tx};
use crate::error::Result;

pub use crate::domain::audit::Change;

impl Tx<'_> {
    /// Records one change.
    pub fn record(
        &self,
        entity: &str,
        key: &str,
        action: &str,
        field: Option<&str>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        let (last, prev) = match self.head.borrow().clone() {
            Some(h) => h,
            None => super::audit::head(self.conn())?,
        };
        let row = crate::domain::audit::Row {
            id: last + 1,
            change: Change {
                at: self.at().to_string(),
                actor: self.actor().to_string(),
                entity: entity.to_string(),
                entity_key: key.to_string(),
                action: action.to_string(),
                field: field.map(str::to_string),
                old: old.map(str::to_string),
                new: new.map(str::to_string),
                event_at: self.event.borrow().clone(),
            },
            prev_hash: Some(prev.clone()),
            hash: None,
        };
        let hash = crate::domain::audit::row_hash(&prev, &row);
        self.conn()
            .prepare_cached(
                "INSERT INTO history (id, at, actor, entity, entity_key, action, field, old, new,
                                      prev_hash, hash, event_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                row.id,
                row.change.at,
                row.change.actor,
                entity,
                key,
                action,
                field,
                old,
                new,
                prev,
                hash,
                row.change.event_at
            ])?;
        self.head.replace(Some((row.id, hash)));
        Ok(())
    }

    /// Records one history row per changed field of an update.
    pub fn record_changes(
        &self,
        entity: &str,
        key: &str,
        changes: &[crate::domain::fields::FieldChange],
    ) -> Result<()> {
        for c in changes {
            self.record(
                entity,
                key,
                "update",
                Some(c.field),
                c.old.as_deref(),
                c.new.as_deref(),
            )?;
        }
        Ok(())
    }

    /// Records an insert with the new record as JSON.
    pub fn record_insert<T: Serialize>(&self, entity: &str, key: &str, record: &T) -> Result<()> {
        let json = serde_json::to_string(record).unwrap_or_default();
        self.record(entity, key, "insert", None, None, Some(&json))
    }
}

impl Store {
    /// The history of one record, oldest first.
    pub fn history_of(&self, entity: &str, key: &str) -> Result<Vec<Change>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {} FROM history WHERE entity = ?1 AND entity_key = ?2 ORDER BY id",
            super::audit::COLUMNS
        ))?;
        let rows = stmt.query_map(params![entity, key], |r| {
            super::audit::read(r).map(|row| row.change)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The history of a customer's file, its contacts and its visits and calls, oldest first.
    pub fn customer_history(&self, code: &str) -> Result<Vec<Change>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {} FROM history WHERE entity IN ('customer', 'contact', 'care', 'nps') AND entity_key = ?1
             ORDER BY id",
            super::audit::COLUMNS
        ))?;
        let rows = stmt.query_map([code], |r| super::audit::read(r).map(|row| row.change))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many history rows exist (for tests and audits).
    pub fn history_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM history", [], |r| r.get(0))?)
    }
}
