//! End-to-end tests of the `kefu` binary: every subcommand, success and failure.
//!
//! Each test gets its own temporary database, a fixed clock (`--now 2026-11-23 10:00`,
//! Asia/Shanghai by default), English messages and the actor `tester`. The child's
//! `TZ` and locale are set to something else on purpose, so nothing depends on the
//! machine's zone or language. Every run is checked for panics.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::{has_all, run};
use harness::{Kefu, NOW};

/// The binary in a clean environment with an empty config dir.
fn bin() -> Command {
    binary::bin(&std::env::temp_dir().join("kefu-cli-tests-empty-config"))
}

/// The flags of a typical major complaint (customer and times added per test).
const MAJOR: &[&str] = &[
    "--title",
    "外观划伤",
    "--severity",
    "major",
    "--category",
    "quality",
    "--channel",
    "wechat",
];

impl Kefu {
    /// Adds a customer; returns the printed code.
    fn customer(&self, args: &[&str]) -> String {
        let mut all = vec!["customer", "add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    /// Adds a major complaint for `customer` received at `received`; returns its number.
    fn complaint(&self, customer: &str, received: &str, extra: &[&str]) -> String {
        let mut all = vec!["complaint", "add", "--customer", customer];
        all.extend_from_slice(MAJOR);
        all.extend_from_slice(&["--received", received]);
        all.extend_from_slice(extra);
        self.ok(&all).trim().to_string()
    }
}

/// The array of a JSON value.
fn arr(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {v}"))
}

/// The KPI with `key` from `kefu kpi --json`.
fn kpi<'a>(v: &'a Value, key: &str) -> &'a Value {
    arr(&v["kpis"])
        .iter()
        .find(|k| k["key"] == key)
        .unwrap_or_else(|| panic!("no KPI {key} in {v}"))
}

/// Deterministic bytes that are certainly not SQLite.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

// ---------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_the_database_and_is_idempotent() {
    let k = Kefu::empty();
    let first = k.ok(&["init", "--sandbox"]);
    has_all(
        &first,
        &[
            "Database ready",
            "k.db",
            &format!("schema {}", kefu::store::schema::LATEST),
            "tester is this database's first administrator",
        ],
    );
    assert!(k.db.is_file(), "init did not create {}", k.db.display());
    let second = k.ok(&["init"]);
    assert_eq!(first.lines().next(), second.lines().next());
    assert!(!second.contains("administrator"), "{second}");
    let v = k.json(&["init"]);
    assert_eq!(v["schema_version"], kefu::store::schema::LATEST, "{v}");
    assert_eq!(v["db"], k.db.display().to_string(), "{v}");
    // an initialised database holds nothing
    assert_eq!(k.json(&["customer", "list"]), serde_json::json!([]));
    assert_eq!(k.json(&["complaint", "list"]), serde_json::json!([]));
}

#[test]
fn init_does_not_touch_existing_data() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    k.ok(&["init"]);
    let list = k.json(&["customer", "list"]);
    assert_eq!(arr(&list).len(), 1, "{list}");
    assert_eq!(list[0]["code"], "C00001");
}

// ---------------------------------------------------------------------------------------
// demo

#[test]
fn demo_fills_then_refuses_without_force() {
    let k = Kefu::new();
    let text = k.ok(&["demo"]);
    has_all(&text, &["Demo data in", "120 customers"]);
    assert_eq!(arr(&k.json(&["customer", "list"])).len(), 120);

    let err = k.fails(&["demo"], 2);
    has_all(&err, &["already holds data", "--force"]);
    // the refused run changed nothing
    assert_eq!(arr(&k.json(&["customer", "list"])).len(), 120);

    // --force replaces the data (not adds to it)
    let v = k.json(&["demo", "--force", "--customers", "5"]);
    assert_eq!(v["summary"]["customers"], 5, "{v}");
    assert_eq!(arr(&k.json(&["customer", "list"])).len(), 5);
}

#[test]
fn demo_refuses_a_database_with_user_data() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    let err = k.fails(&["demo", "--customers", "3"], 2);
    has_all(&err, &["--force"]);
    let list = k.json(&["customer", "list"]);
    assert_eq!(arr(&list).len(), 1, "{list}");
    assert_eq!(list[0]["name"], "恒瑞化工");
}

#[test]
fn demo_customer_count_is_checked() {
    let k = Kefu::new();
    for bad in ["0", "200001"] {
        let err = k.fails(&["demo", "--customers", bad], 2);
        has_all(&err, &["--customers", bad, "1 to 200000"]);
    }
    // clap refuses what is not a number at all
    let err = k.fails(&["demo", "--customers", "many"], 2);
    has_all(&err, &["--customers"]);
}

#[test]
fn demo_is_deterministic_for_a_seed_and_time() {
    let (a, b, c) = (Kefu::new(), Kefu::new(), Kefu::new());
    a.ok(&["demo", "--seed", "7"]);
    b.ok(&["demo", "--seed", "7"]);
    c.ok(&["demo", "--seed", "8"]);
    let sla_a = a.ok(&["sla", "--json"]);
    assert!(arr(&serde_json::from_str(&sla_a).unwrap()).len() > 1);
    assert_eq!(sla_a, b.ok(&["sla", "--json"]));
    for cmd in [
        &["customer", "list", "--json"][..],
        &["complaint", "list", "--json"][..],
        &["kpi", "--period", "2026-11", "--json"][..],
    ] {
        assert_eq!(a.ok(cmd), b.ok(cmd), "kefu {cmd:?} differs for one seed");
    }
    // ...and the seed matters, so the comparison above means something
    assert_ne!(
        a.ok(&["customer", "list", "--json"]),
        c.ok(&["customer", "list", "--json"])
    );
}

// ---------------------------------------------------------------------------------------
// customer

#[test]
fn customer_add_generates_codes_and_takes_given_ones() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam"), ("wang.fang", "kam"), ("zhao.lei", "kam")]);
    let code = k.customer(&[
        "--name",
        "恒瑞化工",
        "--grade",
        "B",
        "--kam",
        "li.na",
        "--city",
        "苏州",
        "--contact",
        "王伟,purchasing,13800000000",
    ]);
    assert_eq!(code, "C00001");
    assert_eq!(
        k.customer(&["--name", "华东精密", "--grade", "A"]),
        "C00002"
    );
    assert_eq!(k.customer(&["--name", "Acme", "--code", "ACME"]), "ACME");
    // a given code does not disturb the numbering
    assert_eq!(k.customer(&["--name", "第四家"]), "C00003");
    let v = k.json(&["customer", "add", "--name", "第五家"]);
    assert_eq!(v["code"], "C00004", "{v}");
}

#[test]
fn customer_duplicate_code_is_refused() {
    let k = Kefu::new();
    k.customer(&["--name", "Acme", "--code", "ACME"]);
    let err = k.fails(&["customer", "add", "--name", "Other", "--code", "ACME"], 2);
    has_all(&err, &["--code", "ACME", "exists already"]);
    let list = k.json(&["customer", "list"]);
    assert_eq!(arr(&list).len(), 1, "{list}");
    assert_eq!(list[0]["name"], "Acme");
}

#[test]
fn customer_add_validation_errors_name_the_flag() {
    let k = Kefu::new();
    // clap: the required flag is missing
    let err = k.fails(&["customer", "add", "--grade", "B"], 2);
    has_all(&err, &["--name"]);
    // present but blank
    let err = k.fails(&["customer", "add", "--name", "  "], 2);
    has_all(&err, &["--name is required"]);
    let err = k.fails(
        &[
            "customer",
            "add",
            "--name",
            "x",
            "--partner-since",
            "2020-02-31",
        ],
        2,
    );
    has_all(&err, &["--partner-since", "2020-02-31", "YYYY-MM-DD"]);
    let err = k.fails(&["customer", "add", "--name", "x", "--grade", "Z"], 2);
    has_all(&err, &["--grade", "'Z'", "A|B|C|D"]);
    let err = k.fails(&["customer", "add", "--name", "x", "--code", "a b"], 2);
    has_all(&err, &["--code", "a b"]);
    let err = k.fails(
        &["customer", "add", "--name", "x", "--contact", "王伟,boss"],
        2,
    );
    has_all(&err, &["--contact", "boss", "purchasing"]);
    // nothing was stored by any of them
    assert_eq!(k.json(&["customer", "list"]), serde_json::json!([]));
    // and a valid partner-since is fine
    k.customer(&["--name", "x", "--partner-since", "2020-02-29"]);
}

#[test]
fn customer_list_json_and_filters() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam"), ("wang.fang", "kam"), ("zhao.lei", "kam")]);
    k.customer(&["--name", "恒瑞化工", "--grade", "B", "--kam", "li.na"]);
    k.customer(&["--name", "华东精密", "--grade", "A", "--kam", "zhao.lei"]);
    k.customer(&["--name", "Acme", "--code", "ACME"]);
    let all = k.json(&["customer", "list"]);
    let rows = arr(&all);
    assert_eq!(rows.len(), 3, "{all}");
    for r in rows {
        for key in ["code", "grade", "kam"] {
            assert!(r.get(key).is_some(), "no {key} in {r}");
        }
    }
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, ["ACME", "C00001", "C00002"]);

    let b = k.json(&["customer", "list", "--grade", "B"]);
    assert_eq!(arr(&b).len(), 1, "{b}");
    assert_eq!(b[0]["code"], "C00001");
    assert_eq!(b[0]["kam"], "li.na");
    assert!(
        b[0]["grade"]
            .as_str()
            .is_some_and(|g| g.eq_ignore_ascii_case("B")),
        "{b}"
    );
    // grade letters are case-insensitive on the command line
    assert_eq!(k.json(&["customer", "list", "--grade", "b"]), b);

    let by_kam = k.json(&["customer", "list", "--kam", "zhao.lei"]);
    assert_eq!(arr(&by_kam).len(), 1, "{by_kam}");
    assert_eq!(by_kam[0]["code"], "C00002");
    assert_eq!(
        k.json(&["customer", "list", "--kam", "nobody"]),
        serde_json::json!([])
    );

    let err = k.fails(&["customer", "list", "--grade", "Z"], 2);
    has_all(&err, &["--grade", "'Z'"]);

    let text = k.ok(&["customer", "list", "--grade", "B"]);
    has_all(&text, &["Code", "C00001", "恒瑞化工", "li.na", "1 rows"]);
    assert!(!text.contains("C00002"), "{text}");
}

#[test]
fn customer_show_text_and_json() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam"), ("wang.fang", "kam"), ("zhao.lei", "kam")]);
    k.customer(&[
        "--name",
        "恒瑞化工",
        "--grade",
        "B",
        "--kam",
        "li.na",
        "--city",
        "苏州",
        "--contact",
        "王伟,purchasing,13800000000",
    ]);
    let text = k.ok(&["customer", "show", "C00001"]);
    has_all(
        &text,
        &[
            "C00001",
            "恒瑞化工",
            "苏州",
            "li.na",
            "王伟",
            "purchasing",
            "13800000000",
            "Contacts",
            "tester",
            "2026-11-23 10:00",
        ],
    );

    let v = k.json(&["customer", "show", "C00001"]);
    assert_eq!(v["customer"]["code"], "C00001", "{v}");
    assert_eq!(v["customer"]["name"], "恒瑞化工");
    let contacts = arr(&v["customer"]["contacts"]);
    assert_eq!(contacts.len(), 1, "{v}");
    assert_eq!(contacts[0]["name"], "王伟");
    assert_eq!(contacts[0]["phone"], "13800000000");
    assert_eq!(contacts[0]["role"], "purchasing");
    let history = arr(&v["history"]);
    assert!(!history.is_empty(), "no history: {v}");
    assert!(
        history.iter().all(|h| h["actor"] == "tester"),
        "history actors: {v}"
    );
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["entity_key"], "C00001");
}

#[test]
fn customer_show_unknown_code() {
    let k = Kefu::new();
    k.ok(&["init"]);
    let err = k.fails(&["customer", "show", "NOPE"], 2);
    has_all(&err, &["no customer 'NOPE'"]);
    // clap: the code is required
    let err = k.fails(&["customer", "show"], 2);
    has_all(&err, &["<CODE>"]);
}

#[test]
fn user_is_recorded_in_the_history() {
    let k = Kefu::new();
    // by flag (a raw command: the standard one already carries --user tester)
    let mut c = bin();
    c.arg("--db")
        .arg(&k.db)
        .args(["--now", NOW, "--lang", "en", "--user", "wang.fang"])
        .args(["customer", "add", "--name", "x"]);
    let out = run(c);
    assert_eq!((out.code, out.stdout.trim()), (0, "C00001"), "{out:#?}");
    // by environment variable
    let mut c = bin();
    c.arg("--db")
        .arg(&k.db)
        .args(["--now", NOW, "--lang", "en"])
        .env("KEFU_USER", "zhao.lei")
        .args(["customer", "add", "--name", "y"]);
    let out = run(c);
    assert_eq!((out.code, out.stdout.trim()), (0, "C00002"), "{out:#?}");
    let v = k.json(&["customer", "show", "C00001"]);
    assert_eq!(v["history"][0]["actor"], "wang.fang", "{v}");
    let v = k.json(&["customer", "show", "C00002"]);
    assert_eq!(v["history"][0]["actor"], "zhao.lei", "{v}");
}

// ---------------------------------------------------------------------------------------
// complaint

#[test]
fn complaint_add_numbers_per_year() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    let mut args = vec!["complaint", "add", "--customer", "C00001"];
    args.extend_from_slice(MAJOR);
    args.extend_from_slice(&["--received", "2026-11-23 08:00"]);
    assert_eq!(k.ok(&args).trim(), "KS-2026-00001");
    assert_eq!(k.ok(&args).trim(), "KS-2026-00002");
    // a complaint received last year is numbered in that year
    assert_eq!(
        k.complaint("C00001", "2025-12-31 23:00", &[]),
        "KS-2025-00001"
    );
    // without --received it is received now
    let mut now_args = vec!["complaint", "add", "--customer", "C00001"];
    now_args.extend_from_slice(MAJOR);
    let v = k.json(&now_args);
    assert_eq!(v["number"], "KS-2026-00003", "{v}");
    let show = k.json(&["complaint", "show", "KS-2026-00003"]);
    assert_eq!(show["received_at"], "2026-11-23T10:00:00+08:00", "{show}");
}

#[test]
fn complaint_add_errors_name_the_problem() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    let base = |customer: &'static str, sev: &'static str, cat: &'static str, ch: &'static str| {
        vec![
            "complaint",
            "add",
            "--customer",
            customer,
            "--title",
            "外观划伤",
            "--severity",
            sev,
            "--category",
            cat,
            "--channel",
            ch,
        ]
    };
    let ok = || base("C00001", "major", "quality", "wechat");
    let with = |mut v: Vec<&'static str>, extra: &[&'static str]| {
        v.extend_from_slice(extra);
        v
    };
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            base("NOPE", "major", "quality", "wechat"),
            vec!["no customer 'NOPE'"],
        ),
        (
            base("C00001", "huge", "quality", "wechat"),
            vec!["--severity", "'huge'", "minor|major|urgent"],
        ),
        (
            base("C00001", "major", "x", "wechat"),
            vec!["--category", "'x'", "quality|logistics"],
        ),
        (
            base("C00001", "major", "quality", "fax"),
            vec!["--channel", "'fax'", "wechat"],
        ),
        (
            with(ok(), &["--received", "yesterday"]),
            vec!["--received", "'yesterday'", "not a time"],
        ),
        (
            with(ok(), &["--received", "2026-11-23 10:01"]),
            vec!["received", "cannot be later than now"],
        ),
        (
            with(
                ok(),
                &[
                    "--received",
                    "2026-11-23 08:00",
                    "--reply-by",
                    "2026-11-23 07:59",
                ],
            ),
            vec!["reply-by", "earlier than the time received"],
        ),
        (
            with(ok(), &["--reply-by", "soon"]),
            vec!["--reply-by", "'soon'"],
        ),
        (
            vec![
                "complaint",
                "add",
                "--customer",
                "C00001",
                "--severity",
                "major",
                "--category",
                "quality",
                "--channel",
                "wechat",
            ],
            vec!["--title"],
        ),
    ];
    for (args, parts) in &cases {
        let err = k.fails(args, 2);
        has_all(&err, parts);
    }
    // a blank title is refused too
    let mut blank = ok();
    blank[5] = "   ";
    has_all(&k.fails(&blank, 2), &["--title is required"]);
    // none of the failures stored anything; received == now is allowed
    assert_eq!(k.json(&["complaint", "list"]), serde_json::json!([]));
    assert_eq!(
        k.complaint("C00001", "2026-11-23 10:00", &[]),
        "KS-2026-00001"
    );
    // severity, category and channel are case-insensitive
    assert_eq!(
        k.ok(&base("C00001", "URGENT", "Logistics", "Phone")).trim(),
        "KS-2026-00002"
    );
}

#[test]
fn complaint_list_and_show() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    let n = k.complaint("C00001", "2026-11-23 08:00", &["--product", "PA66"]);
    assert_eq!(n, "KS-2026-00001");

    let open = k.json(&["complaint", "list", "--open"]);
    assert_eq!(arr(&open).len(), 1, "{open}");
    let c = &open[0];
    assert_eq!(c["number"], "KS-2026-00001");
    assert_eq!(c["customer"], "C00001");
    assert_eq!(c["customer_name"], "恒瑞化工");
    assert_eq!(c["title"], "外观划伤");
    assert_eq!(c["severity"], "major");
    assert_eq!(c["category"], "quality");
    assert_eq!(c["channel"], "wechat");
    assert_eq!(c["step"], "received");
    assert_eq!(c["received_at"], "2026-11-23T08:00:00+08:00");
    assert_eq!(c["reply_by"], Value::Null);
    assert_eq!(k.json(&["complaint", "list"]), open);

    let text = k.ok(&["complaint", "list", "--open"]);
    has_all(
        &text,
        &["KS-2026-00001", "2026-11-23 08:00", "恒瑞化工", "1 rows"],
    );

    let show = k.ok(&["complaint", "show", "KS-2026-00001"]);
    has_all(
        &show,
        &[
            "KS-2026-00001",
            "C00001 恒瑞化工",
            "外观划伤",
            "PA66",
            "Clocks",
            "First response",
            "2026-11-23 12:00",
            "2h00m",
            "Plan",
            "2026-11-25 08:00",
            "Disposal",
            "2026-11-26 08:00",
            "Report",
        ],
    );
    let v = k.json(&["complaint", "show", "KS-2026-00001"]);
    let clocks = arr(&v["clocks"]);
    assert_eq!(clocks.len(), 4, "{v}");
    assert_eq!(clocks[0]["clock"], "first_response");
    assert_eq!(clocks[0]["due"], "2026-11-23T12:00:00+08:00");
    assert_eq!(clocks[0]["remaining_s"], 7200);
    assert_eq!(clocks[0]["state"], "ok");
    assert_eq!(v["product"], "PA66");
    assert!(
        arr(&v["history"]).iter().all(|h| h["actor"] == "tester"),
        "{v}"
    );

    let err = k.fails(&["complaint", "show", "KS-2099-1"], 2);
    has_all(&err, &["no complaint 'KS-2099-1'"]);
}

// ---------------------------------------------------------------------------------------
// sla

/// A database with one major complaint received at 08:00, two hours before now.
fn one_complaint(extra: &[&str]) -> Kefu {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工", "--grade", "B"]);
    assert_eq!(
        k.complaint("C00001", "2026-11-23 08:00", extra),
        "KS-2026-00001"
    );
    k
}

fn clock<'a>(entries: &'a Value, name: &str) -> &'a Value {
    arr(entries)
        .iter()
        .find(|e| e["clock"] == name)
        .unwrap_or_else(|| panic!("no {name} clock in {entries}"))
}

#[test]
fn sla_json_for_one_major_complaint() {
    let k = one_complaint(&[]);
    let v = k.json(&["sla"]);
    let entries = arr(&v);
    assert_eq!(entries.len(), 4, "{v}");
    for e in entries {
        for key in [
            "record",
            "kind",
            "customer",
            "severity",
            "clock",
            "due",
            "remaining_s",
            "state",
        ] {
            assert!(e.get(key).is_some(), "no {key} in {e}");
        }
        assert_eq!(e["record"], "KS-2026-00001");
        assert_eq!(e["kind"], "complaint");
        assert_eq!(e["customer"], "C00001");
        assert_eq!(e["severity"], "major");
        assert_eq!(e["state"], "ok");
    }
    let fr = clock(&v, "first_response");
    assert_eq!(fr["due"], "2026-11-23T12:00:00+08:00");
    assert_eq!(fr["remaining_s"], 7200);
    assert_eq!(clock(&v, "plan")["due"], "2026-11-25T08:00:00+08:00");
    assert_eq!(clock(&v, "plan")["remaining_s"], 46 * 3600);
    assert_eq!(clock(&v, "disposal")["due"], "2026-11-26T08:00:00+08:00");
    assert_eq!(clock(&v, "disposal")["remaining_s"], 70 * 3600);
    // 2 working days from Mon 08:00: Mon 08:30-17:30 and Tue, so Tue 17:30.
    assert_eq!(clock(&v, "report")["due"], "2026-11-24T17:30:00+08:00");
    assert_eq!(clock(&v, "report")["escalated"], false);
    // nearest due first (the offsets are all +08:00, so the text sorts like the time)
    let dues: Vec<&str> = entries.iter().map(|e| e["due"].as_str().unwrap()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    assert_eq!(entries[0]["clock"], "first_response");
    assert_eq!(entries[3]["clock"], "disposal");

    let text = k.ok(&["sla"]);
    has_all(
        &text,
        &[
            "KS-2026-00001",
            "First response",
            "2026-11-23 12:00",
            "4 running clocks at 2026-11-23 10:00: 0 breached, 0 warning, 4 ok",
        ],
    );
}

#[test]
fn sla_warning_and_breach_boundaries() {
    let k = one_complaint(&[]);
    let at = |t: &str| {
        let v = k.json(&["sla", "--at", t]);
        let fr = clock(&v, "first_response");
        (
            fr["state"].as_str().unwrap().to_string(),
            fr["remaining_s"].as_i64().unwrap(),
        )
    };
    assert_eq!(at("2026-11-23 10:59:59"), ("ok".into(), 3601));
    // 75% of 4h after 08:00 is exactly 11:00
    assert_eq!(at("2026-11-23 11:00"), ("warning".into(), 3600));
    // due exactly: still on time
    assert_eq!(at("2026-11-23 12:00"), ("warning".into(), 0));
    assert_eq!(at("2026-11-23 12:00:01"), ("breached".into(), -1));
    // RFC 3339 with another offset names the same instant
    assert_eq!(at("2026-11-23T04:00:01Z"), ("breached".into(), -1));

    let text = k.ok(&["sla", "--at", "2026-11-23 13:00"]);
    has_all(&text, &["overdue 1h00m", "breached", "1 breached"]);

    let err = k.fails(&["sla", "--at", "garbage"], 2);
    has_all(&err, &["--at", "'garbage'", "not a time"]);
}

#[test]
fn sla_report_clock_follows_the_reply_by_deadline() {
    let k = one_complaint(&["--reply-by", "2026-11-23 18:00"]);
    let v = k.json(&["sla"]);
    let report = clock(&v, "report");
    assert_eq!(report["due"], "2026-11-23T18:00:00+08:00", "{v}");
    assert_eq!(report["remaining_s"], 8 * 3600);
    // the other clocks keep their targets
    assert_eq!(clock(&v, "plan")["due"], "2026-11-25T08:00:00+08:00");
    // 18:00 is due second, after the first response at 12:00
    assert_eq!(v[1]["clock"], "report", "{v}");
    let list = k.json(&["complaint", "list"]);
    assert_eq!(list[0]["reply_by"], "2026-11-23T18:00:00+08:00");
    // The complaint's clocks say the report runs to the customer's time and does not pause.
    let number = list[0]["number"].as_str().expect("a number");
    let text = k.ok(&["complaint", "show", number]);
    let line = text
        .lines()
        .find(|l| l.starts_with("Report"))
        .expect("the report clock");
    has_all(
        line,
        &["customer's reply-by (does not pause)", "2026-11-23 18:00"],
    );
    let plan = text.lines().find(|l| l.starts_with("Plan")).expect("plan");
    has_all(plan, &["calendar time"]);
}

#[test]
fn sla_without_complaints() {
    let k = Kefu::new();
    k.ok(&["init"]);
    assert_eq!(k.json(&["sla"]), serde_json::json!([]));
    assert_eq!(k.ok(&["sla"]).trim(), "No running clocks.");
}

#[test]
fn sla_on_demo_data_has_every_state() {
    let k = Kefu::new();
    k.ok(&["demo"]);
    let v = k.json(&["sla"]);
    let entries = arr(&v);
    for state in ["ok", "warning", "breached"] {
        assert!(
            entries.iter().any(|e| e["state"] == state),
            "no {state} clock in the demo"
        );
    }
    assert!(entries.iter().any(|e| e["severity"] == "urgent"));
    for e in entries {
        let remaining = e["remaining_s"]
            .as_i64()
            .expect("remaining_s is an integer");
        let breached = e["state"] == "breached";
        assert_eq!(
            breached,
            remaining < 0,
            "state disagrees with remaining: {e}"
        );
        // Unanswered inquiries have their 24-hour clock among the complaints' clocks.
        assert!(
            e["kind"] == "complaint" || (e["kind"] == "inquiry" && e.get("severity").is_none()),
            "{e}"
        );
    }
    let dues: Vec<&str> = entries.iter().map(|e| e["due"].as_str().unwrap()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "not nearest due first");
    // the clocks belong to open complaints only
    let open = k.json(&["complaint", "list", "--open"]);
    let open_numbers: Vec<&Value> = arr(&open).iter().map(|c| &c["number"]).collect();
    assert!(entries
        .iter()
        .filter(|e| e["kind"] == "complaint")
        .all(|e| open_numbers.contains(&&e["record"])));
}

// ---------------------------------------------------------------------------------------
// kpi, nps, shipments

#[test]
fn kpi_json_shape() {
    let k = Kefu::new();
    k.ok(&["demo"]);
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(v["period"], "2026-11", "{v}");
    let kpis = arr(&v["kpis"]);
    for item in kpis {
        for key in ["key", "label", "value", "unit", "target", "met"] {
            assert!(item.get(key).is_some(), "no {key} in {item}");
        }
        // met is true/false when there is a value, null without one
        assert_eq!(item["value"].is_null(), item["met"].is_null(), "{item}");
    }
    for key in [
        "complaint_rate",
        "first_response_median",
        "first_response_within_target",
        "nps_overall",
        "nps_grade_a",
        "file_completeness",
    ] {
        let item = kpi(&v, key);
        assert!(item["value"].is_number(), "demo gives no {key}: {item}");
    }
    assert_eq!(kpi(&v, "complaint_rate")["label"], "Complaint rate");
    assert_eq!(kpi(&v, "complaint_rate")["unit"], "%");
    // NPS is measured over the quarter around the month
    assert_eq!(kpi(&v, "nps_overall")["period"], "2026-Q4");
    // without --period: the month of --now
    assert_eq!(k.json(&["kpi"])["period"], "2026-11");
    let text = k.ok(&["kpi", "--period", "2026-11"]);
    has_all(
        &text,
        &["KPIs for 2026-11", "Complaint rate", "NPS grade A"],
    );
}

#[test]
fn kpi_by_hand() {
    let k = Kefu::new();
    let a = k.customer(&["--name", "华东精密", "--grade", "A"]);
    let b = k.customer(&["--name", "恒瑞化工", "--grade", "B"]);
    assert_eq!(
        k.ok(&["shipments", "set", "2026-11", "200"]).trim(),
        "Saved."
    );
    k.complaint(&a, "2026-11-05 09:00", &[]);
    k.complaint(&b, "2026-11-20 09:00", &[]);
    // outside the month: counts for neither rate nor response
    k.complaint(&b, "2026-10-31 23:59", &[]);
    k.answer(&a, "10", "2026-11-01 10:00");
    k.ok(&["contact", "add", &b, "--name", "王经理", "--nps", "yes"]);
    k.ok(&[
        "nps",
        "record",
        "--customer",
        &b,
        "--contact",
        "王经理",
        "--score",
        "5",
        "--date",
        "2026-11-01 10:00",
        "--comment",
        "交货慢",
    ]);
    let v = k.json(&["kpi", "--period", "2026-11"]);
    // one promoter and one detractor: 50% - 50% = 0
    assert_eq!(kpi(&v, "nps_overall")["value"], 0.0, "{v}");
    assert_eq!(kpi(&v, "nps_overall")["met"], false);
    assert_eq!(kpi(&v, "nps_overall")["samples"], 2);
    // grade A: the one promoter
    assert_eq!(kpi(&v, "nps_grade_a")["value"], 100.0, "{v}");
    assert_eq!(kpi(&v, "nps_grade_a")["met"], true);
    assert_eq!(kpi(&v, "nps_grade_a")["samples"], 1);
    // 2 complaints / 200 orders = 1.0%, not below the 1% target
    let rate = kpi(&v, "complaint_rate");
    assert_eq!(rate["value"], 1.0, "{v}");
    assert_eq!(rate["target"], 1.0);
    assert_eq!(rate["met"], false);
    assert_eq!(rate["samples"], 2);
    // neither complaint was answered and both are past 4h: 0% within target
    assert_eq!(kpi(&v, "first_response_within_target")["value"], 0.0);
    assert_eq!(kpi(&v, "first_response_median")["value"], Value::Null);
    assert_eq!(kpi(&v, "first_response_median")["met"], Value::Null);

    // shipments set overwrites: 2 / 400 = 0.5% -> met
    k.ok(&["shipments", "set", "2026-11", "400"]);
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&v, "complaint_rate")["value"], 0.5, "{v}");
    assert_eq!(kpi(&v, "complaint_rate")["met"], true);
    // the quarter sums its months: 3 complaints / 400 orders
    let q = k.json(&["kpi", "--period", "2026-Q4"]);
    assert_eq!(q["period"], "2026-Q4");
    assert_eq!(kpi(&q, "complaint_rate")["value"], 0.75, "{q}");
    assert_eq!(kpi(&q, "complaint_rate")["samples"], 3);
    // the year
    let y = k.json(&["kpi", "--period", "2026"]);
    assert_eq!(y["period"], "2026");
    assert_eq!(kpi(&y, "complaint_rate")["samples"], 3);
    assert_eq!(kpi(&y, "nps_overall")["period"], "2026");
    // a month without shipments has no rate, neither met nor failed
    let oct = k.json(&["kpi", "--period", "2026-10"]);
    assert_eq!(kpi(&oct, "complaint_rate")["value"], Value::Null, "{oct}");
    assert_eq!(kpi(&oct, "complaint_rate")["samples"], 1);
}

#[test]
fn kpi_period_is_checked() {
    let k = Kefu::new();
    k.ok(&["init"]);
    for bad in ["2026-13", "2026-00", "2026-Q5", "26", "nov"] {
        let err = k.fails(&["kpi", "--period", bad], 2);
        has_all(&err, &["--period", &format!("'{bad}'"), "2026-Q3"]);
    }
    assert_eq!(k.json(&["kpi", "--period", "2026-Q4"])["period"], "2026-Q4");
    assert_eq!(k.json(&["kpi", "--period", "2026q4"])["period"], "2026-Q4");
    assert_eq!(k.json(&["kpi", "--period", "2026"])["period"], "2026");
    // on an empty database every KPI is "no data", except that no know-how leaked
    let v = k.json(&["kpi", "--period", "2026-11"]);
    let kpis = arr(&v["kpis"]);
    assert!(
        kpis.iter()
            .filter(|i| i["key"] != "knowhow_leaks")
            .all(|i| i["met"].is_null()),
        "{v}"
    );
    assert_eq!(kpi(&v, "knowhow_leaks")["met"], true, "{v}");
}

#[test]
fn nps_record_errors() {
    let k = Kefu::new();
    let a = k.customer(&["--name", "华东精密", "--grade", "A"]);
    k.ok(&["contact", "add", &a, "--name", "王经理", "--nps", "yes"]);
    let rec = |extra: &[&str]| {
        let mut args = vec!["nps", "record", "--customer", &a, "--contact", "王经理"];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str], code| {
        let args = rec(extra);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        k.fails(&refs, code)
    };
    for bad in ["11", "-1"] {
        has_all(&run(&["--score", bad], 2), &["--score", bad, "0 to 10"]);
    }
    has_all(&run(&["--score", "ten"], 2), &["--score"]);
    has_all(
        &run(&["--score", "9", "--date", "later"], 2),
        &["--date", "'later'"],
    );
    let err = k.fails(
        &[
            "nps",
            "record",
            "--customer",
            "NOPE",
            "--contact",
            "王经理",
            "--score",
            "9",
        ],
        2,
    );
    has_all(&err, &["no customer 'NOPE'"]);
    let err = k.fails(
        &[
            "nps",
            "record",
            "--customer",
            &a,
            "--contact",
            "李四",
            "--score",
            "9",
        ],
        2,
    );
    has_all(&err, &["no contact", "李四"]);
    // nothing was recorded
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&v, "nps_overall")["samples"], 0, "{v}");
    // the edges are valid; without --date the answer is dated now (November)
    assert_eq!(
        k.json(
            &rec(&["--score", "0"])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        )["replaced"],
        false
    );
    k.ok(&["contact", "add", &a, "--name", "赵工", "--nps", "yes"]);
    k.ok(&[
        "nps",
        "record",
        "--customer",
        &a,
        "--contact",
        "赵工",
        "--score",
        "10",
    ]);
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&v, "nps_overall")["samples"], 2, "{v}");
    assert_eq!(kpi(&v, "nps_overall")["value"], 0.0);
}

#[test]
fn shipments_set_errors() {
    let k = Kefu::new();
    k.ok(&["init"]);
    for bad in ["2026-1x", "2026-13", "2026-Q4", "2026", "11-2026"] {
        let err = k.fails(&["shipments", "set", bad, "5"], 2);
        has_all(&err, &[bad, "YYYY-MM"]);
    }
    let err = k.fails(&["shipments", "set", "2026-11", "-3"], 2);
    has_all(&err, &["-3", "cannot be negative"]);
    let err = k.fails(&["shipments", "set", "2026-11", "many"], 2);
    has_all(&err, &["many"]);
    // nothing was stored: no rate can be computed
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&v, "complaint_rate")["value"], Value::Null, "{v}");
    // zero orders is allowed, and gives no rate rather than a division by zero
    assert_eq!(k.json(&["shipments", "set", "2026-11", "0"])["ok"], true);
    let v = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&v, "complaint_rate")["value"], Value::Null, "{v}");
}

// ---------------------------------------------------------------------------------------
// global flags, languages, bad database files

#[test]
fn version_and_help() {
    bin()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "kefu {}",
            env!("CARGO_PKG_VERSION")
        )));
    let out = run({
        let mut c = bin();
        c.arg("--help");
        c
    });
    assert_eq!(out.code, 0, "{out:#?}");
    has_all(
        &out.stdout,
        &[
            "customer",
            "complaint",
            "sla",
            "kpi",
            "nps",
            "shipments",
            "--db",
            "--now",
        ],
    );
    let out = run({
        let mut c = bin();
        c.args(["complaint", "add", "--help"]);
        c
    });
    assert_eq!(out.code, 0, "{out:#?}");
    has_all(
        &out.stdout,
        &[
            "--customer",
            "--severity",
            "minor | major | urgent",
            "--reply-by",
        ],
    );
}

#[test]
fn bad_now_and_lang_are_refused() {
    let k = Kefu::empty();
    let raw = |args: &[&str]| {
        let mut c = bin();
        c.arg("--db").arg(&k.db).args(args);
        run(c)
    };
    let out = raw(&["--now", "garbage", "--lang", "en", "init"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--now", "'garbage'"]);
    assert!(out.stdout.is_empty());

    let out = raw(&["--now", NOW, "--lang", "fr", "init"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--lang", "'fr'", "zh|en"]);

    let out = raw(&["--now", NOW, "--lang", "en", "--tz", "Mars/Olympus", "init"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--tz", "Mars/Olympus"]);
    // none of them created the database
    assert!(!k.db.exists(), "a refused command created the database");
}

#[test]
fn chinese_messages() {
    let k = Kefu::new();
    k.ok(&["init"]);
    let mut c = bin();
    c.arg("--db")
        .arg(&k.db)
        .args(["--now", NOW, "--user", "tester", "--lang", "zh"])
        .args(["customer", "show", "NOPE"]);
    let out = run(c);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["找不到客户", "NOPE"]);
    assert!(!out.stderr.contains("no customer"), "{out:#?}");
}

#[test]
fn environment_variables_work_like_flags() {
    let k = Kefu::new();
    let env_cmd = |args: &[&str]| {
        let mut c = bin();
        c.env("KEFU_DB", &k.db)
            .env("KEFU_NOW", NOW)
            .env("KEFU_LANG", "en")
            .env("KEFU_USER", "tester")
            .args(args);
        run(c)
    };
    let out = env_cmd(&["customer", "add", "--name", "恒瑞化工"]);
    assert_eq!((out.code, out.stdout.trim()), (0, "C00001"), "{out:#?}");
    let out = env_cmd(&["customer", "show", "NOPE"]);
    assert_eq!(out.code, 2);
    has_all(&out.stderr, &["no customer 'NOPE'"]);
    // the same database as --db
    let v = k.json(&["customer", "show", "C00001"]);
    assert_eq!(v["customer"]["name"], "恒瑞化工");
    assert_eq!(
        v["customer"]["created_at"].as_str().map(|s| &s[..10]),
        Some("2026-11-23")
    );
    // the time zone can be changed: the same wall time is another instant in UTC
    let mut c = bin();
    c.env("KEFU_DB", &k.db)
        .env("KEFU_NOW", NOW)
        .env("KEFU_LANG", "en")
        .env("KEFU_TZ", "UTC")
        .args(["complaint", "add", "--customer", "C00001"])
        .args(MAJOR)
        .args(["--received", "2026-11-23 08:00", "--json"]);
    let out = run(c);
    assert_eq!(out.code, 0, "{out:#?}");
    let v = k.json(&["complaint", "show", "KS-2026-00001"]);
    assert_eq!(v["received_at"], "2026-11-23T16:00:00+08:00", "{v}");
}

#[test]
fn db_path_that_is_a_directory() {
    let k = Kefu::new();
    let dir = k.dir.path().to_path_buf();
    let mut c = bin();
    c.arg("--db")
        .arg(&dir)
        .args(["--now", NOW, "--lang", "en", "--user", "tester", "init"]);
    let out = run(c);
    assert!(out.code == 1 || out.code == 2, "{out:#?}");
    has_all(&out.stderr, &["cannot open", "directory"]);
    assert!(out.stdout.is_empty());
}

#[test]
fn garbage_file_is_not_a_database_and_is_left_alone() {
    let k = Kefu::new();
    let bytes = garbage(4096);
    std::fs::write(&k.db, &bytes).unwrap();
    for args in [
        &["init"][..],
        &["customer", "list"][..],
        &["demo", "--force"][..],
    ] {
        let out = k.run(args);
        assert_ne!(out.code, 0, "kefu {args:?} accepted garbage: {out:#?}");
        has_all(&out.stderr, &["is not a kefu database"]);
        assert_eq!(
            std::fs::read(&k.db).unwrap(),
            bytes,
            "kefu {args:?} changed the file"
        );
    }
    assert!(!sibling(&k.db, "-wal").exists());
}

#[test]
fn newer_schema_is_refused_untouched() {
    let k = Kefu::new();
    {
        let conn = rusqlite::Connection::open(&k.db).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = std::fs::read(&k.db).unwrap();
    for args in [
        &["init"][..],
        &["customer", "add", "--name", "x"][..],
        &["sla"][..],
        &["demo", "--force"][..],
    ] {
        let out = k.run(args);
        assert_ne!(
            out.code, 0,
            "kefu {args:?} opened a newer database: {out:#?}"
        );
        has_all(&out.stderr, &["newer kefu", "99"]);
        assert!(out.stdout.is_empty(), "{out:#?}");
        assert_eq!(
            std::fs::read(&k.db).unwrap(),
            before,
            "kefu {args:?} changed a newer database"
        );
    }
    assert!(!sibling(&k.db, "-wal").exists());
    let conn = rusqlite::Connection::open(&k.db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

// ---------------------------------------------------------------------------------------
// Regressions found in review.

#[test]
fn shipments_month_is_normalised_and_checked() {
    let k = Kefu::new();
    k.ok(&["init"]);
    k.ok(&["shipments", "set", "2026-1", "100"]);
    let v = k.json(&["kpi", "--period", "2026-01"]);
    let rate = v["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["key"] == "complaint_rate")
        .unwrap();
    // no complaints over 100 recorded orders: a rate of 0, which only exists if the month matched
    assert_eq!(rate["value"], 0.0, "{v}");
    let err = k.fails(&["shipments", "set", "2026-13", "100"], 2);
    has_all(&err, &["MONTH", "2026-13", "YYYY-MM"]);
    let err = k.fails(&["shipments", "set", "2026-02", "-3"], 2);
    has_all(&err, &["ORDERS", "-3"]);
}

#[test]
fn grade_in_json_matches_the_cli() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工", "--grade", "B"]);
    let v = k.json(&["customer", "list"]);
    assert_eq!(v[0]["grade"], "B", "{v}");
    let v = k.json(&["customer", "show", "C00001"]);
    assert_eq!(v["customer"]["grade_history"][0]["grade"], "B", "{v}");
    assert!(
        v["customer"]["created_at"]
            .as_str()
            .unwrap()
            .ends_with("+08:00"),
        "{v}"
    );
    assert!(
        v["history"][0]["at"].as_str().unwrap().ends_with("+08:00"),
        "{v}"
    );
}

#[test]
fn errors_show_times_as_typed_in_local_time() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    let args = [
        "complaint",
        "add",
        "--customer",
        "C00001",
        "--title",
        "t",
        "--severity",
        "major",
        "--category",
        "quality",
        "--channel",
        "wechat",
    ];
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--received", "2026-11-23 11:00"]);
    let err = k.fails(&a, 2);
    has_all(&err, &["2026-11-23 11:00", "later than now"]);
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--quantity", "-1"]);
    let err = k.fails(&a, 2);
    has_all(&err, &["quantity", "negative"]);
}

#[test]
fn nps_answers_cannot_come_from_the_future() {
    let k = Kefu::new();
    k.customer(&["--name", "恒瑞化工"]);
    k.ok(&[
        "contact",
        "add",
        "C00001",
        "--name",
        "王经理",
        "--nps",
        "yes",
    ]);
    let err = k.fails(
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "王经理",
            "--score",
            "9",
            "--date",
            "2027-01-01 10:00",
        ],
        2,
    );
    has_all(&err, &["later than now"]);
}

#[test]
fn a_broken_config_is_reported_and_the_defaults_apply() {
    let k = Kefu::new();
    let config = k.dir.path().join("config.toml");
    std::fs::write(&config, "lang = \"en\"\ntimezone = \"UTC\"\ntheme = \n").unwrap();
    let cfg = config.to_str().unwrap();
    let out = k.run(&[
        "--config",
        cfg,
        "due",
        "--from",
        "2026-11-23 10:00",
        "--hours",
        "1",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    has_all(
        &out.stderr,
        &[
            "config.toml",
            "line 3",
            "not valid TOML",
            "using the defaults",
        ],
    );
    // The whole file is ignored: the time zone is still Shanghai's.
    assert_eq!(out.stdout.trim(), "2026-11-23 11:00");

    // A bad item is skipped, the rest applies.
    std::fs::write(&config, "timezone = \"UTC\"\npoll_ms = 5\n").unwrap();
    let out = k.run(&[
        "--config",
        cfg,
        "due",
        "--from",
        "2026-11-23T10:00:00Z",
        "--hours",
        "1",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    has_all(&out.stderr, &["line 2", "poll_ms", "200 to 60000"]);
    assert!(
        out.stdout.contains("2026-11-23T11:00:00+00:00"),
        "{}",
        out.stdout
    );

    // A config named on the command line that does not exist is reported too.
    let missing = k.dir.path().join("nope.toml");
    let out = k.run(&["--config", missing.to_str().unwrap(), "sla"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stderr.contains("nope.toml"), "{out:#?}");
}

#[test]
fn due_counts_working_time_across_holidays_and_make_up_days() {
    let k = Kefu::new();
    let due = |from: &str, hours: &str, working: bool| {
        let mut args = vec!["due", "--from", from, "--hours", hours];
        if working {
            args.push("--working");
        }
        k.json(&args)["due"].as_str().unwrap().to_string()
    };
    // National Day 2026: Wed 30 Sep 16:00 + 4 working hours -> Thu 8 Oct 11:00.
    assert_eq!(
        due("2026-09-30 16:00", "4", true),
        "2026-10-08T11:00:00+08:00"
    );
    // Make-up Saturday 10 Oct 2026 counts: Fri 9 Oct 17:00 + 1h -> Sat 10 Oct 09:00.
    assert_eq!(
        due("2026-10-09 17:00", "1", true),
        "2026-10-10T09:00:00+08:00"
    );
    // Spring Festival: Fri 13 Feb 17:00 + 8h: 0.5h, then make-up Sat 14 Feb 7.5h.
    assert_eq!(
        due("2026-02-13 17:00", "8", true),
        "2026-02-14T17:00:00+08:00"
    );
    // ...and 1h from Sat 14 Feb 17:00: 0.5h that day, the rest after the holiday (Tue 24 Feb).
    assert_eq!(
        due("2026-02-14 17:00", "1", true),
        "2026-02-24T09:00:00+08:00"
    );
    assert_eq!(
        due("2026-11-23 10:00", "48", false),
        "2026-11-25T10:00:00+08:00"
    );
    let out = k.run(&[
        "due",
        "--from",
        "2026-12-31 17:00",
        "--hours",
        "8",
        "--working",
    ]);
    assert_eq!(out.code, 0);
    has_all(
        &out.stderr,
        &["2027", "[holidays.2027]", "kefu settings import"],
    );
    k.fails(&["due", "--from", "2026-11-23 10:00", "--hours", "-1"], 2);
    k.fails(&["due", "--from", "soon", "--hours", "1"], 2);
}
