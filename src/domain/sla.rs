//! SLA clocks on complaints: the policy, due times on calendar or working time, pauses,
//! and the ok / warning / breached / paused state. Every clock rule lives here.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::calendar::WorkCalendar;
use super::complaint::{Category, ClockFacts, Severity, Step};
use super::customer::Grade;
use crate::vocabulary;

vocabulary!(
    /// Where a running clock stands.
    ClockState, "clock_state" { Ok = "ok", Warning = "warning", Breached = "breached", Paused = "paused" }
);

vocabulary!(
    /// Whether a clock counts every hour or only working hours.
    Basis, "basis" { Calendar = "calendar", Working = "working" }
);

/// When a clock starts warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warn {
    /// Once this share (0-1) of the time allowed has been used.
    Share(f64),
    /// This many seconds before the due time.
    Before(i64),
}

pub use super::complaint::Stop;

/// One named clock.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockSpec {
    /// Name (`first_response`, ... or one the user defines); shared, as every reading
    /// of every complaint carries it.
    pub name: Arc<str>,
    /// What stops it.
    pub stop: Stop,
    /// Time allowed, in seconds of its basis.
    pub target_s: i64,
    /// Calendar or working time.
    pub basis: Basis,
    /// When it warns.
    pub warn: Warn,
    /// Whether it stops while the complaint waits on the customer.
    pub pauses: bool,
    /// Whether the customer's reply-by time, when given, is its due time.
    pub customer_deadline: bool,
}

/// A change to one clock for complaints that match (unset fields match anything).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rule {
    /// Only this severity.
    pub severity: Option<Severity>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only customers of this grade.
    pub grade: Option<Grade>,
    /// The clock changed.
    pub clock: String,
    /// New target.
    pub target_s: Option<i64>,
    /// New basis.
    pub basis: Option<Basis>,
    /// New warning rule.
    pub warn: Option<Warn>,
    /// New pause behaviour.
    pub pauses: Option<bool>,
}

/// The SLA policy: clocks, the rules that adjust them, escalation, and the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaPolicy {
    /// The clocks every complaint runs, before rules.
    pub clocks: Vec<ClockSpec>,
    /// Adjustments, applied in order (later ones win).
    pub rules: Vec<Rule>,
    /// Escalate when not disposed this many working days after receipt.
    pub escalate_after_days: i64,
    /// The working-time calendar.
    pub calendar: WorkCalendar,
    /// Replacements worth more than this (RMB) need a manager's approval before shipping.
    pub approval_threshold: f64,
    /// The KPI targets of the team's procedure.
    pub kpi: crate::domain::kpi::KpiTargets,
    /// The customer fields a complete file fills.
    pub required: crate::domain::customer::Required,
    /// The thresholds of customer grading.
    pub grading: crate::domain::grading::GradeRules,
    /// Days between a lead's follow-ups, per intent.
    pub leads: crate::domain::lead::Cadence,
    /// NPS campaign reminders and the improvement case's clocks.
    pub nps: crate::domain::campaign::NpsRules,
    /// The service cadence per grade.
    pub care: crate::domain::care::CarePlan,
    /// The satisfaction questionnaire: items, points, bands.
    pub survey: crate::domain::questionnaire::Questionnaire,
    /// When survey rounds are held and which share of each grade is asked.
    pub sampling: crate::domain::sampling::Sampling,
}

/// What a complaint's clocks are chosen by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Subject {
    /// Severity.
    pub severity: Severity,
    /// Category.
    pub category: Category,
    /// The customer's grade.
    pub grade: Option<Grade>,
}

/// A clock as it stands at some instant.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockReading {
    /// The clock's name.
    pub name: Arc<str>,
    /// Calendar or working time.
    pub basis: Basis,
    /// When it started (receipt, or the reopening).
    pub start: DateTime<Utc>,
    /// When its step is due (while paused: if work resumed now).
    pub due: DateTime<Utc>,
    /// Seconds until due; negative once overdue.
    pub remaining_s: i64,
    /// ok / warning / breached / paused.
    pub state: ClockState,
    /// When its step was done (a stopped clock), if it was.
    pub done_at: Option<DateTime<Utc>>,
}

/// `h` hours in seconds.
pub fn hours(h: i64) -> i64 {
    h * 3600
}

/// How a clock did, the one definition every figure uses: Some(true) done in time,
/// Some(false) missed (done late, or not done and already past due), None still open.
pub fn kept(c: &ClockReading) -> Option<bool> {
    match (c.done_at, c.state) {
        (_, ClockState::Breached) => Some(false),
        (Some(_), _) => Some(true),
        (None, _) => None,
    }
}

/// The default clocks (SOP-15): first response 4h, plan 48h, disposal 72h on calendar
/// time; the report by the customer's deadline, else 2 working days. Warn at 75%.
pub fn default_clocks() -> Vec<ClockSpec> {
    let spec = |name: &str, stop, target_s, basis, pauses| ClockSpec {
        name: name.into(),
        stop,
        target_s,
        basis,
        warn: Warn::Share(0.75),
        pauses,
        customer_deadline: false,
    };
    let mut report = spec("report", Stop::Report, hours(16), Basis::Working, true);
    report.customer_deadline = true;
    vec![
        spec(
            "first_response",
            Stop::Step(Step::Acknowledged),
            hours(4),
            Basis::Calendar,
            false,
        ),
        spec(
            "plan",
            Stop::Step(Step::PlanProposed),
            hours(48),
            Basis::Calendar,
            true,
        ),
        spec(
            "disposal",
            Stop::Step(Step::Disposed),
            hours(72),
            Basis::Calendar,
            true,
        ),
        report,
    ]
}

impl SlaPolicy {
    /// The default policy on `calendar`.
    pub fn standard(calendar: WorkCalendar) -> SlaPolicy {
        SlaPolicy {
            clocks: default_clocks(),
            rules: Vec::new(),
            escalate_after_days: 3,
            calendar,
            approval_threshold: crate::domain::capa::DEFAULT_APPROVAL_THRESHOLD,
            kpi: crate::domain::kpi::KpiTargets::default(),
            required: crate::domain::customer::Required::default(),
            grading: crate::domain::grading::GradeRules::default(),
            leads: crate::domain::lead::Cadence::default(),
            nps: crate::domain::campaign::NpsRules::default(),
            care: crate::domain::care::CarePlan::default(),
            survey: crate::domain::questionnaire::Questionnaire::default(),
            sampling: crate::domain::sampling::Sampling::default(),
        }
    }

    /// Whether some rule picks clocks by the customer's grade.
    pub fn uses_grade(&self) -> bool {
        self.rules.iter().any(|r| r.grade.is_some())
    }

    /// The target of the named clock before any rule (the KPIs' limit for it), in seconds.
    pub fn base_target_s(&self, clock: &str) -> Option<i64> {
        self.clocks
            .iter()
            .find(|c| &*c.name == clock)
            .map(|c| c.target_s)
    }

    /// The clocks of a complaint, with every matching rule applied in order (borrowed
    /// when no rule applies, the common case).
    pub fn specs_for(&self, s: &Subject) -> Cow<'_, [ClockSpec]> {
        let mut specs = Cow::Borrowed(self.clocks.as_slice());
        for r in &self.rules {
            let matches = r.severity.is_none_or(|x| x == s.severity)
                && r.category.is_none_or(|x| x == s.category)
                && (r.grade.is_none() || r.grade == s.grade);
            if !matches {
                continue;
            }
            if let Some(c) = specs.to_mut().iter_mut().find(|c| *c.name == *r.clock) {
                c.target_s = r.target_s.unwrap_or(c.target_s);
                c.basis = r.basis.unwrap_or(c.basis);
                c.warn = r.warn.unwrap_or(c.warn);
                c.pauses = r.pauses.unwrap_or(c.pauses);
            }
        }
        specs
    }

    /// The first-response target of a complaint, in seconds (for the KPIs).
    pub fn first_response_s(&self, s: &Subject) -> i64 {
        self.specs_for(s)
            .iter()
            .find(|c| &*c.name == "first_response")
            .map(|c| c.target_s)
            .unwrap_or(hours(4))
    }

    /// One named clock of a complaint at `now` (only that one is worked out).
    pub fn clock(
        &self,
        s: &Subject,
        f: &ClockFacts,
        now: DateTime<Utc>,
        name: &str,
    ) -> Option<ClockReading> {
        let specs = self.specs_for(s);
        let spec = specs.iter().find(|c| &*c.name == name)?;
        Some(self.read(spec, f, now))
    }

    /// Every clock of a complaint at `now`, running or stopped, in policy order.
    pub fn clocks(&self, s: &Subject, f: &ClockFacts, now: DateTime<Utc>) -> Vec<ClockReading> {
        self.specs_for(s)
            .iter()
            .map(|spec| self.read(spec, f, now))
            .collect()
    }

    /// The clocks still running at `now`, nearest due first.
    pub fn running(&self, s: &Subject, f: &ClockFacts, now: DateTime<Utc>) -> Vec<ClockReading> {
        let mut out: Vec<_> = self
            .clocks(s, f, now)
            .into_iter()
            .filter(|c| c.done_at.is_none())
            .collect();
        out.sort_by_key(|c| c.due);
        out
    }

    /// Whether the complaint is escalated at `now`: not disposed N working days after start.
    pub fn escalated(&self, f: &ClockFacts, now: DateTime<Utc>) -> bool {
        let day = self.calendar.working_day_s();
        let needed = self.escalate_after_days * day;
        // Working time never exceeds calendar time: skip the calendar walk when too early.
        f.disposed_at.is_none()
            && day > 0
            && (now - f.start()).num_seconds() >= needed
            && self.calendar.between(f.start(), now) >= needed
    }

    fn read(&self, spec: &ClockSpec, f: &ClockFacts, now: DateTime<Utc>) -> ClockReading {
        let start = f.start();
        // Closing a complaint stops every clock still running.
        let done_at = f.done_at(spec.stop).or(f.closed_at);
        // A stopped clock is judged as it stood when its step was done.
        let at = done_at.unwrap_or(now);
        // Waits as they stood at `at`: later ones had not begun, a later end had not come.
        let pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = if spec.pauses {
            f.pauses
                .iter()
                .filter(|p| p.from < at)
                .map(|p| (p.from, p.to.filter(|t| *t <= at)))
                .filter(|(_, to)| to.is_none_or(|t| t > start))
                .collect()
        } else {
            Vec::new()
        };
        let deadline = spec.customer_deadline.then_some(f.reply_by).flatten();
        let (due, paused) = match deadline {
            Some(by) => (by, false),
            None => self.due(spec, start, &pauses, at),
        };
        let state = if paused && deadline.is_none() {
            ClockState::Paused
        } else if at > due {
            ClockState::Breached
        } else {
            let warn = match spec.warn {
                Warn::Share(share) => {
                    let allowed = match deadline {
                        Some(by) => self.measure(spec.basis, start, by),
                        None => spec.target_s,
                    };
                    let used = self.used(spec.basis, start, &pauses, at);
                    used as f64 >= allowed as f64 * share.clamp(0.0, 1.0)
                }
                Warn::Before(secs) => at >= due - Duration::seconds(secs),
            };
            if warn {
                ClockState::Warning
            } else {
                ClockState::Ok
            }
        };
        ClockReading {
            name: spec.name.clone(),
            basis: spec.basis,
            start,
            due,
            remaining_s: (due - at).num_seconds(),
            state,
            done_at,
        }
    }

    /// Seconds of `basis` time in `[a, b)`.
    pub fn measure(&self, basis: Basis, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        match basis {
            Basis::Calendar => (b - a).num_seconds().max(0),
            Basis::Working => self.calendar.between(a, b),
        }
    }

    fn add(&self, basis: Basis, start: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
        match basis {
            Basis::Calendar => start + Duration::seconds(secs),
            // A calendar with no working time at all falls back to calendar time.
            Basis::Working => self
                .calendar
                .add(start, secs)
                .unwrap_or(start + Duration::seconds(secs)),
        }
    }

    /// Time used in `[start, at)`, paused spans left out.
    fn used(
        &self,
        basis: Basis,
        start: DateTime<Utc>,
        pauses: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
        at: DateTime<Utc>,
    ) -> i64 {
        let mut used = self.measure(basis, start, at);
        for (from, to) in pauses {
            let (a, b) = ((*from).max(start), to.unwrap_or(at).min(at));
            if b > a {
                used -= self.measure(basis, a, b);
            }
        }
        used.max(0)
    }

    /// The due time: the target consumed from `start`, skipping paused spans. An open
    /// pause means the clock is stopped; its due time is then projected from `now`.
    fn due(
        &self,
        spec: &ClockSpec,
        start: DateTime<Utc>,
        pauses: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
        now: DateTime<Utc>,
    ) -> (DateTime<Utc>, bool) {
        let mut left = spec.target_s;
        let mut seg = start;
        let mut sorted = pauses.to_vec();
        sorted.sort_by_key(|p| p.0);
        for (from, to) in sorted {
            let from = from.max(seg);
            let span = self.measure(spec.basis, seg, from);
            if left <= span {
                return (self.add(spec.basis, seg, left), false);
            }
            left -= span;
            match to {
                Some(to) => seg = seg.max(to),
                None => return (self.add(spec.basis, now.max(from), left), true),
            }
        }
        (self.add(spec.basis, seg, left), false)
    }
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
