//! Returns (RMA) and their replacements: what may be recorded, approved and shipped.

use crate::domain::capa::needs_approval;
use crate::domain::permission::Permission;
use crate::domain::staff::Role;
use crate::error::Error;
use crate::field_id::FieldId;

/// What a return's rules look at.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnFacts<'a> {
    /// The return's name in messages (`RMA 7`).
    pub name: String,
    /// Replacement value, RMB.
    pub value: f64,
    /// Already approved by someone.
    pub approved_by: Option<&'a str>,
    /// Already shipped.
    pub shipped: bool,
}

/// Checks a new return: a positive quantity and a finite value that is not negative.
pub fn check_new(quantity: i64, value: f64) -> Result<(), Error> {
    if quantity <= 0 {
        return Err(Error::Invalid {
            field: FieldId::named("quantity"),
            value: quantity.to_string(),
            rule: "rule.positive",
        });
    }
    if !value.is_finite() || value < 0.0 {
        return Err(Error::Invalid {
            field: FieldId::named("value"),
            value: value.to_string(),
            rule: "rule.not_negative_number",
        });
    }
    Ok(())
}

/// Checks an approval by someone of `role`: only who holds the approval permission, and
/// only before shipping.
pub fn check_approve(r: &ReturnFacts, role: Option<Role>, holders: &[Role]) -> Result<(), Error> {
    if r.shipped {
        return Err(Error::Refused {
            number: r.name.clone(),
            rule: "rule.already_shipped",
        });
    }
    crate::domain::permission::check(Permission::ApproveReplacement, role, holders)
}

/// Checks shipping the replacement: once, and above `threshold` only once approved.
pub fn check_ship(r: &ReturnFacts, threshold: f64) -> Result<(), Error> {
    let refuse = |rule| Error::Refused {
        number: r.name.clone(),
        rule,
    };
    if r.shipped {
        return Err(refuse("rule.already_shipped"));
    }
    if needs_approval(r.value, threshold) && r.approved_by.is_none() {
        return Err(refuse("rule.needs_approval"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(value: f64, approved: Option<&str>, shipped: bool) -> ReturnFacts<'_> {
        ReturnFacts {
            name: "RMA 1".into(),
            value,
            approved_by: approved,
            shipped,
        }
    }

    const HOLDERS: &[Role] = &[Role::GeneralManager];

    fn rule(r: Result<(), Error>) -> &'static str {
        match r {
            Ok(()) => "ok",
            Err(Error::Refused { rule, .. } | Error::Invalid { rule, .. }) => rule,
            Err(Error::NotPermitted { permission, .. }) => permission,
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_new_return_needs_a_quantity_and_a_sane_value() {
        assert_eq!(rule(check_new(1, 0.0)), "ok");
        assert_eq!(rule(check_new(0, 10.0)), "rule.positive");
        assert_eq!(rule(check_new(-3, 10.0)), "rule.positive");
        assert_eq!(rule(check_new(1, -0.01)), "rule.not_negative_number");
        assert_eq!(rule(check_new(1, f64::NAN)), "rule.not_negative_number");
        assert_eq!(
            rule(check_new(1, f64::INFINITY)),
            "rule.not_negative_number"
        );
    }

    #[test]
    fn only_the_general_manager_approves_and_only_before_shipping() {
        let gm = Some(Role::GeneralManager);
        assert_eq!(
            rule(check_approve(&facts(5000.0, None, false), gm, HOLDERS)),
            "ok"
        );
        let others = Role::ALL
            .iter()
            .copied()
            .filter(|r| *r != Role::GeneralManager);
        for role in others.map(Some).chain([None]) {
            assert_eq!(
                rule(check_approve(&facts(5000.0, None, false), role, HOLDERS)),
                "permission.approve_replacement",
                "{role:?}"
            );
        }
        assert_eq!(
            rule(check_approve(&facts(5000.0, None, true), gm, HOLDERS)),
            "rule.already_shipped"
        );
    }

    #[test]
    fn above_the_threshold_a_replacement_ships_only_once_approved() {
        assert_eq!(
            rule(check_ship(&facts(1000.0, None, false), 1000.0)),
            "ok",
            "at the threshold"
        );
        assert_eq!(
            rule(check_ship(&facts(1000.01, None, false), 1000.0)),
            "rule.needs_approval"
        );
        assert_eq!(
            rule(check_ship(
                &facts(1000.01, Some("zhang.wei"), false),
                1000.0
            )),
            "ok"
        );
        assert_eq!(
            rule(check_ship(&facts(10.0, None, true), 1000.0)),
            "rule.already_shipped"
        );
    }
}
