//! Improvement cases: opened by an NPS score below 7, closed by a verdict.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{instant_at, Store, Tx};
use crate::domain::campaign::NpsRules;
use crate::domain::improvement::{verdict_of_score, CaseFacts, CaseVerdict};
use crate::domain::permission::Permission;
use crate::domain::staff::Role;
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// A check-in on an improvement case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckIn {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
    /// What was found.
    pub note: String,
}

/// An improvement case as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImprovementCase {
    /// Its number (`GS-2026-00001`).
    pub number: String,
    /// The customer's code.
    pub customer: String,
    /// The customer's name.
    pub name: String,
    /// The customer's key account manager.
    pub kam: Option<String>,
    /// The score that opened it.
    pub score: u8,
    /// When it opened.
    pub opened_at: DateTime<Utc>,
    /// The visit held or booked: the day, the manager, the engineer, what was found.
    pub visit_on: Option<NaiveDate>,
    /// The manager who visits.
    pub visit_manager: Option<String>,
    /// The engineer who visits.
    pub visit_engineer: Option<String>,
    /// What the visit found.
    pub visit_note: Option<String>,
    /// The improvement plan.
    pub plan: Option<String>,
    /// When it was agreed.
    pub plan_at: Option<DateTime<Utc>>,
    /// The verdict.
    pub verdict: Option<CaseVerdict>,
    /// What it rests on: `score N` or `judgement`.
    pub verdict_basis: Option<String>,
    /// The manager's reasons.
    pub verdict_note: Option<String>,
    /// When it closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Who closed it.
    pub closed_by: Option<String>,
    /// Its check-ins, oldest first.
    pub checkins: Vec<CheckIn>,
    /// The CAPAs it raised.
    pub capas: Vec<i64>,
}

impl ImprovementCase {
    /// What the case rules look at, with days in `tz`.
    pub fn facts(&self, tz: chrono_tz::Tz) -> CaseFacts {
        let day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
        CaseFacts {
            opened: day(self.opened_at),
            visit_on: self.visit_on,
            plan_on: self.plan_at.map(day),
            closed: self.closed_at.is_some(),
        }
    }
}

const SELECT: &str = "SELECT i.number, i.customer, c.name, i.score, i.opened_at, i.visit_on,
    i.visit_manager, i.visit_engineer, i.visit_note, i.plan, i.plan_at, i.verdict,
    i.verdict_basis, i.verdict_note, i.closed_at, i.closed_by, c.kam
    FROM improvement_cases i JOIN customers c ON c.code = i.customer";

fn read(r: &rusqlite::Row) -> rusqlite::Result<ImprovementCase> {
    Ok(ImprovementCase {
        number: r.get(0)?,
        customer: r.get(1)?,
        name: r.get(2)?,
        kam: r.get(16)?,
        score: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        opened_at: instant_at(r, 4)?.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        visit_on: r
            .get::<_, Option<String>>(5)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        visit_manager: r.get(6)?,
        visit_engineer: r.get(7)?,
        visit_note: r.get(8)?,
        plan: r.get(9)?,
        plan_at: instant_at(r, 10)?,
        verdict: r
            .get::<_, Option<String>>(11)?
            .and_then(|v| CaseVerdict::parse(FieldId::named("verdict"), &v).ok()),
        verdict_basis: r.get(12)?,
        verdict_note: r.get(13)?,
        closed_at: instant_at(r, 14)?,
        closed_by: r.get(15)?,
        checkins: Vec::new(),
        capas: Vec::new(),
    })
}

/// The case `number` (without its check-ins), or not found.
fn find(conn: &rusqlite::Connection, number: &str) -> Result<ImprovementCase> {
    conn.query_row(
        &format!("{SELECT} WHERE i.number = ?1"),
        [number.trim()],
        read,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        kind: RecordKind::ImprovementCase,
        key: number.trim().to_string(),
    })
}

impl Tx<'_> {
    /// Opens a case for the customer's low score; returns its number.
    pub(super) fn open_case(
        &self,
        customer: &str,
        response: i64,
        score: u8,
        at: DateTime<Utc>,
        rules: &NpsRules,
    ) -> Result<String> {
        let year = at.with_timezone(&self.tz()).format("%Y");
        let number = super::numbers::next_number(
            self.conn(),
            "improvement_cases",
            "number",
            &format!("GS-{year}-"),
        )?;
        let opened = at.with_timezone(&self.tz()).date_naive();
        let visit_due = opened + chrono::Duration::days(i64::from(rules.visit_days));
        self.conn().execute(
            "INSERT INTO improvement_cases (number, customer, response_id, score, opened_at, visit_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![number, customer, response, score, to_store(at), visit_due.to_string()],
        )?;
        let record = serde_json::json!({
            "customer": customer, "score": score, "visit_due": visit_due.to_string(),
        });
        self.record_insert("improvement", &number, &record)?;
        Ok(number)
    }

    /// The customer's open case, if any.
    pub(super) fn open_case_of(&self, customer: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT number FROM improvement_cases WHERE customer = ?1 AND closed_at IS NULL
                 ORDER BY opened_at DESC LIMIT 1",
                [customer],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Whether an improvement case `number` exists.
    pub(crate) fn improvement_case_exists(&self, number: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM improvement_cases WHERE number = ?1)",
            [number],
            |r| r.get(0),
        )?)
    }

    fn case(&self, number: &str) -> Result<ImprovementCase> {
        find(self.conn(), number)
    }

    fn set(&self, number: &str, field: &str, old: Option<&str>, new: Option<&str>) -> Result<()> {
        self.conn().execute(
            &format!("UPDATE improvement_cases SET {field} = ?2 WHERE number = ?1"),
            params![number, new],
        )?;
        if old != new {
            self.record("improvement", number, "update", Some(field), old, new)?;
        }
        Ok(())
    }

    /// Books or records the visit: the day, a manager and an engineer.
    pub fn case_visit(
        &self,
        number: &str,
        on: NaiveDate,
        manager: &str,
        engineer: &str,
        note: Option<&str>,
    ) -> Result<()> {
        let c = self.case(number)?;
        c.facts(self.tz()).check_open(&c.number)?;
        self.staff_in_role(
            FieldId::flag("--manager"),
            manager,
            &[Role::Manager, Role::GeneralManager],
        )?;
        self.staff_in_role(
            FieldId::flag("--engineer"),
            engineer,
            &[Role::Engineer, Role::Quality],
        )?;
        let day = on.to_string();
        let old_day = c.visit_on.map(|d| d.to_string());
        self.set(&c.number, "visit_on", old_day.as_deref(), Some(&day))?;
        self.set(
            &c.number,
            "visit_manager",
            c.visit_manager.as_deref(),
            Some(manager.trim()),
        )?;
        self.set(
            &c.number,
            "visit_engineer",
            c.visit_engineer.as_deref(),
            Some(engineer.trim()),
        )?;
        if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
            self.set(&c.number, "visit_note", c.visit_note.as_deref(), Some(n))?;
        }
        Ok(())
    }

    fn staff_in_role(&self, field: FieldId, user: &str, roles: &[Role]) -> Result<()> {
        let s = self.active_staff(field.clone(), user.trim())?;
        if roles.contains(&s.role) {
            return Ok(());
        }
        Err(Error::Invalid {
            field,
            value: user.trim().to_string(),
            rule: if roles.contains(&Role::Manager) {
                "rule.case_manager"
            } else {
                "rule.case_engineer"
            },
        })
    }

    /// Writes the improvement plan agreed after the visit.
    pub fn case_plan(&self, number: &str, plan: &str, at: DateTime<Utc>) -> Result<()> {
        let _event = self.event_at(at);
        crate::domain::capa::required_text(FieldId::flag("--plan"), plan)?;
        let c = self.case(number)?;
        c.facts(self.tz())
            .check_plan(&c.number, at.with_timezone(&self.tz()).date_naive())?;
        self.set(&c.number, "plan", c.plan.as_deref(), Some(plan.trim()))?;
        let old = c.plan_at.map(to_store);
        self.set(&c.number, "plan_at", old.as_deref(), Some(&to_store(at)))
    }

    /// Records a check-in on an open case.
    pub fn case_checkin(&self, number: &str, note: &str, at: DateTime<Utc>) -> Result<()> {
        let _event = self.event_at(at);
        crate::domain::capa::required_text(FieldId::flag("--note"), note)?;
        let c = self.case(number)?;
        c.facts(self.tz()).check_open(&c.number)?;
        self.add_checkin(&c.number, note, at)
    }

    pub(super) fn add_checkin(&self, number: &str, note: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO improvement_checkins (number, at, by, note) VALUES (?1, ?2, ?3, ?4)",
            params![number, to_store(at), self.actor(), note.trim()],
        )?;
        self.record(
            "improvement",
            number,
            "update",
            Some("checkin"),
            None,
            Some(note.trim()),
        )
    }

    /// Closes a case: by a manager's judgement when given, else by the customer's first
    /// counted score after the plan. Returns the verdict and what it rests on.
    pub fn case_verdict(
        &self,
        number: &str,
        judgement: Option<(CaseVerdict, &str)>,
        at: DateTime<Utc>,
    ) -> Result<(CaseVerdict, String)> {
        let _event = self.event_at(at);
        let c = self.case(number)?;
        c.facts(self.tz()).check_verdict(&c.number)?;
        let (verdict, basis, note) = match judgement {
            Some((v, note)) => {
                self.require(self.actor(), Permission::JudgeImprovement)?;
                crate::domain::capa::required_text(FieldId::flag("--note"), note)?;
                (v, "judgement".to_string(), Some(note.trim()))
            }
            None => {
                let plan_at = c.plan_at.map(to_store).unwrap_or_default();
                let next: Option<i64> = self.conn().query_row(
                    "SELECT n.score FROM nps_responses n JOIN customers cu ON cu.id = n.customer_id
                     WHERE cu.code = ?1 AND n.responded_at >= ?2 AND n.excluded IS NULL
                     ORDER BY n.responded_at, n.id LIMIT 1",
                    params![c.customer, plan_at],
                    |r| r.get(0),
                ).optional()?;
                let Some(score) = next.and_then(|s| u8::try_from(s).ok()) else {
                    return Err(Error::Refused {
                        number: c.number.clone(),
                        rule: "rule.case_no_score",
                    });
                };
                (verdict_of_score(score), format!("score {score}"), None)
            }
        };
        self.set(&c.number, "verdict", None, Some(verdict.as_str()))?;
        self.set(&c.number, "verdict_basis", None, Some(&basis))?;
        if let Some(n) = note {
            self.set(&c.number, "verdict_note", None, Some(n))?;
        }
        self.set(&c.number, "closed_by", None, Some(self.actor()))?;
        self.set(&c.number, "closed_at", None, Some(&to_store(at)))?;
        Ok((verdict, basis))
    }
}

impl Store {
    /// Improvement cases, newest first: open ones only, or one customer's.
    pub fn improvement_cases(
        &self,
        open_only: bool,
        customer: Option<&str>,
    ) -> Result<Vec<ImprovementCase>> {
        let mut stmt = self.conn().prepare(&format!(
            "{SELECT} WHERE (?1 = 0 OR i.closed_at IS NULL) AND (?2 IS NULL OR i.customer = ?2)
             ORDER BY i.opened_at DESC, i.number DESC"
        ))?;
        let rows = stmt.query_map(params![open_only, customer], read)?;
        let mut cases = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for c in &mut cases {
            self.fill_case(c)?;
        }
        Ok(cases)
    }

    /// One improvement case with its check-ins and CAPAs.
    pub fn improvement_case(&self, number: &str) -> Result<ImprovementCase> {
        let mut c = find(self.conn(), number)?;
        self.fill_case(&mut c)?;
        Ok(c)
    }

    fn fill_case(&self, c: &mut ImprovementCase) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, by, note FROM improvement_checkins WHERE number = ?1 ORDER BY at, id",
        )?;
        c.checkins = stmt
            .query_map([&c.number], |r| {
                Ok(CheckIn {
                    at: instant_at(r, 0)?.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
                    by: r.get(1)?,
                    note: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM capas WHERE source_kind = 'improvement' AND source = ?1 ORDER BY id",
        )?;
        c.capas = stmt
            .query_map([&c.number], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}
