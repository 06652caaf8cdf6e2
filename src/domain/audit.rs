//! The tamper-evident history: each row carries a SHA-256 over the previous row's hash and
//! its own content, so changing, removing, adding or reordering any row breaks the chain
//! from there on. Pure: the store reads the rows, this judges them.

use sha2::{Digest, Sha256};

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change as the history keeps it: who changed what, when, from what to what.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Change {
    /// When (storage form, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// `customer`, `complaint`, ...
    pub entity: String,
    /// The record's code or number.
    pub entity_key: String,
    /// `insert`, `update`, `delete` or `step`.
    pub action: String,
    /// The field changed (updates and steps).
    pub field: Option<String>,
    /// The value before.
    pub old: Option<String>,
    /// The value after (an insert: the whole record as JSON).
    pub new: Option<String>,
    /// When it happened, if that was given (`--at`) and differs from the time of writing.
    pub event_at: Option<String>,
}

/// One history row as stored: the change the hash covers, and the hashes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// Row id.
    pub id: i64,
    /// What changed.
    pub change: Change,
    /// The previous row's hash, as stored.
    pub prev_hash: Option<String>,
    /// This row's hash, as stored.
    pub hash: Option<String>,
}

/// The hash of `row`'s content chained to `prev`. Each part is length-prefixed, so no
/// two different rows hash alike by moving text from one field to the next.
pub fn row_hash(prev: &str, row: &Row) -> String {
    let mut h = Sha256::new();
    let mut part = |p: Option<&str>| match p {
        None => h.update(b"-"),
        Some(s) => {
            h.update(s.len().to_string().as_bytes());
            h.update(b":");
            h.update(s.as_bytes());
        }
    };
    let c = &row.change;
    part(Some(prev));
    part(Some(&row.id.to_string()));
    part(Some(&c.at));
    part(Some(&c.actor));
    part(Some(&c.entity));
    part(Some(&c.entity_key));
    part(Some(&c.action));
    part(c.field.as_deref());
    part(c.old.as_deref());
    part(c.new.as_deref());
    // Added later: rows without one hash as they always did.
    if let Some(e) = c.event_at.as_deref() {
        part(Some(e));
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Break {
    /// The row id.
    pub id: i64,
    /// What is wrong: `link` (its previous hash is not the row before's: a row was
    /// removed, added or moved), `content` (its content does not give its hash).
    pub problem: &'static str,
}

/// The chain followed so far: the last hash and how many rows led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The hash of the last row taken (the head so far).
    pub head: String,
    /// Rows taken.
    pub rows: i64,
}

impl Default for Chain {
    fn default() -> Chain {
        Chain {
            head: GENESIS.to_string(),
            rows: 0,
        }
    }
}

impl Chain {
    /// Takes the next row (in id order), or says why it does not follow.
    pub fn take(&mut self, row: &Row) -> Result<(), Break> {
        if row.prev_hash.as_deref() != Some(self.head.as_str()) {
            return Err(Break {
                id: row.id,
                problem: "link",
            });
        }
        let want = row_hash(&self.head, row);
        if row.hash.as_deref() != Some(want.as_str()) {
            return Err(Break {
                id: row.id,
                problem: "content",
            });
        }
        self.head = want;
        self.rows += 1;
        Ok(())
    }
}

/// Follows the chain along `rows` (in id order); returns the head hash and row count, or
/// the first break.
pub fn walk(rows: impl IntoIterator<Item = Row>) -> Result<(String, i64), Break> {
    let mut chain = Chain::default();
    for row in rows {
        chain.take(&row)?;
    }
    Ok((chain.head, chain.rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Row> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|id| {
                let mut r = Row {
                    id,
                    change: Change {
                        at: "2026-11-23T02:00:00Z".into(),
                        actor: "li.na".into(),
                        entity: "customer".into(),
                        entity_key: format!("C{id:05}"),
                        action: "update".into(),
                        field: Some("city".into()),
                        old: None,
                        new: Some("苏州".into()),
                        event_at: None,
                    },
                    prev_hash: Some(prev.clone()),
                    hash: None,
                };
                prev = row_hash(&prev, &r);
                r.hash = Some(prev.clone());
                r
            })
            .collect()
    }

    #[test]
    fn an_untouched_chain_walks_to_its_head() {
        let rows = chain(5);
        let head = rows[4].hash.clone();
        assert_eq!(walk(rows), Ok((head.unwrap_or_default(), 5)));
        assert_eq!(walk(Vec::new()), Ok((GENESIS.to_string(), 0)));
    }

    #[test]
    fn every_kind_of_tampering_is_found_where_it_happened() {
        let mut changed = chain(5);
        changed[2].change.new = Some("上海".into());
        assert_eq!(
            walk(changed).unwrap_err(),
            Break {
                id: 3,
                problem: "content"
            }
        );
        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(
            walk(removed).unwrap_err(),
            Break {
                id: 3,
                problem: "link"
            }
        );
        let mut swapped = chain(5);
        swapped.swap(1, 2);
        assert_eq!(
            walk(swapped).unwrap_err(),
            Break {
                id: 3,
                problem: "link"
            }
        );
        // Moving text between fields changes the hash too.
        let mut moved = chain(2);
        moved[0].change.field = Some("cit".into());
        moved[0].change.new = Some("y苏州".into());
        assert!(walk(moved).is_err());
        // A row added at the end must link to the head and hash right.
        let mut added = chain(3);
        let mut extra = added[2].clone();
        extra.id = 4;
        extra.prev_hash = added[2].hash.clone();
        added.push(extra);
        assert_eq!(
            walk(added).unwrap_err(),
            Break {
                id: 4,
                problem: "content"
            }
        );
    }
}
