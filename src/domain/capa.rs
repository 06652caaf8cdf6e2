//! CAPA (纠正预防措施) and returns (RMA): their vocabularies and rules.

use chrono::NaiveDate;

use crate::error::Error;
use crate::field_id::FieldId;
use crate::vocabulary;

vocabulary!(
    /// The outcome of a CAPA's effectiveness check.
    Verdict, "verdict" { Effective = "effective", NotEffective = "not_effective" }
);

vocabulary!(
    /// What happens to returned goods.
    Disposition, "disposition" { Rework = "rework", Scrap = "scrap", ReturnToCustomer = "return_to_customer" }
);

/// A replacement worth more than this (RMB) needs a manager's approval before it ships.
pub const DEFAULT_APPROVAL_THRESHOLD: f64 = 1000.0;

/// Whether a CAPA is overdue on `today`: past its due date and not verified effective.
pub fn overdue(due: NaiveDate, verdict: Option<Verdict>, today: NaiveDate) -> bool {
    verdict != Some(Verdict::Effective) && due < today
}

/// Whether a replacement of `value` needs approval under `threshold`.
pub fn needs_approval(value: f64, threshold: f64) -> bool {
    value > threshold
}

/// Checks a text a CAPA needs.
pub fn required_text(field: FieldId, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        Err(Error::Required { field })
    } else {
        Ok(())
    }
}

/// Whether a CAPA with verdict `old` may be verified now: unverified or found not
/// effective (more action, then another check), always; found effective, only with the
/// reason it is checked again (returned, trimmed, to record).
pub fn check_reverify(
    id: i64,
    old: Option<&str>,
    reopen: Option<&str>,
) -> Result<Option<String>, Error> {
    let reason = reopen.map(str::trim);
    let old = old.filter(|v| *v == Verdict::Effective.as_str());
    match (old, reason) {
        (None, Some(r)) if !r.is_empty() => Ok(Some(r.to_string())),
        (None, _) => Ok(None),
        (Some(_), Some(r)) if !r.is_empty() => Ok(Some(r.to_string())),
        (Some(_), Some(_)) => Err(Error::Required {
            field: FieldId::named("reopen"),
        }),
        (Some(_), None) => Err(Error::Refused {
            number: format!("CAPA {id}"),
            rule: "rule.capa_verified",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verified_capa_is_checked_again_only_with_a_reason() {
        assert_eq!(check_reverify(1, None, None).ok(), Some(None));
        assert_eq!(
            check_reverify(1, Some("not_effective"), None).ok(),
            Some(None)
        );
        assert!(matches!(
            check_reverify(1, Some("effective"), None),
            Err(Error::Refused {
                rule: "rule.capa_verified",
                ..
            })
        ));
        assert!(matches!(
            check_reverify(1, Some("effective"), Some("  ")),
            Err(Error::Required { .. })
        ));
        assert_eq!(
            check_reverify(1, Some("effective"), Some(" 客户再次投诉 ")).ok(),
            Some(Some("客户再次投诉".to_string()))
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn overdue_until_verified_effective() {
        assert!(!overdue(d("2026-11-30"), None, d("2026-11-23")));
        assert!(
            !overdue(d("2026-11-23"), None, d("2026-11-23")),
            "due today is not late yet"
        );
        assert!(overdue(d("2026-11-22"), None, d("2026-11-23")));
        assert!(overdue(
            d("2026-11-22"),
            Some(Verdict::NotEffective),
            d("2026-11-23")
        ));
        assert!(!overdue(
            d("2026-11-22"),
            Some(Verdict::Effective),
            d("2026-11-23")
        ));
    }

    #[test]
    fn approval_above_the_threshold_only() {
        assert!(!needs_approval(1000.0, DEFAULT_APPROVAL_THRESHOLD));
        assert!(needs_approval(1000.01, DEFAULT_APPROVAL_THRESHOLD));
    }
}

vocabulary!(
    /// What raised a CAPA.
    CapaSourceKind, "capa_source" { Complaint = "complaint", Improvement = "improvement", Survey = "survey" }
);

/// Checks that a CAPA's analysis may still be written: not once it was verified
/// effective (one found not effective needs new actions).
pub fn check_plannable(id: i64, verdict: Option<Verdict>) -> Result<(), Error> {
    match verdict {
        None | Some(Verdict::NotEffective) => Ok(()),
        Some(Verdict::Effective) => Err(Error::Refused {
            number: format!("CAPA {id}"),
            rule: "rule.capa_effective",
        }),
    }
}

/// Checks that a CAPA has its analysis before its effectiveness is judged.
pub fn check_verifiable(id: i64, root_cause: &str) -> Result<(), Error> {
    if root_cause.trim().is_empty() {
        Err(Error::Refused {
            number: format!("CAPA {id}"),
            rule: "rule.capa_unplanned",
        })
    } else {
        Ok(())
    }
}
