//! The only code that speaks SQL: opening, migrating, and one module per aggregate.

pub mod audit;
pub mod campaigns;
pub mod capa;
pub mod care;
pub mod complaint_stats;
pub mod complaint_types;
pub mod complaints;
pub mod customer_extras;
pub mod customer_facts;
pub mod customer_import;
pub mod customer_list;
pub mod customers;
pub mod grading;
pub mod history;
pub mod improvement;
pub mod inquiries;
pub mod knowhow;
pub mod leads;
pub mod meetings;
pub mod metrics;
pub mod nps_record;
pub(crate) mod numbers;
pub mod open;
pub mod permissions;
pub(crate) mod records;
pub mod returns;
pub mod schema;
pub mod search;
pub mod staff;
pub mod suggestions;
pub mod survey_answers;
pub mod survey_plans;
pub mod surveys;
pub mod team_settings;
pub mod undo;
pub mod workflow;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::domain::complaint::Step;
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use open::{Access, Found};

/// An open kefu database, with who is acting and what time it is.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    now: DateTime<Utc>,
    tz: Tz,
    read_only: bool,
}

/// A write transaction that knows who writes and when, for the history.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    actor: &'c str,
    at: String,
    tz: Tz,
    /// The history's last row id and hash, once read (the chain's head in this write).
    head: std::cell::RefCell<Option<(i64, String)>>,
    /// When what is being recorded happened (`--at`), beside the time of the write.
    event: std::cell::RefCell<Option<String>>,
}

/// While it lives, history rows record its event time; then the one before comes back.
pub(crate) struct EventTime<'t, 'c> {
    tx: &'t Tx<'c>,
    before: Option<String>,
}

impl Drop for EventTime<'_, '_> {
    fn drop(&mut self) {
        self.tx.event.replace(self.before.take());
    }
}

impl Store {
    /// Opens an existing kefu database to read and write, bringing it up to date first.
    ///
    /// A missing file, a file that is not kefu's and a database written by a newer kefu
    /// are refused before anything is written.
    pub fn open(path: &Path, actor: &str, now: DateTime<Utc>, tz: Tz) -> Result<Store> {
        Self::open_for(path, Access::Write, actor, now, tz)
    }

    /// Makes a new database at `path` (a sandbox if asked), or opens the one there.
    pub fn create(
        path: &Path,
        sandbox: bool,
        actor: &str,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Store> {
        Self::open_for(path, Access::Create { sandbox }, actor, now, tz)
    }

    /// Opens the database at `path` for what a command needs of it.
    pub fn open_for(
        path: &Path,
        access: Access,
        actor: &str,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Store> {
        let found = open::probe(path)?;
        let store = |conn, read_only| Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            now,
            tz,
            read_only,
        };
        match (found, access) {
            (Found::Missing, Access::Create { sandbox }) => {
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                if dir.is_some_and(|d| !d.is_dir()) {
                    return Err(Error::CannotOpen {
                        path: path.to_path_buf(),
                        reason: "its directory does not exist".into(),
                    });
                }
                open::make_file(path)?;
                let made = open::read_write(path).and_then(|conn| {
                    let mut s = store(conn, false);
                    s.prepare_write()?;
                    if sandbox {
                        s.mark_sandbox()?;
                    }
                    Ok(s)
                });
                if made.is_err() {
                    // Half made is worse than not made: the next init starts clean.
                    for p in [open::sibling(path, "-wal"), open::sibling(path, "-shm")] {
                        let _ = std::fs::remove_file(p);
                    }
                    let _ = std::fs::remove_file(path);
                }
                made
            }
            (Found::Missing, Access::Read | Access::Write) => Err(Error::NoDatabase {
                path: path.to_path_buf(),
            }),
            (Found::Kefu { version, .. }, Access::Read) if version == schema::LATEST => {
                let s = store(open::read_only(path)?, true);
                s.conn.busy_timeout(std::time::Duration::from_secs(5))?;
                Ok(s)
            }
            // An older schema is brought forward once, by whoever may write the file.
            (Found::Kefu { .. }, Access::Read | Access::Write | Access::Create { .. }) => {
                if !open::writable(path) {
                    return Err(Error::ReadOnly {
                        path: path.to_path_buf(),
                    });
                }
                let mut s = store(open::read_write(path)?, false);
                s.prepare_write()?;
                if access == (Access::Create { sandbox: true }) && !s.is_sandbox()? {
                    return Err(Error::SandboxOnly {
                        what: "init --sandbox".into(),
                    });
                }
                Ok(s)
            }
        }
    }

    /// A private in-memory sandbox database, for tests and previews.
    pub fn open_in_memory(actor: &str, now: DateTime<Utc>, tz: Tz) -> Result<Store> {
        let mut s = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            actor: actor.to_string(),
            now,
            tz,
            read_only: false,
        };
        s.prepare_write()?;
        s.mark_sandbox()?;
        Ok(s)
    }

    /// Settings of a connection that writes, then the schema brought up to date.
    fn prepare_write(&mut self) -> Result<()> {
        let path = self.path.clone();
        let classify = |e| classify_open_error(&path, e);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(classify)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(classify)?;
        if path.as_os_str() != ":memory:" {
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(classify)?;
        }
        self.migrate().map_err(|e| match e {
            Error::Db(e) => classify_open_error(&path, e),
            other => other,
        })
    }

    /// Whether this is a sandbox database (demo, tests, training), where `--now` and
    /// `--user` may set the time and the person of a write, and wiping is allowed.
    pub fn is_sandbox(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'sandbox'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .is_some_and(|v| v == "1"))
    }

    fn mark_sandbox(&self) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('sandbox', '1')",
            [],
        )?;
        Ok(())
    }

    /// Whether this store was opened to read only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Applies every pending migration in one transaction.
    fn migrate(&mut self) -> Result<()> {
        migrate(&mut self.conn, &self.path, schema::MIGRATIONS, |conn| {
            // kefu's mark, so a file that is not kefu's is never mistaken for one
            // (set once: writing it again would look like a change to other readers).
            let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            if id != open::APPLICATION_ID {
                conn.pragma_update(None, "application_id", open::APPLICATION_ID)?;
            }
            audit::seal_history(conn)?;
            permissions::seed_permissions(conn)?;
            records::ensure_completeness_indexes(conn)
        })
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

    /// Whether the database holds no business records yet (the history, the staff list
    /// and the facts about the database itself aside).
    pub fn is_empty(&self) -> Result<bool> {
        for table in tables(&self.conn)? {
            if KEPT.contains(&table.as_str()) || table == "history" {
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
    ///
    /// An auditor reads everything (but L3) and writes nothing: refused before it starts.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        if self.role_of(&self.actor)? == Some(crate::domain::staff::Role::Auditor) {
            return Err(Error::Refused {
                number: self.actor.clone(),
                rule: "rule.auditor_reads_only",
            });
        }
        self.write_any(f)
    }

    /// A write whoever acts, auditors included: only for what kefu records about them
    /// (an opening of L3 know-how, or a refused one, in the access log).
    pub fn write_log<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_any(f)
    }

    fn write_any<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        // Said in words before SQLite's "attempt to write a readonly database".
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wrapped = Tx {
            tx,
            actor: &self.actor,
            at: to_store(self.now),
            tz: self.tz,
            head: std::cell::RefCell::new(None),
            event: std::cell::RefCell::new(None),
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

/// What a wipe keeps: what the database is (a sandbox), who works on it, and who may do what.
const KEPT: &[&str] = &["meta", "staff", "permissions"];

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

impl<'c> Tx<'c> {
    /// Runs `f` inside a savepoint: on an error what it wrote is undone and the
    /// transaction goes on (an import's rejected row), the history's chain head with it.
    pub fn savepoint<T>(&self, f: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let head = self.head.borrow().clone();
        self.tx.execute_batch("SAVEPOINT kefu_row")?;
        match f(self) {
            Ok(v) => {
                self.tx.execute_batch("RELEASE kefu_row")?;
                Ok(v)
            }
            Err(e) => {
                self.tx
                    .execute_batch("ROLLBACK TO kefu_row; RELEASE kefu_row")?;
                self.head.replace(head);
                Err(e)
            }
        }
    }

    /// Records `at` as the event time of the history rows written while the result lives.
    pub(crate) fn event_at<'t>(&'t self, at: DateTime<Utc>) -> EventTime<'t, 'c> {
        let before = self.event.replace(Some(to_store(at)));
        EventTime { tx: self, before }
    }

    /// Deletes every record, history included (for `demo --force`).
    pub fn clear_all(&self) -> Result<()> {
        // Checked at commit, when nothing is left to point at anything.
        self.conn()
            .pragma_update(None, "defer_foreign_keys", true)?;
        // The history is append-only; only a sandbox's wipe lifts the guard, and only
        // inside this transaction.
        self.conn().execute_batch(schema::HISTORY_GUARDS_OFF)?;
        self.conn().execute_batch(schema::ACCESS_LOG_GUARDS_OFF)?;
        for table in tables(self.conn())? {
            if KEPT.contains(&table.as_str()) {
                continue;
            }
            self.conn()
                .execute(&format!("DELETE FROM \"{table}\""), [])?;
        }
        self.head.replace(None);
        self.conn().execute_batch(schema::HISTORY_GUARDS)?;
        self.conn().execute_batch(schema::ACCESS_LOG_GUARDS)?;
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
