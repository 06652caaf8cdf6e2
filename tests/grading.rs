//! Grades from the command line: sales recorded per month, proposals by revenue and by
//! criteria, a manager's confirmation (refused for an agent), a special raise, and the
//! thresholds as team settings.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// Three customers whose last year of sales is 60 %, 30 % and 10 % of the whole.
fn team() -> Kefu {
    let k = Kefu::new();
    k.staff(&[("li.na", "agent"), ("zhang.wei", "manager")]);
    for (code, grade) in [("BIG", "C"), ("MID", "C"), ("SMALL", "A")] {
        k.ok(&[
            "customer", "add", "--code", code, "--name", code, "--grade", grade,
        ]);
    }
    for (code, per_month) in [("BIG", "60000"), ("MID", "30000"), ("SMALL", "10000")] {
        for m in ["2026-05", "2026-10"] {
            k.ok(&["sales", "set", code, m, per_month]);
        }
    }
    k
}

fn proposals(k: &Kefu, method: &str) -> Vec<(String, Value, Value)> {
    let v = k.json(&["grade", "propose", "--method", method]);
    v["proposals"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["customer"].as_str().unwrap_or("").to_string(),
                p["proposed"].clone(),
                p["held"].clone(),
            )
        })
        .collect()
}

#[test]
fn revenue_shares_propose_and_a_manager_confirms_an_agent_cannot() {
    let k = team();
    // November is the month of --now: the year is December 2025 to October 2026.
    let p = proposals(&k, "revenue");
    let grade = |c: &str| p.iter().find(|r| r.0 == c).map(|r| r.1.clone());
    assert_eq!(grade("BIG"), Some("A".into()), "{p:?}");
    assert_eq!(grade("MID"), Some("A".into()), "30 % is A too");
    assert_eq!(grade("SMALL"), Some("A".into()), "10 % is A: the boundary");
    // A month outside the year does not count; one month of sales is a one-off.
    k.ok(&["customer", "add", "--code", "ONCE", "--name", "ONCE"]);
    k.ok(&["sales", "set", "ONCE", "2026-11", "900000"]);
    k.ok(&["sales", "set", "ONCE", "2026-06", "1000"]);
    let p = proposals(&k, "revenue");
    let once = p.iter().find(|r| r.0 == "ONCE").cloned();
    assert_eq!(once.map(|r| r.1), Some("D".into()), "{p:?}");

    let err = k.fails_as(
        "li.na",
        &["grade", "confirm", "BIG", "A", "--basis", "年度评级"],
        1,
    );
    has_all(&err, &["grade", "manager"]);
    let show = k.json(&["customer", "show", "BIG"]);
    assert_eq!(show["customer"]["grade"], "C", "nothing changed: {show}");

    let out = k.ok_as(
        "zhang.wei",
        &[
            "grade",
            "confirm",
            "--all-proposed",
            "--basis",
            "2026 年度评级",
        ],
    );
    // ONCE's 1,000 in the year takes SMALL just under 10 %: B.
    has_all(
        &out,
        &["BIG A", "MID A", "ONCE D", "SMALL B", "4 grades changed"],
    );
    let g = &k.json(&["customer", "show", "BIG"])["customer"]["grade_history"];
    let last = g
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (
            &last["previous"],
            &last["grade"],
            &last["changed_by"],
            &last["method"]
        ),
        (
            &"C".into(),
            &"A".into(),
            &"zhang.wei".into(),
            &"revenue".into()
        ),
        "{g}"
    );
    // Confirmed proposals are no longer changes.
    let v = k.json(&["grade", "propose", "--changes"]);
    assert_eq!(v["proposals"], Value::Array(vec![]), "{v}");
}

#[test]
fn a_special_raise_is_recorded_as_such_and_needs_a_basis() {
    let k = team();
    k.fails_as(
        "zhang.wei",
        &["grade", "confirm", "SMALL", "B", "--basis", " "],
        2,
    );
    k.ok_as(
        "zhang.wei",
        &[
            "grade",
            "confirm",
            "MID",
            "战略",
            "--basis",
            "销售申请",
            "--special",
        ],
    );
    let h = &k.json(&["customer", "show", "MID"])["customer"]["grade_history"];
    let last = h
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&last["grade"], &last["special"]),
        (&"A".into(), &true.into()),
        "{h}"
    );
    has_all(
        &k.ok_in("zh", &["customer", "show", "MID"]),
        &["销售申请 · 应申请特批上调"],
    );
}

#[test]
fn criteria_come_from_the_file_and_six_months_of_sales() {
    let k = team();
    k.ok(&[
        "customer",
        "edit",
        "MID",
        "--cooperation",
        "good",
        "--payment",
        "after_reminders",
        "--partner-since",
        "2025-11-23",
    ]);
    // Six months before November: May to October, so 60,000 of MID's sales count.
    let p = proposals(&k, "criteria");
    let mid = p.iter().find(|r| r.0 == "MID").cloned().unwrap_or_default();
    assert_eq!(mid.1, "B", "cooperation, partner 12 months, payment: {p:?}");
    assert_eq!(
        mid.2,
        serde_json::json!(["cooperation", "partner", "payment"])
    );
    k.ok(&["customer", "edit", "MID", "--erratic", "yes"]);
    let p = proposals(&k, "criteria");
    let mid = p.iter().find(|r| r.0 == "MID").cloned().unwrap_or_default();
    assert_eq!((mid.1, mid.2), ("D".into(), serde_json::json!(["erratic"])));
}

#[test]
fn sales_are_checked_and_thresholds_are_team_settings() {
    let k = team();
    has_all(
        &k.fails(&["sales", "set", "BIG", "2026-13", "1"], 2),
        &["MONTH", "2026-13"],
    );
    has_all(
        &k.fails(&["sales", "set", "BIG", "2026-10", "lots"], 2),
        &["AMOUNT", "lots"],
    );
    has_all(
        &k.fails(&["sales", "set", "NOPE", "2026-10", "1"], 2),
        &["NOPE"],
    );
    let v = k.json(&["sales", "list", "BIG"]);
    assert_eq!(v[0]["amount"], 60000.0, "{v}");
    // SMALL has 10 %: with A from 15 % it is B.
    let f = k.dir.path().join("team.toml");
    std::fs::write(&f, "[grading]\nrevenue_a = 15.0\nsales_a = 500000\n").expect("written");
    let path = f.to_string_lossy().to_string();
    k.ok(&["settings", "import", &path]);
    let p = proposals(&k, "revenue");
    let small = p
        .iter()
        .find(|r| r.0 == "SMALL")
        .cloned()
        .unwrap_or_default();
    assert_eq!(small.1, "B", "{p:?}");
    std::fs::write(&f, "[grading]\nrevenue_z = 1\n").expect("written");
    has_all(
        &k.fails(&["settings", "import", &path], 2),
        &["grading", "revenue_z"],
    );
}
