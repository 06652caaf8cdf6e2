//! `kefu survey report --round R`: response rate per grade, the ratings' spread, the items,
//! the customers below 75 and the change since the previous round, against hand counts;
//! a group nobody answered is null, never 0.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// 2 A, 2 B, 1 C, 1 D customers. 2026-04: plan drawn, A00 answers all c (60).
/// 2026-10: plan drawn (A00, A01, one B, C00); A00 all a (100), A01 all b (88), the B
/// a,d,a,c,e,a,b,a,a,a (73: size dissatisfied, life opposed); C00 does not answer.
fn rounds() -> (Kefu, String) {
    let k = Kefu::new();
    for (grade, n) in [("A", 2), ("B", 2), ("C", 1), ("D", 1)] {
        for i in 0..n {
            let code = format!("{grade}{i:02}");
            let name = format!("{code} 电子有限公司");
            k.ok(&[
                "customer", "add", "--code", &code, "--name", &name, "--grade", grade,
            ]);
        }
    }
    let record = |round: &str, code: &str, answers: &str, date: &str| {
        k.ok(&[
            "survey",
            "record",
            "--round",
            round,
            "--customer",
            code,
            "--answers",
            answers,
            "--date",
            date,
        ]);
    };
    k.ok(&["survey", "plan", "2026-04"]);
    record("2026-04", "A00", "c,c,c,c,c,c,c,c,c,c", "2026-04-20");
    let plan = k.json(&["survey", "plan", "2026-10"]);
    let b = plan["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["grade"] == "B")
        .and_then(|c| c["customer"].as_str())
        .unwrap_or_default()
        .to_string();
    record("2026-10", "A00", "a,a,a,a,a,a,a,a,a,a", "2026-10-20");
    record("2026-10", "A01", "b,b,b,b,b,b,b,b,b,b", "2026-10-21");
    record("2026-10", &b, "a,d,a,c,e,a,b,a,a,a", "2026-10-22");
    (k, b)
}

fn group(v: &Value) -> (Value, Value, Value, Value) {
    (
        v["planned"].clone(),
        v["answered"].clone(),
        v["response_rate_pct"].clone(),
        v["average_score"].clone(),
    )
}

fn g(planned: u64, answered: u64, rate: Value, average: Value) -> (Value, Value, Value, Value) {
    (planned.into(), answered.into(), rate, average)
}

#[test]
fn figures_against_hand_counts() {
    let (k, b) = rounds();
    let r = k.json(&["survey", "report", "--round", "2026-10"]);
    assert_eq!(r["round"], "2026-10");
    // (100 + 88 + 73) / 3 = 87; 3 of 4 planned answered.
    assert_eq!(group(&r["overall"]), g(4, 3, 75.0.into(), 87.0.into()));
    assert_eq!(
        group(&r["by_grade"]["A"]),
        g(2, 2, 100.0.into(), 94.0.into())
    );
    assert_eq!(
        group(&r["by_grade"]["B"]),
        g(1, 1, 100.0.into(), 73.0.into())
    );
    // C was asked and did not answer: 0 % answered, no average (null, not 0).
    assert_eq!(group(&r["by_grade"]["C"]), g(1, 0, 0.0.into(), Value::Null));
    // D is never asked: no rate and no average.
    assert_eq!(
        group(&r["by_grade"]["D"]),
        g(0, 0, Value::Null, Value::Null)
    );
    let ratings: Vec<(String, u64)> = r["by_rating"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            (
                b["rating"].as_str().unwrap_or_default().to_string(),
                b["count"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = [("A", 1), ("B", 1), ("C", 1), ("D", 0), ("E", 0)]
        .iter()
        .map(|(r, n)| (r.to_string(), *n))
        .collect();
    assert_eq!(ratings, expected);
    // Size: 10 + 9 + 5 = 24 / 3 = 8.0; a, b and d once each.
    let size = &r["items"][1];
    assert_eq!(
        (&size["item"], &size["item_en"]),
        (&"尺寸".into(), &"size".into())
    );
    assert_eq!(size["average_points"], 8.0);
    assert_eq!(
        size["counts"],
        serde_json::json!({ "a": 1, "b": 1, "c": 0, "d": 1, "e": 0 })
    );
    // Performance: 30 + 27 + 18 = 75 / 3 = 25.0.
    assert_eq!(r["items"][3]["average_points"], 25.0);
    // Only the B customer is below 75, with exactly its d and e items.
    let below = r["below"].as_array().cloned().unwrap_or_default();
    assert_eq!(below.len(), 1);
    assert_eq!(below[0]["customer"], b.as_str());
    assert_eq!(below[0]["name"], format!("{b} 电子有限公司").as_str());
    assert_eq!(
        (&below[0]["score"], &below[0]["rating"]),
        (&73.0.into(), &"C".into())
    );
    let unhappy: Vec<(&str, &str)> = below[0]["unhappy"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            (
                i["item"].as_str().unwrap_or_default(),
                i["answer"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(unhappy, [("尺寸", "d"), ("寿命", "e")]);
    // The CAPA its answer opened.
    let capas = k.json(&["capa", "list"]);
    let source = format!("2026-10 {b}");
    let capa = capas
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["source"] == source.as_str());
    assert_eq!(capa.map(|c| &c["id"]), Some(&below[0]["capa"]));
    // Since 2026-04: 1 of 4 answered (25 %), average 60.
    assert_eq!(
        r["previous"],
        serde_json::json!({
            "round": "2026-04",
            "average_score": 60.0,
            "response_rate_pct": 25.0,
            "average_score_change": 27.0,
            "response_rate_change": 50.0,
        })
    );
    // The first round has no previous one: null.
    let first = k.json(&["survey", "report", "--round", "2026-04"]);
    assert_eq!(first["previous"], Value::Null);
    assert_eq!(group(&first["overall"]), g(4, 1, 25.0.into(), 60.0.into()));
}

#[test]
fn the_text_report_in_both_languages() {
    let (k, b) = rounds();
    let en = k.ok(&["survey", "report", "--round", "2026-10"]);
    has_all(
        &en,
        &[
            "2026-10",
            "75.0%",
            "87.0",
            "Below 75",
            &b,
            "size (dissatisfied), life (opposed)",
            "Since 2026-04: average score 60.0 → 87.0 (+27.0); response rate 25.0% → 75.0% (+50.0)",
        ],
    );
    // Grade D: no figures, shown as a dash, not 0.
    let d_line = en
        .lines()
        .find(|l| l.starts_with("Grade D"))
        .unwrap_or_default();
    assert_eq!(
        d_line.split_whitespace().collect::<Vec<_>>(),
        ["Grade", "D", "0", "0", "—", "—"]
    );
    let zh = k.ok_in("zh-CN", &["survey", "report", "--round", "2026-10"]);
    has_all(
        &zh,
        &[
            "满意度调查 2026-10 报告",
            "回收率",
            "尺寸（不满意）、寿命（反对）",
            "与 2026-04 相比",
        ],
    );
    // Columns line up by display width: every row of the items table is as wide as its rule.
    // (The last column is right-aligned, so each line ends where the rule does.)
    let lines: Vec<&str> = zh.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("项目"));
    let header = header.unwrap_or_else(|| panic!("no items table: {zh}"));
    let rule = kefu::text::width(lines[header + 1]);
    for l in &lines[header + 2..header + 12] {
        assert_eq!(kefu::text::width(l), rule, "{l}");
    }
    // A round nobody planned is refused, naming it.
    has_all(
        &k.fails(&["survey", "report", "--round", "2027-04"], 2),
        &["2027-04", "kefu survey plan"],
    );
}
