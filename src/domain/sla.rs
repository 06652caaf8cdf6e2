//! SLA clocks on complaints: the policy, due times and the ok / warning / breached state.
//!
//! All clock rules live here so that later policies (working time, pauses, per-severity
//! targets) change one place.

use chrono::{DateTime, Duration, Utc};

use super::complaint::ClockFacts;
use crate::vocabulary;

vocabulary!(
    /// The named clocks a complaint runs in parallel.
    ClockKind, "clock" {
        FirstResponse = "first_response", Plan = "plan", Disposal = "disposal", Report = "report",
    }
);

vocabulary!(
    /// Where a running clock stands.
    ClockState, "clock_state" { Ok = "ok", Warning = "warning", Breached = "breached" }
);

/// When a clock starts warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warn {
    /// Once this share (0-1) of the time allowed has elapsed.
    Share(f64),
    /// This many seconds before the due time.
    Before(i64),
}

/// One clock's target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockRule {
    /// Which clock.
    pub kind: ClockKind,
    /// Calendar seconds from receipt (for the report clock: when the customer set no deadline).
    pub target_s: i64,
    /// When it warns.
    pub warn: Warn,
}

/// The SLA policy: the clocks every complaint runs.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaPolicy {
    /// One rule per clock.
    pub rules: Vec<ClockRule>,
}

impl Default for SlaPolicy {
    /// SOP-15: first response 4h, plan 48h, disposal 72h, report 48h; warn at 75%.
    fn default() -> Self {
        let rule = |kind, hours: i64| ClockRule {
            kind,
            target_s: hours * 3600,
            warn: Warn::Share(0.75),
        };
        SlaPolicy {
            rules: vec![
                rule(ClockKind::FirstResponse, 4),
                rule(ClockKind::Plan, 48),
                rule(ClockKind::Disposal, 72),
                rule(ClockKind::Report, 48),
            ],
        }
    }
}

/// A clock as it stands at some instant.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockReading {
    /// Which clock.
    pub kind: ClockKind,
    /// When it started.
    pub start: DateTime<Utc>,
    /// When its step is due.
    pub due: DateTime<Utc>,
    /// Seconds left until due; negative once overdue.
    pub remaining_s: i64,
    /// ok / warning / breached.
    pub state: ClockState,
}

impl SlaPolicy {
    /// The target of one clock, in seconds.
    pub fn target_s(&self, kind: ClockKind) -> Option<i64> {
        self.rules
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target_s)
    }

    /// The clocks still running at `now` (their step not yet done), nearest due first.
    pub fn running(&self, facts: &ClockFacts, now: DateTime<Utc>) -> Vec<ClockReading> {
        let mut out: Vec<ClockReading> = self
            .rules
            .iter()
            .filter(|r| done_at(facts, r.kind).is_none())
            .map(|r| {
                let due = due_time(r, facts);
                ClockReading {
                    kind: r.kind,
                    start: facts.received_at,
                    due,
                    remaining_s: (due - now).num_seconds(),
                    state: state_at(facts.received_at, due, r.warn, now),
                }
            })
            .collect();
        out.sort_by_key(|c| c.due);
        out
    }

    /// Whether the step of `kind` was done on time (None while it is not done).
    pub fn met(&self, facts: &ClockFacts, kind: ClockKind) -> Option<bool> {
        let rule = self.rules.iter().find(|r| r.kind == kind)?;
        done_at(facts, kind).map(|t| t <= due_time(rule, facts))
    }
}

/// When the step a clock measures was done, if it was.
pub fn done_at(facts: &ClockFacts, kind: ClockKind) -> Option<DateTime<Utc>> {
    match kind {
        ClockKind::FirstResponse => facts.acknowledged_at,
        ClockKind::Plan => facts.plan_at,
        ClockKind::Disposal => facts.disposed_at,
        ClockKind::Report => facts.report_at,
    }
}

fn due_time(rule: &ClockRule, facts: &ClockFacts) -> DateTime<Utc> {
    match (rule.kind, facts.reply_by) {
        (ClockKind::Report, Some(by)) => by,
        _ => facts.received_at + Duration::seconds(rule.target_s),
    }
}

/// The state of a clock running from `start` to `due`, read at `now`.
///
/// Breached only after the due instant (a step done exactly at the due time is on time);
/// warning once the warn rule's point has been reached.
pub fn state_at(
    start: DateTime<Utc>,
    due: DateTime<Utc>,
    warn: Warn,
    now: DateTime<Utc>,
) -> ClockState {
    if now > due {
        return ClockState::Breached;
    }
    let warn_from = match warn {
        Warn::Share(share) => {
            let total_ms = (due - start).num_milliseconds().max(0) as f64;
            start + Duration::milliseconds((total_ms * share.clamp(0.0, 1.0)).round() as i64)
        }
        Warn::Before(secs) => due - Duration::seconds(secs),
    };
    if now >= warn_from {
        ClockState::Warning
    } else {
        ClockState::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{parse_time, DEFAULT_TZ};

    fn t(s: &str) -> DateTime<Utc> {
        parse_time("t", s, DEFAULT_TZ).unwrap()
    }

    fn facts(received: &str) -> ClockFacts {
        ClockFacts {
            received_at: t(received),
            reply_by: None,
            acknowledged_at: None,
            plan_at: None,
            disposed_at: None,
            report_at: None,
        }
    }

    #[test]
    fn boundaries_at_75_and_100_percent() {
        let (s, d) = (t("2026-11-02 08:00"), t("2026-11-02 12:00"));
        let w = Warn::Share(0.75);
        assert_eq!(state_at(s, d, w, t("2026-11-02 10:59:59")), ClockState::Ok);
        assert_eq!(
            state_at(s, d, w, t("2026-11-02 11:00")),
            ClockState::Warning
        );
        assert_eq!(
            state_at(s, d, w, t("2026-11-02 12:00")),
            ClockState::Warning
        );
        assert_eq!(
            state_at(s, d, w, t("2026-11-02 12:00:01")),
            ClockState::Breached
        );
    }

    #[test]
    fn fixed_warning_before_due() {
        let (s, d) = (t("2026-11-02 08:00"), t("2026-11-04 08:00"));
        let w = Warn::Before(3600);
        assert_eq!(state_at(s, d, w, t("2026-11-04 06:59")), ClockState::Ok);
        assert_eq!(
            state_at(s, d, w, t("2026-11-04 07:00")),
            ClockState::Warning
        );
    }

    #[test]
    fn default_clocks_and_due_times() {
        let f = facts("2026-11-02 09:00");
        let now = t("2026-11-02 10:00");
        let clocks = SlaPolicy::default().running(&f, now);
        let kinds: Vec<_> = clocks.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ClockKind::FirstResponse,
                ClockKind::Plan,
                ClockKind::Report,
                ClockKind::Disposal
            ]
        );
        assert_eq!(clocks[0].due, t("2026-11-02 13:00"));
        assert_eq!(clocks[0].remaining_s, 3 * 3600);
        assert_eq!(clocks[1].due, t("2026-11-04 09:00"));
        assert_eq!(clocks[3].due, t("2026-11-05 09:00"));
    }

    #[test]
    fn a_clock_stops_when_its_step_is_done() {
        let mut f = facts("2026-11-02 09:00");
        f.acknowledged_at = Some(t("2026-11-02 12:30"));
        f.plan_at = Some(t("2026-11-03 09:00"));
        let clocks = SlaPolicy::default().running(&f, t("2026-11-10 09:00"));
        let kinds: Vec<_> = clocks.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ClockKind::Report, ClockKind::Disposal]);
        assert!(clocks
            .iter()
            .all(|c| c.state == ClockState::Breached && c.remaining_s < 0));
        assert_eq!(
            SlaPolicy::default().met(&f, ClockKind::FirstResponse),
            Some(true)
        );
        assert_eq!(SlaPolicy::default().met(&f, ClockKind::Disposal), None);
    }

    #[test]
    fn report_follows_the_customers_deadline() {
        let mut f = facts("2026-11-02 09:00");
        f.reply_by = Some(t("2026-11-02 18:00"));
        let clocks = SlaPolicy::default().running(&f, t("2026-11-02 16:00"));
        let report = clocks.iter().find(|c| c.kind == ClockKind::Report).unwrap();
        assert_eq!(report.due, t("2026-11-02 18:00"));
        // 7 of 9 hours elapsed = 78% -> warning.
        assert_eq!(report.state, ClockState::Warning);
    }
}
