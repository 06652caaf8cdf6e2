//! The workbench driven headless, by keys and actions, on a real store.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::{Action, Confirm};
use kefu::domain::complaint::Step;
use kefu::i18n::Lang;
use kefu::store::customers::CustomerFilter;
use kefu::views::{ComplaintView, CustomerView};

#[test]
fn new_customer_form_saves_and_the_row_appears_with_history() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focused_name(), "customers");
    press(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_some());
    press(&mut app, KeyCode::Tab); // past the optional code
    type_text(&mut app, "杭州测试精密机械有限公司");
    press(&mut app, KeyCode::Tab); // short name
    type_text(&mut app, "测试精密");
    press(&mut app, KeyCode::Tab); // grade
    type_text(&mut app, "b");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_none(),
        "saved and closed: {:?}",
        app.form.as_ref().map(|f| f.error.clone())
    );
    let c = customers(&app)
        .selected()
        .expect("the new customer is selected");
    assert_eq!(
        (c.code.as_str(), c.name.as_str()),
        ("C00121", "杭州测试精密机械有限公司")
    );
    assert_eq!(c.grade.map(|g| g.as_str()), Some("B"));
    let history = app.store.history_of("customer", "C00121").unwrap();
    assert_eq!((history.len(), history[0].actor.as_str()), (1, "tester"));
    assert!(screen(&app, 160, 48).contains("测试精密"));
}

#[test]
fn validation_errors_show_beside_the_field_and_nothing_is_written() {
    let mut app = app(Lang::En, "dark");
    let before = app.store.history_count().unwrap();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "bad code!");
    let form = app.form.as_ref().unwrap();
    assert!(
        form.fields[0]
            .error
            .as_deref()
            .unwrap()
            .contains("bad code!"),
        "checked as you type"
    );
    ctrl(&mut app, 's');
    let form = app.form.as_ref().expect("still open");
    // The first bad field keeps the focus; the required name is flagged too.
    assert_eq!(form.focus, 0);
    assert!(form.fields[1]
        .error
        .as_deref()
        .unwrap()
        .contains("required"));
    assert_eq!(app.store.history_count().unwrap(), before);
}

#[test]
fn esc_on_a_changed_form_asks_and_then_discards_without_writing() {
    let mut app = app(Lang::En, "dark");
    let before_customers = all_customers(&app);
    let before = app.store.history_count().unwrap();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "半途而废");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.confirm, Some(Confirm::DiscardForm));
    press(&mut app, KeyCode::Char('n'));
    assert!(
        app.form.is_some() && app.confirm.is_none(),
        "n keeps the form"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.form.is_none());
    assert_eq!(all_customers(&app), before_customers);
    assert_eq!(app.store.history_count().unwrap(), before);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "nothing unsaved: q quits at once");
    let mut app = common::app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "x");
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "q is text inside a form");
    ctrl(&mut app, 'c');
    assert_eq!(app.confirm, Some(Confirm::Quit));
    assert!(!app.quit);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

#[test]
fn board_keys_move_the_selected_complaint_and_refuse_skips() {
    let mut app = app(Lang::En, "dark");
    let i = board_rows(&app)
        .iter()
        .position(|r| r.step == Step::Received)
        .unwrap();
    let number = board_rows(&app)[i].number.clone();
    let next = board_rows(&app).get(i + 1).map(|r| r.number.clone());
    select(&mut app, "board", &number);
    press(&mut app, KeyCode::Char('p'));
    let msg = app.message.clone().unwrap();
    assert!(
        msg.error && msg.text.contains("must be investigating"),
        "{msg:?}"
    );
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(
        board(&app).selected().map(|r| r.number.clone()),
        next,
        "the cursor stays where the work is: the next complaint"
    );
    let d = app.store.complaint(&number).unwrap();
    assert_eq!(d.row.facts.acknowledged_at, Some(now()));
    assert_eq!(d.steps.last().unwrap().by, "tester");
}

#[test]
fn urgent_complaints_come_first_then_the_nearest_due() {
    let app = app(Lang::En, "dark");
    let urgent_end = board_rows(&app)
        .iter()
        .take_while(|r| r.severity.as_str() == "urgent")
        .count();
    assert!(urgent_end >= 1);
    assert!(board_rows(&app)[urgent_end..]
        .iter()
        .all(|r| r.severity.as_str() != "urgent"));
    let dues: Vec<_> = board_rows(&app)[urgent_end..]
        .iter()
        .filter_map(|r| kefu::app::data::nearest_clock(r, &app.policy, app.now).map(|c| c.due))
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
}

#[test]
fn filter_as_you_type_in_chinese_and_latin() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "东方");
    assert!(!customer_rows(&app).is_empty());
    assert!(customer_rows(&app).len() < all_customers(&app));
    for c in customer_rows(&app) {
        assert!(c.name.contains("东方") || c.short_name.as_deref().unwrap_or("").contains("东方"));
    }
    press(&mut app, KeyCode::Enter); // keep the filter, leave typing
    press(&mut app, KeyCode::Enter); // open the first match
    assert!(app.open_view::<CustomerView>().is_some());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        customer_rows(&app).len(),
        all_customers(&app),
        "Esc clears the filter"
    );
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "c0000");
    assert_eq!(
        customer_rows(&app).len(),
        9,
        "C00001-C00009 by code, case-insensitive"
    );
}

#[test]
fn opening_a_complaint_shows_every_clock_and_the_steps() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Enter);
    let Some(d) = app
        .open_view::<ComplaintView>()
        .and_then(|v| v.detail.as_ref())
    else {
        panic!("not opened")
    };
    let number = d.row.number.clone();
    let text = screen(&app, 120, 40);
    for s in [
        number.as_str(),
        "Clocks",
        "First response",
        "Plan",
        "Disposal",
        "Report",
        "Steps",
        "received",
    ] {
        assert!(text.contains(s), "{s} missing:\n{text}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.view.is_none());
}

#[test]
fn another_terminals_write_shows_up_and_a_stale_edit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut a = app_on(demo_store(Some(&path)), Lang::En, "dark");
    let mut b =
        kefu::store::Store::open(&path, "other", now(), kefu::domain::time::DEFAULT_TZ).unwrap();
    let seen = a.store.data_version().unwrap();

    // A starts editing C00001; B changes it and adds a customer meanwhile.
    press(&mut a, KeyCode::Tab);
    select(&mut a, "customers", "C00001");
    assert_eq!(customers(&a).selected().unwrap().code, "C00001");
    press(&mut a, KeyCode::Char('e'));
    let file = b.customer("C00001").unwrap();
    let mut f = file.fields.clone();
    f.city = Some("宁波".into());
    b.update_customer("C00001", file.version, &f, None).unwrap();
    b.add_customer(
        None,
        &kefu::domain::customer::CustomerFields {
            name: "新客户".into(),
            ..Default::default()
        },
        &[],
    )
    .unwrap();

    assert_ne!(
        a.store.data_version().unwrap(),
        seen,
        "the write is visible through data_version"
    );
    a.update(Action::DataChanged);
    assert!(customer_rows(&a).iter().any(|c| c.name == "新客户"));

    // A's save of the stale form is refused and nothing is overwritten.
    let form = a.form.as_mut().unwrap();
    let city = form.fields.iter().position(|f| f.name == "city").unwrap();
    form.focus = city;
    type_text(&mut a, "x");
    ctrl(&mut a, 's');
    let err = a
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("refused");
    assert!(err.contains("changed by someone else"), "{err}");
    assert_eq!(
        b.customer("C00001").unwrap().fields.city.as_deref(),
        Some("宁波")
    );
    assert_eq!(
        b.list_customers(&CustomerFilter::default()).unwrap().len(),
        121
    );
}

#[test]
fn ticks_redraw_only_when_a_visible_label_changes() {
    let mut app = app(Lang::En, "dark");
    let t0 = now() + chrono::Duration::seconds(30);
    app.tick(t0);
    app.needs_draw = false;
    assert!(
        !app.tick(t0 + chrono::Duration::seconds(1)),
        "10:00:31 looks like 10:00:30"
    );
    assert!(!app.needs_draw);
    assert!(
        app.tick(now() + chrono::Duration::seconds(61)),
        "the minute turned"
    );
    assert!(app.needs_draw);
}

#[test]
fn stored_escape_sequences_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut store = demo_store(Some(&path));
    let plain = kefu::domain::customer::CustomerFields {
        name: "AAA公司".into(),
        grade: Some(kefu::domain::customer::Grade::A),
        ..Default::default()
    };
    let code = store.add_customer(None, &plain, &[]).unwrap();
    // kefu refuses control characters in names, so they can only come from a hand edit.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE customers SET name = ?1, short_name = ?2 WHERE code = ?3",
            [
                "AAA\x1b]0;pwned\x07\x1b[2J公司",
                "AAA\x1b]0;pwned\x07\x1b[2J",
                code.as_str(),
            ],
        )
        .unwrap();
    let mut app = app_on(store, Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    select(&mut app, "customers", &code);
    assert_eq!(customers(&app).selected().unwrap().code, code);
    let mut bytes = Vec::new();
    for step in 0..2 {
        let backend = ratatui::backend::CrosstermBackend::new(&mut bytes);
        let mut t = ratatui::Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)),
            },
        )
        .unwrap();
        t.draw(|f| kefu::ui::draw(f, &app)).unwrap();
        drop(t);
        if step == 0 {
            press(&mut app, KeyCode::Enter); // and the customer's file view
        }
    }
    let out = String::from_utf8_lossy(&bytes);
    assert!(out.contains("AAA"), "the name is shown");
    assert!(!out.contains("\x1b]0;pwned"), "title sequence leaked");
    assert!(!out.contains('\x07'), "BEL leaked");
    assert!(!out.contains("\x1b[2J"), "clear-screen leaked");
}

#[test]
fn any_size_draws_without_panicking() {
    let mut app = app(Lang::Zh, "dark");
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 5),
        (19, 5),
        (20, 6),
        (40, 10),
        (80, 24),
        (200, 60),
        (7, 40),
    ] {
        render(&app, w, h);
        press(&mut app, KeyCode::Char('z'));
        render(&app, w, h);
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('?'));
    for (w, h) in [(1, 1), (30, 8), (80, 24)] {
        render(&app, w, h);
    }
}

#[test]
fn a_broken_config_starts_with_defaults_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "theme = \"light\"\n[keys.board\nacknowledge = [\"A\"]\n",
    )
    .unwrap();
    let (settings, problems) = kefu::config::settings::load(Some(&path), false);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        settings.theme_name, "dark",
        "the whole broken file is ignored"
    );
    let warnings: Vec<String> = problems
        .iter()
        .map(|w| w.render(Lang::En.catalog()))
        .collect();
    let setup = kefu::app::Setup {
        lang: Lang::En,
        theme: settings.theme,
        keymap: settings.keymap,
        tz: kefu::domain::time::DEFAULT_TZ,
        policy: kefu::config::policy::builtin(kefu::domain::time::DEFAULT_TZ),
        bell: false,
        warnings,
        views: kefu::views::registry(),
    };
    let mut app = kefu::app::App::new(demo_store(None), setup).unwrap();
    let text = screen(&app, 200, 30);
    assert!(text.contains("config.toml, line 2"), "{text}");
    // The default keys work.
    let i = board_rows(&app)
        .iter()
        .position(|r| r.step == Step::Received)
        .unwrap();
    let number = board_rows(&app)[i].number.clone();
    select(&mut app, "board", &number);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(board(&app).selected().unwrap().step, Step::Acknowledged);
}

#[test]
fn a_worker_thread_fills_the_panes_and_drops_a_stale_result() {
    use kefu::app::worker::{Done, Worker};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let store = demo_store(Some(&path));
    let tz = kefu::domain::time::DEFAULT_TZ;
    let open = || kefu::store::Store::open(&path, "tester", now(), tz).unwrap();
    let worker = Worker::spawn(vec![open(), open()], std::time::Duration::from_millis(20));
    let mut app = kefu::app::App::with_worker(store, setup(Lang::En, "dark"), worker);

    // The first frame draws at once, before any data arrived.
    assert!(board(&app).rows.is_none());
    assert!(screen(&app, 120, 40).contains("loading…"));

    // A newer request for the board makes the first one stale: its result is dropped.
    let first = app.pending("board").expect("asked for the board");
    app.reload();
    let newer = app.pending("board").unwrap();
    assert!(newer > first);
    let empty: Vec<kefu::store::complaints::ComplaintRow> = Vec::new();
    app.apply(Done::Loaded {
        slot: "board".into(),
        generation: first,
        result: Ok(Box::new(empty)),
    });
    assert!(board(&app).rows.is_none(), "the stale result is dropped");

    drain_until(&mut app, "every pane", |a| !a.waiting());
    assert!(!board_rows(&app).is_empty(), "the newest request answered");
    assert_eq!(all_customers(&app), 120);
    assert!(!screen(&app, 120, 40).contains("loading…"));

    // Another terminal's write is noticed by the worker, which reloads off this thread.
    let mut other = kefu::store::Store::open(&path, "other", now(), tz).unwrap();
    let fields = kefu::domain::customer::CustomerFields {
        name: "远方客户".into(),
        ..Default::default()
    };
    other.add_customer(None, &fields, &[]).unwrap();
    drain_until(&mut app, "the other terminal's customer", |a| {
        customers(a).total() == 121
    });
    assert!(customer_rows(&app).iter().any(|c| c.name == "远方客户"));

    // A write of ours runs on the worker and selects what it saved.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "工作线程有限公司");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the save", |a| a.form.is_none() && !a.waiting());
    let c = customers(&app).selected().expect("selected");
    assert_eq!(c.name, "工作线程有限公司");
}

#[test]
fn the_capa_list_shows_overdue_ones_first_then_by_due_date() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('C'));
    drain_until(&mut app, "the CAPA list", |a| {
        a.open_view::<kefu::views::Capas>()
            .is_some_and(|v| v.list.is_some())
    });
    let list = app
        .open_view::<kefu::views::Capas>()
        .and_then(|v| v.list.clone())
        .expect("loaded");
    let today = now()
        .with_timezone(&kefu::domain::time::DEFAULT_TZ)
        .date_naive();
    let late: Vec<bool> = list
        .iter()
        .map(|c| kefu::domain::capa::overdue(c.due_date, c.verdict, today))
        .collect();
    let first_on_time = late.iter().position(|l| !l).unwrap_or(late.len());
    assert!(first_on_time > 0, "the demo has an overdue CAPA");
    assert!(late[first_on_time..].iter().all(|l| !l), "{late:?}");
    for part in [&list[..first_on_time], &list[first_on_time..]] {
        assert!(part.windows(2).all(|w| w[0].due_date <= w[1].due_date));
    }
}
