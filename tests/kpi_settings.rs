//! KPI targets and the first-response limit come from the settings, not from constants.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;

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

    let config = k.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[sla.clocks.first_response]\nhours = 2\n\n[kpi]\nnps_overall = 55\ncomplaint_rate_below = 0.5\n",
    )
    .expect("config written");
    let c = config.to_str().expect("utf-8 path");
    let tuned = k.json(&["--config", c, "kpi", "--period", "2026-11"]);
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

    std::fs::write(&config, "[kpi]\nnps_overall = 500\n").expect("config written");
    let out = k.run(&["--config", c, "kpi", "--period", "2026-11", "--json"]);
    assert_eq!(
        out.code, 0,
        "a bad target is reported, the default applies: {out:?}"
    );
    assert!(
        out.stderr.contains("[kpi] nps_overall") && out.stderr.contains("500"),
        "{}",
        out.stderr
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(kpi(&v, "nps_overall")["target"], 50.0);
}
