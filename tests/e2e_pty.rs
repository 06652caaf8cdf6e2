//! End-to-end tests of the full-screen workbench in a real pseudo-terminal.
//!
//! Each test starts the real `kefu --demo` binary in its own pty, with its own
//! temporary data, state, config and home directories, a frozen clock, English
//! messages and a clean environment (no `KEFU_*`, no `NO_COLOR`). A background
//! thread reads everything the program writes, keeps the raw bytes and feeds them
//! to a `vt100` terminal emulator, so the tests can wait for what a user would see.
//!
//! Every wait is conditional (polled every 50 ms with a generous deadline, because
//! CI machines are slow); nothing sleeps and hopes. A guard kills the child if a
//! test fails half-way, so no process is left behind.
//!
//! After every exit path (`q`, SIGTERM, SIGHUP) the tests check that the terminal
//! was given back: the leave-alternate-screen and show-cursor sequences come after
//! the last frame, the emulator is back on the main screen with a visible cursor,
//! and the pty's line discipline is out of raw mode again (canonical input, echo
//! and signals on).

#![cfg(unix)]

use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize, SlavePty};
use tempfile::TempDir;

/// The frozen "now" of every run.
const NOW: &str = "2026-11-23 10:00";
/// How long any one condition may take to come true (CI is a slow 2-core machine).
const TIMEOUT: Duration = Duration::from_secs(20);
/// How often conditions are checked.
const POLL: Duration = Duration::from_millis(50);

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// Keys as the terminal sends them.
const ESC: &[u8] = b"\x1b";
const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";

/// What the child wrote so far: the raw bytes and an emulated screen.
struct Term {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The reader saw end of file (every slave end is closed).
    eof: bool,
    /// How often the emulator panicked and was replaced by a blank one.
    emulator_resets: usize,
}

/// One run of the workbench in a pseudo-terminal. Dropping it kills the child if it
/// is still running.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Kept open so the line discipline (raw or not) survives the child's exit and
    /// can be checked; dropped by `finish` so the reader sees end of file.
    slave: Option<Box<dyn SlavePty + Send>>,
    writer: Box<dyn Write + Send>,
    term: Arc<Mutex<Term>>,
    /// The pty's local flags before the child started (`None`: not readable here).
    initial_flags: Option<Flags>,
    exited: bool,
    _dirs: TempDir,
}

/// The termios local flags of the pty, by name (`ICANON`, `ECHO`, `ISIG`, ...).
type Flags = Vec<String>;

fn lock(term: &Mutex<Term>) -> MutexGuard<'_, Term> {
    term.lock().unwrap_or_else(|e| e.into_inner())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

/// The last `n` bytes, escaped, for failure messages.
fn tail(raw: &[u8], n: usize) -> String {
    let start = raw.len().saturating_sub(n);
    String::from_utf8_lossy(&raw[start..])
        .escape_debug()
        .to_string()
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// Starts `kefu --demo --now NOW --lang en` in a `cols`×`rows` pty.
    fn start(rows: u16, cols: u16) -> Session {
        let dirs = tempfile::tempdir().expect("temp dir");
        let root = dirs.path();
        for d in ["data", "state", "config", "home"] {
            std::fs::create_dir_all(root.join(d)).expect("make dirs");
        }
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pty");

        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kefu"));
        cmd.args(["--demo", "--now", NOW, "--lang", "en"]);
        // Start from nothing: no KEFU_*, no NO_COLOR, nothing from the real home.
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("USER", "tester");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", root.join("home"));
        cmd.env("XDG_DATA_HOME", root.join("data"));
        cmd.env("XDG_STATE_HOME", root.join("state"));
        cmd.env("XDG_CONFIG_HOME", root.join("config"));
        cmd.cwd(root);

        let initial_flags = flags_of(&*pair.master);
        let child = pair.slave.spawn_command(cmd).expect("start kefu");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");

        let term = Arc::new(Mutex::new(Term {
            raw: Vec::new(),
            parser: vt100::Parser::new(rows, cols, 0),
            eof: false,
            emulator_resets: 0,
        }));
        let shared = Arc::clone(&term);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut guard = lock(&shared);
                        let t = &mut *guard;
                        t.raw.extend_from_slice(&buf[..n]);
                        // A bug in the emulator must not stop the reading (and hang
                        // the test): start a fresh screen and count it.
                        let parsed = panic::catch_unwind(AssertUnwindSafe(|| {
                            t.parser.process(&buf[..n]);
                        }));
                        if parsed.is_err() {
                            let (rows, cols) = t.parser.screen().size();
                            t.parser = vt100::Parser::new(rows, cols, 0);
                            t.emulator_resets += 1;
                        }
                    }
                }
            }
            lock(&shared).eof = true;
        });

        Session {
            child,
            master: pair.master,
            slave: Some(pair.slave),
            writer,
            term,
            initial_flags,
            exited: false,
            _dirs: dirs,
        }
    }

    /// The workbench opens on the person's to-do: waits for it, then Esc to the dashboard.
    fn leave_the_todo(&mut self) {
        self.wait_text("To-do · ");
        self.send(ESC);
    }

    /// Types `keys` into the terminal.
    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The emulated screen as text.
    fn screen(&self) -> String {
        lock(&self.term).parser.screen().contents()
    }

    /// Waits until `cond` holds for the emulated screen; fails with the screen on
    /// timeout.
    fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        mut cond: impl FnMut(&vt100::Screen) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        loop {
            {
                let t = lock(&self.term);
                if cond(t.parser.screen()) {
                    return;
                }
            }
            if Instant::now() >= deadline {
                let t = lock(&self.term);
                let (screen, raw) = (t.parser.screen().contents(), tail(&t.raw, 600));
                drop(t);
                panic!("timed out after {timeout:?} waiting for {what}\n--- screen ---\n{screen}\n--- last bytes ---\n{raw}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), TIMEOUT, |s| {
            s.contents().contains(text)
        });
    }

    /// Waits until `cond` holds for the raw bytes written so far.
    fn wait_raw(&self, what: &str, timeout: Duration, mut cond: impl FnMut(&Term) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if cond(&lock(&self.term)) {
                return;
            }
            if Instant::now() >= deadline {
                let raw = tail(&lock(&self.term).raw, 600);
                panic!("timed out after {timeout:?} waiting for {what}\n--- last bytes ---\n{raw}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits for the child to exit; kills it and fails on timeout.
    fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    self.exited = true;
                    return status;
                }
                Ok(None) => {}
                Err(e) => panic!("waiting for kefu: {e}"),
            }
            if Instant::now() >= deadline {
                self.kill();
                panic!(
                    "kefu did not exit within {timeout:?}\n--- screen ---\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    fn kill(&mut self) {
        if !self.exited {
            // SIGHUP, then SIGKILL after a short grace period.
            let _ = self.child.kill();
            let _ = self.child.wait();
            self.exited = true;
        }
    }

    /// The pty's local termios flags now, if the platform lets us read them.
    fn local_flags(&self) -> Option<Flags> {
        flags_of(&*self.master)
    }

    /// After the child exited: checks the line discipline, closes our slave end and
    /// waits until the reader has everything; returns the raw bytes.
    fn finish(&mut self) -> Vec<u8> {
        assert!(self.exited, "finish() before the child exited");
        check_cooked(self.local_flags());
        self.slave = None;
        self.wait_raw("end of output", TIMEOUT, |t| t.eof);
        lock(&self.term).raw.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The local termios flags of a pty (on Linux a master reports its slave's).
fn flags_of(master: &dyn MasterPty) -> Option<Flags> {
    let t = master.get_termios()?;
    // No direct `nix` dependency: read the flag names from the bitflags' Debug.
    let dbg = format!("{:?}", t.local_flags);
    Some(
        dbg.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn has(flags: &Flags, name: &str) -> bool {
    flags.iter().any(|f| f == name)
}

/// The pty is in raw mode (as crossterm sets it): no canonical input, no echo.
fn check_raw(flags: Option<Flags>) {
    match flags {
        Some(f) => assert!(
            !has(&f, "ICANON") && !has(&f, "ECHO"),
            "expected raw mode while the workbench runs, local flags: {f:?}"
        ),
        None => eprintln!("note: termios not readable on this platform, raw-mode check skipped"),
    }
}

/// The pty is back in cooked mode: canonical input, echo and signal keys.
fn check_cooked(flags: Option<Flags>) {
    match flags {
        Some(f) => assert!(
            has(&f, "ICANON") && has(&f, "ECHO") && has(&f, "ISIG"),
            "raw mode was not disabled on exit, local flags: {f:?}"
        ),
        None => eprintln!("note: termios not readable on this platform, raw-mode check skipped"),
    }
}

/// The terminal was given back after the last frame, and nothing panicked.
fn check_restored(s: &Session, raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(
        !text.contains("panicked"),
        "kefu panicked:\n{}",
        tail(raw, 2000)
    );
    let enter = find(raw, ENTER_ALT).expect("the alternate screen was never entered");
    let leave = rfind(raw, LEAVE_ALT).unwrap_or_else(|| {
        panic!(
            "no leave-alternate-screen sequence, last bytes:\n{}",
            tail(raw, 600)
        )
    });
    assert!(
        enter < leave,
        "left the alternate screen before entering it"
    );
    let after = &raw[leave..];
    assert!(
        contains(after, SHOW_CURSOR),
        "the cursor was not shown again after leaving the alternate screen:\n{}",
        tail(raw, 600)
    );
    assert!(
        !contains(after, ENTER_ALT) && !contains(after, HIDE_CURSOR),
        "something was drawn after the terminal was restored:\n{}",
        tail(raw, 600)
    );
    let t = lock(&s.term);
    assert_eq!(
        t.emulator_resets, 0,
        "the vt100 emulator panicked, its screen state cannot be trusted"
    );
    let screen = t.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
}

/// The customers pane title: (shown, total, filter).
fn customers_title(screen: &str) -> Option<(usize, usize, Option<String>)> {
    let at = screen.find("Customers ")?;
    let line = screen[at + "Customers ".len()..].lines().next()?;
    let (shown, rest) = line.split_once('/')?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let rest = &rest[total.len()..];
    let filter = rest.strip_prefix(" /").map(|f| {
        f.split(|c: char| c.is_whitespace() || c == '━' || c == '─')
            .next()
            .unwrap_or("")
            .to_string()
    });
    Some((shown.trim().parse().ok()?, total.parse().ok()?, filter))
}

/// Customer codes (`C` and five digits) on the screen.
fn customer_codes(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.len() == 6 && w.starts_with('C') && w[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

/// Complaint numbers on the board, top to bottom.
fn board_numbers(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let at = l.find("KS-")?;
            let n: String = l[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            Some(n)
        })
        .collect()
}

fn board_shown(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.contains("Open complaints") && c.contains("KS-")
}

#[test]
fn navigate_and_quit_restores_the_terminal() {
    let mut s = Session::start(30, 100);
    s.leave_the_todo();
    // Sanity: the pty started cooked and the workbench made it raw, so the check
    // after the exit means something.
    check_cooked(s.initial_flags.clone());
    s.wait_for("the board", TIMEOUT, board_shown);
    check_raw(s.local_flags());

    // The third complaint on the board, opened.
    let numbers = board_numbers(&s.screen());
    assert!(
        numbers.len() >= 3,
        "fewer than 3 complaints on the board:\n{}",
        s.screen()
    );
    let third = numbers[2].clone();
    s.send(b"jj");
    s.send(ENTER);
    s.wait_for("the complaint detail", TIMEOUT, |sc| {
        let c = sc.contents();
        c.contains("Clocks") && c.contains("First response") && c.contains(&third)
    });
    assert!(
        s.screen().contains("Steps"),
        "no Steps section:\n{}",
        s.screen()
    );

    // Back to the board.
    s.send(ESC);
    s.wait_for("the board again", TIMEOUT, |sc| {
        board_shown(sc) && !sc.contents().contains("Clocks")
    });

    // Filter the customers.
    let (_, total, filter) = customers_title(&s.screen()).expect("customers title");
    assert_eq!(filter, None, "a filter before typing one:\n{}", s.screen());
    s.send(TAB);
    s.send(b"/");
    s.wait_for("the filter prompt", TIMEOUT, |sc| {
        matches!(customers_title(&sc.contents()), Some((_, _, Some(_))))
    });
    s.send(b"C0001");
    s.wait_for("the filtered customers", TIMEOUT, |sc| {
        matches!(
            customers_title(&sc.contents()),
            Some((shown, t, Some(f))) if f.starts_with("C0001") && t == total && shown < total
        )
    });

    let codes = customer_codes(&s.screen());
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c.starts_with("C0001")),
        "the filter let other customers through: {codes:?}\n{}",
        s.screen()
    );

    // Esc leaves (and clears) the filter.
    s.send(ESC);
    s.wait_for("the unfiltered customers", TIMEOUT, |sc| {
        matches!(customers_title(&sc.contents()), Some((n, t, None)) if n == total && t == total)
    });

    // Help.
    s.send(b"?");
    s.wait_text("Keys:");
    s.send(ESC);
    s.wait_for("the help to close", TIMEOUT, |sc| {
        let c = sc.contents();
        !c.contains("Keys:") && c.contains("Open complaints")
    });

    s.send(b"q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "kefu exited with {status:?}");
    let raw = s.finish();
    check_restored(&s, &raw);
}

/// Starts the workbench, sends `signal` with the shell's `kill`, and checks that it
/// leaves its loop and restores the terminal (the default action would kill it).
fn stopped_by(signal: &str) {
    let mut s = Session::start(30, 100);
    s.leave_the_todo();
    s.wait_for("the board", TIMEOUT, board_shown);
    check_raw(s.local_flags());
    let pid = s.child.process_id().expect("child pid");
    let ok = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{signal} {pid}"))
        .status()
        .expect("run kill");
    assert!(ok.success(), "kill -{signal} {pid} failed");
    let status = s.wait_exit(TIMEOUT);
    // A signal's default action would show up here as "killed by SIG...".
    assert!(
        status.success(),
        "kefu exited with {status:?} after SIG{signal}"
    );
    let raw = s.finish();
    check_restored(&s, &raw);
}

#[test]
fn sigterm_restores_the_terminal() {
    stopped_by("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    stopped_by("HUP");
}

#[test]
fn resize_storm_from_a_tiny_window() {
    let mut s = Session::start(3, 10);
    // The program is up and has drawn something (the "too small" notice).
    s.wait_raw("the first frame", TIMEOUT, |t| {
        contains(&t.raw, ENTER_ALT) && !t.parser.screen().contents().trim().is_empty()
    });

    // A deterministic walk over sizes from 1x1 to 200x60, never ending on 100x30.
    let mut seed: u32 = 0x2545_f491;
    let mut next = |n: u16| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 16) as u16 % n
    };
    let mut sizes = vec![(1, 1), (60, 200), (1, 200), (60, 1)];
    while sizes.len() < 30 {
        sizes.push((1 + next(60), 1 + next(200)));
    }
    for (rows, cols) in sizes {
        // vt100 0.15 overflows (panics) printing a wide character into a 1-column
        // screen, which frames drawn for a wider size do while the resize is in
        // flight; the emulator keeps at least 2 columns.
        lock(&s.term).parser.set_size(rows, cols.max(2));
        s.master.resize(size(rows, cols)).expect("resize the pty");
        thread::sleep(Duration::from_millis(10));
    }
    lock(&s.term).parser.set_size(30, 100);
    s.master.resize(size(30, 100)).expect("resize the pty");
    s.leave_the_todo();

    s.wait_for("the board at 100x30", TIMEOUT, |sc| {
        let c = sc.contents();
        board_shown(sc) && c.contains("Customers") && c.contains("KPIs for 2026-11")
    });
    s.send(b"q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "kefu exited with {status:?}");
    let raw = s.finish();
    check_restored(&s, &raw);
}

#[test]
fn a_long_chinese_paste_stays_in_its_field_and_keys_after_it_still_work() {
    let mut s = Session::start(30, 100);
    s.leave_the_todo();
    s.wait_for("the board", TIMEOUT, board_shown);
    // A new complaint; the title is the second field.
    s.send(b"n");
    s.wait_text("New complaint");
    s.send(TAB);
    // 2,500 characters of Chinese over several lines, as a terminal sends a paste.
    let text: String = "客户反映外观有划痕。\n"
        .chars()
        .cycle()
        .take(2_500)
        .collect();
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend_from_slice(text.as_bytes());
    paste.extend_from_slice(b"\x1b[201~");
    s.send(&paste);
    s.wait_text("客户反映外观有划痕");
    let screen = s.screen();
    let severity = screen
        .lines()
        .find(|l| l.contains("Severity *"))
        .unwrap_or_default();
    assert!(
        severity.contains("minor"),
        "the paste spilled out of its field:\n{screen}"
    );
    // The paste stayed in the title (the next field is still empty), and the keys typed
    // right after it are still read: Esc asks before dropping the change, n keeps the
    // form, Esc again and y drop it, q quits.
    s.send(ESC);
    s.wait_text("Please confirm");
    s.send(b"n");
    s.wait_for("the form again", TIMEOUT, |sc| {
        let c = sc.contents();
        c.contains("New complaint") && !c.contains("Please confirm")
    });
    s.send(ESC);
    s.wait_text("Please confirm");
    s.send(b"y");
    s.wait_for("the board again", TIMEOUT, |sc| {
        board_shown(sc) && !sc.contents().contains("New complaint")
    });
    s.send(b"q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "kefu exited with {status:?}");
    let raw = s.finish();
    check_restored(&s, &raw);
}
