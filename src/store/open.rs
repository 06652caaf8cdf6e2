//! Opening the database file: only kefu's own, and only as much as the command needs.
//! A read takes no lock and writes nothing; a file that is not kefu's is left untouched.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::schema;
use crate::error::{Error, Result};

/// What a command needs of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only: opened read-only, nothing written, no lock taken.
    Read,
    /// Reads and writes an existing kefu database (brought up to date first).
    Write,
    /// `kefu init`: makes the database when there is none (a sandbox if asked).
    Create {
        /// Mark a new database as a sandbox (demo, tests, training).
        sandbox: bool,
    },
}

/// kefu's mark in the SQLite header (`PRAGMA application_id`): the bytes "kefu".
pub const APPLICATION_ID: i32 = 0x6b65_6675;

/// What is at a path, found without changing anything there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file.
    Missing,
    /// A kefu database at this schema version; `marked` once it carries [`APPLICATION_ID`]
    /// (databases made before the mark are recognised by their tables).
    Kefu { version: i64, marked: bool },
}

/// Looks at the file at `path` without writing, locking or leaving files beside it.
pub(crate) fn probe(path: &Path) -> Result<Found> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(cannot(path, e.to_string())),
    };
    if meta.is_dir() {
        return Err(cannot(path, "is a directory".into()));
    }
    let not_kefu = || Error::NotADatabase {
        path: path.to_path_buf(),
    };
    // A database in use keeps its newest pages in the write-ahead log beside it: read
    // through it then (its -wal and -shm are there already). Otherwise read the file
    // immutable: no lock, no -wal or -shm made, nothing written.
    let in_use = sibling(path, "-wal").exists();
    if meta.len() == 0 && !in_use {
        return Err(not_kefu());
    }
    let params = if in_use {
        "mode=ro"
    } else {
        "mode=ro&immutable=1"
    };
    let conn = Connection::open_with_flags(
        uri(path, params),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| cannot(path, e.to_string()))?;
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let (Ok(app), Ok(version)) = (read("PRAGMA application_id"), read("PRAGMA user_version"))
    else {
        return Err(not_kefu());
    };
    let ours = app == i64::from(APPLICATION_ID);
    // Before the mark: kefu's own tables, and a schema version it wrote.
    let unmarked_kefu = app == 0
        && version >= 1
        && read(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('staff', 'customers', 'complaints', 'history')",
        )
        .is_ok_and(|n| n == 4);
    if !ours && !unmarked_kefu {
        return Err(not_kefu());
    }
    if version > schema::LATEST {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: schema::LATEST,
        });
    }
    Ok(Found::Kefu {
        version,
        marked: ours,
    })
}

/// Whether this process may write the file (opening it to write changes nothing).
pub(crate) fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// A connection that can only read. When the file (or its directory) is not ours to
/// write and no write-ahead log is waiting, it is opened immutable so that no `-shm` or
/// `-wal` file is left behind to lock its owner out.
pub(crate) fn read_only(path: &Path) -> Result<Connection> {
    let dir_writable = path
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .is_some_and(tempfile_allowed);
    let wal_waiting = sibling(path, "-wal").exists();
    let params = if (writable(path) && dir_writable) || wal_waiting {
        "mode=ro"
    } else {
        "mode=ro&immutable=1"
    };
    let conn = Connection::open_with_flags(
        uri(path, params),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| cannot(path, e.to_string()))?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// A connection that reads and writes an existing file (never creates one).
pub(crate) fn read_write(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|e| cannot(path, e.to_string()))
}

/// Makes a new, empty file at `path` (never one that is there already), for `init`.
pub(crate) fn make_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
        .map_err(|e| cannot(path, e.to_string()))
}

/// Whether a file may be made in `dir` (the permission bits say little for root or ACLs):
/// makes and removes an empty file named for this process.
fn tempfile_allowed(dir: &Path) -> bool {
    let probe = dir.join(format!(".kefu-probe-{}", std::process::id()));
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if made {
        let _ = std::fs::remove_file(&probe);
    }
    made
}

/// `path` with `-wal` or `-shm` appended.
pub(crate) fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

/// A `file:` URI for `path` with query `params`; characters a URI reserves are escaped.
fn uri(path: &Path, params: &str) -> String {
    let mut out = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    format!("{out}?{params}")
}

fn cannot(path: &Path, reason: String) -> Error {
    Error::CannotOpen {
        path: path.to_path_buf(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_escapes_what_a_uri_reserves_and_keeps_chinese_names() {
        assert_eq!(
            uri(Path::new("/tmp/a?b#c%d/客诉.db"), "mode=ro"),
            "file:/tmp/a%3Fb%23c%25d/客诉.db?mode=ro"
        );
    }
}
