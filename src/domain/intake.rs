//! What is written down when a complaint comes in (QEF-15-05), declared once.

use crate::field_id::FieldId;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::complaint::{Category, Channel, Severity};
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::domain::time::local;
use crate::error::Error;

crate::record!(
    /// The intake fields of a complaint, as a form or the CLI takes them.
    ComplaintIntake in "complaints" {
        /// Customer code.
        customer: Option<String> => FieldSpec::of(FieldKind::Customer).required().column("customer_id"),
        /// Short title.
        title: Option<String> => FieldSpec::text(100).required(),
        /// How serious.
        severity: Option<Severity> => FieldSpec::of(FieldKind::Choice(Severity::CHOICES)).required(),
        /// What it is about.
        category: Option<Category> => FieldSpec::of(FieldKind::Choice(Category::CHOICES)).required(),
        /// How it arrived.
        channel: Option<Channel> => FieldSpec::of(FieldKind::Choice(Channel::CHOICES)).required(),
        /// When it arrived.
        received: Option<String> => FieldSpec::of(FieldKind::Time).required().column("received_at"),
        /// The customer's reply deadline.
        reply_by: Option<String> => FieldSpec::of(FieldKind::Time),
        /// Owner (staff username).
        owner: Option<String> => FieldSpec::of(FieldKind::Staff),
        /// Product concerned.
        product: Option<String> => FieldSpec::text(60),
        /// Batch concerned.
        batch: Option<String> => FieldSpec::text(40),
        /// Quantity affected.
        quantity: Option<i64> => FieldSpec::of(FieldKind::Number { min: 0, max: 1_000_000_000 }),
        /// Longer description.
        description: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }),
    }
);

/// Checks a complaint as it comes in: a title, not received after `now`, a reply-by not
/// before receipt, no negative quantity. Times in errors are local to `tz`.
pub fn check_new(
    title: &str,
    received: DateTime<Utc>,
    reply_by: Option<DateTime<Utc>>,
    quantity: Option<i64>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(), Error> {
    if title.trim().is_empty() {
        return Err(Error::Required {
            field: FieldId::named("title"),
        });
    }
    if received > now {
        return Err(Error::Invalid {
            field: FieldId::named("received"),
            value: local(received, tz),
            rule: "rule.not_future",
        });
    }
    if let Some(by) = reply_by.filter(|by| *by < received) {
        return Err(Error::Invalid {
            field: FieldId::named("reply_by"),
            value: local(by, tz),
            rule: "rule.after_received",
        });
    }
    if let Some(q) = quantity.filter(|q| *q < 0) {
        return Err(Error::Invalid {
            field: FieldId::named("quantity"),
            value: q.to_string(),
            rule: "rule.not_negative",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;
    use chrono::TimeZone;

    #[test]
    fn a_new_complaint_is_checked_at_every_edge() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap();
        let h = chrono::Duration::hours;
        let field = |r: Result<(), Error>| match r {
            Ok(()) => "ok".to_string(),
            Err(Error::Required { field } | Error::Invalid { field, .. }) => field.to_string(),
            Err(other) => panic!("{other:?}"),
        };
        assert_eq!(
            field(check_new("划伤", now, Some(now), Some(0), now, DEFAULT_TZ)),
            "ok"
        );
        assert_eq!(
            field(check_new("  ", now, None, None, now, DEFAULT_TZ)),
            "title"
        );
        assert_eq!(
            field(check_new("x", now + h(1), None, None, now, DEFAULT_TZ)),
            "received"
        );
        assert_eq!(
            field(check_new("x", now, Some(now - h(1)), None, now, DEFAULT_TZ)),
            "reply_by"
        );
        assert_eq!(
            field(check_new("x", now, None, Some(-1), now, DEFAULT_TZ)),
            "quantity"
        );
        match check_new("x", now + h(1), None, None, now, DEFAULT_TZ) {
            Err(Error::Invalid { value, .. }) => {
                assert_eq!(value, "2026-11-23 11:00", "local time")
            }
            other => panic!("{other:?}"),
        }
    }
}
