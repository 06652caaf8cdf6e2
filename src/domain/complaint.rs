//! Complaints (客诉): their vocabularies and the steps of their flow.

use crate::field_id::FieldId;
use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::vocabulary;

vocabulary!(
    /// How serious a complaint is; urgent is the "green channel".
    Severity, "severity" { Minor = "minor", Major = "major", Urgent = "urgent" }
);

vocabulary!(
    /// What a complaint is about.
    Category, "category" {
        Quality = "quality", Logistics = "logistics", Service = "service",
        Technical = "technical", Other = "other",
    }
);

vocabulary!(
    /// How a complaint or request reached us.
    Channel, "channel" {
        Phone = "phone", Wechat = "wechat", Line = "line", Email = "email",
        Platform = "platform", Visit = "visit",
    }
);

vocabulary!(
    /// The step a complaint has reached.
    Step, "step" {
        Received = "received", Acknowledged = "acknowledged", Investigating = "investigating",
        PlanProposed = "plan_proposed", Disposed = "disposed", FollowedUp = "followed_up",
        Closed = "closed", Rejected = "rejected",
    }
);

vocabulary!(
    /// Whose fault the complaint is.
    Responsibility, "responsibility" { Undetermined = "undetermined", Ours = "ours", NotOurs = "not_ours" }
);

impl Step {
    /// Whether the complaint is finished (closed, or closed as not ours).
    pub fn is_terminal(self) -> bool {
        matches!(self, Step::Closed | Step::Rejected)
    }
}

impl Severity {
    /// Sort rank: urgent first.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Urgent => 0,
            Severity::Major => 1,
            Severity::Minor => 2,
        }
    }
}

/// A span during which the complaint waited on the customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pause {
    /// When the wait began.
    pub from: DateTime<Utc>,
    /// When work resumed (None while still waiting).
    pub to: Option<DateTime<Utc>>,
}

/// The decision a major complaint needs before disposal (SOP: shipped goods, stock, WIP).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Decisions {
    /// What happens to goods already shipped.
    pub shipped: Option<String>,
    /// What happens to stock.
    pub stock: Option<String>,
    /// What happens to work in progress.
    pub wip: Option<String>,
}

impl Decisions {
    /// Whether all three are decided.
    pub fn complete(&self) -> bool {
        [&self.shipped, &self.stock, &self.wip]
            .iter()
            .all(|d| d.as_deref().is_some_and(|s| !s.trim().is_empty()))
    }
}

/// Checks details set on a complaint: a responsibility from its list, a whole quantity.
pub fn check_details(responsibility: Option<&str>, quantity: Option<&str>) -> Result<(), Error> {
    if let Some(r) = responsibility {
        Responsibility::parse(FieldId::named("responsibility"), r)?;
    }
    if let Some(q) = quantity.filter(|q| q.trim().parse::<u32>().is_err()) {
        return Err(Error::Invalid {
            field: FieldId::named("quantity"),
            value: q.to_string(),
            rule: "rule.whole_number",
        });
    }
    Ok(())
}

/// What stops a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The complaint reaching a step.
    Step(Step),
    /// The written report going out.
    Report,
}

/// The instants a complaint's clocks depend on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClockFacts {
    /// When the complaint was received.
    pub received_at: DateTime<Utc>,
    /// When it was last reopened: clocks restart from here.
    pub reopened_at: Option<DateTime<Utc>>,
    /// The reply deadline the customer asked for, if any.
    pub reply_by: Option<DateTime<Utc>>,
    /// First response given.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Investigation started.
    pub investigating_at: Option<DateTime<Utc>>,
    /// Plan proposed.
    pub plan_at: Option<DateTime<Utc>>,
    /// Disposal done.
    pub disposed_at: Option<DateTime<Utc>>,
    /// Followed up with the customer.
    pub followed_up_at: Option<DateTime<Utc>>,
    /// Closed (either way).
    pub closed_at: Option<DateTime<Utc>>,
    /// Written report sent.
    pub report_at: Option<DateTime<Utc>>,
    /// Waits on the customer, oldest first.
    pub pauses: Vec<Pause>,
}

impl ClockFacts {
    /// When the clocks started: the last reopening, else receipt.
    pub fn start(&self) -> DateTime<Utc> {
        self.reopened_at.unwrap_or(self.received_at)
    }

    /// When the event that stops a clock happened, if it has.
    pub fn done_at(&self, stop: Stop) -> Option<DateTime<Utc>> {
        match stop {
            Stop::Report => self.report_at,
            Stop::Step(step) => match step {
                Step::Received => Some(self.start()),
                Step::Acknowledged => self.acknowledged_at,
                Step::Investigating => self.investigating_at,
                Step::PlanProposed => self.plan_at,
                Step::Disposed => self.disposed_at,
                Step::FollowedUp => self.followed_up_at,
                Step::Closed | Step::Rejected => self.closed_at,
            },
        }
    }

    /// Whether the complaint is waiting on the customer now.
    pub fn paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.to.is_none())
    }
}

/// A note added to a complaint's history (in the meeting, on the board, or `complaint note`).
pub const NOTE: crate::domain::fields::FieldSpec =
    crate::domain::fields::FieldSpec::of(crate::domain::fields::FieldKind::Note { max: 1000 })
        .required()
        .named("note")
        .labelled("field.complaint_note");

/// The new owner a complaint is given to.
pub const NEW_OWNER: crate::domain::fields::FieldSpec =
    crate::domain::fields::FieldSpec::of(crate::domain::fields::FieldKind::Staff)
        .required()
        .named("owner");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_take_a_listed_responsibility_and_a_whole_quantity() {
        assert!(check_details(Some("ours"), Some(" 12 ")).is_ok());
        assert!(check_details(None, None).is_ok());
        assert!(matches!(
            check_details(Some("theirs"), None),
            Err(Error::InvalidChoice { .. })
        ));
        for bad in ["-1", "1.5", "many"] {
            assert!(
                matches!(
                    check_details(None, Some(bad)),
                    Err(Error::Invalid {
                        rule: "rule.whole_number",
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }
    use crate::error::Error;

    #[test]
    fn parse_is_case_insensitive_and_names_field_on_error() {
        assert_eq!(
            Severity::parse(FieldId::named("severity"), "URGENT").unwrap(),
            Severity::Urgent
        );
        match Severity::parse(FieldId::flag("--severity"), "huge") {
            Err(Error::InvalidChoice {
                field,
                value,
                expected,
            }) => {
                assert_eq!(field, "--severity");
                assert_eq!(value, "huge");
                assert_eq!(expected, "minor|major|urgent");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn terminal_steps() {
        let terminal: Vec<_> = Step::ALL.iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(terminal, vec![&Step::Closed, &Step::Rejected]);
    }
}
