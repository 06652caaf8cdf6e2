//! The inquiry register from the command line: registering from a customer or a lead,
//! answering once, the stages after, the 24-hour clock in `kefu sla`, and the KPI counted
//! from real inquiries (hand-made here, checked against hand counts).

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

fn kefu() -> Kefu {
    let k = Kefu::new();
    k.ok(&[
        "customer",
        "add",
        "--code",
        "HR",
        "--name",
        "恒瑞化工",
        "--short-name",
        "恒瑞",
    ]);
    k
}

fn add(k: &Kefu, received: &str, subject: &str) -> String {
    k.ok(&[
        "inquiry",
        "add",
        "--customer",
        "HR",
        "--subject",
        subject,
        "--received",
        received,
    ])
    .trim()
    .to_string()
}

fn inquiry_kpi(k: &Kefu, now: &str) -> (Value, Value) {
    let out = k.ok_at(now, &["--json", "kpi", "--period", "2026-11"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let items = v["kpis"]
        .as_array()
        .or(v.as_array())
        .cloned()
        .unwrap_or_default();
    let kpi = items
        .into_iter()
        .find(|x| x["key"] == "inquiry_within_24h")
        .unwrap_or_default();
    (kpi["value"].clone(), kpi["samples"].clone())
}

#[test]
fn the_kpi_counts_registered_inquiries_within_24_hours() {
    let k = kefu();
    let a = add(&k, "2026-11-20 08:00", "报价");
    let b = add(&k, "2026-11-20 09:00", "交期");
    add(&k, "2026-11-23 09:00", "样品");
    assert_eq!(a, "XJ-2026-00001");
    // a in 20 h (within), b in 30 h (late), c open and not yet due: not counted.
    k.ok(&[
        "inquiry",
        "answer",
        &a,
        "--answer",
        "0.35 元/颗",
        "--answered",
        "2026-11-21 04:00",
    ]);
    k.ok(&[
        "inquiry",
        "answer",
        &b,
        "--answer",
        "两周",
        "--answered",
        "2026-11-21 15:00",
    ]);
    assert_eq!(inquiry_kpi(&k, "2026-11-23 10:00"), (50.0.into(), 2.into()));
    // Once c is past 24 h unanswered, it counts as missed: 1 of 3.
    assert_eq!(
        inquiry_kpi(&k, "2026-11-24 09:01"),
        (33.33.into(), 3.into())
    );
    // Answered once only; a second answer writes nothing.
    has_all(
        &k.fails(&["inquiry", "answer", &a, "--answer", "again"], 2),
        &[&a, "already answered"],
    );
    let v = k.json(&["inquiry", "show", &a]);
    assert_eq!(v["inquiry"]["answer"], "0.35 元/颗", "{v}");
    assert_eq!(v["inquiry"]["answered_by"], "tester");
}

#[test]
fn the_answer_clock_is_in_kefu_sla_beside_the_complaints() {
    let k = kefu();
    let n = add(&k, "2026-11-23 08:00", "报价");
    let sla = |now: &str| -> Vec<Value> {
        let out = k.ok_at(now, &["--json", "sla"]);
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        v.as_array().cloned().unwrap_or_default()
    };
    let at = |now: &str| sla(now).into_iter().find(|e| e["kind"] == "inquiry");
    let e = at("2026-11-23 10:00").unwrap_or_default();
    assert_eq!(
        (
            &e["record"],
            &e["customer"],
            &e["customer_name"],
            &e["clock"]
        ),
        (
            &n.clone().into(),
            &"HR".into(),
            &"恒瑞".into(),
            &"inquiry_answer".into()
        ),
        "{e}"
    );
    assert_eq!(
        (&e["remaining_s"], &e["state"]),
        (&(22 * 3600).into(), &"ok".into())
    );
    assert_eq!(e["due"], "2026-11-24T08:00:00+08:00");
    assert!(
        e.get("severity").is_none(),
        "an inquiry has no severity: {e}"
    );
    assert_eq!(
        at("2026-11-24 02:00").map(|e| e["state"].clone()),
        Some("warning".into())
    );
    assert_eq!(
        at("2026-11-24 08:01").map(|e| e["state"].clone()),
        Some("breached".into())
    );
    has_all(
        &k.ok_at("2026-11-24 08:01", &["sla"]),
        &["Inquiries waiting", &n, "恒瑞", "breached"],
    );
    k.ok(&["inquiry", "answer", &n, "--answer", "已报价"]);
    assert!(at("2026-11-23 10:00").is_none(), "answered: no clock");
}

#[test]
fn leads_ask_too_and_bad_input_writes_nothing() {
    let k = kefu();
    let lead = k
        .ok(&["lead", "add", "--company", "新光"])
        .trim()
        .to_string();
    let n = k.ok(&[
        "inquiry",
        "add",
        "--lead",
        &lead,
        "--subject",
        "样品",
        "--channel",
        "微信",
    ]);
    let v = k.json(&["inquiry", "show", n.trim()]);
    assert_eq!(
        (&v["inquiry"]["lead"], &v["inquiry"]["channel"]),
        (&lead.clone().into(), &"wechat".into())
    );
    has_all(
        &k.fails(&["inquiry", "add", "--subject", "x"], 2),
        &["--customer"],
    );
    has_all(
        &k.fails(&["inquiry", "add", "--lead", "XS-9", "--subject", "x"], 2),
        &["XS-9"],
    );
    has_all(
        &k.fails(
            &["inquiry", "add", "--customer", "NOPE", "--subject", "x"],
            2,
        ),
        &["NOPE"],
    );
    has_all(
        &k.fails(
            &[
                "inquiry",
                "add",
                "--customer",
                "HR",
                "--subject",
                "x",
                "--received",
                "2026-11-24 08:00",
            ],
            2,
        ),
        &["--received"],
    );
    has_all(
        &k.fails(&["inquiry", "add", "--customer", "HR", "--subject", " "], 2),
        &["--subject"],
    );
    has_all(
        &k.fails(
            &[
                "inquiry",
                "answer",
                n.trim(),
                "--answer",
                "x",
                "--answered",
                "2026-11-22 08:00",
            ],
            2,
        ),
        &["--answered", "before"],
    );
    let list = k.json(&["inquiry", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    // The stages that follow, by code or label.
    k.ok(&["inquiry", "stage", n.trim(), "报价", "--ref", "BJ-118"]);
    k.ok(&[
        "inquiry",
        "stage",
        n.trim(),
        "order",
        "--ref",
        "PO-7",
        "--at",
        "2026-11-23 09:00",
    ]);
    let v = k.json(&["inquiry", "show", n.trim()]);
    assert_eq!(v["inquiry"]["quote"]["ref"], "BJ-118", "{v}");
    assert_eq!(v["inquiry"]["order"]["at"], "2026-11-23T09:00:00+08:00");
    has_all(
        &k.fails(&["inquiry", "stage", n.trim(), "invoice", "--ref", "x"], 2),
        &["invoice"],
    );
}
