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

impl Store {
    /// NPS tallies for answers in `[from, to)`: all customers, and grade A only.
    pub fn nps_tallies(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(NpsTally, NpsTally)> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT score, grade FROM nps_responses WHERE responded_at >= ?1 AND responded_at < ?2",
        )?;
        let mut rows = stmt.query(params![to_store(from), to_store(to)])?;
        let (mut all, mut a) = (Vec::new(), Vec::new());
        while let Some(r) = rows.next()? {
            let score: i64 = r.get(0)?;
            let Ok(score) = u8::try_from(score) else {
                continue;
            };
            all.push(score);
            if r.get::<_, Option<String>>(1)?.as_deref() == Some(Grade::A.as_str()) {
                a.push(score);
            }
        }
        Ok((NpsTally::of(all), NpsTally::of(a)))
    }
}
