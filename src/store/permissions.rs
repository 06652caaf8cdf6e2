//! The permission table: which roles hold which permission, seeded with the seeds'
//! defaults and changed only by those who hold `manage_permissions`, with history.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Store, Tx};
use crate::domain::permission::Permission;
use crate::domain::staff::Role;
use crate::error::{Error, Result};
use crate::field_id::FieldId;

/// Gives each permission its default holders the first time this database sees it (so
/// one added in a later kefu gets its defaults, and one emptied by an admin stays empty).
pub(crate) fn seed_permissions(conn: &Connection) -> Result<()> {
    for p in Permission::ALL.iter().copied() {
        let key = format!("permission_seeded:{}", p.as_str());
        let seeded: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        if seeded.is_some() {
            continue;
        }
        for role in p.default_holders() {
            conn.execute(
                "INSERT OR IGNORE INTO permissions (permission, role) VALUES (?1, ?2)",
                params![p.as_str(), role.as_str()],
            )?;
        }
        conn.execute("INSERT INTO meta (key, value) VALUES (?1, '1')", [&key])?;
    }
    Ok(())
}

fn holders(conn: &Connection, p: Permission) -> Result<Vec<Role>> {
    let mut stmt =
        conn.prepare_cached("SELECT role FROM permissions WHERE permission = ?1 ORDER BY role")?;
    let rows = stmt.query_map([p.as_str()], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for code in rows {
        // A hand-written role kefu does not know holds nothing.
        if let Ok(role) = Role::parse(FieldId::named("role"), &code?) {
            out.push(role);
        }
    }
    // In the roles' own order (agent ... admin), not the codes' alphabetical one.
    out.sort();
    Ok(out)
}

impl Store {
    /// The roles that hold `p` in this database.
    pub fn holders(&self, p: Permission) -> Result<Vec<Role>> {
        holders(self.conn(), p)
    }

    /// Refuses unless `username` holds `p` (naming the permission and its holders).
    pub fn require(&self, username: &str, p: Permission) -> Result<()> {
        crate::domain::permission::check(p, self.role_of(username)?, &self.holders(p)?)
    }
}

impl Tx<'_> {
    /// The roles that hold `p` in this database.
    pub fn holders(&self, p: Permission) -> Result<Vec<Role>> {
        holders(self.conn(), p)
    }

    /// Refuses unless `username` holds `p`.
    pub fn require(&self, username: &str, p: Permission) -> Result<()> {
        crate::domain::permission::check(p, self.role_of(username)?, &self.holders(p)?)
    }

    /// Gives `role` permission `p` (nothing if it has it).
    pub fn grant(&self, p: Permission, role: Role) -> Result<()> {
        let added = self.conn().execute(
            "INSERT OR IGNORE INTO permissions (permission, role) VALUES (?1, ?2)",
            params![p.as_str(), role.as_str()],
        )?;
        if added == 0 {
            return Ok(());
        }
        self.record(
            "permission",
            p.as_str(),
            "update",
            Some(role.as_str()),
            None,
            Some("granted"),
        )
    }

    /// Takes permission `p` from `role`; the last holder of `manage_permissions` keeps it,
    /// or nobody could ever change the table again.
    pub fn revoke(&self, p: Permission, role: Role) -> Result<()> {
        let holders = self.holders(p)?;
        if !holders.contains(&role) {
            return Ok(());
        }
        if p == Permission::ManagePermissions && holders.len() == 1 {
            return Err(Error::Refused {
                number: p.as_str().to_string(),
                rule: "rule.keep_one_holder",
            });
        }
        self.conn().execute(
            "DELETE FROM permissions WHERE permission = ?1 AND role = ?2",
            params![p.as_str(), role.as_str()],
        )?;
        self.record(
            "permission",
            p.as_str(),
            "update",
            Some(role.as_str()),
            Some("granted"),
            None,
        )
    }
}
