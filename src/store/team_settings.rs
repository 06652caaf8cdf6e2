//! The team's settings, kept in the database so that everyone sees the same clocks,
//! targets and threshold; changed by import, with history.

use rusqlite::OptionalExtension;

use super::{Store, Tx};
use crate::error::Result;

fn read(conn: &rusqlite::Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT toml FROM team_settings WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

impl Store {
    /// The team's settings as imported (None: the built-in ones).
    pub fn team_settings(&self) -> Result<Option<String>> {
        read(self.conn())
    }
}

impl Tx<'_> {
    /// Replaces the team's settings (already checked) and records old and new text.
    pub fn set_team_settings(&self, toml: &str) -> Result<bool> {
        let old = read(self.conn())?;
        if old.as_deref() == Some(toml) {
            return Ok(false);
        }
        self.conn().execute(
            "INSERT INTO team_settings (id, toml) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET toml = excluded.toml",
            [toml],
        )?;
        self.record(
            "settings",
            "team",
            "update",
            Some("toml"),
            old.as_deref(),
            Some(toml),
        )?;
        Ok(true)
    }
}
