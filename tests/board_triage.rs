//! Triage on the board, driven by keys: the typed filter (Chinese and Latin), the one-key
//! toggles, sorting by a column (again to reverse), next breached, the closed complaints,
//! where the cursor goes after a move, and cut cells that say so.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::data::nearest_clock;
use kefu::app::triage::end_of_local_day;
use kefu::app::App;
use kefu::domain::complaint::{Severity, Step};
use kefu::domain::sla::ClockState;
use kefu::domain::time::DEFAULT_TZ;
use kefu::i18n::Lang;
use kefu::store::complaints::ComplaintRow;

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn shown(app: &App) -> Vec<ComplaintRow> {
    board(app).shown().into_iter().cloned().collect()
}

fn numbers(rows: &[ComplaintRow]) -> Vec<String> {
    rows.iter().map(|r| r.number.clone()).collect()
}

fn title_line(app: &App) -> String {
    screen(app, 120, 34)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The workbench as `user` (one of the demo owners), so "mine" has rows.
fn app_as(user: &str) -> App {
    app_on(demo_store_as(None, user), Lang::En, "dark")
}

#[test]
fn typed_filter_matches_number_customer_title_and_owner_and_says_n_of_n() {
    let mut app = app(Lang::En, "dark");
    let all = board_rows(&app).to_vec();
    let pick = &all[all.len() / 2];
    // A Chinese customer name, typed.
    let name: String = pick.customer_name.chars().take(2).collect();
    key(&mut app, '/');
    assert_eq!(app.mode(), kefu::input::mode::Mode::Filter);
    type_text(&mut app, &name);
    let got = shown(&app);
    let want: Vec<_> = all
        .iter()
        .filter(|r| {
            [&r.number, &r.customer, &r.customer_name, &r.title]
                .iter()
                .any(|f| f.to_lowercase().contains(&name.to_lowercase()))
                || r.owner.as_deref().is_some_and(|o| o.contains(&name))
        })
        .cloned()
        .collect();
    assert!(
        !got.is_empty() && got.len() < all.len(),
        "{name}: {}",
        got.len()
    );
    assert_eq!(numbers(&got), numbers(&want));
    assert!(
        title_line(&app).contains(&format!("{} of {}", got.len(), all.len())),
        "{}",
        title_line(&app)
    );
    // Enter keeps the filter and gives the keys back; Esc clears it.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), kefu::input::mode::Mode::Board);
    assert_eq!(shown(&app).len(), got.len());
    press(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app).len(), all.len());

    // Latin: the number, lower case.
    key(&mut app, '/');
    type_text(&mut app, &pick.number.to_lowercase());
    assert_eq!(numbers(&shown(&app)), vec![pick.number.clone()]);
    // No match says so.
    type_text(&mut app, "zzz");
    assert!(shown(&app).is_empty());
    assert!(screen(&app, 120, 34).contains("No complaint matches"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app).len(), all.len());
}

#[test]
fn toggles_narrow_to_breached_due_today_mine_and_urgent() {
    let mut app = app_as("wang.fang");
    let all = board_rows(&app).to_vec();
    let (now, policy) = (app.now, app.policy.clone());
    let due = |r: &ComplaintRow| {
        nearest_clock(r, &policy, now)
            .filter(|c| c.state != ClockState::Paused)
            .map(|c| c.due)
    };
    let end = end_of_local_day(now, DEFAULT_TZ);
    let cases: [(char, &str, Keep); 4] = [
        (
            'b',
            "breached",
            Box::new(|r| due(r).is_some_and(|d| now > d)),
        ),
        (
            't',
            "due today",
            Box::new(|r| due(r).is_some_and(|d| d < end)),
        ),
        (
            '@',
            "mine",
            Box::new(|r| r.owner.as_deref() == Some("wang.fang")),
        ),
        ('!', "urgent", Box::new(|r| r.severity == Severity::Urgent)),
    ];
    for (k, label, keep) in cases {
        let want: Vec<_> = all.iter().filter(|r| keep(r)).cloned().collect();
        assert!(
            !want.is_empty() && want.len() < all.len(),
            "{label}: the demo has some"
        );
        key(&mut app, k);
        assert_eq!(numbers(&shown(&app)), numbers(&want), "{label}");
        assert!(
            title_line(&app).contains(label),
            "{label}: {}",
            title_line(&app)
        );
        key(&mut app, k);
        assert_eq!(shown(&app).len(), all.len(), "{label} off again");
    }
    // Two at once: both must hold.
    key(&mut app, 'b');
    key(&mut app, '@');
    assert!(shown(&app)
        .iter()
        .all(|r| due(r).is_some_and(|d| now > d) && r.owner.as_deref() == Some("wang.fang")));
}

#[test]
fn a_column_key_sorts_again_reverses_third_time_restores() {
    let mut app = app(Lang::En, "dark");
    let board_order = numbers(&shown(&app));
    let mut asc = board_order.clone();
    asc.sort();
    key(&mut app, '1');
    assert_eq!(numbers(&shown(&app)), asc);
    assert!(screen(&app, 120, 34).contains("Number^"));
    key(&mut app, '1');
    let mut desc = asc.clone();
    desc.reverse();
    assert_eq!(numbers(&shown(&app)), desc);
    key(&mut app, '1');
    assert_eq!(numbers(&shown(&app)), board_order);

    // By step: in workflow order, ties in board order.
    key(&mut app, '5');
    let steps: Vec<usize> = shown(&app)
        .iter()
        .map(|r| Step::ALL.iter().position(|s| *s == r.step).unwrap_or(99))
        .collect();
    assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    // By time left, reversed: complaints without a running clock stay last.
    key(&mut app, '7');
    key(&mut app, '7');
    let rows = shown(&app);
    let clocks: Vec<bool> = rows
        .iter()
        .map(|r| nearest_clock(r, &app.policy, app.now).is_some())
        .collect();
    let first_none = clocks.iter().position(|c| !c).unwrap_or(clocks.len());
    assert!(clocks[first_none..].iter().all(|c| !c), "{clocks:?}");
}

#[test]
fn next_breached_walks_the_breached_rows_and_wraps() {
    let mut app = app(Lang::En, "dark");
    let now = app.now;
    let breached: Vec<String> = shown(&app)
        .iter()
        .filter(|r| {
            nearest_clock(r, &app.policy, now).is_some_and(|c| c.state == ClockState::Breached)
        })
        .map(|r| r.number.clone())
        .collect();
    assert!(breached.len() >= 2, "the demo has breached complaints");
    let mut seen = Vec::new();
    for _ in 0..breached.len() {
        key(&mut app, 'B');
        seen.push(
            board(&app)
                .selected()
                .map(|r| r.number.clone())
                .unwrap_or_default(),
        );
    }
    let mut a = seen.clone();
    a.sort();
    let mut b = breached.clone();
    b.sort();
    assert_eq!(a, b, "each breached complaint once");
    key(&mut app, 'B');
    assert_eq!(
        board(&app).selected().map(|r| r.number.clone()),
        Some(seen[0].clone())
    );
}

#[test]
fn closed_toggle_lists_closed_complaints_and_back() {
    let mut app = app(Lang::En, "dark");
    let open = shown(&app).len();
    key(&mut app, 'A');
    let closed = shown(&app);
    assert!(!closed.is_empty());
    assert!(closed.iter().all(|r| r.step.is_terminal()));
    let at: Vec<_> = closed.iter().map(|r| r.facts.closed_at).collect();
    assert!(at.windows(2).all(|w| w[0] >= w[1]), "newest closed first");
    assert!(title_line(&app).contains("Closed complaints"));
    key(&mut app, 'A');
    assert_eq!(shown(&app).len(), open);
}

#[test]
fn after_a_one_key_move_the_cursor_is_on_the_next_complaint() {
    let mut app = app(Lang::En, "dark");
    let rows = shown(&app);
    let i = rows
        .iter()
        .position(|r| r.step == Step::Received)
        .expect("a received complaint");
    let next = rows.get(i + 1).map(|r| r.number.clone());
    board_select(&mut app, i);
    key(&mut app, 'a');
    assert!(
        app.message.as_ref().is_some_and(|m| !m.error),
        "{:?}",
        app.message
    );
    assert_eq!(board(&app).selected().map(|r| r.number.clone()), next);
}

#[test]
fn cut_cells_end_in_a_one_cell_mark_and_wide_boards_show_the_title() {
    let mut store = demo_store(None);
    let customer = store.list_complaints(true).unwrap()[0].customer.clone();
    let long = "包装破损导致整批控制板在运输途中受潮，客户要求全部退货并赔偿停线损失";
    store
        .add_complaint(&new_complaint(customer, long, now()))
        .unwrap();
    let mut app = app_on(store, Lang::Zh, "dark");
    key(&mut app, 'z');
    let s = screen(&app, 120, 34);
    assert!(s.lines().nth(1).is_some_and(|l| l.contains("标题")), "{s}");
    let mut cut = 0;
    for r in shown(&app).iter().take(20) {
        let line = s
            .lines()
            .find(|l| l.contains(&r.number))
            .expect("row on screen");
        if !line.contains(r.title.as_str()) {
            // Cut: the first characters of the title, then the mark.
            let head: String = r.title.chars().take(3).collect();
            assert!(line.contains(&head) && line.contains('~'), "{line}");
            cut += 1;
        }
    }
    assert!(cut > 0, "some title is too long for its column: {s}");
    assert!(!s.contains('…'), "no two-cell marks: {s}");
}

/// Which rows a toggle keeps.
type Keep<'a> = Box<dyn Fn(&ComplaintRow) -> bool + 'a>;

fn board_select(app: &mut App, i: usize) {
    press(app, KeyCode::Home);
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
    assert_eq!(board(app).sel.selected, i);
}

#[test]
fn a_clock_that_becomes_breached_flashes_its_row_and_rings_if_asked() {
    for bell in [false, true] {
        let mut app = app(Lang::En, "dark");
        app.bell = bell;
        let now = app.now;
        // The next clock to fall due, among those still running in time.
        let (number, due) = board_rows(&app)
            .iter()
            .filter_map(|r| {
                nearest_clock(r, &app.policy, now)
                    .filter(|c| c.state != ClockState::Paused && c.due > now)
                    .map(|c| (r.number.clone(), c.due))
            })
            .min_by_key(|(_, d)| *d)
            .expect("a clock still in time");
        app.tick(due - chrono::Duration::seconds(1));
        assert!(!app.ring && board(&app).flashing(due).is_empty(), "not yet");
        // An even second, when a flashing row is lit.
        let after = due + chrono::Duration::seconds(1 + (due.timestamp() + 1) % 2);
        app.tick(after);
        assert_eq!(app.ring, bell, "the bell rings only when asked for");
        assert_eq!(board(&app).flashing(after), vec![number.clone()]);
        app.tick(after + chrono::Duration::seconds(10));
        assert!(board(&app)
            .flashing(after + chrono::Duration::seconds(10))
            .is_empty());
    }
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_line_and_the_wheel_scrolls() {
    use kefu::app::Action;
    use kefu::input::action::{Pointer, PointerKind};
    let mut app = app(Lang::En, "dark");
    // Draw once so the app knows where things are (120x34: board top left, customers right).
    let s = screen(&app, 120, 34);
    let click = |col, row| {
        Action::Mouse(Pointer {
            what: PointerKind::Click,
            col,
            row,
        })
    };
    // The customers pane: its title row is 0, its header 1, its third line row 4.
    let top = s.lines().next().unwrap_or_default();
    let col = top
        .find("Customers")
        .map_or(80, |b| top[..b].chars().count()) as u16;
    app.update(click(col + 2, 4));
    assert_eq!(app.focused_name(), "customers");
    assert_eq!(customers(&app).sel.selected, 2);
    // Back on the board, the fifth line.
    app.update(click(3, 6));
    assert_eq!(app.focused_name(), "board");
    assert_eq!(board(&app).sel.selected, 4);
    // The wheel moves three lines a turn.
    app.update(Action::Mouse(Pointer {
        what: PointerKind::WheelUp,
        col: 3,
        row: 6,
    }));
    assert_eq!(board(&app).sel.selected, 1);
    // Over a form the mouse does nothing.
    press(&mut app, KeyCode::Char('n'));
    app.update(click(col + 2, 4));
    assert_eq!(app.focused_name(), "board");
}
