//! The know-how register (SOP-15 §8.2): L3 entries open only for the roles the permission
//! table names and the people granted them by name; every opening and every refused
//! attempt is logged in an append-only access log; listing never shows content.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

const SECRET: &str = "A:B = 3:1，180℃ 固化 20 分钟";

/// A demo sandbox with one L3 entry of C00001 (an attached file) and one L2 entry.
fn register() -> (Kefu, String, String) {
    let k = Kefu::demo();
    let file = k.dir.path().join("formula.txt");
    std::fs::write(&file, "配方原稿\n").expect("write the attachment");
    let l3 = k
        .ok(&[
            "knowhow",
            "add",
            "--customer",
            "C00001",
            "--title",
            "防锈涂层配方",
            "--level",
            "L3",
            "--content",
            SECRET,
            "--owner",
            "yang.lei",
            "--attach",
            &file.display().to_string(),
        ])
        .trim()
        .to_string();
    let l2 = k
        .ok_in(
            "zh",
            &[
                "knowhow",
                "add",
                "--customer",
                "C00001",
                "--title",
                "包装要求",
                "--level",
                "L2 内部",
                "--content",
                "每箱不超过 20 kg",
            ],
        )
        .trim()
        .to_string();
    (k, l3, l2)
}

#[test]
fn l3_opens_for_its_holders_and_those_granted_and_every_attempt_is_logged() {
    let (k, l3, l2) = register();
    // Not a holder: refused, naming who may.
    let err = k.fails_as("li.na", &["knowhow", "show", &l3], 1);
    has_all(
        &err,
        &["open restricted (L3) know-how", "engineer, general manager"],
    );
    assert!(!err.contains("180℃"));
    // An engineer and the general manager open it.
    has_all(
        &k.ok_as("yang.lei", &["knowhow", "show", &l3]),
        &[SECRET, "SHA-256"],
    );
    k.ok_as("wu.hua", &["knowhow", "show", &l3]);
    // Granted by name (the global --user is not taken for the grantee), then taken back.
    k.ok_as("wu.hua", &["knowhow", "grant", &l3, "li.na"]);
    has_all(&k.ok_as("li.na", &["knowhow", "show", &l3]), &[SECRET]);
    k.ok_as("wu.hua", &["knowhow", "revoke", &l3, "li.na"]);
    k.fails_as("li.na", &["knowhow", "show", &l3], 1);
    // A deactivated person loses access at once, grant or not.
    k.ok_as("wu.hua", &["knowhow", "grant", &l3, "wang.fang"]);
    k.ok(&["staff", "deactivate", "wang.fang"]);
    k.fails_as("wang.fang", &["knowhow", "show", &l3], 1);
    // An auditor reads all but L3; L2 is not logged.
    k.fails_as("sun.li", &["knowhow", "show", &l3], 1);
    has_all(
        &k.ok_as("sun.li", &["knowhow", "show", &l2]),
        &["每箱不超过 20 kg"],
    );
    let log = k.json_as("sun.li", &["knowhow", "log"]);
    let outcomes: Vec<(String, String)> = log
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["actor"].as_str().unwrap_or("").into(),
                        e["outcome"].as_str().unwrap_or("").into(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let want: Vec<(String, String)> = [
        ("li.na", "refused"),
        ("yang.lei", "opened"),
        ("wu.hua", "opened"),
        ("li.na", "opened"),
        ("li.na", "refused"),
        ("wang.fang", "refused"),
        ("sun.li", "refused"),
    ]
    .iter()
    .map(|(a, o)| (a.to_string(), o.to_string()))
    .collect();
    assert_eq!(outcomes, want);
    // Only those who may read the log do.
    has_all(
        &k.fails_as("li.na", &["knowhow", "log"], 1),
        &["read the know-how access log"],
    );
    // The log cannot be changed, and the history never holds L3 content.
    let conn = rusqlite::Connection::open(&k.db).expect("sqlite");
    let err = conn
        .execute("DELETE FROM knowhow_access", [])
        .expect_err("append-only");
    assert!(err.to_string().contains("append-only"), "{err}");
    let leaked: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM history WHERE new LIKE '%180℃%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(leaked, 0);
    drop(conn);
    k.ok(&["audit", "verify"]);
}

#[test]
fn a_listing_never_shows_content_and_attachments_keep_their_digest() {
    let (k, l3, _) = register();
    let text = k.ok(&["knowhow", "list"]);
    has_all(&text, &[&l3, "防锈涂层配方", "L3 restricted"]);
    assert!(!text.contains("180℃") && !text.contains("20 kg"), "{text}");
    let list = k.json(&["knowhow", "list", "--customer", "C00001"]);
    assert!(
        list.as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(|e| e["content"].is_null())),
        "{list}"
    );
    let shown = k.json_as("yang.lei", &["knowhow", "show", &l3]);
    // sha256("配方原稿\n")
    use sha2::Digest;
    let want: String = sha2::Sha256::digest("配方原稿\n".as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(shown["attachments"][0]["sha256"], want.as_str(), "{shown}");
    assert_eq!(shown["attachments"][0]["bytes"], 13);
    // A file that cannot be read is refused, naming the flag; nothing is stored.
    let err = k.fails(
        &[
            "knowhow",
            "add",
            "--customer",
            "C00001",
            "--title",
            "x",
            "--content",
            "y",
            "--attach",
            "/no/such/file",
        ],
        2,
    );
    has_all(&err, &["--attach", "/no/such/file"]);
    assert_eq!(
        k.json(&["knowhow", "list"]).as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn a_leak_counts_against_the_years_kpi() {
    let (k, l3, _) = register();
    let leaks = |v: &serde_json::Value| {
        v["kpis"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["key"] == "knowhow_leaks"))
            .cloned()
            .unwrap_or_default()
    };
    let before = leaks(&k.json(&["kpi", "--period", "2026-11"]));
    assert_eq!(
        (before["value"].as_f64(), before["met"].as_bool()),
        (Some(0.0), Some(true))
    );
    k.ok(&[
        "knowhow",
        "incident",
        "add",
        "--entry",
        &l3,
        "--description",
        "配方随邮件外发",
        "--at",
        "2026-03-02 10:00",
    ]);
    // Any month of 2026 shows the year's count; 2025 stays clean.
    let after = leaks(&k.json(&["kpi", "--period", "2026-11"]));
    assert_eq!(
        (after["value"].as_f64(), after["met"].as_bool()),
        (Some(1.0), Some(false))
    );
    assert_eq!(after["period"], "2026");
    assert_eq!(
        leaks(&k.json(&["kpi", "--period", "2025"]))["value"].as_f64(),
        Some(0.0)
    );
    // A leak cannot be recorded before it happened, nor against an entry that does not exist.
    has_all(
        &k.fails(
            &[
                "knowhow",
                "incident",
                "add",
                "--description",
                "x",
                "--at",
                "2026-12-01 09:00",
            ],
            2,
        ),
        &["--at", "later than now"],
    );
    has_all(
        &k.fails(
            &[
                "knowhow",
                "incident",
                "add",
                "--description",
                "x",
                "--entry",
                "KH-2026-09999",
            ],
            2,
        ),
        &["KH-2026-09999"],
    );
    k.ok(&["audit", "verify"]);
}
