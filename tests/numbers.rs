//! Numbers and codes never collide: past KS-2026-99999 comes KS-2026-100000, then 100001.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/kefu.rs"]
mod kefu;

use kefu::Kefu;

fn complaint(k: &Kefu) -> String {
    k.ok(&[
        "complaint",
        "add",
        "--customer",
        "C00001",
        "--title",
        "划伤",
        "--severity",
        "minor",
        "--category",
        "quality",
        "--channel",
        "phone",
        "--received",
        "2026-11-23 09:00",
    ])
    .trim()
    .to_string()
}

#[test]
fn complaint_numbers_and_customer_codes_grow_past_five_digits() {
    let k = Kefu::new();
    k.ok(&["init"]);
    assert_eq!(
        k.ok(&["customer", "add", "--name", "苏州恒瑞"]).trim(),
        "C00001"
    );
    assert_eq!(complaint(&k), "KS-2026-00001");
    // Another tool (or years of use) brought the sequences to their five-digit ends.
    let db = rusqlite::Connection::open(&k.db).expect("open");
    db.execute("UPDATE complaints SET number = 'KS-2026-99999'", [])
        .expect("renumber");
    db.execute(
        "INSERT INTO customers (code, name, created_at, updated_at)
         VALUES ('C99999', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        [],
    )
    .expect("customer");
    drop(db);
    assert_eq!(complaint(&k), "KS-2026-100000");
    assert_eq!(complaint(&k), "KS-2026-100001", "not 100000 again");
    assert_eq!(
        k.ok(&["customer", "add", "--name", "宁波东方"]).trim(),
        "C100000"
    );
    assert_eq!(
        k.ok(&["customer", "add", "--name", "杭州精密"]).trim(),
        "C100001"
    );
    let list = k.json(&["complaint", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(3));
}
