//! Complaints, their steps and the facts their SLA clocks run on.

use crate::field_id::FieldId;
use crate::kind::RecordKind;
use chrono::{DateTime, Datelike, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::open_steps_sql;
use super::{instant_at, opt_time, text_at, time, Store, Tx};
use crate::domain::complaint::{
    Category, Channel, ClockFacts, Pause, Responsibility, Severity, Step,
};
use crate::domain::customer::Grade;
use crate::domain::time::to_store;
use crate::error::{Error, Result};

pub use super::complaint_types::*;

const ROW_COLUMNS: &str = "k.number, c.code, COALESCE(c.short_name, c.name), k.title, k.channel,
        k.category, k.severity, k.step, k.owner, k.received_at, k.reply_by, k.acknowledged_at,
        k.plan_at, k.disposed_at, k.report_at, k.version, c.grade, k.reopened_at,
        k.investigating_at, k.followed_up_at, k.closed_at, k.escalated_at, k.escalated_to, k.id";
/// Columns of [`ROW_COLUMNS`]; detail queries add theirs after.
const ROW_WIDTH: usize = 24;
const ROW_FROM: &str = "FROM complaints k JOIN customers c ON c.id = k.customer_id";

fn read_row(r: &Row) -> rusqlite::Result<ComplaintRow> {
    // CHECK constraints keep these parseable; a hand-edited value falls back rather than panics.
    let code = |i: usize| text_at(r, i).map(|t| t.unwrap_or_default());
    let escalated_at: Option<String> = r.get(21)?;
    Ok(ComplaintRow {
        number: r.get(0)?,
        customer: r.get(1)?,
        customer_name: r.get(2)?,
        title: r.get(3)?,
        channel: Channel::parse(FieldId::named("channel"), code(4)?).unwrap_or(Channel::Phone),
        category: Category::parse(FieldId::named("category"), code(5)?).unwrap_or(Category::Other),
        severity: Severity::parse(FieldId::named("severity"), code(6)?).unwrap_or(Severity::Major),
        step: Step::parse(FieldId::named("step"), code(7)?).unwrap_or(Step::Received),
        owner: r.get(8)?,
        grade: text_at(r, 16)?.and_then(|g| Grade::parse(FieldId::named("grade"), g).ok()),
        escalated: match escalated_at {
            Some(at) => Some((at, r.get(22)?)),
            None => None,
        },
        facts: ClockFacts {
            received_at: instant_at(r, 9)?.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            reopened_at: instant_at(r, 17)?,
            reply_by: instant_at(r, 10)?,
            acknowledged_at: instant_at(r, 11)?,
            investigating_at: instant_at(r, 18)?,
            plan_at: instant_at(r, 12)?,
            disposed_at: instant_at(r, 13)?,
            followed_up_at: instant_at(r, 19)?,
            closed_at: instant_at(r, 20)?,
            report_at: instant_at(r, 14)?,
            pauses: Vec::new(),
        },
        version: r.get(15)?,
    })
}

/// The column that records when `step` was reached.
pub(super) fn step_column(step: Step) -> Option<&'static str> {
    match step {
        Step::Received => None,
        Step::Acknowledged => Some("acknowledged_at"),
        Step::Investigating => Some("investigating_at"),
        Step::PlanProposed => Some("plan_at"),
        Step::Disposed => Some("disposed_at"),
        Step::FollowedUp => Some("followed_up_at"),
        Step::Closed | Step::Rejected => Some("closed_at"),
    }
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Complaint,
        key: number.to_string(),
    }
}

impl Tx<'_> {
    /// Registers a complaint; returns its number (`KS-2026-00042`).
    pub fn add_complaint(&self, c: &NewComplaint, now: DateTime<Utc>) -> Result<String> {
        crate::domain::intake::check_new(
            &c.title,
            c.received_at,
            c.reply_by,
            c.quantity,
            now,
            self.tz(),
        )?;
        let customer_id = self.customer_id(&c.customer)?;
        if let Some(owner) = c.owner.as_deref().filter(|o| !o.trim().is_empty()) {
            self.active_staff(FieldId::named("owner"), owner.trim())?;
        }
        let year = c.received_at.with_timezone(&self.tz()).year();
        let number = super::numbers::next_number(
            self.conn(),
            "complaints",
            "number",
            &format!("KS-{year}-"),
        )?;
        let received = to_store(c.received_at);
        self.conn()
            .prepare_cached(
                "INSERT INTO complaints (number, customer_id, title, description, channel, category, severity,
                    step, received_at, reply_by, owner, product, batch, quantity, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?
            .execute(params![
                number,
                customer_id,
                c.title.trim(),
                c.description,
                c.channel.as_str(),
                c.category.as_str(),
                c.severity.as_str(),
                received,
                c.reply_by.map(to_store),
                c.owner,
                c.product,
                c.batch,
                c.quantity,
                self.at()
            ])?;
        let id = self.conn().last_insert_rowid();
        self.insert_step(id, Step::Received, &received, self.actor(), None)?;
        let record = serde_json::json!({
            "customer": c.customer, "title": c.title.trim(), "channel": c.channel, "category": c.category,
            "severity": c.severity, "received_at": received, "reply_by": c.reply_by.map(to_store),
            "owner": c.owner, "product": c.product, "batch": c.batch, "quantity": c.quantity,
        });
        self.record_insert("complaint", &number, &record)?;
        Ok(number)
    }

    /// Moves a complaint to `step` at `at`, stamping the step's time and the history.
    /// (Which moves are legal is the workflow's business, not the store's.)
    pub fn record_step(
        &self,
        number: &str,
        step: Step,
        at: DateTime<Utc>,
        by: &str,
        note: Option<&str>,
    ) -> Result<()> {
        let (id, old): (i64, String) = self
            .conn()
            .prepare_cached("SELECT id, step FROM complaints WHERE number = ?1")?
            .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| not_found(number))?;
        let at_s = to_store(at);
        let stamp = step_column(step)
            .map(|col| format!(", {col} = COALESCE({col}, ?3)"))
            .unwrap_or_default();
        self.conn().execute(
            &format!(
                "UPDATE complaints SET step = ?1{stamp}, updated_at = ?4, version = version + 1 WHERE id = ?2"
            ),
            params![step.as_str(), id, at_s, self.at()],
        )?;
        self.insert_step(id, step, &at_s, by, note)?;
        self.record(
            "complaint",
            number,
            "step",
            Some("step"),
            Some(&old),
            Some(step.as_str()),
        )
    }

    /// Records that the written report went to the customer at `at`.
    pub fn record_report(&self, number: &str, at: DateTime<Utc>) -> Result<()> {
        let at_s = to_store(at);
        let old: Option<Option<String>> = self
            .conn()
            .query_row(
                "SELECT report_at FROM complaints WHERE number = ?1",
                [number],
                |r| r.get(0),
            )
            .optional()?;
        let old = old.ok_or_else(|| not_found(number))?;
        self.conn().execute(
            "UPDATE complaints SET report_at = ?1, updated_at = ?2, version = version + 1 WHERE number = ?3",
            params![at_s, self.at(), number],
        )?;
        self.record(
            "complaint",
            number,
            "update",
            Some("report_at"),
            old.as_deref(),
            Some(&at_s),
        )
    }

    pub(super) fn insert_step(
        &self,
        complaint_id: i64,
        step: Step,
        at: &str,
        by: &str,
        note: Option<&str>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT INTO complaint_steps (complaint_id, step, at, by, note) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![complaint_id, step.as_str(), at, by, note])?;
        Ok(())
    }
}

impl Store {
    /// Registers a complaint in its own transaction; returns its number.
    pub fn add_complaint(&mut self, c: &NewComplaint) -> Result<String> {
        let now = self.now();
        self.write(|tx| tx.add_complaint(c, now))
    }

    /// Complaints, newest first; only open ones when `open_only`. Pauses are attached.
    pub fn list_complaints(&self, open_only: bool) -> Result<Vec<ComplaintRow>> {
        let order = "ORDER BY k.received_at DESC, k.id DESC";
        let open = format!("k.step IN ({})", open_steps_sql());
        let cond = if open_only { open.as_str() } else { "1" };
        self.complaints_where(cond, &[], order)
    }

    /// Every complaint matching `cond` (over `complaints k`, with `args`) in `order`.
    fn complaints_where(
        &self,
        cond: &str,
        args: &[&dyn rusqlite::ToSql],
        order: &str,
    ) -> Result<Vec<ComplaintRow>> {
        let mut rows = Vec::new();
        self.complaint_chunks(cond, args, order, usize::MAX, |chunk| {
            rows.extend(chunk);
            Ok(())
        })?;
        Ok(rows)
    }

    /// The customer `code`'s complaints, newest first.
    pub fn complaints_of(&self, code: &str) -> Result<Vec<ComplaintRow>> {
        self.complaints_where(
            "k.customer_id = (SELECT id FROM customers WHERE code = ?1)",
            &[&code],
            "ORDER BY k.received_at DESC, k.id DESC",
        )
    }

    /// The `limit` complaints closed (either way) most recently, newest first.
    pub fn recently_closed(&self, limit: usize) -> Result<Vec<ComplaintRow>> {
        self.complaints_where(
            "k.closed_at IS NOT NULL",
            &[],
            &format!("ORDER BY k.closed_at DESC, k.id DESC LIMIT {limit}"),
        )
    }

    /// Complaints closed (either way) after `after`, oldest closing first.
    pub fn complaints_closed_since(&self, after: DateTime<Utc>) -> Result<Vec<ComplaintRow>> {
        let after = to_store(after);
        self.complaints_where("k.closed_at > ?1", &[&after], "ORDER BY k.closed_at, k.id")
    }

    /// The open complaints in no particular order (sorting is left to the caller), handed
    /// over in chunks of `chunk` rows as they are read, so a caller can work on one chunk
    /// while the next is read.
    pub fn each_open_complaint(
        &self,
        chunk: usize,
        f: impl FnMut(Vec<ComplaintRow>) -> Result<()>,
    ) -> Result<()> {
        let open = format!("k.step IN ({})", open_steps_sql());
        self.complaint_chunks(&open, &[], "", chunk, f)
    }

    /// The complaints matching `cond` (over `complaints k`, with `args`) in `order`, with
    /// their pauses, in chunks.
    fn complaint_chunks(
        &self,
        cond: &str,
        args: &[&dyn rusqlite::ToSql],
        order: &str,
        chunk: usize,
        mut f: impl FnMut(Vec<ComplaintRow>) -> Result<()>,
    ) -> Result<()> {
        let mut pauses = self.pauses_where(cond, args)?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {ROW_COLUMNS} {ROW_FROM} WHERE {cond} {order}"
        ))?;
        let mut q = stmt.query(args)?;
        let mut rows = Vec::new();
        while let Some(r) = q.next()? {
            let mut row = read_row(r)?;
            let id: i64 = r.get(ROW_WIDTH - 1)?;
            row.facts.pauses = pauses.remove(&id).unwrap_or_default();
            rows.push(row);
            if rows.len() >= chunk {
                f(std::mem::take(&mut rows))?;
            }
        }
        if !rows.is_empty() {
            f(rows)?;
        }
        Ok(())
    }

    /// The pauses of the complaints matching `cond`, oldest first, by complaint id.
    fn pauses_where(
        &self,
        cond: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<std::collections::HashMap<i64, Vec<Pause>>> {
        let filter = format!(" WHERE complaint_id IN (SELECT k.id FROM complaints k WHERE {cond})");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT complaint_id, from_at, to_at FROM complaint_pauses{filter} ORDER BY complaint_id, from_at, id"
        ))?;
        let mut out: std::collections::HashMap<i64, Vec<Pause>> = std::collections::HashMap::new();
        let mut q = stmt.query(args)?;
        while let Some(r) = q.next()? {
            out.entry(r.get(0)?).or_default().push(Pause {
                from: time(&r.get::<_, String>(1)?),
                to: opt_time(r.get(2)?),
            });
        }
        Ok(out)
    }

    /// One complaint with its steps, pauses and decisions.
    pub fn complaint(&self, number: &str) -> Result<ComplaintDetail> {
        let w = ROW_WIDTH;
        let (row, id, more) = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {ROW_COLUMNS}, k.description, k.responsibility, k.root_cause, k.product,
                        k.batch, k.quantity, k.contact, k.decision_shipped, k.decision_stock,
                        k.decision_wip, k.signoff {ROW_FROM} WHERE k.number = ?1"
                ),
                [number],
                |r| {
                    let text = |i: usize| r.get::<_, Option<String>>(w + i);
                    Ok((
                        read_row(r)?,
                        r.get::<_, i64>(w - 1)?,
                        ComplaintDetail {
                            row: ComplaintRow::placeholder(),
                            description: text(0)?,
                            responsibility: text(1)?
                                .and_then(|x| {
                                    Responsibility::parse(FieldId::named("responsibility"), &x).ok()
                                })
                                .unwrap_or(Responsibility::Undetermined),
                            root_cause: text(2)?,
                            product: text(3)?,
                            batch: text(4)?,
                            quantity: r.get(w + 5)?,
                            contact: text(6)?,
                            decisions: Decisions {
                                shipped: text(7)?,
                                stock: text(8)?,
                                wip: text(9)?,
                            },
                            signoff: text(10)?,
                            steps: Vec::new(),
                            pauses: Vec::new(),
                            capas: Vec::new(),
                            returns: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| not_found(number))?;
        let mut stmt = self
            .conn()
            .prepare("SELECT step, at, by, note FROM complaint_steps WHERE complaint_id = ?1 ORDER BY at, id")?;
        let steps = stmt
            .query_map([id], |r| {
                Ok(StepEntry {
                    step: Step::parse(FieldId::named("step"), &r.get::<_, String>(0)?)
                        .unwrap_or(Step::Received),
                    at: time(&r.get::<_, String>(1)?),
                    by: r.get(2)?,
                    note: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn()
            .prepare("SELECT from_at, to_at, reason FROM complaint_pauses WHERE complaint_id = ?1 ORDER BY from_at, id")?;
        let pauses: Vec<PauseEntry> = stmt
            .query_map([id], |r| {
                Ok(PauseEntry {
                    pause: Pause {
                        from: time(&r.get::<_, String>(0)?),
                        to: opt_time(r.get(1)?),
                    },
                    reason: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut row = row;
        row.facts.pauses = pauses.iter().map(|p| p.pause).collect();
        Ok(ComplaintDetail {
            row,
            steps,
            pauses,
            capas: self.list_capas(Some(number))?,
            returns: self.list_returns(Some(number))?,
            ..more
        })
    }
}
