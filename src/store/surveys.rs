//! NPS responses.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, Tx};
use crate::domain::customer::Grade;
use crate::domain::nps::{check_answer, NpsTally};
use crate::domain::time::to_store;
use crate::error::Result;

impl Tx<'_> {
    /// Records one NPS answer; the customer's grade at that moment is kept with it.
    pub fn add_nps(
        &self,
        customer: &str,
        score: i64,
        at: DateTime<Utc>,
        comment: Option<&str>,
    ) -> Result<()> {
        let _event = self.event_at(at);
        let now = crate::domain::time::from_store(self.at()).unwrap_or(at);
        let score = check_answer(score, at, now, self.tz())?;
        let id = self.customer_id(customer)?;
        let at_s = to_store(at);
        self.conn()
            .prepare_cached(
                "INSERT INTO nps_responses (customer_id, grade, score, comment, responded_at)
                 SELECT id, grade, ?2, ?3, ?4 FROM customers WHERE id = ?1",
            )?
            .execute(params![id, score, comment, at_s])?;
        let record =
            serde_json::json!({ "score": score, "responded_at": at_s, "comment": comment });
        self.record_insert("nps", customer, &record)
    }
}

/// One NPS answer of a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpsAnswer {
    /// When it was given.
    pub at: DateTime<Utc>,
    /// The score, 0-10.
    pub score: i64,
    /// What the customer said.
    pub comment: Option<String>,
}

impl Store {
    /// The customer `code`'s NPS answers, newest first.
    pub fn nps_answers_of(&self, code: &str) -> Result<Vec<NpsAnswer>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.responded_at, n.score, n.comment FROM nps_responses n
             JOIN customers c ON c.id = n.customer_id WHERE c.code = ?1
             ORDER BY n.responded_at DESC, n.id DESC",
        )?;
        let rows = stmt.query_map([code], |r| {
            let at: String = r.get(0)?;
            Ok(NpsAnswer {
                at: crate::domain::time::from_store(&at).unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
                score: r.get(1)?,
                comment: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// NPS tallies for answers in `[from, to)`: all customers, and grade A only.
    pub fn nps_tallies(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(NpsTally, NpsTally)> {
        let (all, by) = self.nps_by_grade(from, to)?;
        Ok((all, by.get(&Grade::A).copied().unwrap_or_default()))
    }

    /// NPS tallies for answers in `[from, to)`: all customers, and per grade the customer
    /// had when answering (every grade present, empty where nobody answered).
    pub fn nps_by_grade(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(NpsTally, std::collections::BTreeMap<Grade, NpsTally>)> {
        // Classified here, not in SQL: the domain says what a score is (a GROUP BY
        // sorts and is slower than reading the covering index straight through).
        let mut stmt = self.conn().prepare_cached(
            "SELECT score, grade FROM nps_responses
             WHERE responded_at >= ?1 AND responded_at < ?2 AND excluded IS NULL",
        )?;
        let mut rows = stmt.query(params![to_store(from), to_store(to)])?;
        let mut all = NpsTally::default();
        let mut by: std::collections::BTreeMap<Grade, NpsTally> = Grade::ALL
            .iter()
            .map(|g| (*g, NpsTally::default()))
            .collect();
        while let Some(r) = rows.next()? {
            let Ok(score) = u8::try_from(r.get::<_, i64>(0)?) else {
                continue;
            };
            all.add(score, 1);
            let grade = super::customers::grade_of(r.get(1)?);
            if let Some(t) = grade.and_then(|g| by.get_mut(&g)) {
                t.add(score, 1);
            }
        }
        Ok((all, by))
    }
}
