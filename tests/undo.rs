//! `u` takes back a one-key move within 10 seconds, writing the reversal with history;
//! after the window, or once the complaint has moved on, it says so and changes nothing.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::domain::complaint::Step;
use kefu::i18n::Lang;
use kefu::store::workflow::Move;

fn received(app: &mut App) -> String {
    let n = board_rows(app)
        .iter()
        .find(|r| r.step == Step::Received)
        .expect("a received complaint")
        .number
        .clone();
    select(app, "board", &n);
    n
}

fn error(app: &App) -> bool {
    app.message.as_ref().is_some_and(|m| m.error)
}

#[test]
fn u_within_ten_seconds_takes_the_move_back_with_history() {
    let mut app = app(Lang::En, "dark");
    let n = received(&mut app);
    let history_before = app.store.history_of("complaint", &n).unwrap().len();
    press(&mut app, KeyCode::Char('a'));
    assert!(app
        .message
        .as_ref()
        .is_some_and(|m| m.text.contains("u takes it back")));
    assert_eq!(
        app.store.complaint(&n).unwrap().row.step,
        Step::Acknowledged
    );
    app.set_now(now() + chrono::Duration::seconds(9));
    press(&mut app, KeyCode::Char('u'));
    assert!(!error(&app), "{:?}", app.message);
    let d = app.store.complaint(&n).unwrap();
    assert_eq!(d.row.step, Step::Received);
    assert_eq!(
        d.row.facts.acknowledged_at, None,
        "the first response is not counted"
    );
    let history = app.store.history_of("complaint", &n).unwrap();
    assert!(
        history.len() > history_before + 1,
        "the move and its reversal are both kept"
    );
    let last = history.last().expect("history");
    assert_eq!(
        (last.old.as_deref(), last.new.as_deref()),
        (Some("acknowledged"), Some("received"))
    );
    // Once taken back, there is nothing left to take back.
    press(&mut app, KeyCode::Char('u'));
    assert!(error(&app));
    assert_eq!(app.store.complaint(&n).unwrap().row.step, Step::Received);
}

#[test]
fn after_ten_seconds_the_move_stays() {
    let mut app = app(Lang::En, "dark");
    let n = received(&mut app);
    press(&mut app, KeyCode::Char('a'));
    app.set_now(now() + chrono::Duration::seconds(11));
    press(&mut app, KeyCode::Char('u'));
    assert!(error(&app), "too late is said");
    assert_eq!(
        app.store.complaint(&n).unwrap().row.step,
        Step::Acknowledged
    );
}

#[test]
fn a_complaint_moved_on_since_is_not_taken_back() {
    let mut app = app(Lang::En, "dark");
    let n = received(&mut app);
    press(&mut app, KeyCode::Char('a'));
    // Another terminal moves it on in between.
    app.store
        .move_complaint(&n, Step::Investigating, now(), &Move::default())
        .unwrap();
    press(&mut app, KeyCode::Char('u'));
    assert!(error(&app), "{:?}", app.message);
    assert_eq!(
        app.store.complaint(&n).unwrap().row.step,
        Step::Investigating
    );
}

#[test]
fn an_escalation_is_taken_back_too_and_u_alone_says_what_it_does() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('u'));
    assert!(error(&app), "nothing to take back is said");
    let n = board_rows(&app)
        .iter()
        .find(|r| r.escalated.is_none() && r.owner.is_some() && !r.step.is_terminal())
        .expect("an open, owned, unescalated complaint")
        .number
        .clone();
    select(&mut app, "board", &n);
    press(&mut app, KeyCode::Char('E'));
    assert!(
        app.store.complaint(&n).unwrap().row.escalated.is_some(),
        "{:?}",
        app.message
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(!error(&app), "{:?}", app.message);
    assert!(app.store.complaint(&n).unwrap().row.escalated.is_none());
}
