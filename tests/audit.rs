//! The tamper-evident history: append-only guards, the hash chain, and the check that
//! every audited record holds what its history last recorded; random tamperings of both
//! are found by `audit verify`.

use std::path::Path;

use kefu::domain::time::DEFAULT_TZ;
use kefu::store::open::Access;
use kefu::store::Store;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::{Kefu, NOW};

fn now() -> chrono::DateTime<chrono::Utc> {
    kefu::domain::time::parse_time(kefu::field_id::FieldId::named("now"), NOW, DEFAULT_TZ)
        .expect("now")
}

/// What `audit verify` finds in the database at `path`: None when it holds.
fn verify(path: &Path) -> Option<String> {
    let store = Store::open_for(path, Access::Read, "auditor", now(), DEFAULT_TZ).expect("open");
    if let Err(b) = store.audit_chain().expect("chain") {
        return Some(format!("chain {b:?}"));
    }
    store
        .audit_records()
        .expect("records")
        .map(|c| format!("record {c:?}"))
}

/// A small deterministic generator (the tamperings must be the same on every run).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n.max(1) as u64) as i64
    }
}

/// A demo sandbox with one return of `value` RMB on KS-2026-00001.
fn demo_with_return(value: &str) -> Kefu {
    let k = Kefu::demo();
    k.ok(&[
        "return",
        "add",
        "KS-2026-00001",
        "--quantity",
        "5",
        "--disposition",
        "rework",
        "--value",
        value,
    ]);
    k
}

#[test]
fn the_history_is_append_only_and_a_fresh_database_verifies() {
    let k = demo_with_return("800");
    let text = k.ok(&["audit", "verify"]);
    has_all(&text, &["History intact", "rows, head"]);
    let head = k.json(&["audit", "head"]);
    assert!(head["rows"].as_i64().unwrap_or(0) > 100, "{head}");
    assert_eq!(head["head"].as_str().map(str::len), Some(64), "{head}");
    let conn = rusqlite::Connection::open(&k.db).expect("sqlite");
    for sql in [
        "UPDATE history SET actor = 'x' WHERE id = 3",
        "DELETE FROM history WHERE id = 3",
    ] {
        let err = conn.execute(sql, []).expect_err("refused");
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    // The demo wipe on a sandbox still works, and leaves a chain that verifies.
    k.ok(&["demo", "--force", "--customers", "5"]);
    k.ok(&["audit", "verify"]);
}

#[test]
fn a_hundred_random_tamperings_are_all_found() {
    let k = demo_with_return("800");
    assert_eq!(verify(&k.db), None);
    let rows: i64 = rusqlite::Connection::open(&k.db)
        .expect("sqlite")
        .query_row("SELECT COUNT(*) FROM history", [], |r| r.get(0))
        .expect("count");
    let mut rng = Lcg(42);
    let mut kinds = [0; 6];
    for case in 0..100 {
        let copy = k.dir.path().join(format!("t{case}.db"));
        std::fs::copy(&k.db, &copy).expect("copy");
        let conn = rusqlite::Connection::open(&copy).expect("open copy");
        conn.execute_batch("DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete;")
            .expect("an attacker drops the guards");
        // Any row but the last: removing or changing the newest row is what the head
        // written down by the auditor catches (see below).
        let id = 1 + rng.below(rows - 1);
        let kind = rng.below(6) as usize;
        kinds[kind] += 1;
        let sql = match kind {
            0 => format!("UPDATE history SET new = COALESCE(new, '') || 'x' WHERE id = {id}"),
            1 => format!("UPDATE history SET actor = 'zhang.wei' WHERE id = {id}"),
            2 => format!("DELETE FROM history WHERE id = {id}"),
            // Two rows swap their content (a reordering), keeping their hashes.
            3 => format!(
                "UPDATE history SET at = (SELECT at FROM history WHERE id = {o}),
                    entity_key = (SELECT entity_key FROM history WHERE id = {o}),
                    new = (SELECT new FROM history WHERE id = {o}) WHERE id = {id}",
                o = id % (rows - 1) + 1
            ),
            // A row slipped in, copying its neighbour's hashes.
            4 => format!(
                "UPDATE history SET id = id + 1000000 WHERE id > {id};
                 INSERT INTO history (id, at, actor, entity, entity_key, action, field, old, new, prev_hash, hash)
                    SELECT {id} + 1, at, actor, entity, entity_key, action, field, old, 'forged', prev_hash, hash
                    FROM history WHERE id = {id};"
            ),
            // A record changed without kefu: the replacement approved behind its back.
            _ => "UPDATE returns SET approved_by = 'zhang.wei'".to_string(),
        };
        conn.execute_batch(&sql).expect("tamper");
        drop(conn);
        let found = verify(&copy);
        assert!(
            found.is_some(),
            "case {case} (kind {kind}, row {id}) went unnoticed"
        );
        std::fs::remove_file(&copy).ok();
    }
    assert!(
        kinds.iter().all(|n| *n > 5),
        "every kind was tried: {kinds:?}"
    );
}

#[test]
fn removing_the_newest_row_changes_the_head_the_auditor_wrote_down() {
    let k = Kefu::demo();
    let before = k.json(&["audit", "head"]);
    let conn = rusqlite::Connection::open(&k.db).expect("sqlite");
    conn.execute_batch(
        "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = (SELECT MAX(id) FROM history);",
    )
    .expect("tamper");
    drop(conn);
    let after = k.json(&["audit", "head"]);
    assert_ne!(before["head"], after["head"]);
    assert_eq!(
        before["rows"].as_i64().map(|n| n - 1),
        after["rows"].as_i64()
    );
}

#[test]
fn verify_names_the_changed_record_in_both_languages() {
    let k = demo_with_return("5000");
    rusqlite::Connection::open(&k.db)
        .expect("sqlite")
        .execute("UPDATE returns SET approved_by = 'zhang.wei'", [])
        .expect("tamper");
    let err = k.fails(&["audit", "verify"], 1);
    has_all(&err, &["return 1", "approved_by", "zhang.wei"]);
    let out = binary::run(k.cmd_with("zh", harness::TESTER, &["audit", "verify"]));
    has_all(&out.stderr, &["记录与历史不符", "approved_by"]);
}

#[test]
fn a_row_records_when_it_was_written_and_when_it_happened() {
    let k = Kefu::new();
    k.staff(&[("chen.jing", "quality")]);
    let mut add = harness::minor_complaint("C00001");
    k.ok(&["customer", "add", "--name", "恒瑞化工"]);
    add.extend(["--received", "2026-11-23 08:00"]);
    let n = k.ok(&add).trim().to_string();
    k.ok(&["complaint", "ack", &n, "--at", "2026-11-23 09:00"]);
    let v = k.json(&["complaint", "show", &n]);
    let step = v["history"]
        .as_array()
        .and_then(|h| h.iter().find(|c| c["action"] == "step"))
        .cloned()
        .unwrap_or_default();
    // Written at the sandbox's now; it happened when --at says.
    assert_eq!(step["at"], "2026-11-23T10:00:00+08:00", "{step}");
    assert_eq!(step["event_at"], "2026-11-23T09:00:00+08:00", "{step}");
    k.ok(&["audit", "verify"]);
}
