//! Tests of the meeting's rules.

use super::*;
use crate::domain::calendar::WorkCalendar;
use crate::domain::complaint::{Category, Pause, Severity};
use crate::domain::customer::Grade;
use crate::domain::sla::{SlaPolicy, Subject};
use crate::domain::time::{parse_time, DEFAULT_TZ};
use crate::field_id::FieldId;

fn t(s: &str) -> DateTime<Utc> {
    parse_time(FieldId::named("t"), s, DEFAULT_TZ).unwrap()
}

fn china() -> WorkCalendar {
    crate::config::holidays::china(DEFAULT_TZ, Default::default())
}

#[test]
fn the_next_meeting_is_the_same_time_on_the_next_working_day() {
    let cal = china();
    let next = |s: &str| next_meeting(&cal, t(s));
    // A weekday to the next.
    assert_eq!(next("2026-11-24 09:00"), Some(t("2026-11-25 09:00")));
    // Friday to Monday, over the weekend.
    assert_eq!(next("2026-11-20 09:00"), Some(t("2026-11-23 09:00")));
    // Over the National Day holiday (1-7 October 2026) to Thursday the 8th.
    assert_eq!(next("2026-09-30 09:00"), Some(t("2026-10-08 09:00")));
    // Friday 9 October to the make-up Saturday, the 10th.
    assert_eq!(next("2026-10-09 08:45"), Some(t("2026-10-10 08:45")));
    // Friday 18 September to the make-up Sunday, the 20th.
    assert_eq!(next("2026-09-18 09:30"), Some(t("2026-09-20 09:30")));
}

#[test]
fn a_calendar_without_working_days_has_no_next_meeting() {
    let mut cal = china();
    cal.weekdays = [false; 7];
    cal.years.clear();
    assert_eq!(next_meeting(&cal, t("2026-11-24 09:00")), None);
}

fn policy() -> SlaPolicy {
    SlaPolicy::standard(china())
}

fn subject(severity: Severity) -> Subject {
    Subject {
        severity,
        category: Category::Quality,
        grade: Some(Grade::B),
    }
}

fn facts(received: &str) -> ClockFacts {
    ClockFacts {
        received_at: t(received),
        ..Default::default()
    }
}

/// Where a complaint received at `received` (major) sits on the agenda at `now`.
fn placed(f: &ClockFacts, now: &str, escalated: bool) -> Option<(Section, String)> {
    let (now, p) = (t(now), policy());
    let next = next_meeting(&p.calendar, now).unwrap();
    let running = p.running(&subject(Severity::Major), f, now);
    place(&running, escalated, next).map(|(s, c)| (s, c.name.to_string()))
}

#[test]
fn each_complaint_goes_in_the_first_section_it_belongs_to() {
    // Received Monday 08:00: the 4 h first response is breached by 13:00.
    let f = facts("2026-11-23 08:00");
    assert_eq!(
        placed(&f, "2026-11-23 13:00", true),
        Some((Section::Breached, "first_response".into()))
    );
    // At 09:00 it is not breached but due before tomorrow's 09:00 meeting.
    assert_eq!(
        placed(&f, "2026-11-23 09:00", true),
        Some((Section::DueBeforeNext, "first_response".into()))
    );
    // Acknowledged: the plan (48 h) is due Wednesday 08:00, after Tuesday's meeting.
    let mut acked = f.clone();
    acked.acknowledged_at = Some(t("2026-11-23 09:00"));
    assert_eq!(placed(&acked, "2026-11-23 09:30", false), None, "on track");
    let section =
        |f: &ClockFacts, now: &str, escalated: bool| placed(f, now, escalated).map(|p| p.0);
    assert_eq!(
        section(&acked, "2026-11-23 09:30", true),
        Some(Section::Escalated)
    );
    // Tuesday 09:30: the plan (and the report) are due before Wednesday's 09:30 meeting.
    assert_eq!(
        section(&acked, "2026-11-24 09:30", false),
        Some(Section::DueBeforeNext)
    );
    // Waiting on the customer: every clock but the customer's own deadline pauses.
    let mut waiting = acked.clone();
    waiting.pauses.push(Pause {
        from: t("2026-11-23 09:10"),
        to: None,
    });
    assert_eq!(
        placed(&waiting, "2026-11-24 09:30", false),
        Some((Section::Waiting, "plan".into()))
    );
}

#[test]
fn what_changed_since_the_last_meeting() {
    let (last, now) = (t("2026-11-23 09:00"), t("2026-11-24 09:00"));
    let p = policy();
    let change = |f: &ClockFacts| {
        let running = p.running(&subject(Severity::Major), f, now);
        change_since(f, &running, last, now)
    };
    let new = facts("2026-11-23 15:00");
    assert_eq!(change(&new), Some((Change::New, t("2026-11-23 15:00"))));
    let mut closed = facts("2026-11-20 10:00");
    closed.closed_at = Some(t("2026-11-23 16:00"));
    assert_eq!(
        change(&closed),
        Some((Change::Closed, t("2026-11-23 16:00")))
    );
    // Received Wednesday 10:00: every clock breached by Saturday, before the last meeting.
    let old = facts("2026-11-18 10:00");
    assert_eq!(change(&old), None);
    // Received Monday 08:30, first response due 12:30: breached since the last meeting.
    let late = facts("2026-11-23 08:30");
    assert_eq!(
        change(&late),
        Some((Change::NewlyBreached, t("2026-11-23 12:30")))
    );
    // Received Friday 10:00: the 72 h disposal came due on Monday at 10:00.
    assert_eq!(
        change(&facts("2026-11-20 10:00")),
        Some((Change::NewlyBreached, t("2026-11-23 10:00")))
    );
    let mut moved = facts("2026-11-18 10:00");
    moved.acknowledged_at = Some(t("2026-11-18 11:00"));
    moved.investigating_at = Some(t("2026-11-23 10:00"));
    assert_eq!(change(&moved), Some((Change::Moved, t("2026-11-23 10:00"))));
}
