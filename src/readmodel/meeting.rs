//! The agenda of the daily SLA check-in meeting, as `kefu meeting --print` and the
//! workbench's meeting view show it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::domain::complaint::{Severity, Step};
use crate::domain::meeting::{change_since, next_meeting, place, Change, Section};
use crate::domain::sla::{ClockState, SlaPolicy};
use crate::domain::time::{local, local_to_utc};
use crate::error::Result;
use crate::store::complaints::ComplaintRow;
use crate::store::Store;
use chrono_tz::Tz;

/// One complaint on the agenda, by the clock that put it there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Complaint number.
    pub record: String,
    /// Customer code.
    pub customer: String,
    /// Customer short name.
    pub customer_name: String,
    /// Title.
    pub title: String,
    /// Owner, if any.
    pub owner: Option<String>,
    /// Severity.
    pub severity: Severity,
    /// Current step.
    pub step: Step,
    /// The clock that put it on the agenda.
    pub clock: Arc<str>,
    /// When that clock is due.
    pub due: DateTime<Utc>,
    /// Seconds left; negative once overdue.
    pub remaining_s: i64,
    /// ok / warning / breached / paused.
    pub state: ClockState,
    /// Escalated to the owner's supervisor.
    pub escalated: bool,
}

/// One owner's open complaints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerLine {
    /// The owner (None: nobody yet).
    pub owner: Option<String>,
    /// Open complaints.
    pub open: usize,
    /// With a breached clock.
    pub breached: usize,
    /// Not breached, but a clock is due before the end of the day.
    pub due_today: usize,
}

/// One complaint that changed since the last meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeLine {
    /// What happened.
    pub change: Change,
    /// When.
    pub at: DateTime<Utc>,
    /// Complaint number.
    pub record: String,
    /// Customer short name.
    pub customer_name: String,
    /// Title.
    pub title: String,
    /// Owner, if any.
    pub owner: Option<String>,
    /// Its step now.
    pub step: Step,
}

/// The whole agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    /// The meeting's time.
    pub at: DateTime<Utc>,
    /// The next meeting (None: no working day within a year).
    pub next_meeting: Option<DateTime<Utc>>,
    /// The last meeting before this one's day, if one was held.
    pub last_meeting: Option<DateTime<Utc>>,
    /// Each section with its items, most overdue first, in the order the meeting walks.
    pub sections: Vec<(Section, Vec<Item>)>,
    /// Every owner of an open complaint: most breached first.
    pub owners: Vec<OwnerLine>,
    /// Since the last meeting, oldest first (empty when there was none).
    pub changes: Vec<ChangeLine>,
}

impl Agenda {
    /// The items of one section.
    pub fn section(&self, s: Section) -> &[Item] {
        self.sections
            .iter()
            .find(|(k, _)| *k == s)
            .map_or(&[], |(_, items)| items.as_slice())
    }

    /// Every item, section by section.
    pub fn items(&self) -> impl Iterator<Item = (Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|(s, items)| items.iter().map(move |i| (*s, i)))
    }
}

/// The meeting's heading at `at`: its time, the next meeting's and the last one's.
pub fn heading(a: &Agenda, at: DateTime<Utc>, cat: &crate::i18n::Catalog, tz: Tz) -> String {
    let when = |t: Option<DateTime<Utc>>| t.map_or_else(|| "–".to_string(), |t| local(t, tz));
    cat.fmt(
        "meeting.heading",
        &[
            ("at", &local(at, tz)),
            ("next", &when(a.next_meeting)),
            ("last", &when(a.last_meeting)),
        ],
    )
}

/// Reads what the agenda at `at` needs and builds it.
pub fn load(store: &Store, policy: &SlaPolicy, at: DateTime<Utc>) -> Result<Agenda> {
    let tz = policy.calendar.tz;
    let day = at.with_timezone(&tz).date_naive();
    let last = store.last_meeting_before(day)?;
    let open = store.list_complaints(true)?;
    let closed = match last {
        Some(t) => store.complaints_closed_since(t)?,
        None => Vec::new(),
    };
    Ok(agenda(&open, &closed, policy, at, last))
}

/// The agenda at `at` over the open complaints and those closed since `last`.
pub fn agenda(
    open: &[ComplaintRow],
    closed: &[ComplaintRow],
    policy: &SlaPolicy,
    at: DateTime<Utc>,
    last: Option<DateTime<Utc>>,
) -> Agenda {
    let next = next_meeting(&policy.calendar, at);
    let tz = policy.calendar.tz;
    let end_of_day = at
        .with_timezone(&tz)
        .date_naive()
        .succ_opt()
        .and_then(|d| local_to_utc(d.and_time(chrono::NaiveTime::MIN), tz))
        .unwrap_or(at + Duration::days(1));
    let mut sections: Vec<(Section, Vec<Item>)> =
        Section::ALL.iter().map(|s| (*s, Vec::new())).collect();
    let mut owners: BTreeMap<Option<String>, OwnerLine> = BTreeMap::new();
    let mut changes = Vec::new();
    for r in open.iter().filter(|r| !r.step.is_terminal()) {
        let running = policy.running(&r.subject(), &r.facts, at);
        let escalated = r.escalated.is_some() || policy.escalated(&r.facts, at);
        let line = owners.entry(r.owner.clone()).or_insert_with(|| OwnerLine {
            owner: r.owner.clone(),
            open: 0,
            breached: 0,
            due_today: 0,
        });
        line.open += 1;
        let working = || running.iter().filter(|c| c.state != ClockState::Paused);
        if working().any(|c| c.state == ClockState::Breached) {
            line.breached += 1;
        } else if working().any(|c| c.due < end_of_day) {
            line.due_today += 1;
        }
        if let Some((section, c)) = place(&running, escalated, next.unwrap_or(at)) {
            let item = Item {
                record: r.number.clone(),
                customer: r.customer.clone(),
                customer_name: r.customer_name.clone(),
                title: r.title.clone(),
                owner: r.owner.clone(),
                severity: r.severity,
                step: r.step,
                clock: c.name.clone(),
                due: c.due,
                remaining_s: c.remaining_s,
                state: c.state,
                escalated,
            };
            if let Some((_, items)) = sections.iter_mut().find(|(s, _)| *s == section) {
                items.push(item);
            }
        }
        if let Some(last) = last {
            changes.extend(change_line(r, &running, last, at));
        }
    }
    if let Some(last) = last {
        for r in closed {
            changes.extend(change_line(r, &[], last, at));
        }
    }
    for (_, items) in &mut sections {
        items.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.record.cmp(&b.record)));
    }
    changes.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.record.cmp(&b.record)));
    let mut owners: Vec<OwnerLine> = owners.into_values().collect();
    owners.sort_by(|a, b| {
        (b.breached, b.open, b.due_today)
            .cmp(&(a.breached, a.open, a.due_today))
            .then_with(|| a.owner.cmp(&b.owner))
    });
    Agenda {
        at,
        next_meeting: next,
        last_meeting: last,
        sections,
        owners,
        changes,
    }
}

fn change_line(
    r: &ComplaintRow,
    running: &[crate::domain::sla::ClockReading],
    last: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Option<ChangeLine> {
    let (change, when) = change_since(&r.facts, running, last, at)?;
    Some(ChangeLine {
        change,
        at: when,
        record: r.number.clone(),
        customer_name: r.customer_name.clone(),
        title: r.title.clone(),
        owner: r.owner.clone(),
        step: r.step,
    })
}
