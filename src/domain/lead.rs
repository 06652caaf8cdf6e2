//! Leads (潜在客户, seed 004 4.2): intent A (clear and urgent), B (moderate), C (information
//! only), each with its follow-up cadence; a follow-up log with the next date; the monthly
//! review converts a lead into a customer or carries it over.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::fields::{FieldKind, FieldSpec};
use crate::vocabulary;

vocabulary!(
    /// How likely a lead is to buy, and so how often it is called.
    Intent, "intent" { A = "A", B = "B", C = "C" }
);

vocabulary!(
    /// Where a lead stands.
    LeadStatus, "lead_status" { Open = "open", Converted = "converted", Dropped = "dropped" }
);

crate::record!(
    /// A lead as it is taken down.
    Lead in "leads" {
        /// The company.
        company: String => FieldSpec::text(120).required().labelled("field.lead_company"),
        /// Who we talk to there.
        contact: Option<String> => FieldSpec::text(60).labelled("field.contact_name"),
        /// Their phone.
        phone: Option<String> => FieldSpec::of(FieldKind::Phone),
        /// Their e-mail.
        email: Option<String> => FieldSpec::of(FieldKind::Email),
        /// Their WeChat id.
        wechat: Option<String> => FieldSpec::text(60),
        /// How likely they buy.
        intent: Option<Intent> => FieldSpec::of(FieldKind::Choice(Intent::CHOICES)).required().defaults_to("B"),
        /// Where the lead came from (trade fair, website, referral...).
        source: Option<String> => FieldSpec::text(60),
        /// What they are interested in.
        interest: Option<String> => FieldSpec::text(200),
        /// Who follows it up (staff username).
        owner: Option<String> => FieldSpec::of(FieldKind::Staff),
        /// Notes.
        notes: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }),
    }
);

/// Days between follow-ups per intent: a team setting (`[leads]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cadence {
    /// Intent A: call daily or weekly (book a visit).
    pub a_days: u32,
    /// Intent B: every 15 days.
    pub b_days: u32,
    /// Intent C: monthly.
    pub c_days: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            a_days: 7,
            b_days: 15,
            c_days: 30,
        }
    }
}

impl Cadence {
    /// The next follow-up after one on `from`, for a lead of `intent`.
    pub fn next(&self, intent: Intent, from: NaiveDate) -> NaiveDate {
        let days = match intent {
            Intent::A => self.a_days,
            Intent::B => self.b_days,
            Intent::C => self.c_days,
        };
        from + Duration::days(i64::from(days))
    }
}

/// Whether a follow-up due on `next` is overdue on `today` (due today is not yet).
pub fn overdue(next: NaiveDate, today: NaiveDate) -> bool {
    next < today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn cadence_per_intent_across_a_month_end() {
        let c = Cadence::default();
        assert_eq!(c.next(Intent::A, d("2026-11-27")), d("2026-12-04"));
        assert_eq!(c.next(Intent::B, d("2026-11-23")), d("2026-12-08"));
        assert_eq!(c.next(Intent::C, d("2026-12-15")), d("2027-01-14"));
        let daily = Cadence {
            a_days: 1,
            ..Cadence::default()
        };
        assert_eq!(daily.next(Intent::A, d("2026-12-31")), d("2027-01-01"));
    }

    #[test]
    fn overdue_is_after_the_day() {
        assert!(!overdue(d("2026-11-23"), d("2026-11-23")));
        assert!(overdue(d("2026-11-22"), d("2026-11-23")));
    }
}
