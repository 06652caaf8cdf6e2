//! NPS campaigns (QEF-15-03): a quarter draws every NPS contact; the questionnaire is sent
//! and reminded within the team's rules, never to those who answered; answers are one per
//! contact and quarter, refused with nothing stored when bad, replaced with the old one in
//! the history, and excluded with a reason (kept, not counted).

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

const OCT: &str = "2026-10-08 10:00";

/// Customers C00001 (A, contacts 王经理 and 李工, both NPS), C00002 (B, 陈总, NPS, reads
/// English) and C00003 (C, no NPS contact); a manager and an agent.
fn team() -> Kefu {
    let k = Kefu::new();
    k.staff(&[("zhang.wei", "manager"), ("zhao.min", "agent")]);
    for (name, grade) in [("华东精密", "A"), ("Pacific Audio", "B"), ("恒瑞化工", "C")] {
        k.ok(&["customer", "add", "--name", name, "--grade", grade]);
    }
    k.ok(&[
        "contact",
        "add",
        "C00001",
        "--name",
        "王经理",
        "--nps",
        "yes",
    ]);
    k.ok(&["contact", "add", "C00001", "--name", "李工", "--nps", "yes"]);
    k.ok(&[
        "contact",
        "add",
        "C00001",
        "--name",
        "张会计",
        "--nps",
        "no",
    ]);
    k.ok(&[
        "contact",
        "add",
        "C00002",
        "--name",
        "陈总",
        "--nps",
        "yes",
        "--language",
        "en",
    ]);
    k.ok(&["contact", "add", "C00003", "--name", "赵经理"]);
    k
}

fn show(k: &Kefu, at: &str) -> Value {
    let out = k.ok_at(at, &["--json", "nps", "campaign", "show", "2026-Q4"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn status_of(v: &Value, contact: &str) -> String {
    v["contacts"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["contact"] == contact))
        .map(|c| c["status"].as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|| panic!("no {contact} in {v}"))
}

fn at(k: &Kefu, now: &str, args: &[&str]) -> String {
    k.ok_at(now, args)
}

#[test]
fn a_campaign_draws_every_nps_contact_and_only_a_manager_opens_it() {
    let k = team();
    has_all(
        &k.fails_as("zhao.min", &["nps", "campaign", "open", "2026-Q4"], 1),
        &["open NPS campaigns", "manager"],
    );
    has_all(
        &k.fails_as("zhang.wei", &["nps", "campaign", "open", "2026-10"], 2),
        &["2026-10"],
    );
    let out = k.ok_as("zhang.wei", &["nps", "campaign", "open", "2026-Q4"]);
    has_all(&out, &["3 contacts of 2 customers", "C00003"]);
    has_all(
        &k.fails_as("zhang.wei", &["nps", "campaign", "open", "2026-Q4"], 2),
        &["2026-Q4", "exists"],
    );
    let v = show(&k, OCT);
    assert_eq!(v["contacts_total"], 3, "{v}");
    assert_eq!(v["counts"]["pending"], 3, "{v}");
    assert_eq!(v["counts"]["answered"], 0, "{v}");
    assert_eq!(v["response_rate"], 0.0, "{v}");
    // The one who is not the NPS contact is not drawn.
    assert!(!v.to_string().contains("张会计"), "{v}");
}

#[test]
fn reminders_wait_their_gap_stop_at_the_maximum_and_never_reach_those_who_answered() {
    let k = team();
    k.ok_as("zhang.wei", &["nps", "campaign", "open", "2026-Q4"]);
    // Nobody is reminded before the questionnaire went.
    has_all(
        &k.fails_at(
            OCT,
            &[
                "nps",
                "campaign",
                "remind",
                "--customer",
                "C00001",
                "--contact",
                "王经理",
            ],
            2,
        ),
        &["not been sent"],
    );
    for (customer, contact, how) in [
        ("C00001", "王经理", "微信"),
        ("C00001", "李工", "email"),
        ("C00002", "陈总", "paper"),
    ] {
        at(
            &k,
            "2026-10-01 10:00",
            &[
                "nps",
                "campaign",
                "send",
                "--customer",
                customer,
                "--contact",
                contact,
                "--how",
                how,
            ],
        );
    }
    assert_eq!(show(&k, OCT)["counts"]["sent"], 3);
    // 李工 answers on the 5th.
    at(
        &k,
        "2026-10-05 10:00",
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "李工",
            "--score",
            "9",
        ],
    );
    // Six days after sending: too soon for anyone.
    let v: Value = serde_json::from_str(&at(
        &k,
        "2026-10-07 10:00",
        &["--json", "nps", "campaign", "remind", "--due"],
    ))
    .unwrap();
    assert_eq!(v["reminded"], 0);
    // Seven days: the two who have not answered, not 李工.
    let v: Value = serde_json::from_str(&at(
        &k,
        "2026-10-08 10:00",
        &["--json", "nps", "campaign", "remind", "--due"],
    ))
    .unwrap();
    assert_eq!(v["reminded"], 2);
    let s = show(&k, "2026-10-08 10:00");
    assert_eq!(status_of(&s, "李工"), "answered");
    assert_eq!(status_of(&s, "王经理"), "reminded");
    has_all(
        &k.fails_at(
            "2026-12-01 10:00",
            &[
                "nps",
                "campaign",
                "remind",
                "--customer",
                "C00001",
                "--contact",
                "李工",
            ],
            2,
        ),
        &["has answered"],
    );
    // 陈总 answers; the second round of reminders goes to 王经理 alone.
    at(
        &k,
        "2026-10-10 10:00",
        &[
            "nps",
            "record",
            "--customer",
            "C00002",
            "--contact",
            "陈总",
            "--score",
            "8",
        ],
    );
    let v: Value = serde_json::from_str(&at(
        &k,
        "2026-10-15 10:00",
        &["--json", "nps", "campaign", "remind", "--due"],
    ))
    .unwrap();
    assert_eq!(v["reminded"], 1);
    // Two reminders is the default maximum.
    let v: Value = serde_json::from_str(&at(
        &k,
        "2026-11-30 10:00",
        &["--json", "nps", "campaign", "remind", "--due"],
    ))
    .unwrap();
    assert_eq!(v["reminded"], 0);
    has_all(
        &k.fails_at(
            "2026-11-30 10:00",
            &[
                "nps",
                "campaign",
                "remind",
                "--customer",
                "C00001",
                "--contact",
                "王经理",
            ],
            2,
        ),
        &["as many reminders"],
    );
    let s = show(&k, "2026-11-30 10:00");
    let wang = s["contacts"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["contact"] == "王经理"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(wang["reminders"], 2, "{s}");
    assert_eq!(s["counts"]["answered"], 2);
    assert_eq!(s["response_rate"], 66.7);
    // Who answered is never asked again, nor marked declined.
    has_all(
        &k.fails_at(
            "2026-11-30 10:00",
            &[
                "nps",
                "campaign",
                "send",
                "--customer",
                "C00002",
                "--contact",
                "陈总",
                "--how",
                "phone",
            ],
            2,
        ),
        &["has answered"],
    );
    has_all(
        &k.fails_at(
            "2026-11-30 10:00",
            &[
                "nps",
                "campaign",
                "decline",
                "--customer",
                "C00002",
                "--contact",
                "陈总",
                "--reason",
                "x",
            ],
            2,
        ),
        &["has answered"],
    );
    at(
        &k,
        "2026-11-30 10:00",
        &[
            "nps",
            "campaign",
            "decline",
            "--customer",
            "C00001",
            "--contact",
            "王经理",
            "--reason",
            "出差",
        ],
    );
    assert_eq!(
        status_of(&show(&k, "2026-11-30 10:00"), "王经理"),
        "declined"
    );
}

#[test]
fn the_printed_questionnaire_is_in_the_contacts_language_and_skips_who_answered() {
    let k = team();
    k.ok_as("zhang.wei", &["nps", "campaign", "open", "2026-Q4"]);
    at(
        &k,
        OCT,
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "李工",
            "--score",
            "9",
        ],
    );
    let text = at(&k, OCT, &["nps", "campaign", "print", "2026-Q4"]);
    has_all(
        &text,
        &[
            "您向同行推荐我们的可能性",
            "王经理",
            "How likely are you to recommend us",
            "陈总",
            "10 □",
        ],
    );
    assert!(!text.contains("李工"), "{text}");
    assert_eq!(
        text.matches('\u{c}').count(),
        1,
        "one page break between two forms"
    );
    let out = k.dir.path().join("q.txt");
    let out_s = out.to_str().unwrap_or_default();
    has_all(
        &at(
            &k,
            OCT,
            &[
                "nps",
                "campaign",
                "print",
                "--customer",
                "C00002",
                "--out",
                out_s,
            ],
        ),
        &["1 questionnaires"],
    );
    let file = std::fs::read_to_string(&out).unwrap_or_default();
    has_all(&file, &["Pacific Audio", "陈总", "Thank you"]);
    assert!(!file.contains("您向同行"), "{file}");
}

#[test]
fn one_answer_per_contact_and_quarter_replaced_with_its_history_and_bad_ones_store_nothing() {
    let k = team();
    let rec = |now: &str, contact: &str, score: &str, extra: &[&str]| {
        let mut args = vec![
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            contact,
            "--score",
            score,
        ];
        args.extend_from_slice(extra);
        k.ok_at(now, &args)
    };
    rec(OCT, "王经理", "9", &["--comment", "很好"]);
    let answers = |now: &str| -> Value {
        serde_json::from_str(&k.ok_at(now, &["--json", "nps", "answers", "--period", "2026-Q4"]))
            .unwrap()
    };
    let before = answers(OCT);
    for (args, code, says) in [
        (
            vec!["--contact", "王经理", "--score", "7"],
            2,
            "already answered",
        ),
        (vec!["--contact", "王经理", "--score", "12"], 2, "0 to 10"),
        (vec!["--contact", "无名", "--score", "7"], 2, "no contact"),
        (
            vec![
                "--contact",
                "张会计",
                "--score",
                "7",
                "--date",
                "2027-03-01",
            ],
            2,
            "later than now",
        ),
    ] {
        let mut all = vec!["nps", "record", "--customer", "C00001"];
        all.extend_from_slice(&args);
        has_all(&k.fails_at(OCT, &all, code), &[says]);
    }
    assert_eq!(answers(OCT), before, "a refused answer stores nothing");
    // A different quarter is a new answer; --replace replaces this quarter's.
    rec("2027-01-05 10:00", "王经理", "10", &[]);
    let out = rec(
        "2027-01-06 10:00",
        "王经理",
        "8",
        &["--replace", "--date", "2026-11-20"],
    );
    has_all(&out, &["replaced", "2026-Q4"]);
    let now = answers("2027-01-06 10:00");
    assert_eq!(now.as_array().map(Vec::len), Some(1), "{now}");
    assert_eq!(now[0]["score"], 8);
    assert_eq!(now[0]["comment"], Value::Null);
    let id = now[0]["id"].as_i64().unwrap_or_default();
    let file = k.json(&["customer", "show", "C00001"]);
    let changes: Vec<&Value> = file["history"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter(|c| c["field"] == format!("#{id} score"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(changes.len(), 1, "{file}");
    assert_eq!(
        (changes[0]["old"].clone(), changes[0]["new"].clone()),
        ("9".into(), "8".into())
    );
    has_all(&file["history"].to_string(), &["很好"]);
}

#[test]
fn an_excluded_answer_is_kept_not_counted_and_the_figures_say_so() {
    let k = team();
    let now = "2026-10-20 10:00";
    at(
        &k,
        now,
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "王经理",
            "--score",
            "10",
        ],
    );
    at(
        &k,
        now,
        &[
            "nps",
            "record",
            "--customer",
            "C00001",
            "--contact",
            "李工",
            "--score",
            "3",
        ],
    );
    let v: Value =
        serde_json::from_str(&at(&k, now, &["--json", "nps", "--period", "2026-Q4"])).unwrap();
    assert_eq!(
        (
            v["overall"]["responses"].clone(),
            v["overall"]["nps"].clone(),
            v["excluded"].clone()
        ),
        (2.into(), 0.0.into(), 0.into()),
        "{v}"
    );
    let list: Value = serde_json::from_str(&at(&k, now, &["--json", "nps", "answers"])).unwrap();
    let low = list
        .as_array()
        .and_then(|a| a.iter().find(|x| x["score"] == 3))
        .map(|x| x["id"].to_string())
        .unwrap_or_default();
    has_all(
        &k.fails_at(now, &["nps", "exclude", &low], 2),
        &["--reason"],
    );
    at(&k, now, &["nps", "exclude", &low, "--reason", "录入测试"]);
    has_all(
        &k.fails_at(now, &["nps", "exclude", &low, "--reason", "again"], 2),
        &["excluded already"],
    );
    let v: Value =
        serde_json::from_str(&at(&k, now, &["--json", "nps", "--period", "2026-Q4"])).unwrap();
    assert_eq!(v["overall"]["responses"], 1, "{v}");
    assert_eq!(v["overall"]["nps"], 100.0, "{v}");
    assert_eq!(v["by_grade"]["A"]["detractors"], 0, "{v}");
    assert_eq!(v["excluded"], 1, "{v}");
    has_all(
        &at(&k, now, &["nps", "--period", "2026-Q4"]),
        &["1 answers of the period are excluded"],
    );
    has_all(&at(&k, now, &["nps", "answers"]), &["录入测试"]);
    at(&k, now, &["nps", "include", &low]);
    let v: Value =
        serde_json::from_str(&at(&k, now, &["--json", "nps", "--period", "2026-Q4"])).unwrap();
    assert_eq!(
        (v["overall"]["responses"].clone(), v["excluded"].clone()),
        (2.into(), 0.into()),
        "{v}"
    );
}
