//! Shared set-up for the workbench tests: a demo database at a fixed time.

#![allow(dead_code)]

use chrono::{DateTime, Utc};
use kefu::app::action::crossterm_key::{KeyCode, KeyPress};
use kefu::app::{Action, App, Setup};
use kefu::config::settings::Settings;
use kefu::demo::{generate, DemoOptions};
use kefu::domain::time::{parse_time, DEFAULT_TZ};
use kefu::i18n::Lang;
use kefu::store::Store;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The fixed "now" of every workbench test.
pub fn now() -> DateTime<Utc> {
    parse_time(
        kefu::field_id::FieldId::named("now"),
        "2026-11-23 10:00",
        DEFAULT_TZ,
    )
    .unwrap()
}

/// A store with 120 demo customers (seed 1) at the fixed time.
pub fn demo_store(path: Option<&std::path::Path>) -> Store {
    demo_store_as(path, "tester")
}

/// The demo store, used by `actor`.
pub fn demo_store_as(path: Option<&std::path::Path>, actor: &str) -> Store {
    let mut store = match path {
        Some(p) => Store::create(p, true, actor, now(), DEFAULT_TZ).unwrap(),
        None => Store::open_in_memory(actor, now(), DEFAULT_TZ).unwrap(),
    };
    store
        .write(|tx| {
            generate(
                tx,
                DemoOptions {
                    customers: 120,
                    seed: 1,
                },
                now(),
            )
        })
        .unwrap();
    store
}

/// A workbench on `store` in `lang` with a built-in theme.
pub fn app_on(store: Store, lang: Lang, theme: &str) -> App {
    App::new(store, setup(lang, theme)).unwrap()
}

/// The set-up of a test workbench.
pub fn setup(lang: Lang, theme: &str) -> Setup {
    let settings = Settings::defaults();
    Setup {
        lang,
        theme: kefu::config::theme::builtin(theme).unwrap(),
        keymap: settings.keymap,
        tz: DEFAULT_TZ,
        policy: kefu::config::policy::builtin(DEFAULT_TZ),
        bell: false,
        warnings: vec![],
        views: kefu::views::registry(),
    }
}

/// A workbench on a fresh in-memory demo database.
pub fn app(lang: Lang, theme: &str) -> App {
    app_on(demo_store(None), lang, theme)
}

/// Draws the app on a test terminal of `w`×`h`.
pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kefu::ui::draw(f, app)).unwrap();
    t
}

/// The screen as plain text lines.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut covered = 0;
        for x in 0..buf.area.width {
            // A wide (CJK) character's second column holds no text of its own.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            covered = kefu::text::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Asserts the open form was saved (and closed); else shows every field's error.
pub fn assert_saved(app: &App) {
    let errors = app.form.as_ref().map(|f| {
        f.fields
            .iter()
            .map(|x| (x.name, x.error.clone()))
            .collect::<Vec<_>>()
    });
    assert!(app.form.is_none(), "not saved: {errors:?}");
}

/// Presses a key as a user would, through the keymap.
pub fn press(app: &mut App, code: KeyCode) {
    kefu::tui::on_key(app, KeyPress::plain(code));
}

/// Presses a key with Ctrl.
pub fn ctrl(app: &mut App, c: char) {
    kefu::tui::on_key(
        app,
        KeyPress {
            code: KeyCode::Char(c),
            mods: ratatui::crossterm::event::KeyModifiers::CONTROL,
        },
    );
}

/// Types text into whatever has the keyboard.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Key(KeyPress::plain(KeyCode::Char(c))));
    }
}

/// The board pane.
pub fn board(app: &App) -> &kefu::views::Board {
    app.pane().expect("a board pane")
}

/// The board's rows (loaded: the tests' worker runs inline).
pub fn board_rows(app: &App) -> &[kefu::store::complaints::ComplaintRow] {
    board(app).rows.as_deref().expect("board loaded")
}

/// The customers pane.
pub fn customers(app: &App) -> &kefu::views::Customers {
    app.pane().expect("a customers pane")
}

/// The loaded customer rows (the whole filtered list at the tests' 120 customers).
pub fn customer_rows(app: &App) -> &[kefu::store::customers::CustomerRow] {
    let page = customers(app).page.as_ref().expect("customers loaded");
    assert_eq!(page.offset, 0);
    assert_eq!(page.rows.len(), page.total, "one window holds them all");
    &page.rows
}

/// Customers in all (unfiltered).
pub fn all_customers(app: &App) -> usize {
    customers(app).page.as_ref().expect("customers loaded").all
}

/// Selects the record `key` in the pane `name` (and loads it).
pub fn select(app: &mut App, name: &str, key: &str) {
    let pane = app
        .panes
        .iter_mut()
        .find(|p| p.name() == name)
        .expect("pane");
    pane.select_key(key);
    app.reload();
}

/// Takes the worker's results until `done` holds; panics after 30 s (a hung worker).
pub fn drain_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !done(app) {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        if !app.drain() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

/// A major phone complaint about quality from `customer`, received at `at`.
pub fn new_complaint(
    customer: String,
    title: &str,
    at: DateTime<Utc>,
) -> kefu::store::complaints::NewComplaint {
    use kefu::domain::complaint::{Category, Channel, Severity};
    kefu::store::complaints::NewComplaint {
        customer,
        title: title.into(),
        description: None,
        channel: Channel::Phone,
        category: Category::Quality,
        severity: Severity::Major,
        received_at: at,
        reply_by: None,
        owner: None,
        product: None,
        batch: None,
        quantity: None,
    }
}
