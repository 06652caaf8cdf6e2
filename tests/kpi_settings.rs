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
        out.stderr.contains("kefu settings import") && out.stderr.contains("[kpi]"),
        "{}",
        out.stderr
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(kpi(&v, "nps_overall")["target"], 55.0);
    // The change is in the history, and the chain holds.
    k.ok(&["audit", "verify"]);
}
