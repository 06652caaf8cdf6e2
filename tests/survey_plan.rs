//! `kefu survey plan ROUND`: the round's sample by grade (A all, B half, C a fifth, D
//! none), the same for the same database and round, stored, and rotating so every B and C
//! customer is asked within ceil(1 / share) rounds.

use std::collections::BTreeMap;

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// 2 A, 4 B, 10 C and 2 D customers.
fn team() -> Kefu {
    let k = Kefu::new();
    for (grade, n) in [("A", 2), ("B", 4), ("C", 10), ("D", 2)] {
        for i in 0..n {
            let code = format!("{grade}{i:02}");
            k.ok(&[
                "customer", "add", "--code", &code, "--name", &code, "--grade", grade,
            ]);
        }
    }
    k
}

fn drawn(v: &Value) -> Vec<(String, String, String)> {
    v["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("customer"), s("grade"), s("reason"))
        })
        .collect()
}

#[test]
fn proportions_and_the_same_plan_for_the_same_database_and_round() {
    let k = team();
    let v = k.json(&["survey", "plan", "2026-10"]);
    assert_eq!(v["round"], "2026-10");
    let plan = drawn(&v);
    let per = |g: &str| plan.iter().filter(|c| c.1 == g).count();
    assert_eq!(
        (per("A"), per("B"), per("C"), per("D")),
        (2, 2, 2, 0),
        "{plan:?}"
    );
    assert!(plan.iter().all(|c| c.2
        == if c.1 == "A" {
            "whole_grade"
        } else {
            "never_asked"
        }));
    // Printed again: the plan stored, unchanged.
    assert_eq!(drawn(&k.json(&["survey", "plan", "2026-10"])), plan);
    // Another database made the same way draws the same.
    assert_eq!(drawn(&team().json(&["survey", "plan", "2026-10"])), plan);
    let text = k.ok_in("zh-CN", &["survey", "plan", "2026-10"]);
    has_all(&text, &["2026-10", "该等级全部调查", "从未调查过"]);
}

#[test]
fn rotation_reaches_every_b_and_c_customer() {
    let k = team();
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, round) in ["2026-04", "2026-10", "2027-04", "2027-10", "2028-04"]
        .iter()
        .enumerate()
    {
        for (code, _, _) in drawn(&k.json(&["survey", "plan", round])) {
            first.entry(code).or_insert(i + 1);
        }
    }
    for (grade, n, within) in [("B", 4, 2), ("C", 10, 5)] {
        for i in 0..n {
            let code = format!("{grade}{i:02}");
            let got = first.get(&code).copied();
            assert!(got.is_some_and(|r| r <= within), "{code}: {got:?}");
        }
    }
    assert!(!first.contains_key("D00") && !first.contains_key("D01"));
}

#[test]
fn a_round_outside_the_survey_months_is_refused_and_the_months_are_a_setting() {
    let k = team();
    has_all(
        &k.fails(&["survey", "plan", "2026-11"], 2),
        &["ROUND", "2026-11"],
    );
    has_all(&k.fails(&["survey", "plan", "autumn"], 2), &["autumn"]);
    // The team may hold its rounds in other months.
    let f = k.dir.path().join("team.toml");
    std::fs::write(&f, "[survey]\nmonths = [5, 11]\nshares = { C = 0.5 }\n").expect("written");
    k.ok(&["settings", "import", &f.to_string_lossy()]);
    let v = k.json(&["survey", "plan", "2026-11"]);
    assert_eq!(drawn(&v).iter().filter(|c| c.1 == "C").count(), 5);
    has_all(&k.fails(&["survey", "plan", "2026-10"], 2), &["2026-10"]);
}

#[test]
fn a_manager_swaps_a_customer_with_a_reason_and_others_are_refused() {
    let k = team();
    k.staff(&[("zhang.wei", "manager"), ("zhao.min", "agent")]);
    has_all(
        &k.fails_as(
            "zhang.wei",
            &[
                "survey", "plan", "2026-10", "--remove", "A00", "--reason", "停产",
            ],
            2,
        ),
        &["2026-10", "kefu survey plan"],
    );
    let before = drawn(&k.json(&["survey", "plan", "2026-10"]));
    let out = before
        .iter()
        .find(|c| c.1 == "C")
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let into = (0..10)
        .map(|i| format!("C{i:02}"))
        .find(|c| !before.iter().any(|d| &d.0 == c))
        .unwrap_or_default();
    let swap = [
        "survey",
        "plan",
        "2026-10",
        "--remove",
        &out,
        "--add",
        &into,
        "--reason",
        "客户停产，换一家",
    ];
    has_all(&k.fails_as("zhao.min", &swap, 1), &["manager"]);
    has_all(
        &k.fails_as(
            "zhang.wei",
            &["survey", "plan", "2026-10", "--add", &into],
            2,
        ),
        &["--reason"],
    );
    assert_eq!(
        drawn(&k.json(&["survey", "plan", "2026-10"])),
        before,
        "nothing changed"
    );
    let v = k.json_as("zhang.wei", &swap);
    let after = drawn(&v);
    assert_eq!(after.len(), before.len());
    assert!(!after.iter().any(|c| c.0 == out));
    let added = v["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["customer"] == into.as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&added["reason"], &added["note"]),
        (&Value::from("swapped_in"), &Value::from("客户停产，换一家"))
    );
    has_all(
        &k.fails_as(
            "zhang.wei",
            &["survey", "plan", "2026-10", "--add", &into, "--reason", "x"],
            2,
        ),
        &[into.as_str()],
    );
}
