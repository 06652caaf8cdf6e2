//! The command palette and the jump, driven by keys: fuzzy search of the view's actions
//! in either language, running one, and opening records by number, code or name.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::palette::Entry;
use kefu::app::{Action, App};
use kefu::i18n::Lang;
use kefu::input::mode::Mode;
use kefu::kind::RecordKind;
use kefu::views::{ComplaintView, CustomerView};

fn entries(app: &App) -> Vec<Entry> {
    app.palette.as_ref().expect("palette open").shown.clone()
}

fn first_action(app: &App) -> Option<Action> {
    entries(app).into_iter().find_map(|e| match e {
        Entry::Command(c) => Some(c.action),
        Entry::Record(_) => None,
    })
}

#[test]
fn colon_and_ctrl_p_open_the_palette_with_the_views_actions_and_their_keys() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char(':'));
    assert_eq!(app.mode(), Mode::Palette);
    let all = entries(&app);
    let acknowledge = all.iter().find_map(|e| match e {
        Entry::Command(c) if c.action.name() == Some("acknowledge") => Some(c.clone()),
        _ => None,
    });
    let c = acknowledge.expect("the board's acknowledge is offered");
    assert_eq!(c.keys, "a");
    type_text(&mut app, "first resp");
    let s = screen(&app, 100, 30);
    let line = s
        .lines()
        .find(|l| l.contains("Complaint: first response given"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains("a "), "with its key: {line}");
    press(&mut app, KeyCode::Esc);
    assert!(app.palette.is_none());
    ctrl(&mut app, 'p');
    assert!(app.palette.is_some());
}

#[test]
fn typing_finds_an_action_in_either_language_and_enter_runs_it() {
    let mut app = app(Lang::Zh, "dark");
    let number = board(&app).selected().map(|r| r.number.clone());
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "升级");
    assert_eq!(first_action(&app).and_then(|a| a.name()), Some("escalate"));
    // The English name finds it in the Chinese interface too.
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "escalate");
    assert_eq!(first_action(&app).and_then(|a| a.name()), Some("escalate"));
    press(&mut app, KeyCode::Enter);
    assert!(app.palette.is_none());
    let number = number.expect("a selected complaint");
    let d = app.store.complaint(&number).unwrap();
    assert!(
        d.row.escalated.is_some(),
        "Enter escalated {number}: {:?}",
        app.message
    );
}

#[test]
fn g_jumps_to_a_complaint_by_number_and_a_customer_by_name() {
    let mut app = app(Lang::En, "dark");
    let row = board_rows(&app)[3].clone();
    let tail: String = row
        .number
        .chars()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.mode(), Mode::Palette);
    assert!(screen(&app, 100, 30).contains("Type a complaint number"));
    type_text(&mut app, &tail);
    let found = entries(&app);
    assert!(
        found.iter().all(|e| matches!(e, Entry::Record(_))),
        "the jump offers records only"
    );
    assert!(
        matches!(found.first(), Some(Entry::Record(f)) if f.key == row.number),
        "{found:?}"
    );
    press(&mut app, KeyCode::Enter);
    let v = app
        .open_view::<ComplaintView>()
        .expect("the complaint opened");
    assert_eq!(v.number, row.number);

    press(&mut app, KeyCode::Esc);
    let name: String = row.customer_name.chars().take(3).collect();
    press(&mut app, KeyCode::Char('g'));
    type_text(&mut app, &name);
    let at = entries(&app)
        .iter()
        .position(|e| matches!(e, Entry::Record(f) if f.kind == RecordKind::Customer && f.key == row.customer))
        .expect("the customer is found by name");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let v = app
        .open_view::<CustomerView>()
        .expect("the customer file opened");
    assert_eq!(v.code, row.customer);

    // Nothing found says so.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('g'));
    type_text(&mut app, "no such thing");
    assert!(entries(&app).is_empty());
    assert!(screen(&app, 100, 30).contains("Nothing matches"));
}
