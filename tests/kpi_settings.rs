//! KPI targets and the first-response limit come from the settings, not from constants.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;

use binary::has_all;
use harness::Kefu;
use serde_json::Value;

fn kpi<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["kpis"]
        .as_array()
        .and_then(|a| a.iter().find(|k| k["key"] == key))
        .unwrap_or_else(|| panic!("no KPI {key} in {v}"))
}

#[test]
fn the_first_response_kpi_follows_the_clock_and_targets_follow_the_kpi_section() {
    let k = Kefu::new();
    k.ok(&["demo", "--customers", "20"]);
    let plain = k.json(&["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&plain, "first_response_median")["target"], 4.0);
    assert_eq!(kpi(&plain, "nps_overall")["target"], 50.0);

    let file = k.dir.path().join("team.toml");
    let f = file.to_str().expect("utf-8 path");
    std::fs::write(
        &file,
        "[sla.clocks.first_response]\nhours = 2\n\n[kpi]\nnps_overall = 55\ncomplaint_rate_below = 0.5\n",
    )
    .expect("settings written");
    has_all(
        &k.ok(&["settings", "import", f, "--dry-run"]),
        &["nothing changed"],
    );
    assert_eq!(
        kpi(&k.json(&["kpi", "--period", "2026-11"]), "nps_overall")["target"],
        50.0
    );
    has_all(&k.ok(&["settings", "import", f]), &["for everyone"]);
    // Everyone sees them, whatever their own config file says.
    let tuned = k.json_as("li.na", &["kpi", "--period", "2026-11"]);
    assert_eq!(kpi(&tuned, "first_response_median")["target"], 2.0);
    assert_eq!(kpi(&tuned, "nps_overall")["target"], 55.0);
    assert_eq!(kpi(&tuned, "complaint_rate")["target"], 0.5);
    // Fewer complaints are answered within 2 h than within 4 h.
    let share = |v: &Value| kpi(v, "first_response_within_target")["value"].as_f64();
    assert!(
        share(&tuned) < share(&plain),
        "{:?} vs {:?}",
        share(&tuned),
        share(&plain)
    );
    assert_eq!(
        k.ok(&["settings", "export"]),
        std::fs::read_to_string(&file).expect("read")
    );

    // A bad file changes nothing, and every problem is named.
    std::fs::write(
        &file,
        "lang = \"zh\"\n[kpi]\nnps_overall = 500\n[returns]\napproval_threshold = -1\nmax = 5\n",
    )
    .expect("settings written");
    let err = k.fails(&["settings", "import", f], 2);
    has_all(
        &err,
        &[
            "[kpi] nps_overall",
            "500",
            "approval_threshold",
            "lang",
            "[returns] max",
            "nothing was changed",
        ],
    );
    assert_eq!(
        kpi(&k.json(&["kpi", "--period", "2026-11"]), "nps_overall")["target"],
        55.0
    );
    // Only administrators import.
    has_all(
        &k.fails_as("zhang.wei", &["settings", "import", f], 1),
        &["change the team's settings"],
    );

    // A personal config file's team sections are reported, not applied.
    let config = k.dir.path().join("config.toml");
    std::fs::write(&config, "[kpi]\nnps_overall = 99\n").expect("config written");
    let c = config.to_str().expect("utf-8 path");
    let out = k.run(&["--config", c, "kpi", "--period", "2026-11", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("kefu settings import") && out.stderr.contains("config.toml [kpi]"),
        "{}",
        out.stderr
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(kpi(&v, "nps_overall")["target"], 55.0);
    // The change is in the history, and the chain holds.
    k.ok(&["audit", "verify"]);
}

#[test]
fn the_teams_holidays_are_everyones_calendar() {
    let k = Kefu::new();
    let args = [
        "due",
        "--from",
        "2026-12-31 17:00",
        "--hours",
        "8",
        "--working",
        "--json",
    ];
    // (due, unknown years, what was said on stderr), as `user` sees it.
    let due = |user: &str| {
        let out = k.run_as(user, &args);
        assert_eq!(out.code, 0, "{out:?}");
        let v: Value = serde_json::from_str(&out.stdout).expect("json");
        (
            v["due"].as_str().unwrap_or_default().to_string(),
            v["unknown_years"].clone(),
            out.stderr,
        )
    };
    // 2027 is not built in: the 8 hours run through New Year's Day, and that is said.
    let (before, unknown, said) = due("tester");
    assert_eq!(before, "2027-01-01T17:00:00+08:00");
    assert_eq!(unknown, serde_json::json!([2027]));
    assert!(said.contains("[holidays.2027]"), "{said}");
    let file = k.dir.path().join("team.toml");
    let f = file.to_str().expect("utf-8");
    std::fs::write(&file, "[holidays.2027]\nholidays = [\"2027-01-01\"]\n").expect("written");
    k.ok(&["settings", "import", f]);
    // New Year's Day is a holiday for everyone now: the 8 hours end on Monday the 4th.
    for user in ["tester", "li.na"] {
        let (after, unknown, said) = due(user);
        assert_eq!(after, "2027-01-04T17:00:00+08:00", "{user}");
        assert_eq!(unknown, serde_json::json!([]));
        assert!(said.is_empty(), "{said}");
    }
    // A bad date is named and nothing changes.
    std::fs::write(&file, "[holidays.2027]\nholidays = [\"2027-02-30\"]\n").expect("written");
    has_all(
        &k.fails(&["settings", "import", f], 2),
        &["[holidays.2027] holidays", "2027-02-30"],
    );
    assert_eq!(due("tester").0, "2027-01-04T17:00:00+08:00");
}

#[test]
fn the_teams_required_customer_fields_make_a_file_complete() {
    let k = Kefu::new();
    k.ok(&["customer", "add", "--name", "恒瑞化工", "--city", "苏州"]);
    let completeness = |k: &Kefu| {
        let v = k.json(&["kpi", "--period", "2026-11"]);
        kpi(&v, "file_completeness")["value"].as_f64()
    };
    // Built in: 10 declared fields and a contact; name and city are 2 of 11.
    assert_eq!(completeness(&k), Some(18.18));
    has_all(&k.ok(&["customer", "show", "C00001"]), &["2/11"]);
    let file = k.dir.path().join("team.toml");
    let f = file.to_str().expect("utf-8");
    std::fs::write(
        &file,
        "[customer]\nrequired = [\"name\", \"city\", \"postcode\"]\n",
    )
    .expect("written");
    k.ok(&["settings", "import", f]);
    // name, city of name, city, postcode and a contact.
    assert_eq!(completeness(&k), Some(50.0));
    has_all(&k.ok(&["customer", "show", "C00001"]), &["2/4"]);
    std::fs::write(&file, "[customer]\nrequired = [\"name\", \"colour\"]\n").expect("written");
    has_all(
        &k.fails(&["settings", "import", f], 2),
        &["[customer] required", "colour"],
    );
    assert_eq!(completeness(&k), Some(50.0));
}
