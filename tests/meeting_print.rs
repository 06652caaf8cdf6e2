//! `kefu meeting --print [--json] [--at]`: the agenda for e-mail or chat, as a user runs it.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use harness::Kefu;

#[test]
fn the_agenda_as_json_has_the_shape_scripts_read() {
    let k = Kefu::demo();
    let v = k.json(&["meeting", "--print"]);
    assert!(v["at"].as_str().is_some_and(|s| s.ends_with("+08:00")));
    let sections = v["sections"].as_object().expect("sections");
    let names: Vec<&str> = sections.keys().map(String::as_str).collect();
    for s in [
        "breached",
        "due_before_next",
        "warning",
        "escalated",
        "waiting",
    ] {
        assert!(names.contains(&s), "{s} in {names:?}");
    }
    // Every item is shaped like a `kefu sla --json` entry, plus title and owner.
    let sla: Vec<serde_json::Value> = k
        .ok(&["--json", "sla"])
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != "[" && l.trim() != "]")
        .filter_map(|l| serde_json::from_str(l.trim().trim_end_matches(',')).ok())
        .collect();
    let items: Vec<&serde_json::Value> = sections
        .values()
        .flat_map(|s| s.as_array().expect("an array").iter())
        .collect();
    assert!(!items.is_empty(), "the demo has something to talk about");
    for item in &items {
        for key in [
            "record",
            "kind",
            "customer",
            "customer_name",
            "severity",
            "step",
            "clock",
            "due",
            "remaining_s",
            "state",
            "escalated",
            "title",
            "owner",
        ] {
            assert!(item.get(key).is_some(), "{key} in {item}");
        }
        if let Some(entry) = sla
            .iter()
            .find(|e| e["record"] == item["record"] && e["clock"] == item["clock"])
        {
            assert_eq!(entry["due"], item["due"], "the same due time as kefu sla");
        }
    }
    // Each complaint once.
    let mut numbers: Vec<&str> = items.iter().filter_map(|i| i["record"].as_str()).collect();
    let n = numbers.len();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), n);
    assert!(v["owners"].as_array().is_some_and(|o| !o.is_empty()));
    assert_eq!(v["changes"], serde_json::json!([]));
}

#[test]
fn at_previews_a_later_meeting_and_records_nothing() {
    let k = Kefu::demo();
    let before = k.ok(&["audit", "head"]);
    // Friday 27 November: the next meeting is on Monday the 30th.
    let v = k.json(&["meeting", "--at", "2026-11-27 09:00"]);
    assert_eq!(v["at"], "2026-11-27T09:00:00+08:00");
    assert_eq!(v["next_meeting"], "2026-11-30T09:00:00+08:00");
    assert_eq!(k.ok(&["audit", "head"]), before, "a preview writes nothing");
    let bad = k.fails(&["meeting", "--at", "2026-11-31 09:00"], 2);
    assert!(bad.contains("--at"), "{bad}");
}

#[test]
fn the_printed_agenda_lines_up_in_both_languages() {
    let k = Kefu::demo();
    for lang in ["en", "zh"] {
        let mut checked = 0;
        let text = k.ok_in(lang, &["meeting", "--print"]);
        let mut lines = text.lines();
        let heading = lines.next().unwrap_or_default();
        assert!(heading.contains("2026-11-24"), "{lang}: {heading}");
        // Within each table, every row ends its due column at the same display width.
        for table in text.split("\n\n") {
            let rows: Vec<&str> = table.lines().skip(1).collect();
            if rows.len() < 3 || !rows[1].starts_with('─') {
                continue;
            }
            let rule = kefu::text::width(rows[1]);
            for r in &rows[2..] {
                assert!(kefu::text::width(r) <= rule, "{lang}: {r}");
            }
            let starts: Vec<usize> = rows
                .iter()
                .filter(|r| r.starts_with("KS-"))
                .filter_map(|r| r.rfind(" 2026-").map(|i| kefu::text::width(&r[..i])))
                .collect();
            checked += starts.len();
            assert!(
                starts.windows(2).all(|w| w[0] == w[1]),
                "{lang}: due times line up: {starts:?}"
            );
        }
        assert!(checked > 0, "{lang}: some rows were compared");
    }
}
