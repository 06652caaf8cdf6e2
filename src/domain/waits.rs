//! When a complaint's steps and waits may be dated, and when it may wait or be escalated.

use crate::field_id::FieldId;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::complaint::Step;
use super::time::local;
use crate::error::Error;

fn invalid_at(at: DateTime<Utc>, tz: Tz, rule: &'static str) -> Error {
    Error::Invalid {
        field: FieldId::named("at"),
        value: local(at, tz),
        rule,
    }
}

/// A step dated `at`: not after `now` (what has not happened cannot be recorded), not
/// before the clocks started (`start`), nor before the last step, so the history stays
/// in order.
pub fn check_step_time(
    at: DateTime<Utc>,
    start: DateTime<Utc>,
    last_step: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(), Error> {
    if at > now {
        return Err(invalid_at(at, tz, "rule.not_future"));
    }
    if at < start {
        return Err(invalid_at(at, tz, "rule.after_received"));
    }
    if last_step.is_some_and(|last| at < last) {
        return Err(invalid_at(at, tz, "rule.after_previous_step"));
    }
    Ok(())
}

/// What a new wait on the customer is checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitFacts<'a> {
    /// The complaint's number.
    pub number: &'a str,
    /// Where it is.
    pub step: Step,
    /// It waits on the customer already.
    pub waiting: bool,
    /// When its clocks started.
    pub start: DateTime<Utc>,
    /// When its last wait ended.
    pub last_wait_end: Option<DateTime<Utc>>,
    /// The time of the write: a wait cannot begin after it.
    pub now: DateTime<Utc>,
}

/// A wait beginning `at` for `reason`: a reason, an unfinished complaint not already
/// waiting, not after now, and not overlapping the start or an earlier wait.
pub fn check_wait(f: &WaitFacts, at: DateTime<Utc>, reason: &str, tz: Tz) -> Result<(), Error> {
    let refuse = |rule| Error::Refused {
        number: f.number.to_string(),
        rule,
    };
    if reason.trim().is_empty() {
        return Err(Error::Required {
            field: FieldId::named("reason"),
        });
    }
    if f.step.is_terminal() {
        return Err(refuse("rule.finished_no_wait"));
    }
    if f.waiting {
        return Err(refuse("rule.already_waiting"));
    }
    if at > f.now {
        return Err(invalid_at(at, tz, "rule.not_future"));
    }
    if at < f.start || f.last_wait_end.is_some_and(|e| at < e) {
        return Err(invalid_at(at, tz, "rule.wait_overlaps"));
    }
    Ok(())
}

/// Resuming needs a wait to end.
pub fn check_resume(number: &str, waiting: bool) -> Result<(), Error> {
    if waiting {
        Ok(())
    } else {
        Err(Error::Refused {
            number: number.to_string(),
            rule: "rule.not_waiting",
        })
    }
}

/// Only an unfinished complaint is escalated, and only once.
pub fn check_escalate(number: &str, step: Step, escalated: bool) -> Result<(), Error> {
    if step.is_terminal() {
        return Err(Error::Refused {
            number: number.to_string(),
            rule: "rule.finished_no_escalation",
        });
    }
    if escalated {
        return Err(Error::AlreadyDone {
            number: number.to_string(),
            state: "done.escalated",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()
    }

    fn rule(r: Result<(), Error>) -> &'static str {
        match r {
            Ok(()) => "ok",
            Err(Error::Refused { rule, .. } | Error::Invalid { rule, .. }) => rule,
            Err(Error::Required { .. }) => "required",
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn steps_are_dated_in_order() {
        assert_eq!(
            rule(check_step_time(t(3), t(2), Some(t(3)), t(3), DEFAULT_TZ)),
            "ok"
        );
        assert_eq!(
            rule(check_step_time(t(1), t(2), None, t(3), DEFAULT_TZ)),
            "rule.after_received"
        );
        assert_eq!(
            rule(check_step_time(t(3), t(2), Some(t(4)), t(5), DEFAULT_TZ)),
            "rule.after_previous_step"
        );
        assert_eq!(
            rule(check_step_time(t(4), t(2), None, t(3), DEFAULT_TZ)),
            "rule.not_future"
        );
    }

    #[test]
    fn a_wait_needs_a_reason_an_open_complaint_and_no_overlap() {
        let f = WaitFacts {
            number: "KS-1",
            step: Step::Investigating,
            waiting: false,
            start: t(2),
            last_wait_end: Some(t(4)),
            now: t(6),
        };
        assert_eq!(rule(check_wait(&f, t(4), "样品", DEFAULT_TZ)), "ok");
        assert_eq!(
            rule(check_wait(&f, t(7), "样品", DEFAULT_TZ)),
            "rule.not_future"
        );
        assert_eq!(rule(check_wait(&f, t(4), " ", DEFAULT_TZ)), "required");
        assert_eq!(
            rule(check_wait(&f, t(3), "样品", DEFAULT_TZ)),
            "rule.wait_overlaps"
        );
        assert_eq!(
            rule(check_wait(&f, t(1), "样品", DEFAULT_TZ)),
            "rule.wait_overlaps"
        );
        let waiting = WaitFacts {
            waiting: true,
            ..f.clone()
        };
        assert_eq!(
            rule(check_wait(&waiting, t(5), "样品", DEFAULT_TZ)),
            "rule.already_waiting"
        );
        for done in [Step::Closed, Step::Rejected] {
            let closed = WaitFacts {
                step: done,
                ..f.clone()
            };
            assert_eq!(
                rule(check_wait(&closed, t(5), "样品", DEFAULT_TZ)),
                "rule.finished_no_wait"
            );
        }
    }

    #[test]
    fn resume_needs_a_wait_and_escalation_an_open_complaint() {
        assert_eq!(rule(check_resume("KS-1", true)), "ok");
        assert_eq!(rule(check_resume("KS-1", false)), "rule.not_waiting");
        assert_eq!(rule(check_escalate("KS-1", Step::Disposed, false)), "ok");
        assert_eq!(
            rule(check_escalate("KS-1", Step::Closed, false)),
            "rule.finished_no_escalation"
        );
        assert!(matches!(
            check_escalate("KS-1", Step::Disposed, true),
            Err(Error::AlreadyDone {
                state: "done.escalated",
                ..
            })
        ));
    }
}
