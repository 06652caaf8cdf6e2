//! Tests of the SLA clocks.

use super::*;
use crate::domain::calendar::{WorkCalendar, YearDays};
use crate::domain::complaint::Pause;
use crate::domain::time::{parse_time, DEFAULT_TZ};
use crate::field_id::FieldId;
use chrono::NaiveDate;

fn t(s: &str) -> DateTime<Utc> {
    parse_time(FieldId::named("t"), s, DEFAULT_TZ).unwrap()
}

fn policy() -> SlaPolicy {
    let mut y = YearDays::default();
    for d in [
        "2026-10-01",
        "2026-10-02",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
    ] {
        y.holidays
            .insert(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    }
    SlaPolicy::standard(WorkCalendar::standard(DEFAULT_TZ, [(2026, y)].into()))
}

fn major() -> Subject {
    Subject {
        severity: Severity::Major,
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

fn clock<'a>(v: &'a [ClockReading], name: &str) -> &'a ClockReading {
    v.iter().find(|c| &*c.name == name).unwrap()
}

#[test]
fn boundaries_at_75_and_100_percent() {
    let p = policy();
    let f = facts("2026-11-02 08:00");
    let state = |at: &str| clock(&p.clocks(&major(), &f, t(at)), "first_response").state;
    assert_eq!(state("2026-11-02 10:59:59"), ClockState::Ok);
    assert_eq!(state("2026-11-02 11:00"), ClockState::Warning);
    assert_eq!(state("2026-11-02 12:00"), ClockState::Warning);
    assert_eq!(state("2026-11-02 12:00:01"), ClockState::Breached);
}

#[test]
fn fixed_warning_before_due() {
    let mut p = policy();
    p.rules.push(Rule {
        clock: "plan".into(),
        warn: Some(Warn::Before(3600)),
        ..Default::default()
    });
    let f = facts("2026-11-02 08:00");
    let state = |at: &str| clock(&p.clocks(&major(), &f, t(at)), "plan").state;
    assert_eq!(state("2026-11-04 06:59"), ClockState::Ok);
    assert_eq!(state("2026-11-04 07:00"), ClockState::Warning);
}

#[test]
fn default_due_times_and_the_report_in_working_days() {
    let p = policy();
    // Monday 09:00.
    let f = facts("2026-11-02 09:00");
    let c = p.running(&major(), &f, t("2026-11-02 10:00"));
    let names: Vec<_> = c.iter().map(|c| &*c.name).collect();
    // plan and report are both due Wed 09:00: the policy order breaks the tie.
    assert_eq!(names, vec!["first_response", "plan", "report", "disposal"]);
    assert_eq!(clock(&c, "first_response").due, t("2026-11-02 13:00"));
    assert_eq!(clock(&c, "first_response").remaining_s, 3 * 3600);
    // 2 working days = 16 working hours: Mon 09:00-17:30 is 7.5h, Tue 8h, Wed 0.5h.
    assert_eq!(clock(&c, "report").due, t("2026-11-04 09:00"));
    assert_eq!(clock(&c, "plan").due, t("2026-11-04 09:00"));
    assert_eq!(clock(&c, "disposal").due, t("2026-11-05 09:00"));
}

#[test]
fn a_clock_stops_when_its_step_is_done() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00");
    f.acknowledged_at = Some(t("2026-11-02 12:30"));
    f.plan_at = Some(t("2026-11-04 10:00"));
    let all = p.clocks(&major(), &f, t("2026-11-10 09:00"));
    let fr = clock(&all, "first_response");
    assert_eq!(
        (fr.done_at, fr.state),
        (Some(t("2026-11-02 12:30")), ClockState::Warning)
    );
    assert_eq!(
        clock(&all, "plan").state,
        ClockState::Breached,
        "done an hour late"
    );
    let running: Vec<_> = p
        .running(&major(), &f, t("2026-11-10 09:00"))
        .into_iter()
        .map(|c| c.name.to_string())
        .collect();
    assert_eq!(running, vec!["report", "disposal"]);
}

#[test]
fn the_customers_deadline_sets_the_report_clock() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00");
    f.reply_by = Some(t("2026-11-02 18:00"));
    let c = p.clocks(&major(), &f, t("2026-11-02 16:00"));
    let report = clock(&c, "report");
    assert_eq!(report.due, t("2026-11-02 18:00"));
    // 7 of the 8 working hours to 18:00 (09:00-12:00, 13:00-17:30 = 7.5h) -> warning.
    assert_eq!(report.state, ClockState::Warning);
}

#[test]
fn rules_pick_targets_by_severity_category_and_grade() {
    let mut p = policy();
    p.rules.push(Rule {
        severity: Some(Severity::Urgent),
        clock: "first_response".into(),
        target_s: Some(3600),
        ..Default::default()
    });
    p.rules.push(Rule {
        grade: Some(Grade::A),
        category: Some(Category::Quality),
        clock: "disposal".into(),
        target_s: Some(3 * 8 * 3600),
        basis: Some(Basis::Working),
        ..Default::default()
    });
    let urgent_a = Subject {
        severity: Severity::Urgent,
        category: Category::Quality,
        grade: Some(Grade::A),
    };
    let specs = p.specs_for(&urgent_a);
    assert_eq!(specs[0].target_s, 3600);
    assert_eq!((specs[2].target_s, specs[2].basis), (86400, Basis::Working));
    let specs = p.specs_for(&major());
    assert_eq!(
        (specs[0].target_s, specs[2].basis),
        (4 * 3600, Basis::Calendar)
    );
    assert_eq!(p.first_response_s(&urgent_a), 3600);
}

#[test]
fn a_pause_moves_due_times_of_pausing_clocks_only() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00");
    f.pauses.push(Pause {
        from: t("2026-11-02 10:00"),
        to: Some(t("2026-11-03 10:00")),
    });
    let c = p.clocks(&major(), &f, t("2026-11-03 11:00"));
    assert_eq!(
        clock(&c, "first_response").due,
        t("2026-11-02 13:00"),
        "does not pause"
    );
    assert_eq!(
        clock(&c, "plan").due,
        t("2026-11-05 09:00"),
        "48h + 24h paused"
    );
    // Working report clock: 1h before the pause, then 15 working hours from Tue 10:00:
    // Tue 10:00-17:30 = 6.5h, Wed 8h, Thu 0.5h -> Thu 09:00.
    assert_eq!(clock(&c, "report").due, t("2026-11-05 09:00"));
}

#[test]
fn an_open_pause_shows_paused_and_projects_the_due_time() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00");
    f.pauses.push(Pause {
        from: t("2026-11-02 21:00"),
        to: None,
    });
    let c = p.clocks(&major(), &f, t("2026-11-04 09:00"));
    let plan = clock(&c, "plan");
    assert_eq!(plan.state, ClockState::Paused);
    // 12h used before the pause; 36h left from now.
    assert_eq!(plan.due, t("2026-11-05 21:00"));
    assert_eq!(plan.remaining_s, 36 * 3600);
    assert_ne!(clock(&c, "first_response").state, ClockState::Paused);
}

#[test]
fn reopening_restarts_the_clocks() {
    let p = policy();
    let mut f = facts("2026-10-20 09:00");
    f.reopened_at = Some(t("2026-11-02 09:00"));
    let c = p.running(&major(), &f, t("2026-11-02 10:00"));
    assert_eq!(clock(&c, "first_response").due, t("2026-11-02 13:00"));
    assert_eq!(clock(&c, "first_response").state, ClockState::Ok);
}

#[test]
fn working_clocks_across_national_day() {
    let mut p = policy();
    p.rules.push(Rule {
        clock: "disposal".into(),
        target_s: Some(3 * 8 * 3600),
        basis: Some(Basis::Working),
        ..Default::default()
    });
    // Wed 30 Sep 14:00: 3.5h that day, then Oct 1-7 off (with the weekend), Thu 8 Oct 8h,
    // Fri 9 Oct 8h, and 4.5h on Mon 12 Oct -> 13:00 + 1h = 14:00? 08:30 + 3.5h = 12:00,
    // then 1h after lunch -> 14:00.
    let f = facts("2026-09-30 14:00");
    let c = p.clocks(&major(), &f, t("2026-10-08 09:00"));
    assert_eq!(clock(&c, "disposal").due, t("2026-10-12 14:00"));
}

#[test]
fn escalation_after_three_working_days_without_disposal() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00"); // Monday
    assert!(!p.escalated(&f, t("2026-11-05 08:59")));
    // 24 working hours: Mon 7.5 + Tue 8 + Wed 8 = 23.5, Thu 08:30 + 0.5h = 09:00.
    assert!(p.escalated(&f, t("2026-11-05 09:00")));
    f.disposed_at = Some(t("2026-11-04 09:00"));
    assert!(!p.escalated(&f, t("2026-11-09 09:00")));
}

#[test]
fn closing_stops_every_clock() {
    let p = policy();
    let mut f = facts("2026-11-02 09:00");
    f.acknowledged_at = Some(t("2026-11-02 10:00"));
    f.closed_at = Some(t("2026-11-02 11:00"));
    assert!(p.running(&major(), &f, t("2026-11-10 09:00")).is_empty());
    assert!(p
        .clocks(&major(), &f, t("2026-11-10 09:00"))
        .iter()
        .all(|c| c.done_at.is_some()));
}
