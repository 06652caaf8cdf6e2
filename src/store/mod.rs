//! The only code that speaks SQL: opening, migrating, and one module per aggregate.

pub mod capa;
pub mod complaint_stats;
pub mod complaint_types;
pub mod complaints;
pub mod customer_list;
pub mod customers;
pub mod history;
pub mod metrics;
pub(crate) mod numbers;
pub(crate) mod records;
pub mod schema;
pub mod staff;
pub mod suggestions;
pub mod surveys;
pub mod workflow;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::domain::complaint::Step;
use crate::domain::time::to_store;
use crate::error::{Error, Result};

/// An open kefu database, with who is acting and what time it is.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    now: DateTime<Utc>,
    tz: Tz,
}

/// A write transaction that knows who writes and when, for the history.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    actor: &'c str,
    at: String,
    tz: Tz,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it forward.
    ///
    /// A database written by a newer kefu is refused before anything is written to it.
    pub fn open(path: &Path, actor: &str, now: DateTime<Utc>, tz: Tz) -> Result<Store> {
        let cannot = |reason: String| Error::CannotOpen {
            path: path.to_path_buf(),
            reason,
        };
        if path.is_dir() {
            return Err(cannot("is a directory".into()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| cannot(e.to_string()))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| cannot(e.to_string()))?;
        Self::prepare(conn, path.to_path_buf(), actor, now, tz)
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory(actor: &str, now: DateTime<Utc>, tz: Tz) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::prepare(conn, PathBuf::from(":memory:"), actor, now, tz)
    }

    fn prepare(
        conn: Connection,
        path: PathBuf,
        actor: &str,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Store> {
        let classify = |e| classify_open_error(&path, e);
        // Read-only first: a newer schema must leave the file byte-for-byte untouched.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(classify)?;
        if found > schema::LATEST {
            return Err(Error::SchemaTooNew {
                path: path.clone(),
                found,
                supported: schema::LATEST,
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(classify)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(classify)?;
        if path.as_os_str() != ":memory:" {
            let _mode: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(classify)?;
        }
        let mut store = Store {
            conn,
            path: path.clone(),
            actor: actor.to_string(),
            now,
            tz,
        };
        store.migrate().map_err(|e| match e {
            Error::Db(e) => classify_open_error(&path, e),
            other => other,
        })?;
        Ok(store)
    }

    /// Applies every pending migration in one transaction.
    fn migrate(&mut self) -> Result<()> {
        migrate(
            &mut self.conn,
            &self.path,
            schema::MIGRATIONS,
            records::ensure_completeness_indexes,
        )
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who is acting.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The store's notion of now.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Moves the store's clock (a long-running session).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// The time zone for local dates (numbering, periods).
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// SQLite's counter of commits made by other connections: it changes when another
    /// terminal writes, which is how the workbench notices (no busy loop, no triggers).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Whether the database holds no business records yet (the history aside).
    pub fn is_empty(&self) -> Result<bool> {
        for table in tables(&self.conn)? {
            if table == "history" {
                continue;
            }
            let any: bool = self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\")"),
                [],
                |r| r.get(0),
            )?;
            if any {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Runs `f` in one write transaction: all of it is stored, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wrapped = Tx {
            tx,
            actor: &self.actor,
            at: to_store(self.now),
            tz: self.tz,
        };
        let out = f(&wrapped)?;
        wrapped.tx.commit()?;
        Ok(out)
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Every table of the schema, from the database itself (so no list is kept by hand).
fn tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Brings the schema from its `user_version` to `migrations.len()`: all steps or none.
/// Runs the migrations not yet applied, then `derived` (indexes made from declarations),
/// in one transaction.
fn migrate(
    conn: &mut Connection,
    path: &Path,
    migrations: &[&str],
    derived: fn(&Connection) -> Result<()>,
) -> Result<()> {
    let latest = migrations.len() as i64;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            supported: latest,
        });
    }
    for sql in &migrations[current.max(0) as usize..] {
        tx.execute_batch(sql)?;
    }
    if current < latest {
        tx.pragma_update(None, "user_version", latest)?;
    }
    derived(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Turns a SQLite failure while opening into the error a user can act on.
fn classify_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            Error::CannotOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        }
        _ => Error::Db(e),
    }
}

impl Tx<'_> {
    /// Deletes every record, history included (for `demo --force`).
    pub fn clear_all(&self) -> Result<()> {
        // Checked at commit, when nothing is left to point at anything.
        self.conn()
            .pragma_update(None, "defer_foreign_keys", true)?;
        for table in tables(self.conn())? {
            self.conn()
                .execute(&format!("DELETE FROM \"{table}\""), [])?;
        }
        Ok(())
    }

    /// The transaction's connection.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Who writes.
    pub fn actor(&self) -> &str {
        self.actor
    }

    /// When the write happens, in storage form.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// The time zone for local dates.
    pub fn tz(&self) -> Tz {
        self.tz
    }
}

/// Reads an optional stored instant.
pub(crate) fn opt_time(s: Option<String>) -> Option<DateTime<Utc>> {
    s.as_deref().and_then(crate::domain::time::from_store)
}

/// `+` (which keeps SQLite off an index for the term it precedes) when `matching` rows are
/// much of `table`: reading most of a table in file order beats seeking row by row.
pub(crate) fn scan_if_most(conn: &Connection, table: &str, matching: i64) -> Result<&'static str> {
    let all: i64 = conn.query_row(
        &format!("SELECT COALESCE(MAX(rowid), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    Ok(if matching as f64 > 0.2 * all as f64 {
        "+"
    } else {
        ""
    })
}

/// The open steps as an SQL list (`'received', 'acknowledged', ...`): `step IN (...)` can
/// use the step index where `NOT IN (closed, rejected)` cannot.
pub(crate) fn open_steps_sql() -> String {
    Step::ALL
        .iter()
        .filter(|s| !s.is_terminal())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Column `i` as borrowed text (None for NULL or a non-text value): long lists read many
/// texts per row, and copying each would dominate.
pub(crate) fn text_at<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(r.get_ref(i)?.as_str_or_null().ok().flatten())
}

/// Column `i` as a stored instant, read without copying the text.
pub(crate) fn instant_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(text_at(r, i)?.and_then(crate::domain::time::from_store))
}

/// Reads a required stored instant (a malformed one reads as the epoch, never a panic).
pub(crate) fn time(s: &str) -> DateTime<Utc> {
    crate::domain::time::from_store(s).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_derived(_: &Connection) -> Result<()> {
        Ok(())
    }

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    }

    fn has_table(conn: &Connection, name: &str) -> bool {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [name],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn an_older_schema_moves_forward_step_by_step() {
        let mut conn = Connection::open_in_memory().unwrap();
        let steps = [
            "CREATE TABLE a (x)",
            "CREATE TABLE b (y)",
            "ALTER TABLE a ADD COLUMN z",
        ];
        migrate(&mut conn, Path::new("t"), &steps[..1], no_derived).unwrap();
        assert_eq!(version(&conn), 1);
        migrate(&mut conn, Path::new("t"), &steps, no_derived).unwrap();
        assert_eq!(version(&conn), 3);
        assert!(has_table(&conn, "b"));
        // Running again is a no-op.
        migrate(&mut conn, Path::new("t"), &steps, no_derived).unwrap();
        assert_eq!(version(&conn), 3);
    }

    #[test]
    fn a_failing_migration_leaves_the_old_schema_whole() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(
            &mut conn,
            Path::new("t"),
            &["CREATE TABLE a (x)"],
            no_derived,
        )
        .unwrap();
        let steps = [
            "CREATE TABLE a (x)",
            "CREATE TABLE b (y)",
            "THIS IS NOT SQL",
        ];
        assert!(migrate(&mut conn, Path::new("t"), &steps, no_derived).is_err());
        assert_eq!(version(&conn), 1);
        assert!(!has_table(&conn, "b"), "step 2 must roll back with step 3");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        let err = migrate(
            &mut conn,
            Path::new("t"),
            &["CREATE TABLE a (x)"],
            no_derived,
        )
        .unwrap_err();
        assert!(matches!(
            err,
            Error::SchemaTooNew {
                found: 7,
                supported: 1,
                ..
            }
        ));
    }
}
