//! The SLA policy a run uses: the standard clocks on China's working-time calendar,
//! with the user's holidays file on top.

use chrono_tz::Tz;

use crate::domain::sla::SlaPolicy;
use crate::error::Error;

/// The policy for `tz`; a problem with the user's holidays file is returned to report.
pub fn load(tz: Tz) -> (SlaPolicy, Option<Error>) {
    let (calendar, problem) = super::holidays::china(tz, super::holidays::user_file().as_deref());
    (SlaPolicy::standard(calendar), problem)
}

/// The policy with the embedded calendar only (tests, previews).
pub fn builtin(tz: Tz) -> SlaPolicy {
    SlaPolicy::standard(super::holidays::china(tz, None).0)
}
