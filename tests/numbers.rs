//! Numbers and codes never collide: past KS-2026-99999 comes KS-2026-100000, then 100001.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;

use harness::Kefu;

fn complaint(k: &Kefu) -> String {
    let mut args = harness::minor_complaint("C100000");
    args.extend(["--received", "2026-11-23 09:00"]);
    k.ok(&args).trim().to_string()
}

fn sql(k: &Kefu, statement: &str) {
    let db = rusqlite::Connection::open(&k.db).expect("open");
    db.execute(statement, []).expect(statement);
}

#[test]
fn complaint_numbers_and_customer_codes_grow_past_five_digits() {
    let k = Kefu::new();
    k.ok(&["init"]);
    // Another tool (or years of use) brought the sequences to their five-digit ends.
    sql(
        &k,
        "INSERT INTO customers (code, name, created_at, updated_at)
         VALUES ('C99999', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    );
    sql(
        &k,
        "INSERT INTO complaints (number, customer_id, title, channel, category, severity, step,
                                 received_at, created_at, updated_at)
         VALUES ('KS-2026-99999', 1, 'x', 'phone', 'quality', 'minor', 'received',
                 '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z')",
    );
    assert_eq!(
        k.ok(&["customer", "add", "--name", "宁波东方"]).trim(),
        "C100000"
    );
    assert_eq!(
        k.ok(&["customer", "add", "--name", "杭州精密"]).trim(),
        "C100001"
    );
    assert_eq!(complaint(&k), "KS-2026-100000");
    assert_eq!(complaint(&k), "KS-2026-100001", "not 100000 again");
    // A number taken another way since is stepped over, not repeated.
    sql(
        &k,
        "UPDATE complaints SET number = 'KS-2026-100002' WHERE number = 'KS-2026-99999'",
    );
    assert_eq!(complaint(&k), "KS-2026-100003");
    let list = k.json(&["complaint", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(4));
}
