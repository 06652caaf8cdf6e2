//! Feedback that fits: the help screen scrolls at 80x24 and reaches every key; a message
//! too long for the status line says so, and `L` shows it whole.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::domain::complaint::{Severity, Step};
use kefu::i18n::Lang;

#[test]
fn help_fits_80x24_and_scrolls_to_every_key() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('?'));
    let first = screen(&app, 80, 24);
    assert!(first.contains("1-21 of"), "{first}");
    assert!(first.contains("Show or hide this help"));
    assert!(
        !first.contains("Take back the last one-key move"),
        "not all fit"
    );
    press(&mut app, KeyCode::End);
    let last = screen(&app, 80, 24);
    assert!(last.contains("Take back the last one-key move"), "{last}");
    assert!(!last.contains("Show or hide this help"), "scrolled");
    // Past the end stays at the end; one up moves one row.
    press(&mut app, KeyCode::PageDown);
    assert_eq!(screen(&app, 80, 24), last);
    press(&mut app, KeyCode::Up);
    assert_ne!(screen(&app, 80, 24), last);
    press(&mut app, KeyCode::Esc);
    assert!(!app.help);
    // Opened again, it starts at the top.
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(screen(&app, 80, 24), first);
}

#[test]
fn a_long_message_says_it_is_cut_and_l_shows_it_whole() {
    let mut app = app(Lang::En, "dark");
    let n = board_rows(&app)
        .iter()
        .find(|r| r.step == Step::Received && r.severity != Severity::Minor)
        .expect("a received major complaint")
        .number
        .clone();
    select(&mut app, "board", &n);
    press(&mut app, KeyCode::Char('c'));
    let text = app.message.clone().expect("a refusal").text;
    assert!(text.len() > 50, "{text}");
    let status = screen(&app, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(status.contains("L: all"), "{status}");
    press(&mut app, KeyCode::Char('L'));
    assert!(app.message_open);
    let s = screen(&app, 80, 24);
    // Wrapped in the popup: every word of the message is on screen.
    for word in text.split_whitespace() {
        assert!(s.contains(word), "{word} missing: {s}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!app.message_open);
}
