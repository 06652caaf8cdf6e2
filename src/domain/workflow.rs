//! Which step a complaint may move to from where it is.

use super::complaint::Step;
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

/// Checks a move along the main line: only to the very next step.
pub fn check_move(number: &str, from: Step, to: Step) -> Result<(), Error> {
    match required_before(to) {
        Some(prev) if prev == from => Ok(()),
        _ if from.is_terminal() => Err(Error::IllegalMove {
            number: number.to_string(),
            from,
            to,
            needs: None,
        }),
        needs => Err(Error::IllegalMove {
            number: number.to_string(),
            from,
            to,
            needs,
        }),
    }
}

/// The next step on the main line, if any.
pub fn next_step(from: Step) -> Option<Step> {
    let i = FLOW.iter().position(|s| *s == from)?;
    FLOW.get(i + 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_follows_the_one_before() {
        for pair in FLOW.windows(2) {
            assert!(check_move("K", pair[0], pair[1]).is_ok(), "{pair:?}");
            assert_eq!(next_step(pair[0]), Some(pair[1]));
        }
    }

    #[test]
    fn skipping_or_going_back_names_the_step_needed() {
        match check_move("K", Step::Received, Step::PlanProposed) {
            Err(Error::IllegalMove { needs, .. }) => assert_eq!(needs, Some(Step::Investigating)),
            other => panic!("{other:?}"),
        }
        assert!(check_move("K", Step::Disposed, Step::Acknowledged).is_err());
        assert!(check_move("K", Step::Received, Step::Received).is_err());
        // A finished complaint names no step: it must be reopened (a later workflow).
        match check_move("K", Step::Closed, Step::Acknowledged) {
            Err(Error::IllegalMove { needs, .. }) => assert_eq!(needs, None),
            other => panic!("{other:?}"),
        }
        assert_eq!(next_step(Step::Closed), None);
        assert_eq!(next_step(Step::Rejected), None);
    }
}
