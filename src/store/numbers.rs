//! Numbers and codes handed out in sequence (`KS-2026-00042`, `JY-2026-00001`, `C00017`).
//!
//! A counter per table and prefix makes the next number one indexed look-up however many
//! records there are; it starts from the highest number already stored, and if a number
//! was stored past it another way (an import, a hand edit) it catches up instead of
//! colliding.

use rusqlite::OptionalExtension;

use crate::error::Result;

/// The highest `PREFIX<digits>` in `table.column`, by value (text order would put
/// `…100000` before `…99999`); a scan of that prefix's range of the unique index.
fn highest(conn: &rusqlite::Connection, table: &str, column: &str, prefix: &str) -> Result<i64> {
    let sql = format!(
        "SELECT MAX(CAST(substr({column}, ?2) AS INTEGER)) FROM {table}
         WHERE {column} >= ?1 || '0' AND {column} <= ?1 || '9~'
           AND substr({column}, ?2) NOT GLOB '*[^0-9]*'"
    );
    let n: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![prefix, prefix.len() as i64 + 1], |r| {
            r.get(0)
        })?;
    Ok(n.unwrap_or(0).max(0))
}

fn format(prefix: &str, n: i64) -> String {
    format!("{prefix}{n:05}")
}

/// The next number of `table.column` with `prefix`: at least five digits, and past 99999
/// it simply grows. Call it inside the write that stores the number.
pub(crate) fn next_number(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
    prefix: &str,
) -> Result<String> {
    let name = format!("{table}:{prefix}");
    let counted: Option<i64> = conn
        .prepare_cached("SELECT last FROM sequences WHERE name = ?1")?
        .query_row([&name], |r| r.get(0))
        .optional()?;
    let mut last = match counted {
        Some(n) => n,
        None => highest(conn, table, column, prefix)?,
    };
    let taken = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ?1)");
    while conn
        .prepare_cached(&taken)?
        .query_row([format(prefix, last + 1)], |r| r.get::<_, bool>(0))?
    {
        last = highest(conn, table, column, prefix)?.max(last + 1);
    }
    conn.prepare_cached(
        "INSERT INTO sequences (name, last) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET last = excluded.last",
    )?
    .execute(rusqlite::params![name, last + 1])?;
    Ok(format(prefix, last + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn(numbers: &[&str]) -> rusqlite::Connection {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (n TEXT NOT NULL UNIQUE);
             CREATE TABLE sequences (name TEXT PRIMARY KEY, last INTEGER NOT NULL);",
        )
        .unwrap();
        for n in numbers {
            add(&c, n);
        }
        c
    }

    fn add(c: &rusqlite::Connection, n: &str) {
        c.execute("INSERT INTO t (n) VALUES (?1)", [n]).unwrap();
    }

    /// Hands out the next number and stores it, as a write would.
    fn take(c: &rusqlite::Connection) -> String {
        let n = next_number(c, "t", "n", "KS-2026-").unwrap();
        add(c, &n);
        n
    }

    #[test]
    fn numbers_start_from_what_is_stored_and_grow_past_five_digits() {
        assert_eq!(take(&conn(&[])), "KS-2026-00001");
        let c = conn(&[
            "KS-2026-00041",
            "KS-2026-00007",
            "KS-2025-99999",
            "KS-2026-x",
        ]);
        assert_eq!(take(&c), "KS-2026-00042");
        assert_eq!(take(&c), "KS-2026-00043");
        let c = conn(&["KS-2026-99998", "KS-2026-99999"]);
        assert_eq!(take(&c), "KS-2026-100000");
        assert_eq!(take(&c), "KS-2026-100001", "not …100000 again");
        // A far number stored another way does not move the counter: no collision either.
        add(&c, "KS-2026-1000000");
        assert_eq!(take(&c), "KS-2026-100002");
    }

    #[test]
    fn a_number_stored_another_way_is_stepped_over() {
        let c = conn(&[]);
        assert_eq!(take(&c), "KS-2026-00001");
        add(&c, "KS-2026-00002");
        add(&c, "KS-2026-00003");
        assert_eq!(take(&c), "KS-2026-00004");
    }
}
