//! Staff records.

use crate::field_id::FieldId;
use rusqlite::params;

use super::{Store, Tx};
use crate::domain::staff::{Role, Staff};
use crate::error::{Error, Result};

impl Tx<'_> {
    /// Adds a member of staff.
    pub fn add_staff(&self, s: &Staff) -> Result<()> {
        crate::domain::capa::required_text(FieldId::named("username"), &s.username)?;
        let exists: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)",
            [&s.username],
            |r| r.get(0),
        )?;
        if exists {
            return Err(Error::Duplicate {
                field: FieldId::named("username"),
                value: s.username.clone(),
            });
        }
        self.conn().execute(
            "INSERT INTO staff (username, name, role, supervisor) VALUES (?1, ?2, ?3, ?4)",
            params![s.username, s.name, s.role.as_str(), s.supervisor],
        )?;
        self.record_insert("staff", &s.username, s)
    }
}

impl Store {
    /// Every active member of staff, by username.
    pub fn list_staff(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn().prepare(
            "SELECT username, name, role, supervisor FROM staff WHERE active = 1 ORDER BY username",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Staff {
                username: r.get(0)?,
                name: r.get(1)?,
                role: Role::parse(FieldId::named("role"), &r.get::<_, String>(2)?)
                    .unwrap_or(Role::Agent),
                supervisor: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
