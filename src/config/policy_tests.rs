//! Tests of the `[sla]` config section.

use super::*;
use crate::domain::time::DEFAULT_TZ;

fn policy(src: &str) -> (SlaPolicy, Vec<Error>) {
    let mut p = builtin(DEFAULT_TZ);
    let t: toml::Table = src.parse().unwrap();
    let errors = apply(&mut p, &t["sla"], "config.toml");
    (p, errors)
}

#[test]
fn clocks_rules_and_escalation_from_the_config() {
    let (p, errors) = policy(
        r#"
[sla]
escalate_after_days = 5
[sla.clocks.first_response]
hours = 2
time = "working"
warn = "30m"
[sla.clocks.follow_up]
hours = 120
stops_at = "followed_up"
[[sla.rules]]
severity = "urgent"
clock = "first_response"
hours = 1
[[sla.rules]]
grade = "A"
category = "quality"
clock = "disposal"
hours = 48
pauses = false
"#,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(p.escalate_after_days, 5);
    let fr = &p.clocks[0];
    assert_eq!(
        (fr.target_s, fr.basis, fr.warn),
        (7200, Basis::Working, Warn::Before(1800))
    );
    let fu = p.clocks.iter().find(|c| &*c.name == "follow_up").unwrap();
    assert_eq!(
        (fu.target_s, fu.stop),
        (120 * 3600, Stop::Step(Step::FollowedUp))
    );
    assert_eq!(p.rules.len(), 2);
    assert_eq!(
        (p.rules[0].severity, p.rules[0].target_s),
        (Some(Severity::Urgent), Some(3600))
    );
    assert_eq!(p.rules[1].pauses, Some(false));
}

#[test]
fn bad_items_are_reported_and_skipped() {
    let (p, errors) = policy(
        r#"
[sla]
escalate_after_days = 0
colour = "red"
[sla.clocks.plan]
hours = -3
[sla.clocks.mystery]
hours = 5
[[sla.rules]]
clock = "nope"
[[sla.rules]]
clock = "plan"
severity = "huge"
[[sla.rules]]
clock = "plan"
warn = "soon"
[[sla.rules]]
clock = "disposal"
hours = 24
"#,
    );
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 7, "{text:#?}");
    assert!(text.iter().any(|t| t.contains("escalate_after_days")));
    assert!(text
        .iter()
        .any(|t| t.contains("sla.clocks.plan] hours") && t.contains("-3")));
    assert!(text.iter().any(|t| t.contains("sla.clocks.mystery")));
    assert!(text.iter().any(|t| t.contains("sla.rules #2] severity")));
    assert_eq!(p.escalate_after_days, 3, "default kept");
    assert_eq!(p.clocks[1].target_s, 48 * 3600, "bad hours skipped");
    assert_eq!(p.rules.len(), 1, "only the good rule applies");
}

#[test]
fn warn_forms() {
    assert_eq!(parse_warn("75%"), Some(Warn::Share(0.75)));
    assert_eq!(parse_warn("1h30m"), Some(Warn::Before(5400)));
    assert_eq!(parse_warn("45m"), Some(Warn::Before(2700)));
    for bad in ["", "h", "150%", "3", "1d", "-1h"] {
        assert_eq!(parse_warn(bad), None, "{bad}");
    }
}
