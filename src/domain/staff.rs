//! Staff and their roles.

use crate::vocabulary;

vocabulary!(
    /// What a member of staff does; managers approve, auditors only read.
    Role, "role" {
        Agent = "agent", Kam = "kam", Quality = "quality", Engineer = "engineer",
        Manager = "manager", GeneralManager = "general_manager", Auditor = "auditor",
        Admin = "admin",
    }
);

/// A member of staff.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Staff {
    /// Login name (matches `--user` / the OS user).
    pub username: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Supervisor's username.
    pub supervisor: Option<String>,
    /// Still at work here: a deactivated person can do nothing from the next command on.
    pub active: bool,
}
