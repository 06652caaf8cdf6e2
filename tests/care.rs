//! The service cadence from the command line: what each grade is owed and when, a logged
//! visit or call satisfying its task, --mine and --customer, the team's [care] setting,
//! and refusals that write nothing.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

/// An A customer of li.na's and a C customer of wang.fang's, both on file since June.
fn team() -> Kefu {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam"), ("wang.fang", "kam")]);
    for (code, grade, kam) in [("BIG", "A", "li.na"), ("SMALL", "C", "wang.fang")] {
        k.ok_at(
            "2026-06-01 10:00",
            &[
                "customer",
                "add",
                "--code",
                code,
                "--name",
                code,
                "--grade",
                grade,
                "--kam",
                kam,
                "--contact",
                "王强,purchasing,13800000000",
            ],
        );
    }
    k
}

/// (customer, task, due, overdue) of `kefu care --json` at `now` with `args`.
fn due(k: &Kefu, now: &str, args: &[&str]) -> Vec<(String, String, String, bool)> {
    let mut all = vec!["--json", "care"];
    all.extend_from_slice(args);
    let out = k.ok_at(now, &all);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    v.as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            (
                i["customer"].as_str().unwrap_or_default().to_string(),
                i["task"].as_str().unwrap_or_default().to_string(),
                i["due"].as_str().unwrap_or_default().to_string(),
                i["overdue"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

fn task<'a>(
    items: &'a [(String, String, String, bool)],
    customer: &str,
    task: &str,
) -> Option<&'a (String, String, String, bool)> {
    items.iter().find(|i| i.0 == customer && i.1 == task)
}

#[test]
fn a_logged_visit_satisfies_its_task_until_the_next_quarter() {
    let k = team();
    let now = "2026-11-25 10:00";
    // Nothing logged since June: Q3's visits were missed, so Q4's are overdue since the
    // last working day of September.
    let items = due(&k, now, &["--customer", "BIG"]);
    assert_eq!(
        task(&items, "BIG", "manager_visit"),
        Some(&(
            "BIG".into(),
            "manager_visit".into(),
            "2026-09-30".into(),
            true
        )),
        "{items:?}"
    );
    k.ok_at(
        "2026-11-24 15:00",
        &[
            "care",
            "log",
            "BIG",
            "--activity",
            "经理拜访",
            "--contact",
            "王强",
            "--note",
            "谈了明年的框架合同",
        ],
    );
    let items = due(&k, now, &["--customer", "BIG"]);
    // Done this quarter: the next is due by the last working day of Q1 2027.
    assert_eq!(
        task(&items, "BIG", "manager_visit").map(|i| (i.2.as_str(), i.3)),
        Some(("2027-03-31", false)),
        "{items:?}"
    );
    // A manager's visit is not the technical visit.
    assert!(task(&items, "BIG", "technical_visit").is_some_and(|i| i.3));
    // Within 14 days of 25 November: the monthly call (due 30 November) and the overdue
    // technical visit, not the visit done.
    let soon = due(&k, now, &[]);
    assert!(task(&soon, "BIG", "business_call").is_some(), "{soon:?}");
    assert!(task(&soon, "BIG", "manager_visit").is_none(), "{soon:?}");
    // The log is in the customer's list of visits and calls and in its history.
    let v = k.json(&["care", "history", "BIG"]);
    assert_eq!(v[0]["activity"], "manager_visit", "{v}");
    assert_eq!(v[0]["contact"], "王强", "{v}");
    assert_eq!(v[0]["logged_by"], "tester", "{v}");
    let text = k.ok_in("zh-CN", &["customer", "show", "BIG"]);
    assert!(
        text.contains("经理拜访") || text.contains("manager_visit"),
        "{text}"
    );
}

#[test]
fn mine_is_the_customers_i_manage_and_a_greeting_is_due_before_the_festival() {
    let k = team();
    let mine: Vec<String> = due(&k, "2026-11-25 10:00", &["--mine", "--due-within", "60d"])
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert!(mine.is_empty(), "tester manages nobody: {mine:?}");
    let out = k.ok_as(
        "wang.fang",
        &["--json", "care", "--mine", "--due-within", "90"],
    );
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let codes: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["customer"].as_str())
        .collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| *c == "SMALL"),
        "{v}"
    );
    // Spring Festival 2027 is 6 February (a Saturday): greet by Friday the 5th at most.
    let items = due(&k, "2027-01-20 10:00", &["--customer", "SMALL"]);
    let g = task(&items, "SMALL", "greeting")
        .cloned()
        .unwrap_or_default();
    assert_eq!((g.2.as_str(), g.3), ("2027-02-05", false), "{items:?}");
    k.ok_at(
        "2027-01-25 10:00",
        &["care", "log", "SMALL", "--activity", "greeting"],
    );
    let items = due(&k, "2027-01-26 10:00", &["--customer", "SMALL"]);
    let g = task(&items, "SMALL", "greeting")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        g.2, "2027-09-14",
        "then Mid-Autumn (15 September): {items:?}"
    );
}

#[test]
fn the_team_setting_changes_the_cadence_and_bad_settings_are_named() {
    let k = team();
    let f = k.dir.path().join("team.toml");
    std::fs::write(&f, "[care.A]\nbusiness_call = \"quarter\"\n").expect("written");
    let path = f.to_string_lossy().to_string();
    k.ok(&["settings", "import", &path]);
    let items = due(&k, "2026-11-25 10:00", &["--customer", "BIG"]);
    let tasks: Vec<&str> = items.iter().map(|i| i.1.as_str()).collect();
    assert_eq!(
        tasks,
        ["business_call"],
        "A now owes only the quarterly call"
    );
    std::fs::write(
        &f,
        "[care.A]\nhug = \"month\"\n[care]\ngreeting_days = 400\n",
    )
    .expect("written");
    has_all(
        &k.fails(&["settings", "import", &path], 2),
        &["[care.A] hug", "greeting_days"],
    );
}

#[test]
fn bad_logs_are_refused_and_nothing_is_written() {
    let k = team();
    let before = k.json(&["care", "history", "BIG"]);
    has_all(
        &k.fails(&["care", "log", "BIG", "--activity", "hug"], 2),
        &["--activity", "hug"],
    );
    has_all(
        &k.fails(&["care", "log", "BIG", "--when", "2026-11-30 10:00"], 2),
        &["--when", "2026-11-30"],
    );
    has_all(
        &k.fails(&["care", "log", "BIG", "--contact", "李四"], 2),
        &["李四"],
    );
    has_all(&k.fails(&["care", "log", "NOPE"], 2), &["NOPE"]);
    has_all(
        &k.fails(&["care", "--due-within", "soon"], 2),
        &["--due-within", "soon"],
    );
    assert_eq!(k.json(&["care", "history", "BIG"]), before);
}
