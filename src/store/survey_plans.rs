//! Satisfaction survey rounds: the sample drawn for each round, kept so the plan is the
//! same whenever it is printed and the next round's rotation knows who was asked.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use super::{Store, Tx};
use crate::domain::customer::Grade;
use crate::domain::sampling::{plan, Candidate, Reason, Shares};
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;
use rusqlite::OptionalExtension;

/// One customer in a round's plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRow {
    /// Customer code.
    pub customer: String,
    /// Full name.
    pub name: String,
    /// Grade when drawn.
    pub grade: Grade,
    /// Why drawn (`whole_grade`, `never_asked`, `longest_ago`, `swapped_in`).
    pub reason: String,
    /// The manager's reason, for one put in by hand.
    pub note: Option<String>,
}

fn reason_code(r: Reason) -> &'static str {
    match r {
        Reason::WholeGrade => "whole_grade",
        Reason::NeverAsked => "never_asked",
        Reason::LongestAgo => "longest_ago",
    }
}

fn read_plan(conn: &rusqlite::Connection, round: &str) -> Result<Vec<PlanRow>> {
    let mut stmt = conn.prepare(
        "SELECT p.customer, c.name, p.grade, p.reason, p.note FROM survey_plans p
         JOIN customers c ON c.code = p.customer WHERE p.round = ?1 ORDER BY p.customer",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(PlanRow {
            customer: r.get(0)?,
            name: r.get(1)?,
            grade: super::customers::grade_of(r.get(2)?).unwrap_or(Grade::D),
            reason: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Tx<'_> {
    /// The plan of `round`: the one stored, else drawn now from the graded customers (each
    /// knowing the last earlier round they were in) and stored.
    pub fn survey_plan(&self, round: &str, shares: &Shares) -> Result<Vec<PlanRow>> {
        let stored = read_plan(self.conn(), round)?;
        if !stored.is_empty() {
            return Ok(stored);
        }
        let mut last: HashMap<String, String> = HashMap::new();
        let mut stmt = self.conn().prepare(
            "SELECT customer, MAX(round) FROM survey_plans WHERE round < ?1 GROUP BY customer",
        )?;
        let mut rows = stmt.query([round])?;
        while let Some(r) = rows.next()? {
            last.insert(r.get(0)?, r.get(1)?);
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT code, grade FROM customers WHERE grade IS NOT NULL")?;
        let candidates: Vec<Candidate> = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(code, g)| {
                let grade = super::customers::grade_of(g)?;
                let last_asked = last.get(&code).cloned();
                Some(Candidate {
                    code,
                    grade,
                    last_asked,
                })
            })
            .collect();
        let grades: HashMap<&str, Grade> = candidates
            .iter()
            .map(|c| (c.code.as_str(), c.grade))
            .collect();
        let drawn = plan(&candidates, shares, round);
        let mut insert = self.conn().prepare(
            "INSERT INTO survey_plans (round, customer, grade, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (code, why) in &drawn {
            let grade = grades.get(code.as_str()).copied().unwrap_or(Grade::D);
            insert.execute(params![
                round,
                code,
                grade.as_str(),
                reason_code(*why),
                self.at()
            ])?;
        }
        let summary = serde_json::json!({ "round": round, "customers": drawn.len() });
        self.record_insert("survey_plan", round, &summary)?;
        read_plan(self.conn(), round)
    }
}

impl Tx<'_> {
    /// A manager's change to a drawn plan: `out` leaves it, `into` joins it, each for
    /// `reason` (in the history); refused without the permission or a reason.
    pub fn swap_survey_plan(
        &self,
        round: &str,
        out: Option<&str>,
        into: Option<&str>,
        reason: &str,
    ) -> Result<()> {
        self.require(
            self.actor(),
            crate::domain::permission::Permission::ManageSurveys,
        )?;
        if reason.trim().is_empty() {
            return Err(Error::Required {
                field: FieldId::flag("--reason"),
            });
        }
        let plan = read_plan(self.conn(), round)?;
        if plan.is_empty() {
            return Err(Error::Refused {
                number: round.to_string(),
                rule: "rule.plan_not_drawn",
            });
        }
        let has = |c: &str| plan.iter().any(|r| r.customer == c);
        if let Some(c) = out {
            if !has(c) {
                return Err(Error::NotFound {
                    kind: RecordKind::Customer,
                    key: format!("{round} {c}"),
                });
            }
            self.conn().execute(
                "DELETE FROM survey_plans WHERE round = ?1 AND customer = ?2",
                params![round, c],
            )?;
            self.record(
                "survey_plan",
                round,
                "update",
                Some("removed"),
                Some(c),
                Some(reason),
            )?;
        }
        if let Some(c) = into {
            if has(c) {
                return Err(Error::Duplicate {
                    field: FieldId::flag("--add"),
                    value: c.to_string(),
                });
            }
            let grade: Option<String> = self
                .conn()
                .query_row("SELECT grade FROM customers WHERE code = ?1", [c], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| Error::NotFound {
                    kind: RecordKind::Customer,
                    key: c.to_string(),
                })?;
            let grade = super::customers::grade_of(grade).unwrap_or(Grade::D);
            self.conn().execute(
                "INSERT INTO survey_plans (round, customer, grade, reason, note, created_at)
                 VALUES (?1, ?2, ?3, 'swapped_in', ?4, ?5)",
                params![round, c, grade.as_str(), reason, self.at()],
            )?;
            self.record(
                "survey_plan",
                round,
                "update",
                Some("added"),
                Some(reason),
                Some(c),
            )?;
        }
        Ok(())
    }
}

impl Store {
    /// The plan stored for `round` (empty when none is drawn yet).
    pub fn stored_survey_plan(&self, round: &str) -> Result<Vec<PlanRow>> {
        read_plan(self.conn(), round)
    }
}
