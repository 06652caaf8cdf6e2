//! Who may do what: the permissions the seeds name, and the roles that hold each by
//! default (SOP-15, MJ-QP-12 5.3.4). Refusals name the permission and its holders.

use super::staff::Role;
use crate::error::Error;
use crate::vocabulary;

vocabulary!(
    /// Something only some roles may do.
    Permission, "permission" {
        ApproveReplacement = "approve_replacement",
        VerifyCapa = "verify_capa",
        CloseMinorSameDay = "close_minor_same_day",
        ManageStaff = "manage_staff",
        ManagePermissions = "manage_permissions",
        ManageSettings = "manage_settings",
        ConfirmGrade = "confirm_grade",
        ReadL3 = "read_l3",
        GrantKnowhow = "grant_knowhow",
        ReadAccessLog = "read_access_log",
        WipeSandbox = "wipe_sandbox",
        ManageSurveys = "manage_surveys",
        JudgeImprovement = "judge_improvement",
    }
);

impl Permission {
    /// The roles that hold it unless the team changes that.
    pub fn default_holders(self) -> &'static [Role] {
        match self {
            // MJ-QP-12 5.3.4: a replacement over the threshold needs the general manager.
            Permission::ApproveReplacement => &[Role::GeneralManager],
            // SOP-15: quality verifies a CAPA's effect and may close a minor complaint
            // on the day it came in.
            Permission::VerifyCapa | Permission::CloseMinorSameDay => &[Role::Quality],
            // SOP-15 §8.2: the technical staff and the general manager.
            // A customer's grade changes only when a manager confirms it.
            Permission::ConfirmGrade => &[Role::Manager, Role::GeneralManager],
            // MJ-QP-12: a manager may swap a customer into or out of a survey round, and
            // opens the quarter's NPS campaign.
            Permission::ManageSurveys => &[Role::Manager, Role::GeneralManager],
            // QEF-15-03: a manager judges whether an unhappy customer's case improved.
            Permission::JudgeImprovement => &[Role::Manager, Role::GeneralManager],
            Permission::ReadL3 => &[Role::Engineer, Role::GeneralManager],
            Permission::GrantKnowhow => &[Role::GeneralManager, Role::Admin],
            Permission::ReadAccessLog => &[Role::Auditor, Role::GeneralManager, Role::Admin],
            Permission::ManageStaff
            | Permission::ManagePermissions
            | Permission::ManageSettings
            | Permission::WipeSandbox => &[Role::Admin],
        }
    }
}

/// Whether `role` (None: not on the staff list) holds `p` among `holders`; if not, the
/// refusal naming the permission and who holds it.
pub fn check(p: Permission, role: Option<Role>, holders: &[Role]) -> Result<(), Error> {
    if role.is_some_and(|r| holders.contains(&r)) {
        return Ok(());
    }
    Err(Error::NotPermitted {
        permission: p.label_key(),
        holders: holders.iter().map(|r| r.label_key()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_holders_pass_and_the_refusal_names_them() {
        let holders = Permission::ManageStaff.default_holders();
        assert!(check(Permission::ManageStaff, Some(Role::Admin), holders).is_ok());
        for role in Role::ALL.iter().copied().filter(|r| *r != Role::Admin) {
            match check(Permission::ManageStaff, Some(role), holders) {
                Err(Error::NotPermitted {
                    permission,
                    holders,
                }) => {
                    assert_eq!(permission, "permission.manage_staff");
                    assert_eq!(holders, ["role.admin"]);
                }
                other => panic!("{role:?}: {other:?}"),
            }
        }
        assert!(check(Permission::ManageStaff, None, holders).is_err());
    }

    #[test]
    fn every_permission_is_refused_to_every_role_that_lacks_it() {
        for p in Permission::ALL.iter().copied() {
            let holders = p.default_holders();
            assert!(!holders.is_empty(), "{p:?} has holders");
            for role in Role::ALL.iter().copied() {
                let allowed = check(p, Some(role), holders).is_ok();
                assert_eq!(allowed, holders.contains(&role), "{p:?} for {role:?}");
            }
            // Nobody off the staff list holds anything.
            assert!(check(p, None, holders).is_err());
            // An auditor reads (the access log among it) and changes nothing.
            let auditor = check(p, Some(Role::Auditor), holders).is_ok();
            assert_eq!(auditor, p == Permission::ReadAccessLog, "{p:?}");
        }
    }
}
