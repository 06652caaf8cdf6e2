//! Closing the loop (QEF-15-03): a score below 7 opens an improvement case at once (6 does,
//! 7 does not); a manager and an engineer visit, the plan is agreed after the visit and
//! tracked, and the case ends in a verdict by the next score or a manager's judgement. The
//! customer's file shows the cases, and a case can raise a CAPA.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

fn team() -> Kefu {
    let k = Kefu::new();
    k.staff(&[
        ("zhang.wei", "manager"),
        ("yang.lei", "engineer"),
        ("zhao.min", "agent"),
    ]);
    for name in ["华东精密", "恒瑞化工"] {
        k.ok(&["customer", "add", "--name", name, "--grade", "A"]);
    }
    for code in ["C00001", "C00002"] {
        k.ok(&["contact", "add", code, "--name", "王经理", "--nps", "yes"]);
        k.ok(&["contact", "add", code, "--name", "李工", "--nps", "yes"]);
    }
    k
}

fn record(k: &Kefu, now: &str, customer: &str, contact: &str, score: &str) -> Value {
    let out = k.ok_at(
        now,
        &[
            "--json",
            "nps",
            "record",
            "--customer",
            customer,
            "--contact",
            contact,
            "--score",
            score,
        ],
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn show_at(k: &Kefu, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = k.ok_at(now, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn cases(k: &Kefu, now: &str, customer: &str) -> Value {
    let out = k.ok_at(now, &["--json", "customer", "show", customer]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["improvement_cases"].clone()
}

#[test]
fn a_score_of_6_opens_a_case_at_once_and_7_does_not() {
    let k = team();
    let now = "2026-10-08 10:00";
    let seven = record(&k, now, "C00001", "王经理", "7");
    assert_eq!(seven["case"], Value::Null, "{seven}");
    assert_eq!(cases(&k, now, "C00001").as_array().map(Vec::len), Some(0));
    let six = record(&k, now, "C00002", "王经理", "6");
    assert_eq!(six["case"], "GS-2026-00001", "{six}");
    assert_eq!(six["case_opened"], true);
    let c = cases(&k, now, "C00002");
    assert_eq!(c.as_array().map(Vec::len), Some(1), "{c}");
    assert_eq!(c[0]["score"], 6);
    assert_eq!(c[0]["stage"], "visit");
    // The visit is due in 14 days (the default).
    assert_eq!(c[0]["due"], "2026-10-22");
    // A second low score while the case is open is noted on it, not a second case.
    let again = record(&k, "2026-10-09 10:00", "C00002", "李工", "2");
    assert_eq!(
        (again["case"].clone(), again["case_opened"].clone()),
        ("GS-2026-00001".into(), false.into())
    );
    let c = cases(&k, "2026-10-09 10:00", "C00002");
    assert_eq!(c.as_array().map(Vec::len), Some(1));
    has_all(&c[0]["checkins"].to_string(), &["NPS 2", "李工"]);
    // The text file lists it too.
    has_all(
        &k.ok_at(now, &["customer", "show", "C00002"]),
        &["Improvement cases", "GS-2026-00001", "visit due"],
    );
}

#[test]
fn a_case_goes_visit_plan_tracking_verdict_by_the_next_score() {
    let k = team();
    record(&k, "2026-10-08 10:00", "C00001", "王经理", "4");
    let n = "GS-2026-00001";
    // The plan comes after the visit.
    has_all(
        &k.fails_at(
            "2026-10-09 10:00",
            &["improvement", "plan", n, "--text", "x"],
            2,
        ),
        &["visit has not been held"],
    );
    // A manager and an engineer visit.
    has_all(
        &k.fails(
            &[
                "improvement",
                "visit",
                n,
                "--date",
                "2026-10-12",
                "--manager",
                "zhao.min",
                "--engineer",
                "yang.lei",
            ],
            2,
        ),
        &["--manager", "zhao.min", "not a manager"],
    );
    has_all(
        &k.fails(
            &[
                "improvement",
                "visit",
                n,
                "--date",
                "2026-10-12",
                "--manager",
                "zhang.wei",
                "--engineer",
                "zhao.min",
            ],
            2,
        ),
        &["--engineer", "not an engineer"],
    );
    k.ok_at(
        "2026-10-09 10:00",
        &[
            "improvement",
            "visit",
            n,
            "--date",
            "2026-10-12",
            "--manager",
            "zhang.wei",
            "--engineer",
            "yang.lei",
        ],
    );
    // Booked for the 12th: on the 10th it is still to come, and the plan still waits.
    let v = show_at(&k, "2026-10-10 10:00", &["improvement", "show", n]);
    assert_eq!(v["stage"], "visit", "{v}");
    has_all(
        &k.fails_at(
            "2026-10-10 10:00",
            &["improvement", "plan", n, "--text", "x"],
            2,
        ),
        &["visit has not been held"],
    );
    k.ok_at(
        "2026-10-13 10:00",
        &["improvement", "plan", n, "--text", "交货改为每周两次"],
    );
    let v = show_at(&k, "2026-10-14 10:00", &["improvement", "show", n]);
    assert_eq!(
        (v["stage"].clone(), v["due"].clone()),
        ("tracking".into(), "2027-01-11".into()),
        "{v}"
    );
    k.ok_at(
        "2026-11-01 10:00",
        &["improvement", "checkin", n, "--note", "10 月交付全部准时"],
    );
    // No score since the plan: the verdict waits (or a manager judges).
    has_all(
        &k.fails_at("2026-11-02 10:00", &["improvement", "verdict", n], 2),
        &["not answered since the plan"],
    );
    // A score before the plan does not count; the first one after it does.
    record(&k, "2027-01-05 10:00", "C00001", "李工", "8");
    let v = show_at(&k, "2027-01-12 10:00", &["improvement", "verdict", n]);
    assert_eq!(
        (v["verdict"].clone(), v["basis"].clone()),
        ("improved".into(), "score 8".into()),
        "{v}"
    );
    let v = k.json(&["improvement", "show", n]);
    assert_eq!(v["stage"], "closed", "{v}");
    has_all(
        &k.fails(&["improvement", "checkin", n, "--note", "late"], 2),
        &["closed"],
    );
    // Closed cases leave the list of open ones.
    assert_eq!(
        k.json(&["improvement", "list"]).as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(
        k.json(&["improvement", "list", "--all"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn only_a_manager_judges_a_case_and_a_case_can_raise_a_capa() {
    let k = team();
    record(&k, "2026-10-08 10:00", "C00001", "王经理", "3");
    let n = "GS-2026-00001";
    k.ok_at(
        "2026-10-09 10:00",
        &[
            "improvement",
            "visit",
            n,
            "--date",
            "2026-10-09",
            "--manager",
            "zhang.wei",
            "--engineer",
            "yang.lei",
            "--note",
            "包装破损多",
        ],
    );
    k.ok_at(
        "2026-10-10 10:00",
        &["improvement", "plan", n, "--text", "改进包装"],
    );
    let judge = [
        "improvement",
        "verdict",
        n,
        "--judgement",
        "not_improved",
        "--note",
        "客户仍不满意",
    ];
    has_all(&k.fails_as("zhao.min", &judge, 1), &["manager"]);
    has_all(
        &k.fails(&["improvement", "verdict", n, "--judgement", "improved"], 2),
        &["--note"],
    );
    // A CAPA on the case.
    let id = k.ok(&[
        "capa",
        "add",
        n,
        "--root-cause",
        "包装设计不足",
        "--corrective",
        "加固纸箱",
        "--preventive",
        "运输测试",
        "--owner",
        "yang.lei",
        "--due",
        "2026-11-30",
    ]);
    let listed = k.json(&["capa", "list", "--complaint", n]);
    assert_eq!(listed[0]["id"].to_string(), id.trim());
    assert_eq!(
        (
            listed[0]["source_kind"].clone(),
            listed[0]["complaint"].clone()
        ),
        ("improvement".into(), Value::Null)
    );
    has_all(
        &k.fails(
            &[
                "capa",
                "add",
                "GS-2026-09999",
                "--root-cause",
                "x",
                "--corrective",
                "x",
                "--preventive",
                "x",
                "--owner",
                "yang.lei",
                "--due",
                "2026-11-30",
            ],
            2,
        ),
        &["GS-2026-09999"],
    );
    let v = k.json_as(
        "zhang.wei",
        &[
            "improvement",
            "verdict",
            n,
            "--judgement",
            "未改善",
            "--note",
            "客户仍不满意",
        ],
    );
    assert_eq!(
        (v["verdict"].clone(), v["basis"].clone()),
        ("not_improved".into(), "judgement".into())
    );
    let v = k.json(&["improvement", "show", n]);
    assert_eq!(v["capas"].as_array().map(Vec::len), Some(1), "{v}");
    has_all(
        &k.ok_in("zh-CN", &["improvement", "show", n]),
        &[
            "未改善",
            "经理判定",
            "客户仍不满意",
            "包装破损多",
            "改进包装",
        ],
    );
}
