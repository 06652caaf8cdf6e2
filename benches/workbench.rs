//! Workbench performance on a 10,000-customer demo database.
//!
//! Prints numbers and asserts nothing. Run with `cargo bench --bench workbench`
//! (cargo builds the `kefu` binary for benches too; `CARGO_BIN_EXE_kefu` points at it).
//! Linux only: it reads `/proc` and the thread CPU clock.
//!
//! Times are wall clock and, where it matters, this thread's CPU time: on a busy machine
//! the wall time includes waiting for a core, the CPU time does not.

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

#[path = "workbench/big.rs"]
mod big;

const CUSTOMERS: u32 = 10_000;
const KEY_PRESSES: usize = 200;
const IDLE_SECS: u64 = 20;

/// `struct timespec` on 64-bit Linux: seconds, nanoseconds.
#[repr(C)]
struct Timespec(i64, i64);

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// CPU time of the calling thread, in ms (CLOCK_THREAD_CPUTIME_ID).
fn cpu_ms() -> f64 {
    let mut ts = Timespec(0, 0);
    // SAFETY: `ts` is a valid, writable timespec; clock 3 is CLOCK_THREAD_CPUTIME_ID on Linux.
    unsafe { clock_gettime(3, &mut ts) };
    ts.0 as f64 * 1e3 + ts.1 as f64 / 1e6
}

/// Wall and CPU samples, in ms.
#[derive(Default)]
struct Samples {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Samples {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (w, c) = (Instant::now(), cpu_ms());
        let out = f();
        self.cpu.push(cpu_ms() - c);
        self.wall.push(w.elapsed().as_secs_f64() * 1e3);
        out
    }
    fn med_p95(&self) -> String {
        let [w50, w95] = [0.5, 0.95].map(|q| quantile(&self.wall, q));
        let [c50, c95] = [0.5, 0.95].map(|q| quantile(&self.cpu, q));
        format!("median {w50:.3} ms, p95 {w95:.3} ms (CPU median {c50:.3}, p95 {c95:.3})")
    }
    fn min_med_max(&self) -> String {
        let [min, med, max] = [0.0, 0.5, 1.0].map(|q| quantile(&self.wall, q));
        let c = quantile(&self.cpu, 0.5);
        format!("min {min:.1} ms, median {med:.1} ms, max {max:.1} ms (CPU median {c:.1})")
    }
}

/// Nearest-rank quantile, `q` in 0..=1.
fn quantile(v: &[f64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * q).round() as usize]
}

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
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    (term, bytes)
}

fn open_app(db: &Path, now: DateTime<Utc>) -> App {
    let store = Store::open(db, "bench", now, DEFAULT_TZ).unwrap();
    let s = Settings::defaults();
    let setup = Setup {
        lang: kefu::i18n::Lang::En,
        theme: s.theme,
        keymap: s.keymap,
        tz: DEFAULT_TZ,
        policy: kefu::config::policy::builtin(DEFAULT_TZ),
        bell: false,
        warnings: vec![],
        views: kefu::views::registry(),
    };
    App::new(store, setup).unwrap()
}

fn draw(term: &mut Term, app: &App) {
    term.draw(|f| kefu::ui::draw(f, app)).unwrap();
}

fn press(app: &mut App, term: &mut Term, code: KeyCode) {
    kefu::tui::on_key(app, KeyPress::plain(code));
    draw(term, app);
}

/// Collected results: (metric, value).
#[derive(Default)]
struct Table(Vec<(String, String)>);

impl Table {
    fn add(&mut self, metric: impl Into<String>, value: String) {
        let metric = metric.into();
        println!("  {metric}: {value}");
        self.0.push((metric, value));
    }
}

fn bench_startup(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("start to first frame at 160x48 (10 runs):");
    let [mut total, mut new, mut first] = <[Samples; 3]>::default();
    for _ in 0..10 {
        total.time(|| {
            let app = new.time(|| open_app(db, now));
            let (mut term, _) = terminal(160, 48);
            first.time(|| draw(&mut term, &app));
        });
    }
    t.add("start to first frame", total.min_med_max());
    t.add("  of which open + settings + App::new", new.min_med_max());
    t.add("  of which first draw", first.min_med_max());
}

fn bench_keys(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("key + draw at 160x48:");
    let mut app = open_app(db, now);
    let (mut term, _) = terminal(160, 48);
    draw(&mut term, &app);
    let [mut board, mut customers, mut keys] = <[Samples; 3]>::default();
    for _ in 0..KEY_PRESSES {
        board.time(|| press(&mut app, &mut term, KeyCode::Down));
    }
    let n = app
        .pane::<kefu::views::Board>()
        .and_then(|b| b.rows.as_ref())
        .map_or(0, Vec::len);
    t.add(format!("Down+draw, board ({n} rows)"), board.med_p95());
    press(&mut app, &mut term, KeyCode::Tab);
    for _ in 0..KEY_PRESSES {
        customers.time(|| press(&mut app, &mut term, KeyCode::Down));
        keys.time(|| kefu::tui::on_key(&mut app, KeyPress::plain(KeyCode::Up)));
        kefu::tui::on_key(&mut app, KeyPress::plain(KeyCode::Down));
    }
    let n = app
        .pane::<kefu::views::Customers>()
        .map_or(0, |c| c.total());
    t.add(
        format!("Down+draw, customers ({n} rows)"),
        customers.med_p95(),
    );
    t.add("  on_key alone (customers)", keys.med_p95());
    let [mut bottom, mut top] = <[Samples; 2]>::default();
    for _ in 0..20 {
        bottom.time(|| press(&mut app, &mut term, KeyCode::Char('G')));
        top.time(|| press(&mut app, &mut term, KeyCode::Home));
    }
    t.add("G+draw (bottom), customers", bottom.med_p95());
    t.add("Home+draw (top), customers", top.med_p95());
}

/// Bytes the backend writes for one press of `code` + draw, after a warm-up press.
fn bytes_for(app: &mut App, term: &mut Term, bytes: &Cell<u64>, code: KeyCode) -> u64 {
    press(app, term, code);
    let before = bytes.get();
    press(app, term, code);
    bytes.get() - before
}

fn bench_bytes(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("bytes written:");
    for (w, h) in [(160, 48), (80, 24)] {
        let mut app = open_app(db, now);
        let (mut term, bytes) = terminal(w, h);
        draw(&mut term, &app);
        t.add(
            format!("full first frame {w}x{h}"),
            format!("{} B", bytes.get()),
        );
        let board = bytes_for(&mut app, &mut term, &bytes, KeyCode::Down);
        t.add(format!("one Down, board {w}x{h}"), format!("{board} B"));
        press(&mut app, &mut term, KeyCode::Tab);
        let cust = bytes_for(&mut app, &mut term, &bytes, KeyCode::Down);
        t.add(format!("one Down, customers {w}x{h}"), format!("{cust} B"));
        let before = bytes.get();
        app.tick(now + chrono::Duration::seconds(61));
        draw(&mut term, &app);
        let tick = bytes.get() - before;
        t.add(
            format!("clock tick (+61 s) + draw {w}x{h}"),
            format!("{tick} B"),
        );
    }
}

fn bench_queries(t: &mut Table, db: &Path, now: DateTime<Utc>) {
    println!("reload work (10 runs each):");
    let store = Store::open(db, "bench", now, DEFAULT_TZ).unwrap();
    let policy = kefu::config::policy::builtin(DEFAULT_TZ);
    let mut s = Samples::default();
    let n = (0..10)
        .map(|_| s.time(|| store.list_customers(&Default::default()).unwrap().len()))
        .last();
    t.add(format!("list_customers ({} rows)", n.unwrap()), s.med_p95());
    let mut s = Samples::default();
    let open: Vec<_> = (0..10)
        .map(|_| s.time(|| store.list_complaints(true).unwrap()))
        .last()
        .unwrap();
    t.add(
        format!("list_complaints(open) ({} rows)", open.len()),
        s.med_p95(),
    );
    let mut s = Samples::default();
    let n = (0..10)
        .map(|_| s.time(|| kefu::report::sla_entries(&open, &policy, now).len()))
        .last();
    t.add(format!("sla_entries ({} clocks)", n.unwrap()), s.med_p95());
    let mut app = open_app(db, now);
    let mut s = Samples::default();
    (0..10).for_each(|_| s.time(|| app.reload()));
    t.add("App::reload (every pane)", s.med_p95());
    let mut s = Samples::default();
    (1..=10).for_each(|i| {
        s.time(|| app.tick(now + chrono::Duration::seconds(i)));
    });
    t.add("App::tick (runs every second)", s.med_p95());
}

/// utime + stime of `pid`, in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after "(comm) " start at field 3.
    let f: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
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

/// The workbench binary `bin` on `db` in English, with its own state and config dirs
/// under `dirs` and no kefu variables from the caller's environment.
fn kefu_command(bin: &Path, db: &Path, dirs: &Path) -> portable_pty::CommandBuilder {
    let mut cmd = portable_pty::CommandBuilder::new(bin);
    cmd.arg("--db");
    cmd.arg(db);
    cmd.args(["--lang", "en"]);
    cmd.env("XDG_STATE_HOME", dirs.join("state"));
    cmd.env("XDG_CONFIG_HOME", dirs.join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "bench");
    for var in ["KEFU_CONFIG", "KEFU_NOW", "KEFU_DB", "KEFU_LANG", "KEFU_TZ"] {
        cmd.env_remove(var);
    }
    cmd
}

fn bench_idle(t: &mut Table, db: &Path) {
    use portable_pty::{native_pty_system, PtySize};
    println!("idle binary in a pty at 160x48 ({IDLE_SECS} s):");
    let dirs = tempfile::tempdir().unwrap();
    let size = PtySize {
        rows: 48,
        cols: 160,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).unwrap();
    let cmd = kefu_command(Path::new(env!("CARGO_BIN_EXE_kefu")), db, dirs.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let pid = child.process_id().expect("child pid");
    let out = Arc::new(AtomicU64::new(0));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let counted = Arc::clone(&out);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            counted.fetch_add(n as u64, Ordering::Relaxed);
        }
    });
    let started = Instant::now();
    while out.load(Ordering::Relaxed) == 0 || started.elapsed() < Duration::from_secs(2) {
        if started.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            t.add("idle CPU", "FAILED: no first frame within 60 s".into());
            return end(&mut *child, pid);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let tck = clk_tck();
    let (c0, b0, t0) = (cpu_ticks(pid), out.load(Ordering::Relaxed), Instant::now());
    std::thread::sleep(Duration::from_secs(IDLE_SECS));
    let (c1, b1, secs) = (cpu_ticks(pid), out.load(Ordering::Relaxed), t0.elapsed());
    let secs = secs.as_secs_f64();
    let cpu = match (c0, c1) {
        (Some(c0), Some(c1)) => format!(
            "{:.2} % ({} ticks in {secs:.1} s, CLK_TCK {tck})",
            (c1 - c0) as f64 / (secs * tck as f64) * 100.0,
            c1 - c0
        ),
        _ => "FAILED: cannot read /proc/<pid>/stat".into(),
    };
    t.add("idle CPU, clock ticking", cpu);
    let rate = (b1 - b0) as f64 / secs;
    let idle_bytes = format!("{rate:.0} B/s ({} B; start + 2 s: {b0} B)", b1 - b0);
    t.add("idle output", idle_bytes);
    let mut w = pair.master.take_writer().unwrap();
    let _ = w.write_all(b"q").and_then(|_| w.flush());
    if !exited(&mut *child, 5) {
        println!("  (kefu did not quit on q within 5 s; killed)");
        end(&mut *child, pid);
    }
}

/// Whether the child exits within `secs`.
fn exited(child: &mut dyn portable_pty::Child, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// portable-pty's `kill` only sends SIGHUP; follow it with SIGKILL if that is not enough.
fn end(child: &mut dyn portable_pty::Child, pid: u32) {
    let _ = child.kill();
    if !exited(child, 3) {
        let kill = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
        println!("  (kefu ignored SIGHUP; SIGKILL: {kill:?})");
        let _ = child.wait();
    }
}

fn main() {
    // `cargo bench --bench workbench -- big` (or `-- small`) runs one half.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = |part: &str| {
        !args.iter().any(|a| a == "big" || a == "small") || args.iter().any(|a| a == part)
    };
    let mut t = Table::default();
    if only("small") {
        small(&mut t);
    }
    if only("big") {
        big::run(&mut t);
    }
    print_table(&t);
}

fn small(t: &mut Table) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let now = parse_time(
        kefu::field_id::FieldId::named("now"),
        "2026-11-23 10:00",
        DEFAULT_TZ,
    )
    .unwrap();
    println!("building the demo database ({CUSTOMERS} customers)...");
    let mut build = Samples::default();
    let summary = build.time(|| {
        let mut store = Store::create(&db, true, "bench", now, DEFAULT_TZ).unwrap();
        let opts = kefu::demo::DemoOptions {
            customers: CUSTOMERS,
            seed: 1,
        };
        store
            .write(|tx| kefu::demo::generate(tx, opts, now))
            .unwrap()
    });
    let n = summary.customers;
    let built = format!("{:.0} ms, {n} customers", build.wall[0]);
    t.add("build demo DB", built);
    bench_startup(t, &db, now);
    bench_keys(t, &db, now);
    bench_bytes(t, &db, now);
    bench_queries(t, &db, now);
    bench_idle(t, &db);
}

fn print_table(t: &Table) {
    let width =
        t.0.iter()
            .map(|(m, _)| m.chars().count())
            .max()
            .unwrap_or(0);
    println!("\n== kefu workbench ==");
    println!("reproduce: cargo bench --bench workbench");
    println!("{:width$}  value", "metric");
    println!("{}", "-".repeat(width + 70));
    for (m, v) in &t.0 {
        println!("{m:width$}  {v}");
    }
}
