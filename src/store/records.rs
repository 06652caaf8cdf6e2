//! SQL for declared records: columns, reads by column name, inserts and updates
//! generated from the one declaration in `domain/`.

use rusqlite::types::{ToSql, ValueRef};
use rusqlite::{OptionalExtension, Row};

use crate::domain::fields::{FieldKind, FieldSpec, Record};
use crate::error::Result;

/// The record's columns, comma-separated, optionally behind a table alias (`c.`).
pub(crate) fn columns<R: Record>(alias: &str) -> String {
    R::FIELDS
        .iter()
        .map(|f| format!("{alias}{}", f.column))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored value as the field's text (numbers as the declaration writes them).
fn text_of(spec: &FieldSpec, v: ValueRef) -> Option<String> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(match spec.kind {
            FieldKind::Money => format!("{f:.2}"),
            _ => f.to_string(),
        }),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// Reads a record from a row that selected its columns, by column name.
///
/// A stored value that no longer passes its declaration (hand-edited in the file) reads
/// as empty rather than failing the whole list.
pub(crate) fn read<R: Record>(row: &Row) -> rusqlite::Result<R> {
    let mut r = R::default();
    for f in R::FIELDS {
        let text = text_of(f, row.get_ref(f.column)?);
        if r.set(f.name, text.as_deref()).is_err() {
            let _ = r.set(f.name, None);
        }
    }
    Ok(r)
}

/// Over every row of `table`: how many of `fields` are filled in all, and how many rows
/// there are (the team's own list: when it is the declaration's, the index serves it).
pub(crate) fn filled_totals(
    conn: &rusqlite::Connection,
    table: &str,
    fields: &[&FieldSpec],
) -> Result<(usize, usize)> {
    let sum = sum_of(fields.iter().copied());
    let (filled, rows): (i64, i64) = conn.query_row(
        &format!("SELECT COALESCE(SUM({sum}), 0), COUNT(*) FROM {table}"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((filled.max(0) as usize, rows.max(0) as usize))
}

/// `(a IS NOT NULL) + (b IS NOT NULL) ...` over the fields that count towards completeness.
fn filled_sum(fields: &[FieldSpec]) -> String {
    sum_of(fields.iter().filter(|f| f.complete))
}

fn sum_of<'a>(fields: impl Iterator<Item = &'a FieldSpec>) -> String {
    let filled: Vec<String> = fields
        .map(|f| format!("({} IS NOT NULL)", f.column))
        .collect();
    if filled.is_empty() {
        "0".to_string()
    } else {
        filled.join(" + ")
    }
}

/// Keeps an index on each declared record's completeness sum, so summing it over 100,000
/// files reads a small index instead of every row (about 40 ms down to 5). The index is
/// made from the declaration: when the declaration changes, the index is made again.
pub(crate) fn ensure_completeness_indexes(conn: &rusqlite::Connection) -> Result<()> {
    for (table, fields) in crate::domain::RECORDS {
        if !fields.iter().any(|f| f.complete) {
            continue;
        }
        let name = format!("{table}_completeness");
        let want = format!("CREATE INDEX {name} ON {table} (({}))", filled_sum(fields));
        let have: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [&name],
                |r| r.get(0),
            )
            .optional()?;
        if have.as_deref() != Some(want.as_str()) {
            conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}; {want};"))?;
        }
    }
    Ok(())
}

/// The record's stored values, in declaration order.
fn values<R: Record>(r: &R) -> Vec<Option<String>> {
    R::FIELDS.iter().map(|f| r.get(f.name)).collect()
}

/// Inserts a record with extra columns (keys, timestamps); returns the new row id.
pub(crate) fn insert<R: Record>(
    conn: &rusqlite::Connection,
    r: &R,
    extra: &[(&str, &dyn ToSql)],
) -> Result<i64> {
    let vals = values(r);
    let mut names: Vec<&str> = extra.iter().map(|(c, _)| *c).collect();
    names.extend(R::FIELDS.iter().map(|f| f.column));
    let marks = (1..=names.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        R::TABLE,
        names.join(", ")
    );
    let mut params: Vec<&dyn ToSql> = extra.iter().map(|(_, v)| *v).collect();
    params.extend(vals.iter().map(|v| v as &dyn ToSql));
    conn.prepare_cached(&sql)?.execute(params.as_slice())?;
    Ok(conn.last_insert_rowid())
}

/// Writes a record's fields and extra columns to row `id`, if `version` still matches
/// (and bumps it); returns whether a row changed.
pub(crate) fn update<R: Record>(
    conn: &rusqlite::Connection,
    id: i64,
    version: Option<i64>,
    r: &R,
    extra: &[(&str, &dyn ToSql)],
) -> Result<bool> {
    let vals = values(r);
    let mut sets: Vec<String> = extra.iter().map(|(c, _)| c.to_string()).collect();
    sets.extend(R::FIELDS.iter().map(|f| f.column.to_string()));
    let assigns = sets
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let n = sets.len();
    let (bump, guard) = match version {
        Some(_) => (
            ", version = version + 1",
            format!(" AND version = ?{}", n + 2),
        ),
        None => ("", String::new()),
    };
    let sql = format!(
        "UPDATE {} SET {assigns}{bump} WHERE id = ?{}{guard}",
        R::TABLE,
        n + 1
    );
    let mut params: Vec<&dyn ToSql> = extra.iter().map(|(_, v)| *v).collect();
    params.extend(vals.iter().map(|v| v as &dyn ToSql));
    params.push(&id);
    if let Some(v) = &version {
        params.push(v);
    }
    Ok(conn.prepare_cached(&sql)?.execute(params.as_slice())? > 0)
}

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
