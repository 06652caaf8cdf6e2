//! The customer file in the workbench: tabs moved through by key, each showing its part of
//! the file, and `K` confirming the data for the quarterly check, with history.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::i18n::Lang;

#[test]
fn tabs_show_each_part_of_the_file_and_k_confirms_the_data() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let code = customers(&app).selected().expect("a customer").code.clone();
    let file = app.store.customer(&code).expect("the file");
    let contact = file.contacts.first().expect("a contact").clone();
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Overview") && text.contains("Credit rating"),
        "{text}"
    );
    assert!(
        !text.contains(&contact.name),
        "contacts are on their own tab: {text}"
    );
    press(&mut app, KeyCode::Tab);
    let text = screen(&app, 100, 30);
    assert!(text.contains(&contact.name), "{text}");
    if let Some(wx) = &contact.wechat {
        assert!(text.contains(wx) && text.contains("WeChat"), "{text}");
    }
    // Round the bar: complaints, NPS, visits and calls, history, then the overview.
    press(&mut app, KeyCode::Right);
    assert!(screen(&app, 100, 30).contains("Complaints (Enter"));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert!(screen(&app, 100, 30).contains("· Visits and calls"));
    press(&mut app, KeyCode::Right);
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("· History") && text.contains("created"),
        "{text}"
    );
    press(&mut app, KeyCode::Right);
    assert!(screen(&app, 100, 30).contains("· Overview"));
    press(&mut app, KeyCode::Left);
    assert!(screen(&app, 100, 30).contains("· History"));

    let before = app.store.customer_history(&code).expect("history").len();
    press(&mut app, KeyCode::Char('K'));
    drain_until(&mut app, "the confirmation", |a| {
        a.message
            .as_ref()
            .is_some_and(|m| m.text.contains("confirmed"))
    });
    let history = app.store.customer_history(&code).expect("history");
    assert_eq!(history.len(), before + 1);
    let last = history.last().expect("a row");
    assert_eq!(last.field.as_deref(), Some("confirmed_at"));
    // `c` is no complaint move here: the file has its own keys.
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(
        app.store.customer_history(&code).expect("history").len(),
        before + 1
    );
}

#[test]
fn d_lists_the_files_due_their_data_check_and_k_takes_one_off() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    let all = customers(&app).total();
    press(&mut app, KeyCode::Char('D'));
    drain_until(&mut app, "the check list", |a| customers(a).page.is_some());
    // The demo's files were all created now: none is due yet.
    assert_eq!(customers(&app).total(), 0);
    assert!(screen(&app, 100, 30).contains("not confirmed for 90 days"));
    press(&mut app, KeyCode::Char('D'));
    drain_until(&mut app, "the whole list", |a| customers(a).total() == all);
    // 90 days on, every file is due; confirming one takes it off the list.
    app.set_now(now() + chrono::Duration::days(90));
    press(&mut app, KeyCode::Char('D'));
    drain_until(&mut app, "the due files", |a| customers(a).total() == all);
    let code = customers(&app).selected().expect("a file").code.clone();
    press(&mut app, KeyCode::Char('K'));
    drain_until(&mut app, "one fewer", |a| customers(a).total() == all - 1);
    assert!(customers(&app).selected().is_some_and(|c| c.code != code));
}

#[test]
fn a_form_taller_than_the_screen_scrolls_to_the_focused_field() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('e'));
    drain_until(&mut app, "the edit form", |a| a.form.is_some());
    let top = screen(&app, 80, 24);
    assert!(
        top.contains("Name *") && !top.contains("Small erratic"),
        "{top}"
    );
    // Back from the first field is the last one: it comes into view, the keys stay.
    press(&mut app, KeyCode::BackTab);
    let bottom = screen(&app, 80, 24);
    assert!(
        bottom.contains("Small erratic") && !bottom.contains("Name *"),
        "{bottom}"
    );
    assert!(bottom.contains("Ctrl-S"), "{bottom}");
}

#[test]
fn n_in_the_file_logs_a_visit_that_satisfies_the_cadence() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let code = customers(&app).selected().expect("a customer").code.clone();
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("· 拜访与电话") && text.contains("服务节奏待办"),
        "{text}"
    );
    let before = app.store.care_logs(&code).expect("logs").len();
    press(&mut app, KeyCode::Char('n'));
    drain_until(&mut app, "the form", |a| a.form.is_some());
    // Kind: a call by default; the time: now. Only the note is typed.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "电话回访，客户满意");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the log", |a| a.form.is_none());
    let logs = app.store.care_logs(&code).expect("logs");
    assert_eq!(logs.len(), before + 1);
    assert_eq!(logs[0].log.note.as_deref(), Some("电话回访，客户满意"));
    drain_until(&mut app, "the file reloaded", |a| {
        screen(a, 100, 30).contains("电话回访")
    });
    let text = screen(&app, 100, 30);
    assert!(text.contains("上次 2026-11-23"), "{text}");
}
