//! NPS campaigns (QEF-15-03): each quarter every NPS contact is asked; where each one
//! stands, and when a reminder may go.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::vocabulary;

vocabulary!(
    /// Where an NPS contact stands in a campaign.
    ContactStatus, "campaign_status" {
        Pending = "pending", Sent = "sent", Reminded = "reminded",
        Answered = "answered", Declined = "declined",
    }
);

vocabulary!(
    /// How the questionnaire reached a contact.
    SendHow, "send_how" {
        Phone = "phone", Email = "email", Wechat = "wechat", Line = "line", Paper = "paper",
    }
);

/// The campaign and the loop it may open: reminders, and an improvement case's clocks
/// (a team setting, `[nps]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NpsRules {
    /// Reminders a contact gets at most.
    pub reminders: u32,
    /// Days at least between the questionnaire or a reminder and the next reminder.
    pub reminder_days: u32,
    /// Days to hold the manager's and engineer's visit after a low score.
    pub visit_days: u32,
    /// Days to agree the improvement plan after the visit.
    pub plan_days: u32,
    /// Days an improvement plan is tracked before the verdict.
    pub tracking_days: u32,
}

impl Default for NpsRules {
    fn default() -> Self {
        NpsRules {
            reminders: 2,
            reminder_days: 7,
            visit_days: 14,
            plan_days: 7,
            tracking_days: 90,
        }
    }
}

/// What the reminder rule looks at, of one contact in a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactFacts {
    /// Where the contact stands.
    pub status: ContactStatus,
    /// Reminders sent so far.
    pub reminders: u32,
    /// When the questionnaire or the last reminder went.
    pub last_sent: Option<DateTime<Utc>>,
}

/// Why a contact cannot be reminded now, as a catalog rule; None when a reminder may go.
pub fn reminder_blocked(
    c: &ContactFacts,
    now: DateTime<Utc>,
    rules: &NpsRules,
) -> Option<&'static str> {
    match c.status {
        // Never remind someone who answered or said no.
        ContactStatus::Answered => return Some("rule.remind_answered"),
        ContactStatus::Declined => return Some("rule.remind_declined"),
        ContactStatus::Pending => return Some("rule.remind_not_sent"),
        ContactStatus::Sent | ContactStatus::Reminded => {}
    }
    if c.reminders >= rules.reminders {
        return Some("rule.remind_max");
    }
    match c.last_sent {
        Some(t) if now - t < chrono::Duration::days(i64::from(rules.reminder_days)) => {
            Some("rule.remind_too_soon")
        }
        _ => None,
    }
}

/// Checks that a contact may be reminded now.
pub fn check_remind(
    who: &str,
    c: &ContactFacts,
    now: DateTime<Utc>,
    rules: &NpsRules,
) -> Result<(), Error> {
    match reminder_blocked(c, now, rules) {
        None => Ok(()),
        Some(rule) => Err(Error::Refused {
            number: who.to_string(),
            rule,
        }),
    }
}

/// Checks that the questionnaire may be (re)sent: not to one who answered or declined.
pub fn check_send(who: &str, status: ContactStatus) -> Result<(), Error> {
    match status {
        ContactStatus::Pending | ContactStatus::Sent | ContactStatus::Reminded => Ok(()),
        ContactStatus::Answered => Err(Error::Refused {
            number: who.to_string(),
            rule: "rule.remind_answered",
        }),
        ContactStatus::Declined => Err(Error::Refused {
            number: who.to_string(),
            rule: "rule.remind_declined",
        }),
    }
}

/// Checks that a contact may be marked declined: not after answering.
pub fn check_decline(who: &str, status: ContactStatus) -> Result<(), Error> {
    match status {
        ContactStatus::Answered => Err(Error::Refused {
            number: who.to_string(),
            rule: "rule.decline_answered",
        }),
        ContactStatus::Pending
        | ContactStatus::Sent
        | ContactStatus::Reminded
        | ContactStatus::Declined => Ok(()),
    }
}

#[cfg(test)]
#[path = "campaign_tests.rs"]
mod tests;
