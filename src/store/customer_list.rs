//! The customer list: filtered, ordered and paged in SQL, so it stays quick at any size.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension};

use super::customers::{grade_of, CustomerRow};
use super::Store;
use crate::domain::customer::Grade;
use crate::error::Result;

/// Filters and the page for the customer list; everything runs in SQL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFilter {
    /// Only this grade.
    pub grade: Option<Grade>,
    /// Only this KAM.
    pub kam: Option<String>,
    /// Only customers whose code, name or short name contains this (any case).
    pub text: Option<String>,
    /// Only files nobody confirmed (or created) since this time (storage form): the
    /// quarterly data check.
    pub unconfirmed_since: Option<String>,
    /// Rows to skip (in list order).
    pub offset: usize,
    /// At most this many rows (None: all).
    pub limit: Option<usize>,
}

/// Customer id -> latest NPS score; ids are row ids, dense in practice, so mostly a vector.
#[derive(Default)]
struct LatestNps {
    dense: Vec<Option<u8>>,
    sparse: HashMap<i64, Option<u8>>,
}

impl LatestNps {
    /// Ids below this go in the vector (a hand-made id far above it would waste memory).
    const DENSE: i64 = 1 << 24;

    fn set(&mut self, id: i64, score: Option<u8>) {
        match usize::try_from(id) {
            Ok(i) if id < Self::DENSE => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, None);
                }
                self.dense[i] = score;
            }
            _ => {
                self.sparse.insert(id, score);
            }
        }
    }

    fn get(&self, id: i64) -> Option<u8> {
        match usize::try_from(id) {
            Ok(i) if id < Self::DENSE => self.dense.get(i).copied().flatten(),
            _ => self.sparse.get(&id).copied().flatten(),
        }
    }
}

/// Lists longer than this read every latest NPS score in one pass.
const LONG_LIST: usize = 2_000;

/// The WHERE clause of the customer list; `?1` grade, `?2` KAM, `?3` a LIKE pattern,
/// `?{since}` the data-check cut-off.
fn list_where(since: usize) -> String {
    format!(
        "(?1 IS NULL OR c.grade = ?1) AND (?2 IS NULL OR c.kam = ?2)
     AND (?3 IS NULL OR c.code LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\'
          OR c.short_name LIKE ?3 ESCAPE '\\')
     AND (?{since} IS NULL OR COALESCE(c.confirmed_at, c.created_at) <= ?{since})"
    )
}

/// `%text%` with LIKE's wildcards escaped; None when there is nothing to match.
pub(crate) fn like_pattern(text: Option<&str>) -> Option<String> {
    let t = text?.trim();
    if t.is_empty() {
        return None;
    }
    let mut p = String::from("%");
    for ch in t.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    Some(p)
}

impl Store {
    /// Customers sorted by grade then name, with open complaints and the latest NPS score,
    /// filtered and paged in SQL.
    pub fn list_customers(&self, filter: &CustomerFilter) -> Result<Vec<CustomerRow>> {
        let mut out = Vec::new();
        self.each_customer(filter, |r| {
            out.push(r);
            ControlFlow::Continue(())
        })?;
        Ok(out)
    }

    /// Calls `f` for each listed customer in order, without holding the whole list, until
    /// it says stop.
    pub fn each_customer(
        &self,
        filter: &CustomerFilter,
        mut f: impl FnMut(CustomerRow) -> ControlFlow<()>,
    ) -> Result<()> {
        // A page looks up each row's latest NPS answer (one index seek a row); a long list
        // reads every customer's latest answer in one pass over the index instead.
        let long = filter.limit.is_none_or(|l| l > LONG_LIST);
        let latest = if long {
            self.latest_nps()?
        } else {
            LatestNps::default()
        };
        let nps = if long {
            "NULL"
        } else {
            "(SELECT n.score FROM nps_responses n WHERE n.customer_id = p.id
               ORDER BY n.responded_at DESC, n.id DESC LIMIT 1)"
        };
        // The page is cut first; the open-complaint counts come from one grouped pass over
        // the (few) open complaints.
        let mut stmt = self.conn().prepare_cached(&format!(
            "WITH page AS (
               SELECT c.id, c.code, c.name, c.short_name, c.grade, c.kam, c.city FROM customers c
               WHERE {w}
               ORDER BY c.grade IS NULL, c.grade, c.name, c.code LIMIT ?4 OFFSET ?5),
             open AS (
               SELECT customer_id, COUNT(*) AS n FROM complaints
               WHERE step IN ({open}) GROUP BY customer_id)
             SELECT p.id, p.code, p.name, p.short_name, p.grade, p.kam, p.city,
                    COALESCE(o.n, 0) AS open_complaints, {nps} AS last_nps
             FROM page p LEFT JOIN open o ON o.customer_id = p.id",
            open = super::open_steps_sql(),
            w = list_where(6)
        ))?;
        let limit = filter
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        // Columns by name, looked up once per query rather than once per row.
        let [id, code, name, short_name, grade, kam, city, open, last] = [
            "id",
            "code",
            "name",
            "short_name",
            "grade",
            "kam",
            "city",
            "open_complaints",
            "last_nps",
        ]
        .map(|c| stmt.column_index(c));
        let [id, code, name, short_name, grade, kam, city, open, last] = [
            id?,
            code?,
            name?,
            short_name?,
            grade?,
            kam?,
            city?,
            open?,
            last?,
        ];
        let mut rows = stmt.query(params![
            filter.grade.map(Grade::as_str),
            filter.kam,
            like_pattern(filter.text.as_deref()),
            limit,
            offset,
            filter.unconfirmed_since
        ])?;
        while let Some(r) = rows.next()? {
            let last_nps = match r.get::<_, Option<i64>>(last)? {
                Some(s) => u8::try_from(s).ok(),
                None => latest.get(r.get(id)?),
            };
            let row = f(CustomerRow {
                code: r.get(code)?,
                name: r.get(name)?,
                short_name: r.get(short_name)?,
                grade: grade_of(r.get(grade)?),
                kam: r.get(kam)?,
                city: r.get(city)?,
                open_complaints: r.get(open)?,
                last_nps,
            });
            if row.is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Every customer's latest NPS score (the last answer wins a tie on time by id).
    fn latest_nps(&self) -> Result<LatestNps> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, score FROM nps_responses ORDER BY customer_id, responded_at, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = LatestNps::default();
        while let Some(r) = rows.next()? {
            out.set(r.get(0)?, u8::try_from(r.get::<_, i64>(1)?).ok());
        }
        Ok(out)
    }

    /// Where the customer `code` is in the filtered list (None when not listed).
    pub fn customer_position(&self, filter: &CustomerFilter, code: &str) -> Result<Option<usize>> {
        let n: Option<i64> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT (SELECT COUNT(*) FROM customers c WHERE {w}
                   AND ((c.grade IS NULL) < (w.grade IS NULL)
                     OR ((c.grade IS NULL) = (w.grade IS NULL)
                       AND (COALESCE(c.grade, '') < COALESCE(w.grade, '')
                         OR (COALESCE(c.grade, '') = COALESCE(w.grade, '')
                           AND (c.name < w.name OR (c.name = w.name AND c.code < w.code)))))))
                 FROM customers w WHERE w.code = ?4 AND EXISTS
                   (SELECT 1 FROM customers c WHERE c.id = w.id AND {w})",
                w = list_where(5)
            ))?
            .query_row(
                params![
                    filter.grade.map(Grade::as_str),
                    filter.kam,
                    like_pattern(filter.text.as_deref()),
                    code,
                    filter.unconfirmed_since
                ],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.and_then(|n| usize::try_from(n).ok()))
    }

    /// How many customers the filter lets through (its offset and limit ignored).
    pub fn count_customers(&self, filter: &CustomerFilter) -> Result<usize> {
        let n: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM customers c WHERE {w}",
                w = list_where(4)
            ))?
            .query_row(
                params![
                    filter.grade.map(Grade::as_str),
                    filter.kam,
                    like_pattern(filter.text.as_deref()),
                    filter.unconfirmed_since
                ],
                |r| r.get(0),
            )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
