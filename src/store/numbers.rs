//! Numbers and codes handed out in sequence (`KS-2026-00042`, `JY-2026-00001`, `C00017`).

use crate::error::Result;

/// The next number after the highest `PREFIX<digits>` in `table.column`: at least five
/// digits, and past 99999 it simply grows (text order would put `…100000` first).
///
/// The range condition lets SQLite walk the column's unique index over that prefix only.
pub(crate) fn next_number(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
    prefix: &str,
) -> Result<String> {
    let sql = format!(
        "SELECT MAX(CAST(substr({column}, ?2) AS INTEGER)) FROM {table}
         WHERE {column} >= ?1 || '0' AND {column} <= ?1 || '9~'
           AND substr({column}, ?2) NOT GLOB '*[^0-9]*'"
    );
    let highest: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![prefix, prefix.len() as i64 + 1], |r| {
            r.get(0)
        })?;
    Ok(format!("{prefix}{:05}", highest.unwrap_or(0).max(0) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn(numbers: &[&str]) -> rusqlite::Connection {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (n TEXT NOT NULL UNIQUE)")
            .unwrap();
        for n in numbers {
            c.execute("INSERT INTO t (n) VALUES (?1)", [n]).unwrap();
        }
        c
    }

    #[test]
    fn numbers_grow_past_five_digits() {
        let next = |c: &rusqlite::Connection| next_number(c, "t", "n", "KS-2026-").unwrap();
        assert_eq!(next(&conn(&[])), "KS-2026-00001");
        let c = conn(&[
            "KS-2026-00041",
            "KS-2026-00007",
            "KS-2025-99999",
            "KS-2026-x",
        ]);
        assert_eq!(next(&c), "KS-2026-00042");
        let c = conn(&["KS-2026-99998", "KS-2026-99999"]);
        assert_eq!(next(&c), "KS-2026-100000");
        c.execute("INSERT INTO t (n) VALUES ('KS-2026-100000')", [])
            .unwrap();
        assert_eq!(next(&c), "KS-2026-100001", "not …100000 again");
        c.execute("INSERT INTO t (n) VALUES ('KS-2026-1000000')", [])
            .unwrap();
        assert_eq!(next(&c), "KS-2026-1000001");
    }
}
