//! Where kefu keeps its files, and the settings a run starts from.

use crate::field_id::FieldId;
use std::path::PathBuf;

use directories::ProjectDirs;

pub mod care;
pub mod holidays;
pub mod keymap;
pub mod kpi;
pub mod policy;
pub mod settings;
pub mod survey;
pub mod theme;
pub mod warning;

/// The platform directories for kefu (None when no home directory can be found).
pub fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "kefu")
}

/// The default database: `<data dir>/kefu.db`.
pub fn default_db_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("kefu.db"))
}

/// The demo database, rebuilt by `kefu --demo`: `<data dir>/demo.db`.
pub fn demo_db_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("demo.db"))
}

/// Who is acting: the OS user, or `unknown`.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// `place` is a section (`sla.clocks.plan`) or a section and key (`sla.clocks.plan] hours`).
pub(crate) fn bad(
    file: &str,
    place: &str,
    value: &toml::Value,
    rule: &'static str,
) -> crate::error::Error {
    let place = if place.contains(']') {
        place.to_string()
    } else {
        format!("{place}]")
    };
    crate::error::Error::Invalid {
        field: FieldId::Place(format!("{file} [{place}")),
        value: value.to_string(),
        rule,
    }
}
