//! Reading the history's hash chain, sealing rows written before it, and checking that
//! each record still holds what its history last recorded.

use rusqlite::{Connection, OptionalExtension, Row};

use super::Store;
use crate::domain::audit::{row_hash, Break, Chain, Change, Row as HistoryRow, GENESIS};
use crate::error::Result;

/// The history's columns, in the order [`read`] takes them.
pub(crate) const COLUMNS: &str =
    "id, at, actor, entity, entity_key, action, field, old, new, prev_hash, hash, event_at";

/// One history row from a query over [`COLUMNS`].
pub(crate) fn read(r: &Row) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        id: r.get(0)?,
        change: Change {
            at: r.get(1)?,
            actor: r.get(2)?,
            entity: r.get(3)?,
            entity_key: r.get(4)?,
            action: r.get(5)?,
            field: r.get(6)?,
            old: r.get(7)?,
            new: r.get(8)?,
            event_at: r.get(11)?,
        },
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}

/// The last row's id and hash (0 and the genesis hash when there is none).
pub(crate) fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .optional()?
        .map_or((0, GENESIS.to_string()), |(id, h)| {
            (id, h.unwrap_or_else(|| GENESIS.to_string()))
        }))
}

/// Chains the rows written before the chain existed (in id order, after the last sealed
/// one). Runs inside the migration's transaction; the guard lets only unsealed rows be set.
pub(crate) fn seal_history(conn: &Connection) -> Result<()> {
    let last_sealed: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (from, mut prev) = last_sealed.unwrap_or((0, GENESIS.to_string()));
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM history WHERE id > ?1 AND hash IS NULL ORDER BY id"
    ))?;
    let rows: Vec<HistoryRow> = stmt
        .query_map([from], read)?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE history SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    for row in rows {
        let hash = row_hash(&prev, &row);
        update.execute(rusqlite::params![prev, hash, row.id])?;
        prev = hash;
    }
    Ok(())
}

/// One record whose stored value differs from what its history last recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changed {
    /// Kind of record (history's name).
    pub entity: String,
    /// Its key.
    pub key: String,
    /// The field (column).
    pub field: String,
    /// What the history last recorded (None: nothing, i.e. empty).
    pub recorded: Option<String>,
    /// What the record holds now.
    pub stored: Option<String>,
}

/// One audited field: its name in the history, its column, and the value a new record
/// starts with when its insert does not say (None: blank).
type Audited = (&'static str, &'static str, Option<&'static str>);

/// The records the check covers: history's name, table, key column, and the fields that
/// change only through recorded actions.
const AUDITED: &[(&str, &str, &str, &[Audited])] = &[
    (
        "customer",
        "customers",
        "code",
        &[
            ("name", "name", None),
            ("grade", "grade", None),
            ("kam", "kam", None),
        ],
    ),
    (
        "complaint",
        "complaints",
        "number",
        &[
            ("step", "step", Some("received")),
            ("severity", "severity", None),
            ("owner", "owner", None),
            ("report_at", "report_at", None),
        ],
    ),
    (
        "return",
        "returns",
        "id",
        &[
            ("approved_by", "approved_by", None),
            ("shipped_at", "shipped_at", None),
            ("quantity", "quantity", None),
            ("value", "replacement_value", None),
        ],
    ),
    (
        "survey_answer",
        "survey_answers",
        "id",
        &[
            ("score", "score", None),
            ("rating", "rating", None),
            ("answers", "answers", None),
        ],
    ),
    (
        "capa",
        "capas",
        "id",
        &[("verdict", "verdict", None), ("owner", "owner", None)],
    ),
    (
        "staff",
        "staff",
        "username",
        &[
            ("role", "role", None),
            ("active", "active", Some("1")),
            ("name", "name", None),
        ],
    ),
    (
        "suggestion",
        "suggestions",
        "number",
        &[
            ("status", "status", Some("open")),
            ("response", "response", None),
        ],
    ),
];

/// A stored value as text for comparison (numbers by value, so 4200.0 equals 4200).
fn text_of(v: rusqlite::types::ValueRef) -> Option<String> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(num(f)),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

fn num(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A JSON value of an insert as text for comparison.
fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::Bool(b) => Some(if *b { "1" } else { "0" }.into()),
        serde_json::Value::Number(n) => Some(n.as_f64().map_or(n.to_string(), num)),
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Numbers compare by value; everything else as text.
fn same(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            x == y || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(p), Ok(q)) if p == q)
        }
        (None, None) => true,
        _ => false,
    }
}

impl Store {
    /// Walks the whole history chain: its head hash and row count, or the first break.
    pub fn audit_chain(&self) -> Result<std::result::Result<(String, i64), Break>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM history ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        // Row by row: a million rows need not be in memory at once.
        let mut chain = Chain::default();
        while let Some(r) = rows.next()? {
            if let Err(b) = chain.take(&read(r)?) {
                return Ok(Err(b));
            }
        }
        Ok(Ok((chain.head, chain.rows)))
    }

    /// The first record (in history order) whose audited fields differ from what its
    /// history last recorded.
    pub fn audit_records(&self) -> Result<Option<Changed>> {
        for (entity, table, key_col, columns) in AUDITED {
            let mut hist = self.conn().prepare(
                "SELECT entity_key, action, field, new FROM history WHERE entity = ?1
                 ORDER BY entity_key, id",
            )?;
            let mut rows = hist.query([entity])?;
            let mut current: Option<(String, std::collections::HashMap<String, Option<String>>)> =
                None;
            let mut done = Vec::new();
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                let action: String = r.get(1)?;
                let field: Option<String> = r.get(2)?;
                let new: Option<String> = r.get(3)?;
                if current.as_ref().is_none_or(|(k, _)| *k != key) {
                    done.extend(current.take());
                    current = Some((key.clone(), Default::default()));
                }
                let Some((_, state)) = current.as_mut() else {
                    continue;
                };
                match (action.as_str(), field) {
                    ("insert", None) => {
                        let json: serde_json::Value = new
                            .as_deref()
                            .and_then(|t| serde_json::from_str(t).ok())
                            .unwrap_or_default();
                        if let Some(obj) = json.as_object() {
                            for (k, v) in obj {
                                state.insert(k.clone(), json_text(v));
                            }
                        }
                    }
                    (_, Some(f)) => {
                        state.insert(f, new);
                    }
                    (_, None) => {}
                }
                if done.len() >= 512 {
                    if let Some(c) = self.compare(table, key_col, columns, entity, &done)? {
                        return Ok(Some(c));
                    }
                    done.clear();
                }
            }
            done.extend(current.take());
            if let Some(c) = self.compare(table, key_col, columns, entity, &done)? {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    fn compare(
        &self,
        table: &str,
        key_col: &str,
        columns: &[Audited],
        entity: &str,
        recorded: &[(String, std::collections::HashMap<String, Option<String>>)],
    ) -> Result<Option<Changed>> {
        let names: Vec<&str> = columns.iter().map(|c| c.1).collect();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM {table} WHERE {key_col} = ?1",
            names.join(", ")
        ))?;
        for (key, state) in recorded {
            let stored: Option<Vec<Option<String>>> = stmt
                .query_row([key], |r| {
                    (0..columns.len())
                        .map(|i| r.get_ref(i).map(text_of))
                        .collect::<rusqlite::Result<_>>()
                })
                .optional()?;
            // A record the history names but the table lacks was removed behind kefu's back.
            let Some(stored) = stored else {
                return Ok(Some(Changed {
                    entity: entity.to_string(),
                    key: key.clone(),
                    field: key_col.to_string(),
                    recorded: Some(key.clone()),
                    stored: None,
                }));
            };
            for ((name, col, initial), now) in columns.iter().zip(stored) {
                let was = match state.get(*name) {
                    Some(v) => v.clone(),
                    None => initial.map(str::to_string),
                };
                if !same(&was, &now) {
                    return Ok(Some(Changed {
                        entity: entity.to_string(),
                        key: key.clone(),
                        field: col.to_string(),
                        recorded: was,
                        stored: now,
                    }));
                }
            }
        }
        Ok(None)
    }
}
