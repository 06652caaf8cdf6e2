//! Complaints (客诉): their vocabularies and the steps of their flow.

use chrono::{DateTime, Utc};

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

/// The instants a complaint's clocks depend on.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockFacts {
    /// When the complaint was received.
    pub received_at: DateTime<Utc>,
    /// The reply deadline the customer asked for, if any.
    pub reply_by: Option<DateTime<Utc>>,
    /// First response given.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Plan proposed.
    pub plan_at: Option<DateTime<Utc>>,
    /// Disposal done.
    pub disposed_at: Option<DateTime<Utc>>,
    /// Written report sent.
    pub report_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn parse_is_case_insensitive_and_names_field_on_error() {
        assert_eq!(
            Severity::parse("severity", "URGENT").unwrap(),
            Severity::Urgent
        );
        match Severity::parse("--severity", "huge") {
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
