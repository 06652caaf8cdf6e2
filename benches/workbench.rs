//! Workbench performance on a 10,000-customer demo database.
//!
//! Prints numbers and asserts nothing. Run with `cargo bench --bench workbench`
//! (cargo builds the `kefu` binary for benches too; `CARGO_BIN_EXE_kefu` points at it).

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use kefu::app::action::crossterm_key::{KeyCode, KeyPress};
use kefu::app::{App, Setup};
use kefu::config::settings::Settings;
use kefu::domain::time::{parse_time, DEFAULT_TZ};
use kefu::store::Store;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const CUSTOMERS: u32 = 10_000;
const KEY_PRESSES: usize = 200;
const IDLE_SECS: u64 = 20;

/// Counts the bytes written to it and throws them away.
struct Counter(Rc<Cell<u64>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

type Term = Terminal<CrosstermBackend<Counter>>;

fn terminal(w: u16, h: u16) -> (Term, Rc<Cell<u64>>) {
    let bytes = Rc::new(Cell::new(0));
    let backend = CrosstermBackend::new(Counter(Rc::clone(&bytes)));
    let opts = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    (Terminal::with_options(backend, opts).unwrap(), bytes)
}

fn open_app(db: &Path, now: DateTime<Utc>) -> App {
    let store = Store::open(db, "bench", now, DEFAULT_TZ).unwrap();
    let s = Settings::defaults();
    let setup = Setup {
        lang: kefu::i18n::Lang::En,
        theme: s.theme,
        keymap: s.keymap,
        tz: DEFAULT_TZ,
        warnings: vec![],
    };
    App::new(store, setup).unwrap()
}

fn draw(term: &mut Term, app: &App) {
    term.draw(|f| kefu::ui::draw(f, app)).unwrap();
}

fn key(c: KeyCode) -> KeyPress {
    KeyPress::plain(c)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Sorted copy; `q` in 0..=1 picks the nearest-rank quantile.
fn quantile(v: &[f64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * q).round() as usize]
}

fn med_p95(v: &[f64]) -> String {
    format!(
        "median {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        quantile(v, 0.5),
        quantile(v, 0.95),
        quantile(v, 1.0)
    )
}

/// Collected results: (metric, value).
#[derive(Default)]
struct Table(Vec<(String, String)>);

impl Table {
    fn add(&mut self, metric: &str, value: String) {
        println!("  {metric}: {value}");
        self.0.push((metric.to_string(), value));
    }
}

/// Times `n` presses of `k`, each followed by a draw; returns (total, on_key only, draw only) in ms.
fn press_many(app: &mut App, term: &mut Term, k: KeyPress, n: usize) -> [Vec<f64>; 3] {
    let (mut total, mut keys, mut draws) = (vec![], vec![], vec![]);
    for _ in 0..n {
        let t0 = Instant::now();
        kefu::tui::on_key(app, k);
        let t1 = Instant::now();
        draw(term, app);
        let t2 = Instant::now();
        total.push(ms(t2 - t0));
        keys.push(ms(t1 - t0));
        draws.push(ms(t2 - t1));
    }
    [total, keys, draws]
}

fn bench_keys(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("key + draw at 160x48:");
    let mut app = open_app(db, now);
    let (mut term, _) = terminal(160, 48);
    draw(&mut term, &app);
    let n_board = app.data.board.len();
    let [b, bk, bd] = press_many(&mut app, &mut term, key(KeyCode::Down), KEY_PRESSES);
    t.add(
        &format!("Down+draw, board pane ({n_board} open complaints)"),
        med_p95(&b),
    );
    t.add("  of which on_key (board)", med_p95(&bk));
    t.add("  of which draw (board)", med_p95(&bd));
    kefu::tui::on_key(&mut app, key(KeyCode::Tab));
    draw(&mut term, &app);
    let n = app.filtered.len();
    let [c, ck, cd] = press_many(&mut app, &mut term, key(KeyCode::Down), KEY_PRESSES);
    t.add(
        &format!("Down+draw, customers pane ({n} rows)"),
        med_p95(&c),
    );
    t.add("  of which on_key (customers)", med_p95(&ck));
    t.add("  of which draw (customers)", med_p95(&cd));
    let (mut bottom, mut top) = (vec![], vec![]);
    for _ in 0..20 {
        bottom.extend(press_many(&mut app, &mut term, key(KeyCode::Char('G')), 1)[0].clone());
        top.extend(press_many(&mut app, &mut term, key(KeyCode::Char('g')), 1)[0].clone());
    }
    t.add("G+draw (bottom), customers pane", med_p95(&bottom));
    t.add("g+draw (top), customers pane", med_p95(&top));
}

/// Bytes the backend writes for `k` + draw, after one warm-up press of the same key.
fn bytes_for(app: &mut App, term: &mut Term, bytes: &Cell<u64>, k: KeyPress) -> u64 {
    kefu::tui::on_key(app, k);
    draw(term, app);
    let before = bytes.get();
    kefu::tui::on_key(app, k);
    draw(term, app);
    bytes.get() - before
}

fn bench_bytes(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("bytes written:");
    for (w, h) in [(160, 48), (80, 24)] {
        let mut app = open_app(db, now);
        let (mut term, bytes) = terminal(w, h);
        draw(&mut term, &app);
        t.add(
            &format!("full first frame {w}x{h}"),
            format!("{} B", bytes.get()),
        );
        let down = key(KeyCode::Down);
        let board = bytes_for(&mut app, &mut term, &bytes, down);
        t.add(
            &format!("one Down, board pane {w}x{h}"),
            format!("{board} B"),
        );
        kefu::tui::on_key(&mut app, key(KeyCode::Tab));
        draw(&mut term, &app);
        let cust = bytes_for(&mut app, &mut term, &bytes, down);
        t.add(
            &format!("one Down, customers pane {w}x{h}"),
            format!("{cust} B"),
        );
        let before = bytes.get();
        app.tick(now + chrono::Duration::seconds(1));
        draw(&mut term, &app);
        let tick = bytes.get() - before;
        t.add(
            &format!("one clock tick + draw {w}x{h}"),
            format!("{tick} B"),
        );
    }
}

fn bench_startup(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("start to first frame at 160x48 (10 runs):");
    let (mut total, mut open, mut new, mut first) = (vec![], vec![], vec![], vec![]);
    for _ in 0..10 {
        let t0 = Instant::now();
        let store = Store::open(db, "bench", now, DEFAULT_TZ).unwrap();
        let t1 = Instant::now();
        let s = Settings::defaults();
        let setup = Setup {
            lang: kefu::i18n::Lang::En,
            theme: s.theme,
            keymap: s.keymap,
            tz: DEFAULT_TZ,
            warnings: vec![],
        };
        let app = App::new(store, setup).unwrap();
        let t2 = Instant::now();
        let (mut term, _) = terminal(160, 48);
        draw(&mut term, &app);
        let t3 = Instant::now();
        total.push(ms(t3 - t0));
        open.push(ms(t1 - t0));
        new.push(ms(t2 - t1));
        first.push(ms(t3 - t2));
    }
    let mmm = |v: &[f64]| {
        format!(
            "min {:.1} ms, median {:.1} ms, max {:.1} ms",
            quantile(v, 0.0),
            quantile(v, 0.5),
            quantile(v, 1.0)
        )
    };
    t.add("start to first frame", mmm(&total));
    t.add("  of which Store::open", mmm(&open));
    t.add("  of which Settings + App::new (load)", mmm(&new));
    t.add("  of which first draw", mmm(&first));
}

fn bench_queries(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("queries (10 runs each):");
    let store = Store::open(db, "bench", now, DEFAULT_TZ).unwrap();
    let policy = kefu::config::policy::builtin(DEFAULT_TZ);
    let time = |f: &mut dyn FnMut() -> usize| {
        let mut v = vec![];
        let mut n = 0;
        for _ in 0..10 {
            let t0 = Instant::now();
            n = f();
            v.push(ms(t0.elapsed()));
        }
        (n, v)
    };
    let (n, v) = time(&mut || store.list_customers(&Default::default()).unwrap().len());
    t.add(&format!("list_customers ({n} rows)"), med_p95(&v));
    let (n, v) = time(&mut || store.list_complaints(true).unwrap().len());
    t.add(&format!("list_complaints(open) ({n} rows)"), med_p95(&v));
    let open = store.list_complaints(true).unwrap();
    let (n, v) = time(&mut || kefu::report::sla_entries(&open, &policy, now).len());
    t.add(&format!("sla_entries ({n} clocks)"), med_p95(&v));
    let mut app = open_app(db, now);
    let mut v = vec![];
    for _ in 0..10 {
        let t0 = Instant::now();
        app.reload().unwrap();
        v.push(ms(t0.elapsed()));
    }
    t.add("App::reload (Dashboard::load + filter)", med_p95(&v));
    let mut v = vec![];
    for i in 0..10 {
        let t0 = Instant::now();
        app.tick(now + chrono::Duration::seconds(i + 1));
        v.push(ms(t0.elapsed()));
    }
    t.add("App::tick (1 s later)", med_p95(&v));
}

/// utime + stime of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after "(comm)" start at field 3; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

fn clk_tck() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

fn bench_idle(t: &mut Table, db: &Path) {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    println!("idle binary in a pty at 160x48 ({IDLE_SECS} s):");
    let bin = env!("CARGO_BIN_EXE_kefu");
    let dirs = tempfile::tempdir().unwrap();
    let size = PtySize {
        rows: 48,
        cols: 160,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.args([
        "--db".as_ref(),
        db.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    cmd.env("XDG_STATE_HOME", dirs.path().join("state"));
    cmd.env("XDG_CONFIG_HOME", dirs.path().join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "bench");
    cmd.env_remove("KEFU_CONFIG");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let pid = child.process_id().expect("child pid");
    let out = Arc::new(AtomicU64::new(0));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let counted = Arc::clone(&out);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            counted.fetch_add(n as u64, Ordering::Relaxed);
        }
    });
    let started = Instant::now();
    while out.load(Ordering::Relaxed) == 0 || started.elapsed() < Duration::from_secs(2) {
        if started.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            t.add("idle CPU", "FAILED: no first frame within 60 s".into());
            let _ = child.kill();
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let first_bytes = out.load(Ordering::Relaxed);
    let (tck, c0, b0, t0) = (clk_tck(), cpu_ticks(pid), first_bytes, Instant::now());
    std::thread::sleep(Duration::from_secs(IDLE_SECS));
    let (c1, b1, secs) = (cpu_ticks(pid), out.load(Ordering::Relaxed), t0.elapsed());
    let secs = secs.as_secs_f64();
    match (c0, c1) {
        (Some(c0), Some(c1)) => {
            let pct = (c1 - c0) as f64 / (secs * tck as f64) * 100.0;
            t.add(
                "idle CPU (countdowns ticking)",
                format!(
                    "{pct:.2} % ({} ticks in {secs:.1} s, CLK_TCK {tck})",
                    c1 - c0
                ),
            );
        }
        _ => t.add("idle CPU", "FAILED: cannot read /proc/<pid>/stat".into()),
    }
    t.add(
        "idle output",
        format!(
            "{:.0} B/s ({} B in {secs:.1} s; first frame + 2 s: {first_bytes} B)",
            (b1 - b0) as f64 / secs,
            b1 - b0
        ),
    );
    let mut w = pair.master.take_writer().unwrap();
    let _ = w.write_all(b"q");
    let _ = w.flush();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            _ if Instant::now() > deadline => {
                println!("  (kefu did not quit on q within 5 s; killed)");
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let now = parse_time("now", "2026-11-23 10:00", DEFAULT_TZ).unwrap();
    let mut t = Table::default();
    println!("building the demo database ({CUSTOMERS} customers)...");
    let t0 = Instant::now();
    let mut store = Store::open(&db, "bench", now, DEFAULT_TZ).unwrap();
    let opts = kefu::demo::DemoOptions {
        customers: CUSTOMERS,
        seed: 1,
    };
    let summary = store
        .write(|tx| kefu::demo::generate(tx, opts, now))
        .unwrap();
    drop(store);
    t.add(
        "build demo DB",
        format!(
            "{:.0} ms ({} customers)",
            ms(t0.elapsed()),
            summary.customers
        ),
    );
    bench_startup(&mut t, &db, now);
    bench_keys(&mut t, &db, now);
    bench_bytes(&mut t, &db, now);
    bench_queries(&mut t, &db, now);
    bench_idle(&mut t, &db);

    let width =
        t.0.iter()
            .map(|(m, _)| m.chars().count())
            .max()
            .unwrap_or(0);
    println!(
        "\n== kefu workbench, {CUSTOMERS} customers (reproduce: cargo bench --bench workbench) =="
    );
    println!("{:width$}  value", "metric");
    println!("{}", "-".repeat(width + 60));
    for (m, v) in &t.0 {
        println!("{m:width$}  {v}");
    }
}
