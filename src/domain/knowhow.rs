//! The register of customer-exclusive formulas and know-how (SOP-15 §8.2): who may open
//! what. L1 is open, L2 internal (any active staff), L3 restricted to the roles the
//! permission table names and the people granted it by name.

use serde::Serialize;

use crate::domain::fields::{FieldKind, FieldSpec};
use crate::domain::permission::{check, Permission};
use crate::domain::staff::Role;
use crate::error::Error;
use crate::vocabulary;

vocabulary!(
    /// How confidential an entry is.
    Level, "knowhow_level" { L1 = "l1", L2 = "l2", L3 = "l3" }
);

crate::record!(
    /// An entry of the know-how register as it is taken down.
    KnowHow in "knowhow" {
        /// The customer it belongs to.
        customer: Option<String> => FieldSpec::of(FieldKind::Customer).required(),
        /// What it is.
        title: Option<String> => FieldSpec::text(100).required().labelled("field.knowhow_title"),
        /// L1 open, L2 internal, L3 restricted.
        level: Option<Level> => FieldSpec::of(FieldKind::Choice(Level::CHOICES)).required().defaults_to("l2"),
        /// The formula, process window or other know-how itself.
        content: Option<String> => FieldSpec::of(FieldKind::Note { max: 20000 }).required().labelled("field.knowhow_content"),
        /// Who keeps it up to date.
        owner: Option<String> => FieldSpec::of(FieldKind::Staff),
    }
);

/// An attached file: where it is and what it held when attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// The file's path as given (made absolute).
    pub path: String,
    /// SHA-256 of its content, hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Whether someone of `role` (None: not active staff), granted the entry by name or not,
/// may open an entry of `level`; L3 goes by `l3_holders` (the table's `read_l3`).
pub fn may_open(
    level: Level,
    role: Option<Role>,
    granted: bool,
    l3_holders: &[Role],
) -> Result<(), Error> {
    match level {
        Level::L1 => Ok(()),
        Level::L2 if role.is_some() => Ok(()),
        Level::L2 => Err(not_staff_refusal(level)),
        Level::L3 if granted && role.is_some() => Ok(()),
        Level::L3 => check(Permission::ReadL3, role, l3_holders),
    }
}

/// L2 is for staff only: the refusal says so rather than naming a permission.
fn not_staff_refusal(level: Level) -> Error {
    Error::Refused {
        number: level.as_str().to_uppercase(),
        rule: "rule.staff_only",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l3_opens_only_for_its_holders_and_those_granted_by_name() {
        let holders = Permission::ReadL3.default_holders();
        for role in Role::ALL.iter().copied() {
            let by_role = may_open(Level::L3, Some(role), false, holders).is_ok();
            assert_eq!(by_role, holders.contains(&role), "{role:?}");
            assert!(
                may_open(Level::L3, Some(role), true, holders).is_ok(),
                "{role:?} granted"
            );
            assert!(may_open(Level::L2, Some(role), false, holders).is_ok());
        }
        // Off the list (or deactivated): L1 only, even if once granted by name.
        assert!(may_open(Level::L3, None, true, holders).is_err());
        assert!(may_open(Level::L2, None, false, holders).is_err());
        assert!(may_open(Level::L1, None, false, holders).is_ok());
        // An auditor reads all but L3.
        assert!(may_open(Level::L3, Some(Role::Auditor), false, holders).is_err());
    }
}
