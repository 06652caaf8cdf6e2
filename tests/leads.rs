//! Leads from the command line: the first follow-up due by intent, follow-ups moving it,
//! overdue ones listed, conversion into a customer that carries the history over and keeps
//! the lead, and the refusals that write nothing.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

fn overdue(k: &Kefu, now: &str) -> Vec<String> {
    let out = k.ok_at(now, &["--json", "lead", "list", "--overdue"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["number"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn follow_ups_fall_due_by_intent_and_overdue_ones_are_listed() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    let a = k.ok(&[
        "lead",
        "add",
        "--company",
        "新光照明",
        "--intent",
        "A",
        "--owner",
        "li.na",
    ]);
    let b = k.ok(&["lead", "add", "--company", "Saigon Lamps", "--intent", "B"]);
    let (a, b) = (a.trim().to_string(), b.trim().to_string());
    assert_eq!(a, "XS-2026-00001");
    // A: every 7 days; B: every 15 days (the settings' defaults), from 2026-11-23.
    assert!(
        overdue(&k, "2026-11-30 10:00").is_empty(),
        "due today is not overdue"
    );
    assert_eq!(overdue(&k, "2026-12-01 10:00"), vec![a.as_str()]);
    assert_eq!(overdue(&k, "2026-12-09 10:00"), [a.clone(), b.clone()]);
    // A follow-up on 2026-12-01 moves A's next one a week on; B becomes C (monthly).
    k.ok_at(
        "2026-12-01 09:00",
        &[
            "lead",
            "follow-up",
            &a,
            "--note",
            "报价已发",
            "--how",
            "微信",
        ],
    );
    let out = k.ok_at(
        "2026-12-01 09:30",
        &[
            "lead",
            "follow-up",
            &b,
            "--note",
            "only browsing",
            "--intent",
            "C",
        ],
    );
    has_all(&out, &["2026-12-31"]);
    assert!(overdue(&k, "2026-12-08 10:00").is_empty());
    assert_eq!(overdue(&k, "2026-12-09 10:00"), vec![a.as_str()]);
    // An agreed date wins over the cadence; a past one is refused.
    has_all(
        &k.fails_at(
            "2026-12-02 10:00",
            &[
                "lead",
                "follow-up",
                &a,
                "--note",
                "x",
                "--next",
                "2026-12-01",
            ],
            2,
        ),
        &["--next", "2026-12-01"],
    );
    k.ok_at(
        "2026-12-02 10:00",
        &[
            "lead",
            "follow-up",
            &a,
            "--note",
            "约了拜访",
            "--next",
            "2026-12-20",
        ],
    );
    assert!(overdue(&k, "2026-12-20 10:00").is_empty());
    let v = k.json(&["lead", "show", &a]);
    let ups = v["lead"]["follow_ups"].as_array().map(Vec::len);
    assert_eq!(ups, Some(2), "{v}");
    assert_eq!(v["lead"]["next_follow_up"], "2026-12-20");
}

#[test]
fn conversion_makes_a_customer_carries_the_history_and_keeps_the_lead() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    let n = k
        .ok(&[
            "lead",
            "add",
            "--company",
            "无锡新光照明",
            "--contact",
            "周洋",
            "--phone",
            "13900001111",
            "--intent",
            "A",
            "--owner",
            "li.na",
            "--notes",
            "展会上认识",
        ])
        .trim()
        .to_string();
    k.ok(&["lead", "follow-up", &n, "--note", "报价已发"]);
    let code = k
        .ok(&["lead", "convert", &n, "--code", "XG"])
        .trim()
        .to_string();
    assert_eq!(code, "XG");
    let c = k.json(&["customer", "show", "XG"]);
    let file = &c["customer"];
    assert_eq!(
        (&file["name"], &file["kam"]),
        (&"无锡新光照明".into(), &"li.na".into())
    );
    assert_eq!(file["contacts"][0]["name"], "周洋", "{c}");
    assert_eq!(file["contacts"][0]["phone"], "13900001111");
    let carried = c["history"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| h["field"] == "lead")
        .cloned()
        .unwrap_or_default();
    let text = carried["new"].as_str().unwrap_or("");
    assert!(
        text.contains("报价已发") && text.contains("展会上认识"),
        "{carried}"
    );
    // The lead stays, converted and linked; it is not open any more, so not a zombie.
    let v = k.json(&["lead", "show", &n]);
    assert_eq!(
        (&v["lead"]["status"], &v["lead"]["customer"]),
        (&"converted".into(), &"XG".into())
    );
    assert_eq!(k.json(&["lead", "list"]), Value::Array(vec![]));
    has_all(&k.fails(&["lead", "convert", &n], 2), &[&n, "converted"]);
    has_all(
        &k.fails(&["lead", "follow-up", &n, "--note", "x"], 2),
        &[&n],
    );
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let k = Kefu::new();
    has_all(
        &k.fails(&["lead", "add", "--company", "X", "--intent", "Z"], 2),
        &["--intent", "Z"],
    );
    has_all(
        &k.fails(&["lead", "add", "--company", "X", "--phone", "12"], 2),
        &["--phone"],
    );
    assert_eq!(k.json(&["lead", "list", "--all"]), Value::Array(vec![]));
    let n = k.ok(&["lead", "add", "--company", "X"]).trim().to_string();
    has_all(
        &k.fails(&["lead", "follow-up", &n, "--note", " "], 2),
        &["--note"],
    );
    has_all(
        &k.fails(&["lead", "follow-up", &n, "--note", "x", "--how", "fax"], 2),
        &["--how", "fax"],
    );
    // A conversion whose code is taken writes nothing: the lead stays open.
    k.ok(&["customer", "add", "--code", "TAKEN", "--name", "t"]);
    has_all(
        &k.fails(&["lead", "convert", &n, "--code", "TAKEN"], 2),
        &["TAKEN"],
    );
    assert_eq!(k.json(&["lead", "show", &n])["lead"]["status"], "open");
    has_all(
        &k.fails(&["lead", "drop", &n, "--reason", ""], 2),
        &["--reason"],
    );
    k.ok(&["lead", "drop", &n, "--reason", "买了别家的"]);
    assert_eq!(k.json(&["lead", "show", &n])["lead"]["status"], "dropped");
    has_all(&k.fails(&["lead", "show", "XS-1"], 2), &["XS-1"]);
}
