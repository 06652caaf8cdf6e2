//! A complaint as people read it, the same in `kefu complaint show` and the workbench:
//! its fields, every clock, its waits, steps, CAPAs and returns.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::fields::FieldLine;
use crate::domain::capa::overdue;
use crate::domain::sla::{ClockState, SlaPolicy};
use crate::domain::time::local;
use crate::i18n::Catalog;
use crate::report::{clock_label, remaining_label};
use crate::store::complaints::ComplaintDetail;

/// One clock as display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockLine {
    /// The clock's name.
    pub name: String,
    /// Calendar or working time.
    pub basis: String,
    /// When it is due, local.
    pub due: String,
    /// Time left (`3h12m`, `overdue 5h`), or when it was done (`done 11-23 10:00`).
    pub left: String,
    /// Its state while running (empty once done).
    pub state: String,
    /// Its state, for colour.
    pub state_kind: ClockState,
    /// Done, and in time.
    pub done_in_time: Option<bool>,
}

/// Whether a complaint counts as escalated at `now` (by hand, or by the policy's days).
pub fn escalated(d: &ComplaintDetail, policy: &SlaPolicy, now: DateTime<Utc>) -> bool {
    !d.row.step.is_terminal() && (d.row.escalated.is_some() || policy.escalated(&d.row.facts, now))
}

/// The complaint's fields, labelled, in reading order (only what applies to it).
pub fn field_lines(d: &ComplaintDetail, escalated: bool, cat: &Catalog, tz: Tz) -> Vec<FieldLine> {
    let f = &d.row.facts;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let label = |k: &str| cat.get(k).to_string();
    let line = |field, key: &str, value: String| FieldLine {
        field,
        label: label(key),
        value,
    };
    let mut out = vec![
        line("number", "col.number", d.row.number.clone()),
        line(
            "customer",
            "col.customer",
            format!("{} {}", d.row.customer, d.row.customer_name),
        ),
        line("title", "col.title", d.row.title.clone()),
        line("description", "field.description", opt(&d.description)),
        line(
            "severity",
            "col.severity",
            label(d.row.severity.label_key()),
        ),
        line(
            "category",
            "field.category",
            label(d.row.category.label_key()),
        ),
        line("channel", "field.channel", label(d.row.channel.label_key())),
        line("step", "col.step", label(d.row.step.label_key())),
        line("owner", "col.owner", opt(&d.row.owner)),
        line(
            "responsibility",
            "field.responsibility",
            label(d.responsibility.label_key()),
        ),
        line("root_cause", "col.root_cause", opt(&d.root_cause)),
        line("product", "field.product", opt(&d.product)),
        line("batch", "field.batch", opt(&d.batch)),
        line(
            "quantity",
            "field.quantity",
            d.quantity.map(|q| q.to_string()).unwrap_or_default(),
        ),
        line("received", "col.received", local(f.received_at, tz)),
        line(
            "reply_by",
            "field.reply_by",
            f.reply_by.map(|t| local(t, tz)).unwrap_or_default(),
        ),
    ];
    if let Some(r) = f.reopened_at {
        out.push(line("reopened_at", "field.reopened_at", local(r, tz)));
    }
    if d.decisions != Default::default() {
        out.push(line(
            "decision_shipped",
            "field.decision_shipped",
            opt(&d.decisions.shipped),
        ));
        out.push(line(
            "decision_stock",
            "field.decision_stock",
            opt(&d.decisions.stock),
        ));
        out.push(line(
            "decision_wip",
            "field.decision_wip",
            opt(&d.decisions.wip),
        ));
    }
    if let Some(s) = &d.signoff {
        out.push(line("signoff", "field.signoff", s.clone()));
    }
    if escalated {
        let to = d.row.escalated.as_ref().and_then(|e| e.1.clone());
        out.push(line("escalated", "field.escalated", to.unwrap_or_default()));
    }
    out
}

/// Every clock of the complaint at `now`, in policy order.
pub fn clock_lines(
    d: &ComplaintDetail,
    policy: &SlaPolicy,
    now: DateTime<Utc>,
    cat: &Catalog,
    tz: Tz,
) -> Vec<ClockLine> {
    let specs = policy.specs_for(&d.row.subject());
    // A clock running to the customer's own reply-by keeps running while we wait on them.
    let on_customer_deadline = |name: &str| {
        d.row.facts.reply_by.is_some()
            && specs
                .iter()
                .any(|s| &*s.name == name && s.customer_deadline)
    };
    policy
        .clocks(&d.row.subject(), &d.row.facts, now)
        .into_iter()
        .map(|c| {
            let in_time = c.state != ClockState::Breached;
            let (left, state) = match c.done_at {
                Some(at) => {
                    let key = if in_time {
                        "ui.clock_done"
                    } else {
                        "ui.clock_done_late"
                    };
                    (cat.fmt(key, &[("at", &local(at, tz))]), String::new())
                }
                None => (
                    remaining_label(cat, c.remaining_s),
                    cat.get(c.state.label_key()).to_string(),
                ),
            };
            ClockLine {
                name: clock_label(cat, &c.name).to_string(),
                basis: if on_customer_deadline(&c.name) {
                    cat.get("basis.customer_deadline").to_string()
                } else {
                    cat.get(c.basis.label_key()).to_string()
                },
                due: local(c.due, tz),
                left,
                state,
                state_kind: c.state,
                done_in_time: c.done_at.map(|_| in_time),
            }
        })
        .collect()
}

/// The complaint's waits on the customer, one sentence each.
pub fn pause_lines(d: &ComplaintDetail, cat: &Catalog, tz: Tz) -> Vec<String> {
    d.pauses
        .iter()
        .map(|p| {
            let until = p
                .pause
                .to
                .map(|t| local(t, tz))
                .unwrap_or_else(|| "…".into());
            cat.fmt(
                "ui.pause_line",
                &[
                    ("from", &local(p.pause.from, tz)),
                    ("to", &until),
                    ("reason", &p.reason),
                ],
            )
        })
        .collect()
}

/// The steps taken: when, which, who, note.
pub fn step_rows(d: &ComplaintDetail, cat: &Catalog, tz: Tz) -> Vec<[String; 4]> {
    d.steps
        .iter()
        .map(|s| {
            [
                local(s.at, tz),
                cat.get(s.step.label_key()).to_string(),
                s.by.clone(),
                s.note.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

/// The complaint's CAPAs, one line each, with whether each is overdue on `today`.
pub fn capa_lines(
    d: &ComplaintDetail,
    today: chrono::NaiveDate,
    cat: &Catalog,
) -> Vec<(String, bool)> {
    d.capas
        .iter()
        .map(|c| {
            let verdict = cat.get(c.verdict.map_or("capa.unverified", |v| v.label_key()));
            (
                format!(
                    "#{} {} → {} / {} · {} · {} · {verdict}",
                    c.id, c.root_cause, c.corrective, c.preventive, c.owner, c.due_date
                ),
                overdue(c.due_date, c.verdict, today),
            )
        })
        .collect()
}

/// The complaint's returns, one line each.
pub fn return_lines(d: &ComplaintDetail, cat: &Catalog, tz: Tz) -> Vec<String> {
    d.returns
        .iter()
        .map(|r| {
            let shipped = r
                .shipped_at
                .as_deref()
                .map(|s| super::history::stamp(s, tz))
                .unwrap_or_default();
            format!(
                "RMA {} · {} · {} · {:.2} · {} {shipped}",
                r.id,
                r.quantity,
                cat.get(r.disposition.label_key()),
                r.value,
                r.approved_by.as_deref().unwrap_or("–"),
            )
            .trim_end()
            .to_string()
        })
        .collect()
}
