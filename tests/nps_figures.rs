//! `kefu nps`: overall and per grade against hand counts, the grade the customer had when
//! answering, one decimal, an empty group null (never 0 or NaN), the targets (A 60, B 40,
//! overall 50, team settings) and the eight-quarter trend.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// Customers A1 (A), B1 (B) and C1 (C) with answers in October 2026, and one in July.
fn team() -> Kefu {
    let k = Kefu::new();
    for (code, grade) in [("A1", "A"), ("B1", "B"), ("C1", "C")] {
        k.ok(&[
            "customer", "add", "--code", code, "--name", code, "--grade", grade,
        ]);
    }
    let answers = [
        ("A1", "10"),
        ("A1", "9"),
        ("A1", "6"),
        ("B1", "9"),
        ("B1", "8"),
        ("B1", "7"),
        ("C1", "3"),
        ("C1", "10"),
    ];
    for (i, (code, score)) in answers.iter().enumerate() {
        let at = format!("2026-10-{:02} 10:00", i + 1);
        k.answer(code, score, &at);
    }
    k.answer("A1", "0", "2026-07-15 10:00");
    k
}

#[test]
fn figures_against_hand_counts() {
    let k = team();
    let v = k.json(&["nps", "--period", "2026-Q4"]);
    assert_eq!(v["period"], "2026-Q4");
    // Overall: 8 answers, promoters 10 9 9 10 (4), passives 8 7 (2), detractors 6 3 (2):
    // 50 % - 25 % = 25.0, below the target of 50.
    let o = &v["overall"];
    assert_eq!(
        (
            &o["responses"],
            &o["promoters"],
            &o["passives"],
            &o["detractors"]
        ),
        (
            &Value::from(8),
            &Value::from(4),
            &Value::from(2),
            &Value::from(2)
        )
    );
    assert_eq!(
        (&o["nps"], &o["target"], &o["met"]),
        (&Value::from(25.0), &Value::from(50.0), &Value::from(false))
    );
    // A: 2 promoters, 1 detractor of 3 = 33.3 (one decimal), target 60 not met.
    let a = &v["by_grade"]["A"];
    assert_eq!(
        (&a["nps"], &a["met"]),
        (&Value::from(33.3), &Value::from(false))
    );
    // B: 1 promoter, 2 passives = 33.3 against 40.
    assert_eq!(v["by_grade"]["B"]["nps"], 33.3);
    assert_eq!(v["by_grade"]["B"]["target"], 40.0);
    // C: 1 of each end = 0.0, and no target.
    assert_eq!(v["by_grade"]["C"]["nps"], 0.0);
    assert!(v["by_grade"]["C"]["target"].is_null() && v["by_grade"]["C"]["met"].is_null());
    // D: nobody answered: null, not 0 or NaN.
    let d = &v["by_grade"]["D"];
    assert_eq!(d["responses"], 0);
    assert!(d["nps"].is_null() && d["met"].is_null(), "{d}");
    // The text says so too, in both languages.
    has_all(
        &k.ok(&["nps", "--period", "2026-Q4"]),
        &["Grade D", "no answers", "25.0"],
    );
    has_all(
        &k.ok_in("zh-CN", &["nps", "--period", "2026-Q4"]),
        &["D 级", "无答卷"],
    );
}

#[test]
fn the_grade_is_the_one_held_when_answering_and_targets_are_settings() {
    let k = team();
    k.staff(&[("zhang.wei", "manager")]);
    // A1 becomes B: its answers stay A's.
    k.ok_as(
        "zhang.wei",
        &["grade", "confirm", "A1", "B", "--basis", "2026 年度评级"],
    );
    let v = k.json(&["nps", "--period", "2026-Q4"]);
    assert_eq!(v["by_grade"]["A"]["responses"], 3);
    assert_eq!(v["by_grade"]["B"]["responses"], 3);
    let f = k.dir.path().join("team.toml");
    std::fs::write(&f, "[kpi]\nnps_grade_b = 30\nnps_overall = 20\n").expect("written");
    k.ok(&["settings", "import", &f.to_string_lossy()]);
    let v = k.json(&["nps", "--period", "2026-Q4"]);
    assert_eq!(
        (&v["by_grade"]["B"]["target"], &v["by_grade"]["B"]["met"]),
        (&Value::from(30.0), &Value::from(true))
    );
    assert_eq!(v["overall"]["met"], true);
}

#[test]
fn the_trend_is_eight_quarters_oldest_first() {
    let k = team();
    let v = k.json(&["nps", "trend", "--to", "2026-Q4"]);
    let periods: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["period"].as_str())
        .collect();
    assert_eq!(
        periods,
        ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    );
    // July's single detractor is Q3's whole NPS; quarters without answers are null.
    assert_eq!(v[6]["overall"]["nps"], -100.0);
    assert_eq!(v[6]["by_grade"]["A"]["responses"], 1);
    assert!(v[0]["overall"]["nps"].is_null());
    assert_eq!(v[7]["overall"]["nps"], 25.0);
    has_all(
        &k.fails(&["nps", "trend", "--to", "2026"], 2),
        &["--to", "2026-Q4"],
    );
    has_all(&k.fails(&["nps", "--period", "Q4"], 2), &["--period"]);
}
