//! Which moves a complaint may make, and what each needs first.

use chrono::NaiveDate;

use super::complaint::{Severity, Step};
use crate::error::Error;

/// The main line of the flow, in order.
pub const FLOW: &[Step] = &[
    Step::Received,
    Step::Acknowledged,
    Step::Investigating,
    Step::PlanProposed,
    Step::Disposed,
    Step::FollowedUp,
    Step::Closed,
];

/// The step that must come right before `to` on the main line.
pub fn required_before(to: Step) -> Option<Step> {
    let i = FLOW.iter().position(|s| *s == to)?;
    i.checked_sub(1).map(|j| FLOW[j])
}

/// The next step on the main line, if any.
pub fn next_step(from: Step) -> Option<Step> {
    let i = FLOW.iter().position(|s| *s == from)?;
    FLOW.get(i + 1).copied()
}

/// Everything a move is judged on.
#[derive(Debug, Clone)]
pub struct MoveFacts {
    /// The complaint number (for messages).
    pub number: String,
    /// Where it is.
    pub from: Step,
    /// Its severity.
    pub severity: Severity,
    /// Whoever moves it holds `close_minor_same_day`.
    pub may_close_same_day: bool,
    /// Local date it was received (or reopened).
    pub received_on: NaiveDate,
    /// Local date of the move.
    pub on: NaiveDate,
    /// A major complaint's decisions on shipped goods, stock and WIP are all made.
    pub decisions_made: bool,
    /// CAPAs raised on it.
    pub capas: usize,
    /// Of those, verified effective.
    pub capas_verified: usize,
    /// A note was given with the move.
    pub has_note: bool,
    /// The customer's sign-off was given with the move.
    pub has_signoff: bool,
}

fn refused(f: &MoveFacts, rule: &'static str) -> Error {
    Error::Refused {
        number: f.number.clone(),
        rule,
    }
}

/// Checks a move to `to` (`Rejected` is "closed, not our responsibility", `Received` from
/// a finished complaint is a reopening). The message says what must come first.
pub fn check(f: &MoveFacts, to: Step) -> Result<(), Error> {
    let illegal = |needs: Option<Step>| Error::IllegalMove {
        number: f.number.clone(),
        from: f.from.label_key(),
        to: to.label_key(),
        needs: needs.map(Step::label_key),
    };
    match to {
        Step::Received => {
            return if f.from.is_terminal() {
                Ok(())
            } else {
                Err(refused(f, "rule.reopen_open"))
            }
        }
        _ if f.from.is_terminal() => return Err(illegal(None)),
        // Pressed twice, or someone else got there first: say so, write nothing.
        _ if to != Step::Rejected && to <= f.from => {
            return Err(Error::AlreadyDone {
                number: f.number.clone(),
                state: f.from.label_key(),
            })
        }
        Step::Rejected => {
            return if f.has_note {
                Ok(())
            } else {
                Err(refused(f, "rule.evidence_required"))
            }
        }
        _ => {}
    }
    // The quality lead may close a minor complaint on the day it came in.
    let same_day_minor = to == Step::Closed
        && f.severity == Severity::Minor
        && f.may_close_same_day
        && f.on == f.received_on;
    if !same_day_minor && required_before(to) != Some(f.from) {
        return Err(illegal(required_before(to)));
    }
    if to == Step::Disposed && f.severity != Severity::Minor && !f.decisions_made {
        return Err(refused(f, "rule.major_needs_decisions"));
    }
    if to == Step::Closed {
        if !f.has_signoff {
            return Err(refused(f, "rule.signoff_required"));
        }
        if f.severity != Severity::Minor && (f.capas == 0 || f.capas_verified < f.capas) {
            return Err(refused(f, "rule.major_needs_capa"));
        }
    }
    Ok(())
}

/// Whether a move to `to` could be made once its form is filled in: `check` with all a
/// form supplies (note, sign-off, decisions, a same-day close's right) taken as given, and
/// the CAPAs too (not the form's to give: the save checks them), so a form opens only for
/// a move that its answers can make legal.
pub fn check_before_form(
    number: &str,
    from: Step,
    severity: Severity,
    to: Step,
) -> Result<(), Error> {
    let today = NaiveDate::MIN;
    check(
        &MoveFacts {
            number: number.to_string(),
            from,
            severity,
            may_close_same_day: true,
            received_on: today,
            on: today,
            decisions_made: true,
            capas: 1,
            capas_verified: 1,
            has_note: true,
            has_signoff: true,
        },
        to,
    )
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
