//! Who acts: the OS account, mapped to the staff list; `init` makes the first
//! administrator; only administrators manage staff; a deactivated person can do nothing
//! from the next command on; `kefu whoami` always answers.

use std::path::Path;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::{has_all, run, Out};
use harness::Kefu;

/// `kefu --db DB --lang en ARGS` as the OS account running the tests, no `--user`.
fn me(k: &Kefu, args: &[&str]) -> Out {
    let mut c = binary::bin(&k.config);
    c.arg("--db").arg(&k.db).args(["--lang", "en"]).args(args);
    run(c)
}

fn ok(out: Out) -> String {
    assert_eq!(out.code, 0, "{out:#?}");
    out.stdout
}

/// The OS account the tests run as, as kefu sees it.
fn account(k: &Kefu) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&ok(me(k, &["whoami", "--json"]))).expect("whoami JSON");
    v["account"].as_str().expect("an account").to_string()
}

#[test]
fn the_os_account_that_runs_init_is_the_first_admin_and_user_is_refused() {
    let k = Kefu::empty();
    let me_name = account(&k);
    assert_ne!(me_name, "", "an OS account");
    // $USER is not who acts.
    let text = ok(me(&k, &["init"]));
    has_all(
        &text,
        &[&format!("{me_name} is this database's first administrator")],
    );
    let staff: serde_json::Value =
        serde_json::from_str(&ok(me(&k, &["staff", "list", "--json"]))).expect("JSON");
    assert_eq!(staff[0]["username"], me_name.as_str(), "{staff}");
    assert_eq!(staff[0]["role"], "admin", "{staff}");
    let mut c = binary::bin(&k.config);
    c.env("USER", "zhang.wei").arg("--db").arg(&k.db).args([
        "--lang",
        "en",
        "customer",
        "add",
        "--name",
        "恒瑞化工",
    ]);
    ok(run(c));
    let history = ok(me(&k, &["customer", "show", "C00001"]));
    assert!(
        history.contains(&me_name) && !history.contains("zhang.wei"),
        "{history}"
    );
    let out = me(&k, &["--user", "zhang.wei", "customer", "list"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--user", "sandbox"]);
    // A second init makes nobody else admin.
    let again = ok(me(&k, &["init"]));
    assert!(!again.contains("administrator"), "{again}");
}

#[test]
fn staff_are_managed_by_admins_with_history_and_a_deactivated_person_is_locked_out() {
    let k = Kefu::empty();
    let admin = account(&k);
    ok(me(&k, &["init"]));
    ok(me(
        &k,
        &[
            "staff",
            "add",
            "li.na",
            "--name",
            "李娜",
            "--role",
            "客户经理",
        ],
    ));
    ok(me(
        &k,
        &[
            "staff",
            "add",
            "zhao.min",
            "--name",
            "赵敏",
            "--role",
            "agent",
            "--supervisor",
            "li.na",
        ],
    ));
    let out = me(
        &k,
        &[
            "staff",
            "add",
            "x",
            "--name",
            "X",
            "--role",
            "agent",
            "--supervisor",
            "nobody",
        ],
    );
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--supervisor", "active member of staff"]);
    let out = me(
        &k,
        &[
            "staff",
            "add",
            "li.na",
            "--name",
            "又一个",
            "--role",
            "agent",
        ],
    );
    assert_eq!(out.code, 2, "{out:#?}");
    let out = me(&k, &["staff", "add", "y", "--name", "Y", "--role", "boss"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--role", "boss"]);
    ok(me(&k, &["staff", "set-role", "zhao.min", "quality"]));
    let shown = ok(me(&k, &["staff", "show", "zhao.min"]));
    has_all(&shown, &["赵敏", "quality", "agent", &admin]);
    // Handing over: a new admin, then the first one steps down and is locked out.
    ok(me(&k, &["staff", "set-role", "li.na", "admin"]));
    ok(me(&k, &["staff", "deactivate", &admin]));
    let out = me(&k, &["customer", "list"]);
    assert_eq!(out.code, 1, "{out:#?}");
    has_all(
        &out.stderr,
        &[
            &admin,
            "not on kefu's staff list",
            &format!("kefu staff add {admin}"),
        ],
    );
    // whoami still answers, and says why.
    has_all(&ok(me(&k, &["whoami"])), &[&admin, "deactivated", "no"]);
    let all = ok(me(&k, &["--json", "whoami"]));
    assert!(all.contains("\"active\": false"), "{all}");
}

#[test]
fn on_a_sandbox_only_admins_manage_staff_or_wipe_and_refusals_name_the_holders() {
    let k = Kefu::demo();
    for (user, args) in [
        (
            "zhao.min",
            &["staff", "add", "x", "--name", "X", "--role", "agent"][..],
        ),
        ("zhang.wei", &["staff", "deactivate", "li.na"]),
        ("sun.li", &["staff", "set-role", "li.na", "admin"]),
        ("li.na", &["demo", "--force"]),
    ] {
        let err = k.fails_as(user, args, 1);
        has_all(
            &err,
            &["you may not", "only administrator may", "kefu permissions"],
        );
    }
    // The tester made the sandbox, so is its admin.
    k.ok(&["staff", "add", "x", "--name", "X", "--role", "agent"]);
    k.ok(&["demo", "--force"]);
    let perms = k.ok(&["permissions"]);
    has_all(
        &perms,
        &["manage staff", "wipe a sandbox database", "administrator"],
    );
    let zh = k.ok_in("zh", &["permissions"]);
    has_all(&zh, &["管理员工", "管理员"]);
}

#[test]
fn whoami_answers_without_a_database() {
    let k = Kefu::empty();
    let text = ok(me(&k, &["whoami"]));
    has_all(&text, &["OS account", "no kefu database here"]);
    assert!(!Path::new(&k.db).exists());
}

#[test]
fn an_owner_a_kam_or_an_assignee_must_be_active_staff() {
    let k = Kefu::demo();
    let mut c = harness::minor_complaint("C00001");
    c.extend(["--received", "2026-11-23 08:00"]);
    let mut with_owner = c.to_vec();
    with_owner.extend(["--owner", "ghost"]);
    has_all(
        &k.fails(&with_owner, 2),
        &["--owner", "ghost", "active member of staff"],
    );
    let n = k.ok(&c).trim().to_string();
    has_all(
        &k.fails(&["complaint", "assign", &n, "--to", "ghost"], 2),
        &["--to", "ghost"],
    );
    k.ok(&["staff", "deactivate", "liu.yang"]);
    has_all(
        &k.fails(&["complaint", "assign", &n, "--to", "liu.yang"], 2),
        &["liu.yang"],
    );
    has_all(
        &k.fails(
            &["customer", "add", "--name", "新客户", "--kam", "liu.yang"],
            2,
        ),
        &["--kam", "liu.yang", "active member of staff"],
    );
    k.ok(&["complaint", "assign", &n, "--to", "li.na"]);
}

#[test]
fn the_permission_table_is_the_teams_and_changes_with_history() {
    let k = Kefu::demo();
    // A manager may approve once an admin grants it (labels work too), and not after.
    let n = k.ok(&harness::minor_complaint("C00001")
        .into_iter()
        .chain(["--received", "2026-11-23 08:00"])
        .collect::<Vec<_>>());
    let id = k.ok(&[
        "return",
        "add",
        n.trim(),
        "--quantity",
        "1",
        "--disposition",
        "scrap",
        "--value",
        "5000",
    ]);
    k.fails_as("zhang.wei", &["return", "approve", id.trim()], 1);
    k.ok_in(
        "zh",
        &["permissions", "grant", "批准超过限额的补货", "主管"],
    );
    let table = k.json(&["permissions"]);
    let approve = table
        .as_array()
        .and_then(|a| a.iter().find(|p| p["permission"] == "approve_replacement"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        approve["roles"],
        serde_json::json!(["manager", "general_manager"]),
        "{table}"
    );
    k.ok(&[
        "permissions",
        "revoke",
        "approve_replacement",
        "general_manager",
    ]);
    k.fails_as("wu.hua", &["return", "approve", id.trim()], 1);
    k.ok_as("zhang.wei", &["return", "approve", id.trim()]);
    // Only those who hold manage_permissions change the table, and one must keep it.
    has_all(
        &k.fails_as(
            "zhang.wei",
            &["permissions", "grant", "manage_staff", "manager"],
            1,
        ),
        &["change who may do what", "administrator"],
    );
    has_all(
        &k.fails(&["permissions", "revoke", "manage_permissions", "admin"], 2),
        &["someone must keep the right"],
    );
    has_all(
        &k.fails(&["permissions", "grant", "fly", "admin"], 2),
        &["PERMISSION", "fly"],
    );
    // The changes are in the history, and the chain holds.
    let conn = rusqlite::Connection::open(&k.db).expect("sqlite");
    let rows: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM history WHERE entity = 'permission'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(rows, 2);
    drop(conn);
    // Reopening does not bring a revoked default back.
    k.ok(&["init"]);
    k.fails_as("wu.hua", &["return", "approve", id.trim()], 1);
    k.ok(&["audit", "verify"]);
}

#[test]
fn an_auditor_reads_everything_and_changes_nothing() {
    let k = Kefu::demo();
    for args in [
        &["customer", "add", "--name", "审核测试"][..],
        &["complaint", "ack", "KS-2026-00001"],
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "x",
            "--score",
            "9",
        ],
    ] {
        has_all(
            &k.fails_as("sun.li", args, 2),
            &["an auditor reads the records and changes none"],
        );
    }
    k.ok_as("sun.li", &["customer", "list"]);
    k.ok_as("sun.li", &["complaint", "show", "KS-2026-00001"]);
    k.ok_as("sun.li", &["audit", "verify"]);
}
