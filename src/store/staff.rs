//! Staff records: who may act, in which role, under whom.

use crate::field_id::FieldId;
use rusqlite::{params, OptionalExtension, Row};

use super::{Store, Tx};
use crate::domain::staff::{Role, Staff};
use crate::error::{Error, Result};
use crate::kind::RecordKind;

const COLUMNS: &str = "username, name, role, supervisor, active";

fn read(r: &Row) -> rusqlite::Result<Staff> {
    Ok(Staff {
        username: r.get(0)?,
        name: r.get(1)?,
        // The CHECK constraint keeps this a known role; a hand edit reads as an agent.
        role: Role::parse(FieldId::named("role"), &r.get::<_, String>(2)?).unwrap_or(Role::Agent),
        supervisor: r.get(3)?,
        active: r.get(4)?,
    })
}

impl Tx<'_> {
    /// Adds a member of staff; a supervisor must be active staff.
    pub fn add_staff(&self, s: &Staff) -> Result<()> {
        crate::domain::capa::required_text(FieldId::named("username"), &s.username)?;
        crate::domain::capa::required_text(FieldId::named("name"), &s.name)?;
        if self.staff_member(&s.username)?.is_some() {
            return Err(Error::Duplicate {
                field: FieldId::named("username"),
                value: s.username.clone(),
            });
        }
        if let Some(sup) = &s.supervisor {
            self.active_staff(FieldId::named("supervisor"), sup)?;
        }
        self.conn().execute(
            "INSERT INTO staff (username, name, role, supervisor, active) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.username, s.name, s.role.as_str(), s.supervisor, s.active],
        )?;
        self.record_insert("staff", &s.username, s)
    }

    /// Gives a member of staff another role.
    pub fn set_role(&self, username: &str, role: Role) -> Result<()> {
        let old = self.existing_staff(username)?;
        if old.role == role {
            return Ok(());
        }
        self.conn().execute(
            "UPDATE staff SET role = ?1 WHERE username = ?2",
            params![role.as_str(), username],
        )?;
        self.record(
            "staff",
            username,
            "update",
            Some("role"),
            Some(old.role.as_str()),
            Some(role.as_str()),
        )
    }

    /// Ends a member of staff's access from the next command on (the record stays).
    pub fn deactivate(&self, username: &str) -> Result<()> {
        let old = self.existing_staff(username)?;
        if !old.active {
            return Ok(());
        }
        self.conn().execute(
            "UPDATE staff SET active = 0 WHERE username = ?1",
            [username],
        )?;
        self.record(
            "staff",
            username,
            "update",
            Some("active"),
            Some("1"),
            Some("0"),
        )
    }

    /// The member of staff named, or "no such staff".
    fn existing_staff(&self, username: &str) -> Result<Staff> {
        self.staff_member(username)?.ok_or_else(|| Error::NotFound {
            kind: RecordKind::Staff,
            key: username.to_string(),
        })
    }

    /// The active member of staff a reference (`field`) names, or why it cannot be used.
    pub fn active_staff(&self, field: FieldId, username: &str) -> Result<Staff> {
        match self.staff_member(username)? {
            Some(s) if s.active => Ok(s),
            _ => Err(Error::Invalid {
                field,
                value: username.to_string(),
                rule: "rule.active_staff",
            }),
        }
    }

    /// A member of staff, active or not.
    fn staff_member(&self, username: &str) -> Result<Option<Staff>> {
        staff_member(self.conn(), username)
    }
}

fn staff_member(conn: &rusqlite::Connection, username: &str) -> Result<Option<Staff>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM staff WHERE username = ?1"),
            [username],
            read,
        )
        .optional()?)
}

impl Store {
    /// Every active member of staff (with `all`, the deactivated too), by username.
    pub fn list_staff_all(&self, all: bool) -> Result<Vec<Staff>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM staff WHERE active = 1 OR ?1 ORDER BY username"
        ))?;
        let rows = stmt.query_map([all], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every active member of staff, by username.
    pub fn list_staff(&self) -> Result<Vec<Staff>> {
        self.list_staff_all(false)
    }

    /// A member of staff, active or not.
    pub fn staff_member(&self, username: &str) -> Result<Option<Staff>> {
        staff_member(self.conn(), username)
    }

    /// The role of an active member of staff (None: not on the list, or deactivated).
    pub fn role_of(&self, username: &str) -> Result<Option<Role>> {
        Ok(self
            .staff_member(username)?
            .filter(|s| s.active)
            .map(|s| s.role))
    }

    /// How many active administrators there are.
    pub fn active_admins(&self) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM staff WHERE active = 1 AND role = ?1",
            [Role::Admin.as_str()],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }
}
