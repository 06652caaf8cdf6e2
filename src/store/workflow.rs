//! Complaint moves as one transaction each: rules checked on fresh data, history written.

use crate::field_id::FieldId;
use crate::kind::RecordKind;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::complaints::Decisions;
use super::{opt_time, time, Store, Tx};
use crate::domain::complaint::{Severity, Step};
use crate::domain::staff::Role;
use crate::domain::time::to_store;
use crate::domain::waits;
use crate::domain::workflow::{check, MoveFacts};
use crate::error::{Error, Result};

/// Descriptive fields of a complaint to set (None: leave as it is; empty: clear).
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// ours | not_ours | undetermined.
    pub responsibility: Option<String>,
    /// Root cause.
    pub root_cause: Option<String>,
    /// The customer's contact for this complaint.
    pub contact: Option<String>,
    /// Product.
    pub product: Option<String>,
    /// Batch.
    pub batch: Option<String>,
    /// Quantity affected.
    pub quantity: Option<String>,
}

/// A move and what comes with it.
#[derive(Debug, Clone, Default)]
pub struct Move {
    /// A note for the step history (the evidence, for "not ours").
    pub note: Option<String>,
    /// The customer's sign-off at closing: who and how.
    pub signoff: Option<String>,
    /// Major complaints: decisions made with (or before) disposal.
    pub decisions: Decisions,
    /// Reopening: the customer's new reply-by (None: the report clock restarts from the
    /// reopening at its usual target).
    pub reply_by: Option<DateTime<Utc>>,
}

pub(super) struct Current {
    pub(super) id: i64,
    pub(super) step: Step,
    severity: Severity,
    start: DateTime<Utc>,
    decisions: Decisions,
    owner: Option<String>,
    pub(super) escalated: bool,
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Complaint,
        key: number.to_string(),
    }
}

impl Tx<'_> {
    pub(super) fn current(&self, number: &str) -> Result<Current> {
        self.conn()
            .query_row(
                "SELECT id, step, severity, COALESCE(reopened_at, received_at), decision_shipped,
                        decision_stock, decision_wip, owner, escalated_at IS NOT NULL
                 FROM complaints WHERE number = ?1",
                [number],
                |r| {
                    Ok(Current {
                        id: r.get(0)?,
                        step: Step::parse(FieldId::named("step"), &r.get::<_, String>(1)?)
                            .unwrap_or(Step::Received),
                        severity: Severity::parse(
                            FieldId::named("severity"),
                            &r.get::<_, String>(2)?,
                        )
                        .unwrap_or(Severity::Major),
                        start: time(&r.get::<_, String>(3)?),
                        decisions: Decisions {
                            shipped: r.get(4)?,
                            stock: r.get(5)?,
                            wip: r.get(6)?,
                        },
                        owner: r.get(7)?,
                        escalated: r.get(8)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| not_found(number))
    }

    /// Sets one complaint column, with a history row (old -> new) when it changes.
    pub(super) fn set_field(
        &self,
        id: i64,
        number: &str,
        column: &str,
        new: Option<&str>,
    ) -> Result<()> {
        // `column` is always one of this module's literals, never user text.
        let old: Option<String> = self.conn().query_row(
            &format!("SELECT CAST({column} AS TEXT) FROM complaints WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        let old = old.as_deref();
        if old == new {
            return Ok(());
        }
        self.conn().execute(
            &format!("UPDATE complaints SET {column} = ?1, updated_at = ?2, version = version + 1 WHERE id = ?3"),
            params![new, self.at(), id],
        )?;
        self.record("complaint", number, "update", Some(column), old, new)
    }

    /// The role of a member of staff, if listed.
    pub fn role_of(&self, username: &str) -> Result<Option<Role>> {
        let role: Option<String> = self
            .conn()
            .query_row(
                "SELECT role FROM staff WHERE username = ?1 AND active = 1",
                [username],
                |r| r.get(0),
            )
            .optional()?;
        Ok(role.and_then(|r| Role::parse(FieldId::named("role"), &r).ok()))
    }

    /// Moves a complaint to `to` at `at` by `by`, checking the workflow's rules.
    pub fn move_complaint(
        &self,
        number: &str,
        to: Step,
        at: DateTime<Utc>,
        by: &str,
        m: &Move,
    ) -> Result<()> {
        let _event = self.event_at(at);
        let cur = self.current(number)?;
        for (column, new) in [
            ("decision_shipped", &m.decisions.shipped),
            ("decision_stock", &m.decisions.stock),
            ("decision_wip", &m.decisions.wip),
        ] {
            if let Some(new) = new.as_deref().filter(|s| !s.trim().is_empty()) {
                self.set_field(cur.id, number, column, Some(new.trim()))?;
            }
        }
        let decided = Decisions {
            shipped: m
                .decisions
                .shipped
                .clone()
                .or(cur.decisions.shipped.clone()),
            stock: m.decisions.stock.clone().or(cur.decisions.stock.clone()),
            wip: m.decisions.wip.clone().or(cur.decisions.wip.clone()),
        };
        let (capas, verified): (i64, i64) = self.conn().query_row(
            "SELECT COUNT(*), COALESCE(SUM(verdict = 'effective'), 0) FROM capas WHERE complaint_id = ?1",
            [cur.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let tz = self.tz();
        let facts = MoveFacts {
            number: number.to_string(),
            from: cur.step,
            severity: cur.severity,
            may_close_same_day: self
                .require(by, crate::domain::permission::Permission::CloseMinorSameDay)
                .is_ok(),
            received_on: cur.start.with_timezone(&tz).date_naive(),
            on: at.with_timezone(&tz).date_naive(),
            decisions_made: decided.complete(),
            capas: capas as usize,
            capas_verified: verified as usize,
            has_note: m.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
            has_signoff: m.signoff.as_deref().is_some_and(|n| !n.trim().is_empty()),
        };
        check(&facts, to)?;
        // A move may not be dated before the step it follows: the history stays in order.
        let last_step: Option<String> = self.conn().query_row(
            "SELECT MAX(at) FROM complaint_steps WHERE complaint_id = ?1",
            [cur.id],
            |r| r.get(0),
        )?;
        let now = crate::domain::time::from_store(self.at()).unwrap_or(at);
        waits::check_step_time(at, cur.start, opt_time(last_step), now, tz)?;
        // Moving on ends a wait on the customer.
        self.end_pause(cur.id, number, at)?;
        match to {
            Step::Received => self.reopen(cur.id, number, at, by, m),
            Step::Rejected => {
                self.set_field(cur.id, number, "responsibility", Some("not_ours"))?;
                self.record_step(number, to, at, by, m.note.as_deref())
            }
            Step::Closed => {
                self.set_field(
                    cur.id,
                    number,
                    "signoff",
                    m.signoff.as_deref().map(str::trim),
                )?;
                self.record_step(number, to, at, by, m.note.as_deref())
            }
            _ => self.record_step(number, to, at, by, m.note.as_deref()),
        }
    }

    fn reopen(&self, id: i64, number: &str, at: DateTime<Utc>, by: &str, m: &Move) -> Result<()> {
        if let Some(by_when) = m.reply_by.filter(|t| *t <= at) {
            return Err(Error::Invalid {
                field: FieldId::named("reply_by"),
                value: crate::domain::time::local(by_when, self.tz()),
                rule: "rule.after_reopened",
            });
        }
        // The old step times stay in the step history and the change history.
        for column in [
            "acknowledged_at",
            "investigating_at",
            "plan_at",
            "disposed_at",
            "followed_up_at",
            "closed_at",
            "report_at",
            "escalated_at",
            "escalated_to",
            "signoff",
        ] {
            self.set_field(id, number, column, None)?;
        }
        // Reopening revisits the judgement too.
        self.set_field(id, number, "responsibility", Some("undetermined"))?;
        // The old reply-by was for the first round: keeping it would breach the report
        // clock the moment the complaint reopens.
        let reply_by = m.reply_by.map(to_store);
        self.set_field(id, number, "reply_by", reply_by.as_deref())?;
        let at_s = to_store(at);
        self.set_field(id, number, "reopened_at", Some(&at_s))?;
        self.record_step(number, Step::Received, at, by, m.note.as_deref())
    }

    fn end_pause(&self, id: i64, number: &str, at: DateTime<Utc>) -> Result<bool> {
        let open: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, from_at FROM complaint_pauses WHERE complaint_id = ?1 AND to_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((pause, from)) = open else {
            return Ok(false);
        };
        let at = at.max(time(&from));
        self.conn().execute(
            "UPDATE complaint_pauses SET to_at = ?1 WHERE id = ?2",
            params![to_store(at), pause],
        )?;
        self.record(
            "complaint",
            number,
            "update",
            Some("pause_end"),
            Some(&from),
            Some(&to_store(at)),
        )?;
        Ok(true)
    }

    /// Starts a wait on the customer: pausing clocks stop until `resume`.
    pub fn pause(&self, number: &str, at: DateTime<Utc>, reason: &str) -> Result<()> {
        let _event = self.event_at(at);
        let cur = self.current(number)?;
        let waiting: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM complaint_pauses WHERE complaint_id = ?1 AND to_at IS NULL)",
            [cur.id],
            |r| r.get(0),
        )?;
        let last_end: Option<String> = self.conn().query_row(
            "SELECT MAX(to_at) FROM complaint_pauses WHERE complaint_id = ?1",
            [cur.id],
            |r| r.get(0),
        )?;
        let facts = waits::WaitFacts {
            number,
            step: cur.step,
            waiting,
            start: cur.start,
            last_wait_end: opt_time(last_end),
            now: crate::domain::time::from_store(self.at()).unwrap_or(at),
        };
        waits::check_wait(&facts, at, reason, self.tz())?;
        self.conn().execute(
            "INSERT INTO complaint_pauses (complaint_id, from_at, reason) VALUES (?1, ?2, ?3)",
            params![cur.id, to_store(at), reason.trim()],
        )?;
        self.record(
            "complaint",
            number,
            "update",
            Some("pause_start"),
            None,
            Some(&format!("{} {}", to_store(at), reason.trim())),
        )
    }

    /// Ends the wait on the customer.
    pub fn resume(&self, number: &str, at: DateTime<Utc>) -> Result<()> {
        let _event = self.event_at(at);
        let cur = self.current(number)?;
        let ended = self.end_pause(cur.id, number, at)?;
        waits::check_resume(number, ended)
    }

    /// Sets the descriptive fields of a complaint (None leaves a field as it is).
    pub fn set_details(&self, number: &str, d: &Details) -> Result<()> {
        let cur = self.current(number)?;
        crate::domain::complaint::check_details(
            d.responsibility.as_deref(),
            d.quantity.as_deref(),
        )?;
        for (column, value) in [
            ("responsibility", &d.responsibility),
            ("root_cause", &d.root_cause),
            ("contact", &d.contact),
            ("product", &d.product),
            ("batch", &d.batch),
            ("quantity", &d.quantity),
        ] {
            let Some(v) = value.as_deref().map(str::trim) else {
                continue;
            };
            self.set_field(cur.id, number, column, Some(v).filter(|v| !v.is_empty()))?;
        }
        Ok(())
    }

    /// Gives the complaint to another owner.
    pub fn assign(&self, number: &str, to: &str) -> Result<()> {
        let cur = self.current(number)?;
        crate::domain::capa::required_text(FieldId::named("to"), to)?;
        self.active_staff(FieldId::named("to"), to.trim())?;
        self.set_field(cur.id, number, "owner", Some(to.trim()))
    }

    /// Adds a note to the complaint's history (who and when come with the row).
    pub fn note_complaint(&self, number: &str, note: &str) -> Result<()> {
        self.current(number)?;
        let tz = self.tz();
        let note = crate::domain::complaint::NOTE
            .normalize(note, tz)?
            .unwrap_or_default();
        // A note is a change of nothing but the history: field `note`, no old value.
        self.record(
            "complaint",
            number,
            "update",
            Some("note"),
            None,
            Some(&note),
        )
    }

    /// Escalates to the owner's supervisor (from the staff list); returns who that is.
    pub fn escalate(&self, number: &str, at: DateTime<Utc>) -> Result<Option<String>> {
        let _event = self.event_at(at);
        let cur = self.current(number)?;
        waits::check_escalate(number, cur.step, cur.escalated)?;
        let supervisor: Option<String> = match &cur.owner {
            Some(o) => self
                .conn()
                .query_row(
                    "SELECT supervisor FROM staff WHERE username = ?1",
                    [o],
                    |r| r.get(0),
                )
                .optional()?
                .flatten(),
            None => None,
        };
        // Escalating to nobody helps nobody: say whose supervisor is missing instead.
        if supervisor.is_none() {
            return Err(Error::Refused {
                number: number.to_string(),
                rule: "rule.no_supervisor",
            });
        }
        self.set_field(cur.id, number, "escalated_at", Some(&to_store(at)))?;
        self.set_field(cur.id, number, "escalated_to", supervisor.as_deref())?;
        Ok(supervisor)
    }
}

impl Store {
    /// One move in its own transaction, stamped with the store's user.
    pub fn move_complaint(
        &mut self,
        number: &str,
        to: Step,
        at: DateTime<Utc>,
        m: &Move,
    ) -> Result<()> {
        let by = self.actor().to_string();
        self.write(|tx| tx.move_complaint(number, to, at, &by, m))
    }
}
