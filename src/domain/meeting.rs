//! The daily SLA check-in meeting: when the next one is, which section of the agenda a
//! complaint belongs in, and what changed since the last one.

use chrono::{DateTime, Duration, Utc};

use super::calendar::WorkCalendar;
use super::complaint::ClockFacts;
use super::sla::{ClockReading, ClockState};
use super::time::local_to_utc;

/// How far ahead the next working day is looked for (a calendar with none gives up).
const MAX_DAYS: i64 = 366;

/// The next meeting after one at `at`: the same local time on the next working day
/// (weekends and holidays skipped, make-up days honoured).
pub fn next_meeting(cal: &WorkCalendar, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = at.with_timezone(&cal.tz).naive_local();
    (1..=MAX_DAYS)
        .map(|n| local.date() + Duration::days(n))
        .find(|d| cal.is_working_day(*d))
        .and_then(|d| local_to_utc(d.and_time(local.time()), cal.tz))
}

crate::vocabulary! {
    /// The sections of the agenda, in the order the meeting walks them.
    Section, "section" {
        Breached = "breached",
        DueBeforeNext = "due_before_next",
        Warning = "warning",
        Escalated = "escalated",
        Waiting = "waiting",
    }
}

/// Where a complaint goes on the agenda, and by which of its clocks: the first section
/// it belongs to, so each complaint is talked about once. `running` is nearest due first.
/// None: on track, not on the agenda.
pub fn place(
    running: &[ClockReading],
    escalated: bool,
    next: DateTime<Utc>,
) -> Option<(Section, &ClockReading)> {
    let working = || running.iter().filter(|c| c.state != ClockState::Paused);
    if let Some(c) = working().find(|c| c.state == ClockState::Breached) {
        return Some((Section::Breached, c));
    }
    if let Some(c) = working().find(|c| c.due <= next) {
        return Some((Section::DueBeforeNext, c));
    }
    if let Some(c) = working().find(|c| c.state == ClockState::Warning) {
        return Some((Section::Warning, c));
    }
    if escalated {
        return running.first().map(|c| (Section::Escalated, c));
    }
    running
        .iter()
        .find(|c| c.state == ClockState::Paused)
        .map(|c| (Section::Waiting, c))
}

crate::vocabulary! {
    /// What happened to a complaint between two meetings.
    Change, "change" {
        New = "new",
        Closed = "closed",
        NewlyBreached = "newly_breached",
        Moved = "moved",
    }
}

/// What changed for one complaint between the last meeting and `now`, with when: new
/// (received), closed, newly breached (a clock came due in between and is breached
/// now), or moved (a step was reached). The first that applies, in that order.
pub fn change_since(
    f: &ClockFacts,
    running: &[ClockReading],
    last: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<(Change, DateTime<Utc>)> {
    let between = |t: &DateTime<Utc>| *t > last && *t <= now;
    if between(&f.received_at) {
        return Some((Change::New, f.received_at));
    }
    if let Some(t) = f.closed_at.filter(between) {
        return Some((Change::Closed, t));
    }
    if let Some(c) = running
        .iter()
        .find(|c| c.state == ClockState::Breached && between(&c.due))
    {
        return Some((Change::NewlyBreached, c.due));
    }
    [
        f.reopened_at,
        f.acknowledged_at,
        f.investigating_at,
        f.plan_at,
        f.disposed_at,
        f.followed_up_at,
        f.report_at,
    ]
    .into_iter()
    .flatten()
    .filter(between)
    .max()
    .map(|t| (Change::Moved, t))
}

#[cfg(test)]
#[path = "meeting_tests.rs"]
mod tests;
