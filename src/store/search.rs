//! Records found by number, code or name: the palette's and the jump's search.

use super::customer_list::like_pattern;
use super::Store;
use crate::error::Result;
use crate::kind::RecordKind;

/// A record a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its kind (complaint or customer).
    pub kind: RecordKind,
    /// Its number or code.
    pub key: String,
    /// What it is called: the complaint's customer and title, or the customer's name.
    pub label: String,
}

impl Store {
    /// Up to `limit` complaints and `limit` customers whose number, code, title or name
    /// contains `text` (any case); an exact number or code comes first.
    pub fn find_records(&self, text: &str, limit: usize) -> Result<Vec<Found>> {
        let Some(like) = like_pattern(Some(text)) else {
            return Ok(Vec::new());
        };
        let exact = text.trim();
        let mut out = Vec::new();
        for (kind, sql) in [
            (
                RecordKind::Complaint,
                "SELECT k.number, COALESCE(c.short_name, c.name) || ' · ' || k.title
                 FROM complaints k JOIN customers c ON c.id = k.customer_id
                 WHERE k.number LIKE ?1 ESCAPE '\\' OR k.title LIKE ?1 ESCAPE '\\'
                    OR c.name LIKE ?1 ESCAPE '\\' OR c.short_name LIKE ?1 ESCAPE '\\'
                 ORDER BY k.number = ?2 COLLATE NOCASE DESC, k.received_at DESC, k.id DESC
                 LIMIT ?3",
            ),
            (
                RecordKind::Customer,
                "SELECT c.code, c.name FROM customers c
                 WHERE c.code LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\'
                    OR c.short_name LIKE ?1 ESCAPE '\\'
                 ORDER BY c.code = ?2 COLLATE NOCASE DESC, c.code
                 LIMIT ?3",
            ),
        ] {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map(rusqlite::params![like, exact, limit as i64], |r| {
                Ok(Found {
                    kind,
                    key: r.get(0)?,
                    label: r.get(1)?,
                })
            })?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }
}
