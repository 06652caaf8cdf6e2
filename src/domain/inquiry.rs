//! The inquiry register (询价登记, QEF-15-02): what was asked, by whom, answered when, by
//! whom and how, with the quote, contract and order that may follow; each inquiry has a
//! 24-hour answer clock (the KPI's limit).

use chrono::{DateTime, Duration, Utc};

use crate::domain::complaint::Channel;
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::domain::sla::ClockState;
use crate::vocabulary;

vocabulary!(
    /// The business an inquiry may lead to, in order.
    Stage, "stage" { Quote = "quote", Contract = "contract", Order = "order" }
);

crate::record!(
    /// An inquiry as it is registered.
    Inquiry in "inquiries" {
        /// The customer's code (or none, for a lead).
        customer: Option<String> => FieldSpec::of(FieldKind::Customer),
        /// The lead's number, when the asker is not a customer yet.
        lead: Option<String> => FieldSpec::text(20),
        /// When it reached us.
        received: Option<String> => FieldSpec::of(FieldKind::Time).required().defaults_to_now().column("received_at"),
        /// How it reached us.
        channel: Option<Channel> => FieldSpec::of(FieldKind::Choice(Channel::CHOICES)).required().defaults_to("phone"),
        /// What was asked.
        subject: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }).required().labelled("field.asked"),
    }
);

crate::record!(
    /// The answer to an inquiry.
    InquiryAnswer in "inquiries" {
        /// What we answered (the answer asks for it; the row has none before).
        answer: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }),
        /// When.
        answered: Option<String> => FieldSpec::of(FieldKind::Time).defaults_to_now().column("answered_at"),
        /// How.
        answer_how: Option<Channel> => FieldSpec::of(FieldKind::Choice(Channel::CHOICES)).defaults_to("phone"),
    }
);

/// The share of the time allowed after which the clock warns (as the complaint clocks).
const WARN_SHARE: f64 = 0.75;

/// The answer clock of an inquiry received at `received`, `hours` allowed, as it stands at
/// `at`: (due, seconds left, state).
pub fn answer_clock(
    received: DateTime<Utc>,
    hours: f64,
    at: DateTime<Utc>,
) -> (DateTime<Utc>, i64, ClockState) {
    let allowed = Duration::seconds((hours * 3600.0).round() as i64);
    let due = received + allowed;
    let state = if at > due {
        ClockState::Breached
    } else if (at - received).num_seconds() as f64 >= allowed.num_seconds() as f64 * WARN_SHARE {
        ClockState::Warning
    } else {
        ClockState::Ok
    };
    (due, (due - at).num_seconds(), state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_clock_warns_at_three_quarters_and_breaches_after_the_limit() {
        let t0 = DateTime::<Utc>::default();
        let h = |n: i64| t0 + Duration::hours(n);
        assert_eq!(answer_clock(t0, 24.0, h(17)).2, ClockState::Ok);
        assert_eq!(answer_clock(t0, 24.0, h(18)).2, ClockState::Warning);
        assert_eq!(
            answer_clock(t0, 24.0, h(24)),
            (h(24), 0, ClockState::Warning)
        );
        let (_, left, state) = answer_clock(t0, 24.0, h(25));
        assert_eq!((left, state), (-3600, ClockState::Breached));
    }
}
