//! The suggestions log (意见和建议, CXLM 4.6): what customers suggest, who handles it,
//! the answer, and the year-end summary of what they keep asking for.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::domain::complaint::Channel;
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::domain::time::{from_store, local};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::vocabulary;

vocabulary!(
    /// What a suggestion is about.
    Topic, "topic" {
        Service = "service", Process = "process", Product = "product",
        Delivery = "delivery", Price = "price", Other = "other",
    }
);

vocabulary!(
    /// Where a suggestion stands.
    Status, "suggestion_status" { Open = "open", Forwarded = "forwarded", Answered = "answered" }
);

crate::record!(
    /// A suggestion as it is taken down.
    Suggestion in "suggestions" {
        /// The customer's code.
        customer: Option<String> => FieldSpec::of(FieldKind::Customer).required(),
        /// When it reached us.
        received: Option<String> => FieldSpec::of(FieldKind::Time).required().defaults_to_now().column("received_at"),
        /// How it reached us.
        channel: Option<Channel> => FieldSpec::of(FieldKind::Choice(Channel::CHOICES)).required().defaults_to("phone"),
        /// What was suggested.
        content: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }).required(),
        /// What it is about.
        topic: Option<Topic> => FieldSpec::of(FieldKind::Choice(Topic::CHOICES)).required().defaults_to("other"),
        /// Who handles it (staff username).
        handler: Option<String> => FieldSpec::of(FieldKind::Staff),
    }
);

crate::record!(
    /// The answer to a suggestion, or where it was passed on to.
    SuggestionResponse in "suggestions" {
        /// What we answered or did (a rule asks for it when responding; the row has none before).
        response: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }),
        /// Answered (or passed on) when.
        responded: Option<String> => FieldSpec::of(FieldKind::Time).defaults_to_now().column("responded_at"),
        /// Where it stands now.
        status: Option<Status> => FieldSpec::of(FieldKind::Choice(Status::CHOICES)).required().defaults_to("answered"),
    }
);

/// A suggestion with its number and answer, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestionRecord {
    /// `JY-2026-00001`.
    pub number: String,
    /// What was taken down.
    #[serde(flatten)]
    pub suggestion: Suggestion,
    /// The answer, once given.
    #[serde(flatten)]
    pub response: SuggestionResponse,
    /// Optimistic-lock version.
    pub version: i64,
}

/// The number prefix of a suggestion received in `year`.
pub fn number_prefix(year: i32) -> String {
    format!("JY-{year}-")
}

fn instant(field: FieldId, stored: Option<&str>) -> Result<DateTime<Utc>, Error> {
    stored
        .and_then(from_store)
        .ok_or_else(|| Error::Required { field })
}

/// Checks a new suggestion: it cannot have reached us after `now` (errors show local time).
pub fn check_new(s: &Suggestion, now: DateTime<Utc>, tz: Tz) -> Result<(), Error> {
    let received = instant(FieldId::named("received"), s.received.as_deref())?;
    if received > now {
        return Err(Error::Invalid {
            field: FieldId::named("received"),
            value: local(received, tz),
            rule: "rule.not_future",
        });
    }
    Ok(())
}

/// Checks an answer to `s`: given no later than now, not before the suggestion came in,
/// and a suggestion is answered or passed on, never set back to open.
pub fn check_response(
    number: &str,
    s: &Suggestion,
    r: &SuggestionResponse,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(), Error> {
    if r.status == Some(Status::Open) {
        return Err(Error::Refused {
            number: number.to_string(),
            rule: "rule.response_reopens",
        });
    }
    if r.response.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(Error::Required {
            field: FieldId::named("response"),
        });
    }
    let at = instant(FieldId::named("responded"), r.responded.as_deref())?;
    let invalid = |rule| Error::Invalid {
        field: FieldId::named("responded"),
        value: local(at, tz),
        rule,
    };
    if at > now {
        return Err(invalid("rule.not_future"));
    }
    if at < instant(FieldId::named("received"), s.received.as_deref())? {
        return Err(invalid("rule.after_received"));
    }
    Ok(())
}

/// How many of something, by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The code (`product`, `answered`, `wechat`).
    pub key: String,
    /// How many.
    pub count: usize,
}

/// The year-end summary of the suggestions log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The year.
    pub year: i32,
    /// Suggestions received in the year.
    pub total: usize,
    /// By topic, most first (what customers keep asking for).
    pub by_topic: Vec<Count>,
    /// By status.
    pub by_status: Vec<Count>,
    /// By channel, most first.
    pub by_channel: Vec<Count>,
    /// Received per month, January first.
    pub by_month: [usize; 12],
    /// Customers who made more than one suggestion, most first.
    pub repeat_customers: Vec<Count>,
    /// Median days from receipt to answer, of those answered or passed on.
    pub median_days_to_response: Option<f64>,
    /// Numbers of those still open at the end of the summary.
    pub open: Vec<String>,
}

fn ranked(mut counts: Vec<Count>) -> Vec<Count> {
    counts.retain(|c| c.count > 0);
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    counts
}

/// How often each of `all` occurs among `keys`, in the order of `all`.
fn count_by<'a>(keys: impl Iterator<Item = &'a str>, all: &[&str]) -> Vec<Count> {
    let mut n: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in keys {
        *n.entry(k).or_default() += 1;
    }
    all.iter()
        .map(|k| Count {
            key: k.to_string(),
            count: n.get(k).copied().unwrap_or(0),
        })
        .collect()
}

/// Summarises the suggestions received in `year` (local time in `tz`).
pub fn summarize(year: i32, records: &[SuggestionRecord], tz: Tz) -> Summary {
    let in_year: Vec<(&SuggestionRecord, DateTime<Utc>)> = records
        .iter()
        .filter_map(|r| {
            let t = r.suggestion.received.as_deref().and_then(from_store)?;
            (t.with_timezone(&tz).year() == year).then_some((r, t))
        })
        .collect();
    let mut by_month = [0; 12];
    for (_, t) in &in_year {
        by_month[t.with_timezone(&tz).month0() as usize] += 1;
    }
    let topic = |r: &SuggestionRecord| r.suggestion.topic.map_or("other", Topic::as_str);
    let status = |r: &SuggestionRecord| r.response.status.map_or("open", Status::as_str);
    let channel = |r: &SuggestionRecord| r.suggestion.channel.map_or("phone", Channel::as_str);
    let mut customers: Vec<&str> = in_year
        .iter()
        .filter_map(|(r, _)| r.suggestion.customer.as_deref())
        .collect();
    customers.sort_unstable();
    customers.dedup();
    let repeat = count_by(
        in_year
            .iter()
            .filter_map(|(r, _)| r.suggestion.customer.as_deref()),
        &customers,
    );
    let mut days: Vec<f64> = in_year
        .iter()
        .filter_map(|(r, received)| {
            let at = r.response.responded.as_deref().and_then(from_store)?;
            Some((at - *received).num_minutes() as f64 / 1440.0)
        })
        .collect();
    days.sort_by(f64::total_cmp);
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    };
    Summary {
        year,
        total: in_year.len(),
        by_topic: ranked(count_by(
            in_year.iter().map(|(r, _)| topic(r)),
            Topic::CHOICES.codes,
        )),
        by_status: count_by(
            in_year.iter().map(|(r, _)| status(r)),
            Status::CHOICES.codes,
        ),
        by_channel: ranked(count_by(
            in_year.iter().map(|(r, _)| channel(r)),
            Channel::CHOICES.codes,
        )),
        by_month,
        repeat_customers: ranked(repeat).into_iter().filter(|c| c.count > 1).collect(),
        median_days_to_response: median.map(|d| (d * 10.0).round() / 10.0),
        open: in_year
            .iter()
            .filter(|(r, _)| status(r) == "open")
            .map(|(r, _)| r.number.clone())
            .collect(),
    }
}

#[cfg(test)]
#[path = "suggestion_tests.rs"]
mod tests;
