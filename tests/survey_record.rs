//! `kefu survey record`: a customer's answers to a round are stored with the score, the
//! rating, the grade they hold and who recorded them; every refusal names the problem and
//! stores nothing; `--replace` keeps the old answer in the history.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// 2 A, 2 B, 1 C and 1 D customers, the 2026-10 plan drawn (A00, A01, one B, C00).
fn team() -> Kefu {
    let k = Kefu::new();
    for (grade, n) in [("A", 2), ("B", 2), ("C", 1), ("D", 1)] {
        for i in 0..n {
            let code = format!("{grade}{i:02}");
            let name = format!("{code} 有限公司");
            k.ok(&[
                "customer", "add", "--code", &code, "--name", &name, "--grade", grade,
            ]);
        }
    }
    k.ok(&["survey", "plan", "2026-10"]);
    k
}

/// The B customer the plan of `round` drew, and the one it did not.
fn b_in_and_out(k: &Kefu, round: &str) -> (String, String) {
    let plan = k.json(&["survey", "plan", round]);
    let b = plan["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["grade"] == "B")
        .and_then(|c| c["customer"].as_str())
        .unwrap_or_default()
        .to_string();
    let other = if b == "B00" { "B01" } else { "B00" };
    (b, other.to_string())
}

fn record(round: &str, customer: &str, answers: &str) -> Vec<String> {
    [
        "survey",
        "record",
        "--round",
        round,
        "--customer",
        customer,
        "--answers",
        answers,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// What the database holds, as the commands show it: the round's report and the history.
fn state(k: &Kefu) -> (Value, Value) {
    (
        k.json(&["survey", "report", "--round", "2026-10"]),
        k.json(&["audit", "head"])["rows"].clone(),
    )
}

#[test]
fn an_answer_is_stored_scored_and_shown() {
    let k = team();
    k.staff(&[("li.na", "agent")]);
    let mut a = record("2026-10", "A00", "a,b,a,c,a,a,b,a,a,a");
    a.extend(["--date".into(), "2026-10-18".into()]);
    let v = k.json_as("li.na", &args(&a));
    assert_eq!(v["score"], 86.0);
    assert_eq!(v["rating"], "B");
    assert_eq!(v["grade"], "A");
    assert_eq!(v["recorded_by"], "li.na");
    assert_eq!(v["answered_on"], "2026-10-18");
    assert_eq!(v["replaced"], false);
    let items = v["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 10);
    assert_eq!(
        (&items[3]["item"], &items[3]["item_en"], &items[3]["answer"]),
        (
            &Value::from("性能"),
            &Value::from("performance"),
            &Value::from("c")
        )
    );
    assert_eq!(items[3]["points"], 18.0);
    // Labels in Chinese work as for `survey score`; the answer date defaults to today.
    let text = k.ok_in(
        "zh-CN",
        &args(&record(
            "2026-10",
            "A01",
            "非常满意，满意，a，一般，a，a，满意，a，a，不满意",
        )),
    );
    has_all(
        &text,
        &[
            "已记录 2026-10 A01",
            "总分 83 · 评级 B",
            "日常服务",
            "不满意",
        ],
    );
    let r = k.json(&["survey", "report", "--round", "2026-10"]);
    assert_eq!(r["overall"]["answered"], 2);
    assert_eq!(r["by_grade"]["A"]["average_score"], 84.5);
}

#[test]
fn every_refusal_names_the_problem_and_stores_nothing() {
    let k = team();
    let (_, not_planned) = b_in_and_out(&k, "2026-10");
    k.ok(&args(&record("2026-10", "A00", "a,a,a,a,a,a,a,a,a,a")));
    let before = state(&k);
    let fails = |a: Vec<String>, parts: &[&str]| {
        has_all(&k.fails(&args(&a), 2), parts);
        assert_eq!(state(&k), before, "{a:?} changed something");
    };
    fails(
        record("autumn", "A01", "a,a,a,a,a,a,a,a,a,a"),
        &["--round", "autumn"],
    );
    fails(
        record("2026-11", "A01", "a,a,a,a,a,a,a,a,a,a"),
        &["--round", "2026-11"],
    );
    fails(record("2026-10", "NOPE", "a,a,a,a,a,a,a,a,a,a"), &["NOPE"]);
    fails(record("2026-10", "A01", "a,b,a"), &["--answers", "3 / 10"]);
    fails(
        record("2026-10", "A01", "a,a,a,a,a,a,a,a,a,z"),
        &["日常服务", "'z'"],
    );
    fails(
        record("2026-10", &not_planned, "a,a,a,a,a,a,a,a,a,a"),
        &[&not_planned, "plan", "--add"],
    );
    fails(
        record("2026-10", "D00", "a,a,a,a,a,a,a,a,a,a"),
        &["D00", "plan"],
    );
    fails(
        record("2026-10", "A00", "b,b,b,b,b,b,b,b,b,b"),
        &["A00", "--replace"],
    );
    let mut future = record("2026-10", "A01", "a,a,a,a,a,a,a,a,a,a");
    future.extend(["--date".into(), "2026-11-24".into()]);
    fails(future, &["--date", "2026-11-24"]);
    // A round whose plan is not drawn yet.
    has_all(
        &k.fails(&args(&record("2027-04", "A01", "a,a,a,a,a,a,a,a,a,a")), 2),
        &["2027-04", "kefu survey plan"],
    );
    assert_eq!(state(&k), before);
    // In Chinese, the plan refusal says the plan must include the customer.
    let zh = k.fails_in(
        "zh-CN",
        &args(&record("2026-10", &not_planned, "a,a,a,a,a,a,a,a,a,a")),
        2,
    );
    has_all(&zh, &["不在本轮抽样名单中", "--add"]);
}

#[test]
fn replace_keeps_the_old_answer_in_the_history() {
    let k = team();
    let first = k.json(&args(&record("2026-10", "A00", "b,b,b,b,b,b,b,b,b,b")));
    let mut again = record("2026-10", "A00", "a,a,a,a,a,a,a,a,a,a");
    again.push("--replace".into());
    let v = k.json(&args(&again));
    assert_eq!(
        (v["score"].clone(), v["replaced"].clone()),
        (100.0.into(), true.into())
    );
    assert_eq!(v["id"], first["id"], "the answer is replaced, not added");
    let r = k.json(&["survey", "report", "--round", "2026-10"]);
    assert_eq!(r["overall"]["answered"], 1);
    assert_eq!(r["overall"]["average_score"], 100.0);
    // The history holds the old answer beside the new one, and the chain still holds.
    let store = kefu::store::Store::open_for(
        &k.db,
        kefu::store::open::Access::Read,
        "tester",
        chrono::Utc::now(),
        kefu::domain::time::DEFAULT_TZ,
    )
    .expect("open");
    let key = first["id"].to_string();
    let history = store.history_of("survey_answer", &key).expect("history");
    let change = |field: &str| {
        history
            .iter()
            .find(|c| c.field.as_deref() == Some(field))
            .map(|c| (c.old.clone(), c.new.clone()))
    };
    assert_eq!(history[0].action, "insert");
    assert!(history[0]
        .new
        .as_deref()
        .is_some_and(|n| n.contains("b,b,b,b,b,b,b,b,b,b")));
    assert_eq!(
        change("answers"),
        Some((
            Some("b,b,b,b,b,b,b,b,b,b".into()),
            Some("a,a,a,a,a,a,a,a,a,a".into())
        ))
    );
    assert_eq!(
        change("score"),
        Some((Some("88".into()), Some("100".into())))
    );
    assert_eq!(change("rating"), Some((Some("B".into()), Some("A".into()))));
    has_all(&k.ok(&["audit", "verify"]), &["intact"]);
}

fn capas(k: &Kefu) -> Vec<Value> {
    k.json(&["capa", "list"])
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_score_below_75_opens_a_capa_naming_the_dissatisfied_and_opposed_items() {
    let k = team();
    k.staff(&[("li.na", "kam"), ("zhao.min", "agent")]);
    k.ok(&["customer", "edit", "A00", "--kam", "li.na"]);
    let (b, _) = b_in_and_out(&k, "2026-10");
    // 74 = 5+10+1+18+6+10+10+5+4+5: appearance dissatisfied, packing opposed.
    let mut low = record("2026-10", "A00", "d,a,e,c,c,a,a,a,b,a");
    low.extend(["--date".into(), "2026-10-20".into()]);
    let v = k.json(&args(&low));
    assert_eq!(v["score"], 74.0);
    let opened = &v["capa_opened"];
    assert_eq!(opened["owner"], "li.na", "the customer's account manager");
    assert_eq!(opened["due_date"], "2026-11-19", "30 days after the answer");
    assert_eq!(v["capa"], opened["id"]);
    // 75 = the same items unhappy, but on the line: no CAPA.
    let v = k.json(&args(&record("2026-10", "A01", "d,a,e,c,a,c,a,a,a,a")));
    assert_eq!(
        (v["score"].clone(), v["capa_opened"].clone()),
        (75.0.into(), Value::Null)
    );
    assert_eq!(v["capa"], Value::Null);
    let all = capas(&k);
    assert_eq!(all.len(), 1, "{all:?}");
    let c = &all[0];
    assert_eq!(
        (&c["source_kind"], &c["source"]),
        (&"survey".into(), &"2026-10 A00".into())
    );
    assert_eq!(c["id"], opened["id"]);
    let problem = c["problem"].as_str().unwrap_or_default();
    assert!(
        problem.ends_with("dissatisfied or opposed: appearance (dissatisfied), packing (opposed)"),
        "exactly the d and e items: {problem}"
    );
    has_all(problem, &["2026-10", "74", "rating C"]);
    // No account manager on staff: whoever records owns it; the problem in their language,
    // the due date a setting; the text output says the CAPA's id.
    let f = k.dir.path().join("team.toml");
    std::fs::write(&f, "[survey]\ncapa_days = 14\n").expect("written");
    k.ok(&["settings", "import", &f.to_string_lossy()]);
    let out = run_in(
        &k,
        "zh-CN",
        "zhao.min",
        &args(&record("2026-10", &b, "e,a,a,c,c,c,a,a,a,a")),
    );
    let all = capas(&k);
    assert_eq!(all.len(), 2);
    let c = &all[1];
    assert_eq!(
        (&c["owner"], &c["due_date"]),
        (&"zhao.min".into(), &"2026-12-07".into())
    );
    let problem = c["problem"].as_str().unwrap_or_default();
    assert!(
        problem.ends_with("不满意或反对的项目：外观（反对）"),
        "{problem}"
    );
    has_all(
        &out,
        &[&format!("已开立纠正预防措施 {}", c["id"]), "zhao.min"],
    );
    // Replaced, the answer keeps its CAPA and opens no second one.
    let mut again = record("2026-10", "A00", "a,a,a,a,a,a,a,a,a,a");
    again.push("--replace".into());
    let v = k.json(&args(&again));
    assert_eq!(
        (v["capa"].clone(), v["capa_opened"].clone()),
        (opened["id"].clone(), Value::Null)
    );
    assert_eq!(capas(&k).len(), 2);
}

/// Runs as `user` in `lang`; must succeed. Returns stdout.
fn run_in(k: &Kefu, lang: &str, user: &str, a: &[&str]) -> String {
    let out = binary::run(k.cmd_with(lang, user, a));
    assert_eq!(out.code, 0, "{a:?}: {out:#?}");
    out.stdout
}
