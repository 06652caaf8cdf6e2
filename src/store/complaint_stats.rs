//! What the analysis of a period reads of each complaint received in it, in one pass:
//! only the columns it needs, the customer's grade only when a clock rule asks for it,
//! and a plain scan of the table when the period holds much of it (a year), which reads
//! the file in order instead of seeking row by row.

use crate::field_id::FieldId;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{instant_at, opt_time, text_at, time, Store};
use crate::domain::complaint::{Category, ClockFacts, Pause, Severity};
use crate::domain::customer::Grade;
use crate::domain::sla::Subject;
use crate::domain::time::to_store;
use crate::error::Result;

/// One complaint as the analysis sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsRow {
    /// What its clocks are chosen by.
    pub subject: Subject,
    /// Its times and waits.
    pub facts: ClockFacts,
    /// Product concerned.
    pub product: Option<String>,
    /// Root cause found.
    pub root_cause: Option<String>,
}

impl Store {
    /// The complaints received in `[from, to)`, as the analysis needs them; with the
    /// customer's grade only when `with_grade` (clock rules by grade).
    pub fn stats_rows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        with_grade: bool,
    ) -> Result<Vec<StatsRow>> {
        let (from, to) = (to_store(from), to_store(to));
        let in_period: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM complaints WHERE received_at >= ?1 AND received_at < ?2",
            params![from, to],
            |r| r.get(0),
        )?;
        let unary = super::scan_if_most(self.conn(), "complaints", in_period)?;
        let (grade, join) = if with_grade {
            ("c.grade", "JOIN customers c ON c.id = k.customer_id")
        } else {
            ("NULL", "")
        };
        let sql = format!(
            "SELECT k.id, k.severity, k.category, {grade}, k.received_at, k.reopened_at,
                    k.reply_by, k.acknowledged_at, k.investigating_at, k.plan_at,
                    k.disposed_at, k.followed_up_at, k.closed_at, k.report_at,
                    k.product, k.root_cause
             FROM complaints k {join}
             WHERE {unary}k.received_at >= ?1 AND {unary}k.received_at < ?2"
        );
        let mut pauses = self.pauses_received(&from, &to)?;
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            let id: i64 = r.get(0)?;
            // Borrowed, not copied: a year is ~100,000 rows of a dozen texts each.
            let text = |i| text_at(r, i);
            let at = |i| instant_at(r, i);
            Ok(StatsRow {
                subject: Subject {
                    // CHECK constraints keep these parseable; a hand edit falls back.
                    severity: text(1)?
                        .and_then(|t| Severity::parse(FieldId::named("severity"), t).ok())
                        .unwrap_or(Severity::Major),
                    category: text(2)?
                        .and_then(|t| Category::parse(FieldId::named("category"), t).ok())
                        .unwrap_or(Category::Other),
                    grade: text(3)?.and_then(|g| Grade::parse(FieldId::named("grade"), g).ok()),
                },
                facts: ClockFacts {
                    received_at: at(4)?.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
                    reopened_at: at(5)?,
                    reply_by: at(6)?,
                    acknowledged_at: at(7)?,
                    investigating_at: at(8)?,
                    plan_at: at(9)?,
                    disposed_at: at(10)?,
                    followed_up_at: at(11)?,
                    closed_at: at(12)?,
                    report_at: at(13)?,
                    pauses: pauses.remove(&id).unwrap_or_default(),
                },
                product: r.get(14)?,
                root_cause: r.get(15)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The waits of the complaints received in `[from, to)`, oldest first, by complaint.
    fn pauses_received(&self, from: &str, to: &str) -> Result<HashMap<i64, Vec<Pause>>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.complaint_id, p.from_at, p.to_at FROM complaint_pauses p
             JOIN complaints k ON k.id = p.complaint_id
             WHERE k.received_at >= ?1 AND k.received_at < ?2
             ORDER BY p.complaint_id, p.from_at, p.id",
        )?;
        let mut out: HashMap<i64, Vec<Pause>> = HashMap::new();
        let mut q = stmt.query(params![from, to])?;
        while let Some(r) = q.next()? {
            out.entry(r.get(0)?).or_default().push(Pause {
                from: time(&r.get::<_, String>(1)?),
                to: opt_time(r.get(2)?),
            });
        }
        Ok(out)
    }
}
