//! The suggestions log through the real binary: add, list, show, respond, summary.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;

use binary::has_all;
use harness::Kefu;

fn with_customers() -> Kefu {
    let k = Kefu::new();
    k.ok(&["init"]);
    for name in ["苏州恒瑞化工", "宁波东方电子"] {
        k.ok(&["customer", "add", "--name", name]);
    }
    k
}

#[test]
fn suggestions_are_numbered_listed_and_answered_with_history() {
    let k = with_customers();
    let a = k.ok_in(
        "zh",
        &[
            "suggestion",
            "add",
            "--customer",
            "C00001",
            "--content",
            "希望包装改用可回收纸箱",
            "--topic",
            "产品",
            "--channel",
            "微信",
            "--received",
            "2026-11-20 09:00",
        ],
    );
    assert_eq!(a.trim(), "JY-2026-00001");
    let b = k.ok(&[
        "suggestion",
        "add",
        "--customer",
        "C00002",
        "--content",
        "Friday delivery",
    ]);
    assert_eq!(b.trim(), "JY-2026-00002");

    let list = k.json(&["suggestion", "list"]);
    let rows = list.as_array().expect("a list");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["number"], "JY-2026-00002", "newest first");
    assert_eq!(rows[1]["topic"], "product");
    assert_eq!(rows[1]["channel"], "wechat");
    assert_eq!(rows[1]["received"], "2026-11-20T09:00:00+08:00");
    assert_eq!(rows[0]["topic"], "other", "the default topic");
    assert_eq!(rows[0]["status"], "open");

    k.ok(&[
        "suggestion",
        "respond",
        "JY-2026-00001",
        "--response",
        "下月起改用纸箱",
        "--responded",
        "2026-11-22 10:00",
    ]);
    let shown = k.json(&["suggestion", "show", "JY-2026-00001"]);
    assert_eq!(shown["suggestion"]["status"], "answered");
    assert_eq!(shown["suggestion"]["response"], "下月起改用纸箱");
    let fields: Vec<&str> = shown["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["field"].as_str())
        .collect();
    assert_eq!(fields, ["response", "responded", "status"]);

    let text = k.ok_in("zh", &["suggestion", "list", "--status", "已答复"]);
    has_all(
        &text,
        &["JY-2026-00001", "产品", "已答复", "希望包装改用可回收纸箱"],
    );
    assert!(!text.contains("JY-2026-00002"), "{text}");
}

/// `suggestion add --customer C --content x` plus `extra`.
fn add<'a>(customer: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "suggestion",
        "add",
        "--customer",
        customer,
        "--content",
        "x",
    ];
    v.extend_from_slice(extra);
    v
}

/// `suggestion respond NUMBER` plus `extra`.
fn respond<'a>(number: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["suggestion", "respond", number];
    v.extend_from_slice(extra);
    v
}

#[test]
fn bad_suggestions_are_refused_and_nothing_is_stored() {
    let k = with_customers();
    has_all(&k.fails(&add("C09999", &[]), 2), &["C09999"]);
    let err = k.fails(&add("C00001", &["--received", "2026-12-01 09:00"]), 2);
    has_all(&err, &["--received", "2026-12-01 09:00"]);
    let err = k.fails(&add("C00001", &["--topic", "colour"]), 2);
    has_all(&err, &["--topic", "colour"]);
    let long = "长".repeat(2001);
    let err = k.fails(&add("C00001", &["--content", &long]), 2);
    has_all(&err, &["--content"]);
    assert_eq!(
        k.json(&["suggestion", "list"]).as_array().map(Vec::len),
        Some(0)
    );

    k.ok(&add("C00001", &["--received", "2026-11-20 09:00"]));
    let n = "JY-2026-00001";
    let err = k.fails(&respond(n, &["--response", "ok", "--status", "open"]), 2);
    has_all(&err, &[n]);
    let err = k.fails(
        &respond(n, &["--response", "ok", "--responded", "2026-11-19 09:00"]),
        2,
    );
    has_all(&err, &["--responded"]);
    has_all(&k.fails(&respond(n, &[]), 2), &["--response"]);
    k.fails(&respond("JY-2026-00099", &["--response", "ok"]), 2);
    let shown = k.json(&["suggestion", "show", n]);
    assert_eq!(shown["suggestion"]["status"], "open", "nothing was written");
    assert_eq!(shown["history"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_year_end_summary_counts_topics_statuses_and_months() {
    let k = with_customers();
    for (customer, topic, received) in [
        ("C00001", "product", "2026-01-10 09:00"),
        ("C00001", "product", "2026-03-10 09:00"),
        ("C00002", "price", "2026-03-11 09:00"),
        ("C00002", "delivery", "2025-12-30 09:00"),
    ] {
        k.ok(&add(customer, &["--topic", topic, "--received", received]));
    }
    k.ok(&respond(
        "JY-2026-00001",
        &["--response", "ok", "--responded", "2026-01-12 09:00"],
    ));
    let forwarded = [
        "--response",
        "ok",
        "--status",
        "forwarded",
        "--responded",
        "2026-03-14 09:00",
    ];
    k.ok(&respond("JY-2026-00002", &forwarded));
    let s = k.json(&["suggestion", "summary", "--year", "2026"]);
    assert_eq!(s["year"], 2026);
    assert_eq!(s["total"], 3);
    assert_eq!(s["by_topic"][0]["key"], "product");
    assert_eq!(s["by_topic"][0]["count"], 2);
    assert_eq!(s["by_month"][0], 1);
    assert_eq!(s["by_month"][2], 2);
    assert_eq!(s["median_days_to_response"], 3.0, "2 and 4 days");
    assert_eq!(s["open"], serde_json::json!(["JY-2026-00003"]));
    assert_eq!(s["repeat_customers"][0]["key"], "C00001");
    let text = k.ok_in("zh", &["suggestion", "summary", "--year", "2026"]);
    has_all(
        &text,
        &[
            "2026 年意见和建议：共 3 条",
            "产品",
            "66.7%",
            "已转交",
            "JY-2026-00003",
        ],
    );
    let last = k.json(&["suggestion", "summary", "--year", "2025"]);
    assert_eq!(last["total"], 1);
    assert_eq!(last["median_days_to_response"], serde_json::Value::Null);
}
