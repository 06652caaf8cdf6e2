//! `kefu sla --json` on 10,000 open complaints beside `sqlite3` running the equivalent raw
//! query on the same file (the floor). Prints numbers and asserts nothing.
//!
//! Reproduce: `cargo bench --bench sla` (cargo builds the `kefu` binary for benches too;
//! `CARGO_BIN_EXE_kefu` points at it). The floor needs the sqlite3 CLI (`apt-get install sqlite3`).
//! `KEFU_SLA_BENCH_KEEP=/tmp/sla.db` keeps a copy of the database, e.g. for `perf record`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use kefu::domain::complaint::{Category, Channel, Severity, Step};
use kefu::domain::time::{parse_time, rfc3339, DEFAULT_TZ};
use kefu::store::complaints::NewComplaint;
use kefu::store::Store;

const CUSTOMERS: u32 = 2_000;
const COMPLAINTS: usize = 10_000;
const RUNS: usize = 10;
const NOW: &str = "2026-11-23 10:00";
const SQLITE: &str = "/usr/bin/sqlite3";
const FLOOR_SQL: &str = "SELECT k.number, c.code, c.short_name, c.grade, k.severity, k.category, \
    k.step, k.received_at, k.reply_by, k.acknowledged_at, k.plan_at, k.disposed_at, k.report_at, \
    k.reopened_at, k.escalated_at FROM complaints k JOIN customers c ON c.id = k.customer_id \
    WHERE k.step NOT IN ('closed','rejected') ORDER BY k.received_at; \
    SELECT complaint_id, from_at, to_at FROM complaint_pauses;";

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (min, median, max) of the samples.
fn stats(v: &[f64]) -> (f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let med = if n % 2 == 0 {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    } else {
        s[n / 2]
    };
    (s[0], med, s[n - 1])
}

fn show(label: &str, v: &[f64]) -> f64 {
    let (lo, med, hi) = stats(v);
    println!("  {label:<44} min {lo:8.2} ms  median {med:8.2} ms  max {hi:8.2} ms");
    med
}

/// Demo customers, then `COMPLAINTS` open complaints received over the last 10 days:
/// a third acknowledged, one in five with the customer's reply-by time, one in ten waiting
/// on the customer (half of those resumed).
fn build(path: &Path, now: DateTime<Utc>) {
    let mut store = Store::open(path, "bench", now, DEFAULT_TZ).expect("open the bench database");
    let opts = kefu::demo::DemoOptions {
        customers: CUSTOMERS,
        seed: 1,
    };
    store
        .write(|tx| kefu::demo::generate(tx, opts, now))
        .expect("generate the demo customers");
    store
        .write(|tx| {
            for i in 0..COMPLAINTS {
                let received = now - Duration::minutes(30 + (i as i64 * 7_919) % 14_400);
                let c = NewComplaint {
                    customer: format!("C{:05}", 1 + i % CUSTOMERS as usize),
                    title: format!("Bench complaint {i}"),
                    description: None,
                    channel: Channel::Phone,
                    category: Category::ALL[i % Category::ALL.len()],
                    severity: Severity::ALL[(i / 7) % Severity::ALL.len()],
                    received_at: received,
                    reply_by: (i % 5 == 0)
                        .then(|| received + Duration::hours(24 + (i % 48) as i64)),
                    owner: Some("li.na".into()),
                    product: None,
                    batch: None,
                    quantity: None,
                };
                let number = tx.add_complaint(&c, now)?;
                if i % 3 == 1 {
                    let at = received + Duration::minutes(5);
                    tx.record_step(&number, Step::Acknowledged, at, "bench", None)?;
                }
                if i % 10 == 7 {
                    tx.pause(&number, received + Duration::minutes(10), "samples")?;
                    if i % 20 == 7 {
                        tx.resume(&number, received + Duration::minutes(20))?;
                    }
                }
            }
            Ok(())
        })
        .expect("add the bench complaints");
}

/// One warm-up run, then `RUNS` timed runs of `cmd` with stdout drained; returns wall times
/// in ms and the bytes of the last run's stdout.
fn time_cmd(name: &str, mut cmd: Command) -> (Vec<f64>, Vec<u8>) {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut times = Vec::new();
    let mut last = Vec::new();
    for i in 0..=RUNS {
        let t0 = Instant::now();
        let out = cmd.output().expect("start the command");
        let took = ms(t0.elapsed());
        if !out.status.success() {
            panic!(
                "{name} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if i > 0 {
            times.push(took);
        }
        last = out.stdout;
    }
    (times, last)
}

/// Times `f` `RUNS` times; returns ms per run and its last result.
fn time_fn<T>(mut f: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut v = Vec::new();
    let mut r = f();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        r = f();
        v.push(ms(t0.elapsed()));
    }
    (v, r)
}

/// Where the time of `kefu sla --json` goes, step by step through the library.
fn breakdown(db: &Path, now: DateTime<Utc>, bin: &str, cfg: &Path) {
    println!("breakdown (in process, {RUNS} runs each after a warm-up):");
    let mut version = Command::new(bin);
    version.arg("--version").env("XDG_CONFIG_HOME", cfg);
    let (v, _) = time_cmd("kefu --version", version);
    show("process start (`kefu --version`)", &v);
    let (v, policy) = time_fn(|| kefu::config::policy::builtin(DEFAULT_TZ));
    show("policy::builtin (holiday calendar)", &v);
    let (v, store) = time_fn(|| Store::open(db, "bench", now, DEFAULT_TZ).expect("open the db"));
    show("Store::open", &v);
    let (v, rows) = time_fn(|| store.list_complaints(true).expect("list open complaints"));
    show(&format!("list_complaints(true) ({} rows)", rows.len()), &v);
    let (v, entries) = time_fn(|| kefu::report::sla_entries(&rows, &policy, now));
    show(&format!("sla_entries ({} clocks)", entries.len()), &v);
    let (v, _) = time_fn(|| {
        rows.iter()
            .filter(|r| policy.escalated(&r.facts, now))
            .count()
    });
    show("  of which SlaPolicy::escalated (all rows)", &v);
    let (v, _) = time_fn(|| {
        let f =
            |r: &kefu::store::complaints::ComplaintRow| policy.running(&r.subject(), &r.facts, now);
        rows.iter().map(|r| f(r).len()).sum::<usize>()
    });
    show("  of which SlaPolicy::running (all rows)", &v);
    let cal = &policy.calendar;
    let (v, _) = time_fn(|| {
        rows.iter()
            .map(|r| cal.between(r.facts.start(), now))
            .sum::<i64>()
    });
    let per = stats(&v).1 * 1e6 / rows.len() as f64;
    show(
        &format!("  WorkCalendar::between x{} ({per:.0} ns/call)", rows.len()),
        &v,
    );
    let (v, _) = time_fn(|| {
        let f = |r: &kefu::store::complaints::ComplaintRow| cal.add(r.facts.start(), 16 * 3600);
        rows.iter().filter_map(f).count()
    });
    let per = stats(&v).1 * 1e6 / rows.len() as f64;
    show(
        &format!("  WorkCalendar::add 16h x{} ({per:.0} ns/call)", rows.len()),
        &v,
    );
    let (v, bytes) = time_fn(|| {
        let items: Vec<_> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "record": e.record, "kind": e.kind, "customer": e.customer,
                    "customer_name": e.customer_name, "severity": e.severity, "step": e.step,
                    "clock": e.clock, "due": rfc3339(e.due, DEFAULT_TZ),
                    "remaining_s": e.remaining_s, "state": e.state, "escalated": e.escalated,
                })
            })
            .collect();
        serde_json::to_string_pretty(&items)
            .expect("serialise")
            .len()
    });
    show(&format!("JSON build + to_string_pretty ({bytes} B)"), &v);
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = tempfile::tempdir().expect("empty config dir");
    let db = dir.path().join("sla.db");
    let now = parse_time("now", NOW, DEFAULT_TZ).expect("parse the bench's now");
    let bin = env!("CARGO_BIN_EXE_kefu");

    println!("building the database ({CUSTOMERS} customers + {COMPLAINTS} open complaints)...");
    let t0 = Instant::now();
    build(&db, now);
    let store = Store::open(&db, "bench", now, DEFAULT_TZ).expect("reopen the bench database");
    let rows = store.list_complaints(true).expect("list open complaints");
    let policy = kefu::config::policy::builtin(DEFAULT_TZ);
    let entries = kefu::report::sla_entries(&rows, &policy, now);
    drop(store);
    let paused = rows.iter().filter(|r| r.facts.paused()).count();
    let report = entries.iter().filter(|e| e.clock == "report").count();
    println!(
        "  built in {:.0} ms: {} open complaints ({paused} waiting on the customer), \
         {} running clocks ({report} report clocks, on working time unless a reply-by is set)",
        ms(t0.elapsed()),
        rows.len(),
        entries.len()
    );

    if let Some(keep) = std::env::var_os("KEFU_SLA_BENCH_KEEP") {
        std::fs::copy(&db, &keep).expect("copy the database to KEFU_SLA_BENCH_KEEP");
        println!("  kept a copy at {} (for perf)", Path::new(&keep).display());
    }
    println!("kefu sla --json (1 warm-up + {RUNS} runs):");
    let mut kefu = Command::new(bin);
    kefu.arg("--db")
        .arg(&db)
        .args(["--now", NOW, "--lang", "en", "sla", "--json"])
        .env("XDG_CONFIG_HOME", cfg.path())
        .env_remove("KEFU_CONFIG");
    let (v, out) = time_cmd("kefu sla --json", kefu);
    let kefu_med = show("kefu sla --json", &v);
    let items = serde_json::from_slice::<serde_json::Value>(&out)
        .ok()
        .and_then(|j| j.as_array().map(Vec::len));
    println!("  output: {} B, {items:?} clocks", out.len());

    let floor = if Path::new(SQLITE).exists() {
        println!("sqlite3 -json, the raw query (1 warm-up + {RUNS} runs):");
        let mut sq = Command::new(SQLITE);
        sq.arg("-json").arg(&db).arg(FLOOR_SQL);
        let (v, out) = time_cmd("sqlite3", sq);
        let med = show("sqlite3 -json (floor)", &v);
        println!("  output: {} B", out.len());
        Some(med)
    } else {
        println!("the floor could not be measured: {SQLITE} is missing (apt-get install sqlite3)");
        None
    };
    let ratio = floor.map(|f| kefu_med / f);
    if let Some(r) = ratio {
        println!("ratio kefu / sqlite3 (medians): {r:.2}x (aim: within 2x)");
    }
    breakdown(&db, now, bin, cfg.path());

    println!("\n== kefu sla --json vs sqlite3 (reproduce: cargo bench --bench sla) ==");
    let fmt = |x: Option<f64>, unit: &str| x.map_or("n/a".into(), |x| format!("{x:.2}{unit}"));
    for (k, v) in [
        ("open complaints", rows.len().to_string()),
        ("running clocks", entries.len().to_string()),
        ("kefu median", format!("{kefu_med:.2} ms")),
        ("sqlite3 median", fmt(floor, " ms")),
        ("ratio", fmt(ratio, "x")),
        ("reproduce", "cargo bench --bench sla".into()),
    ] {
        println!("{k:<16} {v}");
    }
}
