//! The workbench on a demo database of ~100,000 customers, in a real pseudo-terminal of
//! 120x40: first frame, first complete frame, key to frame (also while another process
//! writes every 100 ms), idle CPU and memory.
//!
//! The database is built once with `kefu demo` and kept under `target/` (about 2.5 min;
//! `KEFU_BENCH_BIG_DB` names another file). `KEFU_BENCH_BIN` runs another kefu binary, for
//! before/after figures (an older binary needs a database of its own schema version).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, MasterPty, PtySize};

use super::{clk_tck, cpu_ticks, end, exited, quantile, Table};

const CUSTOMERS: u32 = 99_000;
const W: u16 = 120;
const H: u16 = 40;
const PRESSES: usize = 200;

fn bin() -> PathBuf {
    std::env::var_os("KEFU_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_kefu")))
}

/// The cached big database, built on first use.
fn big_db() -> PathBuf {
    if let Some(p) = std::env::var_os("KEFU_BENCH_BIG_DB") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let db = target.join(format!("kefu-bench-{CUSTOMERS}.db"));
    if db.exists() {
        return db;
    }
    println!("building the big demo database ({CUSTOMERS} customers, once)...");
    let building = target.join(format!("kefu-bench-{CUSTOMERS}.building.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
    }
    // Only `kefu init` makes a database; a sandbox, so demo data and --now are allowed.
    let status = std::process::Command::new(bin())
        .arg("--db")
        .arg(&building)
        .args(["init", "--sandbox"])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run kefu init");
    assert!(status.success(), "kefu init failed");
    let status = std::process::Command::new(bin())
        .arg("--db")
        .arg(&building)
        .args(["--now", "2026-11-23 10:00", "demo", "--customers"])
        .arg(CUSTOMERS.to_string())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run kefu demo");
    assert!(status.success(), "kefu demo failed");
    // Fold the write-ahead log into the file, so every run starts from the same state.
    let conn = rusqlite::Connection::open(&building).expect("open the built database");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(conn);
    std::fs::rename(&building, &db).expect("keep the built database");
    db
}

/// kefu running in a pseudo-terminal, its screen kept by a terminal emulator.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    pid: u32,
    started: Instant,
    _dirs: tempfile::TempDir,
}

impl Session {
    fn start(db: &Path) -> Session {
        let dirs = tempfile::tempdir().unwrap();
        let size = PtySize {
            rows: H,
            cols: W,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let cmd = super::kefu_command(&bin(), db, dirs.path());
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(H, W, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let fed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                fed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            child,
            master: pair.master,
            writer,
            screen,
            pid,
            started,
            _dirs: dirs,
        }
    }

    /// Waits until the screen satisfies `p`; the time since start, or None after `limit`.
    fn wait(&self, limit: Duration, p: impl Fn(&vt100::Screen) -> bool) -> Option<Duration> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if p(self.screen.lock().unwrap().screen()) {
                return Some(self.started.elapsed());
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        None
    }

    /// The screen row drawn in the selection colour in the first column of the board.
    fn selected_row(&self) -> Option<u16> {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        (1..H).find(|&r| {
            s.cell(r, 2)
                .is_some_and(|c| c.bgcolor() == vt100::Color::Idx(6))
        })
    }

    /// Presses `key` and returns the time until the selection is drawn elsewhere.
    fn key_to_frame(&mut self, key: &[u8]) -> Duration {
        let before = self.selected_row();
        let t0 = Instant::now();
        self.writer.write_all(key).unwrap();
        self.writer.flush().unwrap();
        let limit = Duration::from_secs(3);
        while t0.elapsed() < limit {
            if self.selected_row() != before {
                return t0.elapsed();
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        limit
    }

    fn quit(mut self) {
        let _ = self
            .writer
            .write_all(b"q")
            .and_then(|_| self.writer.flush());
        if !exited(&mut *self.child, 5) {
            end(&mut *self.child, self.pid);
        }
        drop(self.master);
    }
}

/// The board and the customer list drawn with their data (the panes a user acts on).
fn lists_filled(s: &vt100::Screen) -> bool {
    let text = s.contents();
    let counted = |title: &str| {
        text.split(title)
            .nth(1)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
    };
    counted("Open complaints ") && counted("Customers ")
}

fn complete(s: &vt100::Screen) -> bool {
    let text = s.contents();
    text.contains("Open complaints")
        && text.contains("Customers")
        && text.contains("KPI")
        && !text.contains("loading…")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs the key presses and reports p50 / p99 / max.
fn keys(t: &mut Table, s: &mut Session, label: &str) {
    let mut v = Vec::with_capacity(PRESSES);
    for i in 0..PRESSES {
        let key: &[u8] = if i % 2 == 0 { b"\x1b[B" } else { b"\x1b[A" };
        v.push(ms(s.key_to_frame(key)));
        std::thread::sleep(Duration::from_millis(25));
    }
    let [p50, p99, max] = [0.5, 0.99, 1.0].map(|q| quantile(&v, q));
    t.add(
        label,
        format!("p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms ({PRESSES} presses)"),
    );
}

/// Another process (`kefu customer add`, the binary under test) writing a customer every
/// 100 ms until `stop`; returns how many writes it made.
fn writer(db: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            let ok = std::process::Command::new(bin())
                .arg("--db")
                .arg(&db)
                .args(["--user", "writer", "customer", "add", "--name"])
                .arg(format!("bench writer {n}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            n += usize::from(ok);
            std::thread::sleep(Duration::from_millis(100).saturating_sub(started.elapsed()));
        }
        n
    })
}

fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Every big-database measurement.
pub fn run(t: &mut Table) {
    let db = big_db();
    println!("big database: {} ({})", db.display(), bin().display());
    // Warm the page cache once, as a user's second start would be.
    Session::start(&db).quit();
    let (mut first, mut lists, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let s = Session::start(&db);
        let limit = Duration::from_secs(60);
        let f = s.wait(limit, |sc| sc.contents().contains("? help"));
        let l = s.wait(limit, lists_filled);
        let c = s.wait(limit, complete);
        first.push(f.map_or(f64::NAN, ms));
        lists.push(l.map_or(f64::NAN, ms));
        full.push(c.map_or(f64::NAN, ms));
        s.quit();
    }
    let fmt = |v: &[f64]| {
        let [min, med, max] = [0.0, 0.5, 1.0].map(|q| quantile(v, q));
        format!("min {min:.0} ms, median {med:.0} ms, max {max:.0} ms (5 runs)")
    };
    t.add(format!("start to first frame {W}x{H}, big"), fmt(&first));
    t.add("start to board + customers filled, big", fmt(&lists));
    t.add(format!("start to complete frame {W}x{H}, big"), fmt(&full));

    let mut s = Session::start(&db);
    if s.wait(Duration::from_secs(60), complete).is_none() {
        t.add(
            "big database session",
            "FAILED: no complete frame in 60 s".into(),
        );
        return s.quit();
    }
    keys(t, &mut s, "key to frame, board, big");
    let stop = Arc::new(AtomicBool::new(false));
    let w = writer(db.clone(), Arc::clone(&stop));
    keys(
        t,
        &mut s,
        "key to frame, another process writing every 100 ms",
    );
    stop.store(true, Ordering::Relaxed);
    let writes = w.join().unwrap_or(0);
    t.add("  writes meanwhile", writes.to_string());

    // Let the last reloads settle, then sit idle with the clock ticking.
    std::thread::sleep(Duration::from_secs(3));
    let tck = clk_tck();
    let (c0, t0) = (cpu_ticks(s.pid), Instant::now());
    std::thread::sleep(Duration::from_secs(20));
    let (c1, secs) = (cpu_ticks(s.pid), t0.elapsed().as_secs_f64());
    if let (Some(c0), Some(c1)) = (c0, c1) {
        let pct = (c1 - c0) as f64 / (secs * tck as f64) * 100.0;
        t.add(
            "idle CPU, big",
            format!("{pct:.2} % ({} ticks in {secs:.0} s)", c1 - c0),
        );
    }
    let rss = status_kb(s.pid, "VmRSS:").unwrap_or(0);
    let peak = status_kb(s.pid, "VmHWM:").unwrap_or(0);
    t.add(
        "RSS, big",
        format!(
            "{:.1} MB now, {:.1} MB peak",
            rss as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
    );
    s.quit();
}
