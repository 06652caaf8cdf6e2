//! The terminal side of the workbench: enter/leave the screen, the event loop, ticking,
//! noticing other terminals' writes, and giving the terminal back on every exit path.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::Terminal;

use crate::app::action::crossterm_key::KeyPress;
use crate::app::worker::Worker;
use crate::app::{Action, App};
use crate::input::mode::Mode;

/// How the loop runs.
#[derive(Debug, Clone, Copy)]
pub struct LoopOptions {
    /// How often to look for other terminals' writes.
    pub poll: Duration,
    /// A frozen clock (`--now`), else the wall clock.
    pub fixed_now: Option<DateTime<Utc>>,
}

/// Gives the terminal back when dropped: normal exit, `?` error return, or unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        leave();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor; errors are ignored
/// because the terminal may already be gone (an SSH link that dropped).
pub fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Milliseconds since the epoch when the loop last came round (0 = not started), for the
/// watchdog.
static HEARTBEAT: AtomicU64 = AtomicU64::new(0);

fn epoch_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Whether the terminal still takes output (a hung-up tty fails writes with EIO).
fn terminal_alive() -> bool {
    use std::io::Write;
    let mut out = io::stdout();
    out.write_all(b"\x1b[0m").and_then(|_| out.flush()).is_ok()
}

/// Watches for signals and for a loop stuck after the terminal went away.
///
/// When a terminal hangs up, crossterm's poll can spin inside its own read loop and never
/// return, so the main loop would not see a signal. The watchdog gives the loop 200 ms to
/// stop by itself after a signal, and exits at once when the loop has stalled for 300 ms
/// and the terminal no longer takes output: well inside half a second either way. SQLite
/// rolls back any unfinished write on the next open, so nothing is half-written.
fn start_watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut stop_seen: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(50));
            if stop.load(Ordering::Relaxed) {
                let since = *stop_seen.get_or_insert_with(Instant::now);
                if since.elapsed() >= Duration::from_millis(200) {
                    tracing::warn!(
                        "the loop did not stop after a signal; exiting from the watchdog"
                    );
                    leave();
                    std::process::exit(0);
                }
            }
            let beat = HEARTBEAT.load(Ordering::Relaxed);
            let stale = beat != 0 && epoch_ms().saturating_sub(beat) >= 300;
            if stale && !terminal_alive() {
                tracing::warn!("the terminal is gone; exiting");
                std::process::exit(0);
            }
        }
    });
}

/// Runs the workbench until the user quits or a SIGTERM / SIGHUP / SIGINT arrives.
pub fn run(app: &mut App, opts: LoopOptions) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    start_watchdog(Arc::clone(&stop));
    install_panic_hook();
    enable_raw_mode()?;
    let _restore = Restore;
    // Bracketed paste: a paste arrives as one piece and stays in its field.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        Hide
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    tracing::info!(db = %app.store.path().display(), "workbench started");
    let result = event_loop(&mut terminal, app, opts, &stop);
    if stop.load(Ordering::Relaxed) {
        tracing::info!("stopped by a signal");
    }
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    opts: LoopOptions,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let clock = || opts.fixed_now.unwrap_or_else(Utc::now);
    let tick = Duration::from_secs(1);
    let mut next_tick = Instant::now() + tick;
    let mut next_poll = Instant::now() + opts.poll;
    // With a worker thread, the worker notices other terminals' writes; inline, we do.
    let inline = matches!(app.worker(), Worker::Inline);
    let mut seen_version = app.store.data_version()?;
    loop {
        app.drain();
        HEARTBEAT.store(epoch_ms(), Ordering::Relaxed);
        if app.needs_draw {
            terminal.draw(|f| crate::ui::draw(f, app))?;
            app.needs_draw = false;
        }
        if std::mem::take(&mut app.ring) {
            // BEL: the terminal rings or flashes, as its user has set it to.
            use std::io::Write;
            let mut out = io::stdout();
            out.write_all(b"\x07")?;
            out.flush()?;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Wake for the next tick or poll, but at least every 250 ms to notice signals.
        let now = Instant::now();
        let cap = if app.waiting() {
            // Data is on its way: look again soon so panes fill as it arrives.
            Duration::from_millis(4)
        } else {
            Duration::from_millis(250)
        };
        // Only an inline worker leaves the polling to this loop.
        let next_wake = if inline {
            next_tick.min(next_poll)
        } else {
            next_tick
        };
        let wait = next_wake.saturating_duration_since(now).min(cap);
        if event::poll(wait)? {
            // Take every event already queued before drawing again (a paste, a resize storm).
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        on_key(app, KeyPress::from_event(k))
                    }
                    Event::Resize(w, h) => app.update(Action::Resize(w, h)),
                    Event::Paste(text) => app.update(Action::Paste(text)),
                    Event::Mouse(m) => {
                        if let Some(p) = pointer(m) {
                            app.update(Action::Mouse(p));
                        }
                    }
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let now = Instant::now();
        if now >= next_tick {
            next_tick = now + tick;
            app.tick(clock());
        }
        if inline && now >= next_poll {
            next_poll = now + opts.poll;
            let v = app.store.data_version()?;
            if v != seen_version {
                seen_version = v;
                tracing::debug!("another terminal changed the database");
                app.update(Action::DataChanged);
            }
        }
    }
}

/// The mouse events the workbench uses (left click, wheel); None for the rest.
fn pointer(m: event::MouseEvent) -> Option<crate::input::action::Pointer> {
    use crate::input::action::{Pointer, PointerKind};
    use event::{MouseButton, MouseEventKind};
    let what = match m.kind {
        MouseEventKind::Down(MouseButton::Left) => PointerKind::Click,
        MouseEventKind::ScrollUp => PointerKind::WheelUp,
        MouseEventKind::ScrollDown => PointerKind::WheelDown,
        _ => return None,
    };
    Some(Pointer {
        what,
        col: m.column,
        row: m.row,
    })
}

/// Turns a key into an action through the keymap; unbound keys are text in forms and filters.
pub fn on_key(app: &mut App, key: KeyPress) {
    app.message = None;
    app.needs_draw = true;
    let mode = app.mode();
    let action = app.keymap.resolve(mode, key).or_else(|| {
        // Ctrl chords (quit, refresh) still work while typing.
        let typing = mode.takes_text();
        (typing && key.mods.contains(KeyModifiers::CONTROL))
            .then(|| app.keymap.resolve(Mode::Global, key))
            .flatten()
    });
    match action {
        Some(a) => app.update(a),
        None if mode.takes_text() => app.update(Action::Key(key)),
        None => {}
    }
}
