//! `kefu sla --json` on 20,000 open complaints beside `sqlite3` running the equivalent raw
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
use kefu::store::complaints::{ComplaintRow, NewComplaint};
use kefu::store::Store;

const CUSTOMERS: u32 = 2_000;
const COMPLAINTS: usize = 20_000;
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

/// CPU time of this thread so far, in ms (NaN without /proc).
fn thread_cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}

/// User + system CPU time of the children waited for so far, in ms (NaN without /proc).
fn children_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after "(comm)" start at field 3; cutime and cstime are fields 16 and 17,
    // in USER_HZ ticks (100 per second on Linux).
    let rest = stat.rfind(')').map_or("", |i| &stat[i + 1..]);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok());
    match (field(13), field(14)) {
        (Some(u), Some(s)) => (u + s) * 10.0,
        _ => f64::NAN,
    }
}

/// Wall and CPU times of repeated runs, in ms.
#[derive(Default)]
struct Samples {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Samples {
    /// Wall time since `t0` and CPU time since `cpu0` (a [`thread_cpu_ms`] reading).
    fn since(&mut self, t0: Instant, cpu0: f64) {
        self.wall.push(ms(t0.elapsed()));
        self.cpu.push(thread_cpu_ms() - cpu0);
    }

    /// Prints min / median / max wall time and the mean CPU time; returns (median wall, mean cpu).
    fn show(&self, label: &str) -> (f64, f64) {
        let mut s = self.wall.clone();
        s.sort_by(f64::total_cmp);
        let n = s.len();
        let med = (s[(n - 1) / 2] + s[n / 2]) / 2.0;
        let cpu = self.cpu.iter().sum::<f64>() / self.cpu.len() as f64;
        println!(
            "  {label:<46} wall min {:7.2}  median {med:7.2}  max {:7.2} ms | cpu {cpu:7.2} ms",
            s[0],
            s[n - 1]
        );
        (med, cpu)
    }
}

/// Demo customers, then `COMPLAINTS` open complaints received over the last 10 days:
/// a third acknowledged, one in five with the customer's reply-by time, one in ten waiting
/// on the customer (half of those resumed).
fn build(path: &Path, now: DateTime<Utc>) {
    let mut store =
        Store::create(path, true, "bench", now, DEFAULT_TZ).expect("make the bench database");
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

/// One warm-up run, then `RUNS` timed runs of `cmd` with stdout drained through a pipe;
/// returns the times and the last run's stdout.
fn time_cmd(name: &str, mut cmd: Command) -> (Samples, Vec<u8>) {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut t = Samples::default();
    let mut last = Vec::new();
    for i in 0..=RUNS {
        let (t0, cpu0) = (Instant::now(), children_cpu_ms());
        let out = cmd.output().expect("start the command");
        let wall = ms(t0.elapsed());
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            panic!("{name} failed ({}): {err}", out.status);
        }
        if i > 0 {
            t.wall.push(wall);
            t.cpu.push(children_cpu_ms() - cpu0);
        }
        last = out.stdout;
    }
    (t, last)
}

/// Times `f` `RUNS` times after a warm-up (dropping its result outside the timing);
/// returns the times and the last result.
fn time_fn<T>(mut f: impl FnMut() -> T) -> (Samples, T) {
    let mut t = Samples::default();
    let mut r = f();
    for _ in 0..RUNS {
        let (t0, cpu0) = (Instant::now(), thread_cpu_ms());
        let out = f();
        t.since(t0, cpu0);
        r = out;
    }
    (t, r)
}

/// Where the time of `kefu sla --json` goes, step by step through the library.
fn breakdown(db: &Path, now: DateTime<Utc>, bin: &str, cfg: &Path) {
    println!("breakdown (in process unless noted; 1 warm-up + {RUNS} runs each):");
    let mut version = Command::new(bin);
    version.arg("--version").env("XDG_CONFIG_HOME", cfg);
    time_cmd("kefu --version", version)
        .0
        .show("process start (`kefu --version`, a process)");
    let (t, policy) = time_fn(|| kefu::config::policy::builtin(DEFAULT_TZ));
    t.show("policy::builtin (holiday calendar)");
    let (t, store) = time_fn(|| Store::open(db, "bench", now, DEFAULT_TZ).expect("open the db"));
    t.show("Store::open");
    let (t, rows) = time_fn(|| store.list_complaints(true).expect("list open complaints"));
    t.show(&format!(
        "Store::list_complaints(true) ({} rows)",
        rows.len()
    ));
    let (t, entries) = time_fn(|| kefu::report::sla_entries(&rows, &policy, now));
    t.show(&format!("report::sla_entries ({} clocks)", entries.len()));
    let (t, _) = time_fn(|| {
        rows.iter()
            .filter(|r| policy.escalated(&r.facts, now))
            .count()
    });
    t.show("  of which SlaPolicy::escalated (every row)");
    let (t, _) = time_fn(|| {
        let run = |r: &ComplaintRow| policy.running(&r.subject(), &r.facts, now).len();
        rows.iter().map(run).sum::<usize>()
    });
    t.show("  of which SlaPolicy::running (every row)");
    let cal = &policy.calendar;
    let n = rows.len() as f64;
    let (t, _) = time_fn(|| {
        rows.iter()
            .map(|r| cal.between(r.facts.start(), now))
            .sum::<i64>()
    });
    let (_, cpu) = t.show(&format!("WorkCalendar::between(start, now) x{n}"));
    println!(
        "    = {:.0} ns CPU per call (a walk over up to 10 days)",
        cpu * 1e6 / n
    );
    let (t, _) = time_fn(|| {
        rows.iter()
            .filter_map(|r| cal.add(r.facts.start(), 16 * 3600))
            .count()
    });
    let (_, cpu) = t.show(&format!("WorkCalendar::add(start, 16h) x{n}"));
    println!("    = {:.0} ns CPU per call", cpu * 1e6 / n);
    // JSON built the simple way, for scale: the binary instead writes each line as its
    // clocks are worked out, on a second thread while the next complaints are read
    // (src/cli/sla_json.rs), so the steps above overlap there.
    let build = || -> Vec<serde_json::Value> {
        let item = |e: &kefu::report::SlaEntry| {
            serde_json::json!({
                "record": e.record, "kind": e.kind, "customer": e.customer,
                "customer_name": e.customer_name, "severity": e.severity, "step": e.step,
                "clock": e.clock, "due": rfc3339(e.due, DEFAULT_TZ),
                "remaining_s": e.remaining_s, "state": e.state, "escalated": e.escalated,
            })
        };
        entries.iter().map(item).collect()
    };
    let (t, items) = time_fn(build);
    t.show("JSON: a json!() Value per entry (+ rfc3339)");
    let (t, text) = time_fn(|| serde_json::to_string_pretty(&items).expect("serialise"));
    t.show(&format!("JSON: to_string_pretty ({} B)", text.len()));
    time_fn(|| drop(build()))
        .0
        .show("JSON: the Values built and dropped");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = tempfile::tempdir().expect("empty config dir");
    let db = dir.path().join("sla.db");
    let now = parse_time(kefu::field_id::FieldId::named("now"), NOW, DEFAULT_TZ)
        .expect("parse the bench's now");
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
    let report = entries.iter().filter(|e| &*e.clock == "report").count();
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

    println!("the binary and the floor (1 warm-up + {RUNS} runs each, stdout drained):");
    let mut kefu = Command::new(bin);
    kefu.arg("--db")
        .arg(&db)
        .args(["--now", NOW, "--lang", "en", "sla", "--json"])
        .env("XDG_CONFIG_HOME", cfg.path())
        .env_remove("KEFU_CONFIG");
    let (t, out) = time_cmd("kefu sla --json", kefu);
    let (kefu_med, kefu_cpu) = t.show("kefu sla --json");
    let items = serde_json::from_slice::<serde_json::Value>(&out)
        .ok()
        .and_then(|j| j.as_array().map(Vec::len));
    println!("    output {} B, {items:?} clocks", out.len());
    let floor = if Path::new(SQLITE).exists() {
        let mut sq = Command::new(SQLITE);
        sq.arg("-json").arg(&db).arg(FLOOR_SQL);
        let (t, out) = time_cmd("sqlite3", sq);
        let floor = t.show("sqlite3 -json, the raw query (floor)");
        println!("    output {} B", out.len());
        Some(floor)
    } else {
        println!("  no floor: {SQLITE} is missing (apt-get install sqlite3)");
        None
    };
    let ratio = floor.map(|(wall, cpu)| (kefu_med / wall, kefu_cpu / cpu));
    if let Some((wall, cpu)) = ratio {
        println!(
            "  ratio kefu / sqlite3: {wall:.2}x wall (medians), {cpu:.2}x CPU (aim: within 1.5x)"
        );
    }
    breakdown(&db, now, bin, cfg.path());

    println!("\n== kefu sla --json vs sqlite3 (reproduce: cargo bench --bench sla) ==");
    let both = |x: Option<(f64, f64)>, unit: &str| {
        x.map_or("n/a".into(), |(w, c)| {
            format!("{w:.2}{unit} wall (median), {c:.2}{unit} CPU (mean)")
        })
    };
    for (k, v) in [
        ("open complaints", rows.len().to_string()),
        ("running clocks", entries.len().to_string()),
        ("kefu", both(Some((kefu_med, kefu_cpu)), " ms")),
        ("sqlite3", both(floor, " ms")),
        ("ratio", both(ratio, "x")),
        ("reproduce", "cargo bench --bench sla".into()),
    ] {
        println!("{k:<16} {v}");
    }
}
