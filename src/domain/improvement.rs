//! Closing the loop with an unhappy customer (QEF-15-03): a score below 7 opens an
//! improvement case; a manager and an engineer visit, an improvement plan is agreed and
//! tracked, and the case ends in a verdict (the next score, or a manager's judgement).

use super::campaign::NpsRules;
use crate::error::Error;
use crate::vocabulary;
use chrono::NaiveDate;

vocabulary!(
    /// How an improvement case ended.
    CaseVerdict, "case_verdict" { Improved = "improved", NotImproved = "not_improved" }
);

vocabulary!(
    /// Where an improvement case stands.
    Stage, "case_stage" {
        Visit = "visit", Plan = "plan", Tracking = "tracking", Verdict = "verdict", Closed = "closed",
    }
);

/// Whether an NPS score opens an improvement case: below 7 (a detractor).
pub fn opens_case(score: u8) -> bool {
    super::nps::classify(score) == super::nps::NpsClass::Detractor
}

/// The verdict a later score gives: 7 or more is improved.
pub fn verdict_of_score(score: u8) -> CaseVerdict {
    if opens_case(score) {
        CaseVerdict::NotImproved
    } else {
        CaseVerdict::Improved
    }
}

/// What the case rules look at, of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    /// The day the low score opened it.
    pub opened: NaiveDate,
    /// The day of the visit, held or booked.
    pub visit_on: Option<NaiveDate>,
    /// The day the improvement plan was agreed.
    pub plan_on: Option<NaiveDate>,
    /// Whether it has its verdict.
    pub closed: bool,
}

impl CaseFacts {
    /// Where the case stands on `today`: a visit booked for a later day is still to come.
    pub fn stage(&self, today: NaiveDate, rules: &NpsRules) -> Stage {
        if self.closed {
            return Stage::Closed;
        }
        match (self.visit_on, self.plan_on) {
            (None, _) => Stage::Visit,
            (Some(v), None) if v > today => Stage::Visit,
            (Some(_), None) => Stage::Plan,
            (Some(_), Some(p)) if today < add_days(p, rules.tracking_days) => Stage::Tracking,
            (Some(_), Some(_)) => Stage::Verdict,
        }
    }

    /// The day the current stage is due: the visit, the plan, the verdict; None once closed.
    pub fn due(&self, today: NaiveDate, rules: &NpsRules) -> Option<NaiveDate> {
        match self.stage(today, rules) {
            Stage::Visit => Some(add_days(self.opened, rules.visit_days)),
            Stage::Plan => self.visit_on.map(|v| add_days(v, rules.plan_days)),
            Stage::Tracking | Stage::Verdict => {
                self.plan_on.map(|p| add_days(p, rules.tracking_days))
            }
            Stage::Closed => None,
        }
    }

    /// Checks that the plan may be written: after the visit was held.
    pub fn check_plan(&self, number: &str, today: NaiveDate) -> Result<(), Error> {
        match (self.closed, self.visit_on) {
            (true, _) => Err(refused(number, "rule.case_closed")),
            (false, Some(v)) if v <= today => Ok(()),
            (false, _) => Err(refused(number, "rule.case_no_visit")),
        }
    }

    /// Checks that a verdict may be given: an open case with its plan agreed.
    pub fn check_verdict(&self, number: &str) -> Result<(), Error> {
        match (self.closed, self.plan_on) {
            (true, _) => Err(refused(number, "rule.case_closed")),
            (false, None) => Err(refused(number, "rule.case_no_plan")),
            (false, Some(_)) => Ok(()),
        }
    }

    /// Checks that the case is still open (for a visit or a check-in).
    pub fn check_open(&self, number: &str) -> Result<(), Error> {
        if self.closed {
            Err(refused(number, "rule.case_closed"))
        } else {
            Ok(())
        }
    }
}

fn refused(number: &str, rule: &'static str) -> Error {
    Error::Refused {
        number: number.to_string(),
        rule,
    }
}

fn add_days(d: NaiveDate, days: u32) -> NaiveDate {
    d + chrono::Duration::days(i64::from(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_case_opens_below_7_only() {
        assert!(opens_case(0));
        assert!(opens_case(6));
        assert!(!opens_case(7));
        assert!(!opens_case(10));
        assert_eq!(verdict_of_score(6), CaseVerdict::NotImproved);
        assert_eq!(verdict_of_score(7), CaseVerdict::Improved);
    }

    #[test]
    fn stages_and_their_clocks() {
        let r = NpsRules::default(); // visit 14, plan 7, tracking 90 days
        let mut c = CaseFacts {
            opened: d(10, 1),
            visit_on: None,
            plan_on: None,
            closed: false,
        };
        assert_eq!(c.stage(d(10, 20), &r), Stage::Visit);
        assert_eq!(c.due(d(10, 20), &r), Some(d(10, 15)));
        // Booked for later: still the visit stage, on the same clock.
        c.visit_on = Some(d(10, 12));
        assert_eq!(c.stage(d(10, 11), &r), Stage::Visit);
        assert_eq!(c.stage(d(10, 12), &r), Stage::Plan);
        assert_eq!(c.due(d(10, 12), &r), Some(d(10, 19)));
        assert!(c.check_plan("GS", d(10, 11)).is_err());
        assert!(c.check_plan("GS", d(10, 12)).is_ok());
        assert!(c.check_verdict("GS").is_err());
        c.plan_on = Some(d(10, 15));
        assert_eq!(c.stage(d(10, 16), &r), Stage::Tracking);
        assert_eq!(
            c.due(d(10, 16), &r),
            Some(d(10, 15) + chrono::Duration::days(90))
        );
        assert_eq!(
            c.stage(d(10, 15) + chrono::Duration::days(90), &r),
            Stage::Verdict
        );
        assert!(c.check_verdict("GS").is_ok());
        c.closed = true;
        assert_eq!(c.stage(d(12, 31), &r), Stage::Closed);
        assert_eq!(c.due(d(12, 31), &r), None);
        assert!(c.check_open("GS").is_err());
    }
}
