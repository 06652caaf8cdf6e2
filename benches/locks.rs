//! Readers while a writer holds the lock: `kefu customer list`, `kefu sla` and `kefu kpi`
//! run as whole processes while another connection sits inside a write
//! transaction. Prints latencies (aim: p99 under 50 ms); asserts nothing.
//!
//! Reproduce: `cargo bench --bench locks`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kefu::domain::time::{parse_time, DEFAULT_TZ};
use kefu::field_id::FieldId;
use kefu::store::Store;

const CUSTOMERS: u32 = 2_000;
const RUNS: usize = 40;
const NOW: &str = "2026-11-23 10:00";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = tempfile::tempdir().expect("empty config dir");
    let db = dir.path().join("locks.db");
    let now = parse_time(FieldId::named("now"), NOW, DEFAULT_TZ).expect("now");
    let mut store = Store::create(&db, true, "bench", now, DEFAULT_TZ).expect("make the db");
    let opts = kefu::demo::DemoOptions {
        customers: CUSTOMERS,
        seed: 1,
    };
    store
        .write(|tx| kefu::demo::generate(tx, opts, now))
        .expect("demo data");
    drop(store);

    // The writer: inside a write transaction, as a long import would be, for the whole run.
    let writer = rusqlite::Connection::open(&db).expect("writer");
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE customers SET city = city WHERE id = 1;")
        .expect("take the write lock");

    let bin = env!("CARGO_BIN_EXE_kefu");
    println!(
        "== readers while another connection holds the write lock (cargo bench --bench locks) =="
    );
    println!("{CUSTOMERS} demo customers, {RUNS} runs each, whole processes, stdout drained");
    for args in [
        &["customer", "list", "--json"][..],
        &["sla", "--json"],
        &["kpi", "--period", "2026-11"],
    ] {
        let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
        let mut failed = 0;
        for _ in 0..RUNS {
            let t0 = Instant::now();
            let out = Command::new(bin)
                .arg("--db")
                .arg(&db)
                .args(["--now", NOW, "--lang", "en"])
                .args(args)
                .env("XDG_CONFIG_HOME", cfg.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .output()
                .expect("run kefu");
            times.push(t0.elapsed());
            failed += usize::from(!out.status.success());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let p = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
        println!(
            "kefu {:<22} p50 {:6.1} ms  p99 {:6.1} ms  max {:6.1} ms  failed {failed}/{RUNS}",
            args.join(" "),
            p(0.5),
            p(0.99),
            ms(times[times.len() - 1])
        );
    }
    writer.execute_batch("ROLLBACK").expect("release the lock");
}
