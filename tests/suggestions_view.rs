//! The suggestions log in the workbench, driven by keys: open it, take one down, answer it,
//! see the year's summary; snapshots in both languages at 80x24 and 120x40.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::i18n::Lang;
use kefu::views::Suggestions;

fn opened(lang: Lang) -> kefu::app::App {
    let mut app = app(lang, "dark");
    press(&mut app, KeyCode::Char('Y'));
    assert!(app.open_view::<Suggestions>().is_some(), "Y opens the log");
    app
}

fn rows(app: &kefu::app::App) -> &[kefu::domain::suggestion::SuggestionRecord] {
    app.open_view::<Suggestions>()
        .and_then(|v| v.rows.as_deref())
        .expect("the log is loaded")
}

#[test]
fn the_log_lists_this_years_suggestions_newest_first() {
    let app = opened(Lang::En);
    let rows = rows(&app);
    assert!(rows.len() > 3, "the demo has suggestions ({})", rows.len());
    assert!(rows
        .windows(2)
        .all(|w| w[0].suggestion.received >= w[1].suggestion.received));
    assert!(rows.iter().all(|r| r.number.starts_with("JY-2026-")));
}

#[test]
fn a_suggestion_is_taken_down_and_answered_by_keys() {
    let mut app = opened(Lang::Zh);
    let before = rows(&app).len();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "C00003");
    press(&mut app, KeyCode::Enter);
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "希望增加夜间客服热线");
    press(&mut app, KeyCode::Tab);
    // The topic picker: 产品 by its label.
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "产品");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let rows_now = rows(&app);
    assert_eq!(rows_now.len(), before + 1);
    let view = app.open_view::<Suggestions>().expect("still open");
    let new = &rows_now[view.sel.selected];
    assert_eq!(
        new.suggestion.content.as_deref(),
        Some("希望增加夜间客服热线"),
        "the new one is selected"
    );
    assert_eq!(new.suggestion.topic.map(|t| t.as_str()), Some("product"));
    assert_eq!(new.suggestion.customer.as_deref(), Some("C00003"));
    let number = new.number.clone();

    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "已安排试运行");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    let answered = rows(&app)
        .iter()
        .find(|r| r.number == number)
        .expect("listed");
    assert_eq!(answered.response.response.as_deref(), Some("已安排试运行"));
    assert_eq!(
        answered.response.status.map(|s| s.as_str()),
        Some("answered")
    );
    let history = app
        .store
        .history_of("suggestion", &number)
        .expect("history");
    assert_eq!(
        history.len(),
        4,
        "the insert, then response, time and status"
    );
}

#[test]
fn a_bad_answer_is_refused_on_the_form_and_nothing_is_written() {
    let mut app = opened(Lang::En);
    let number = rows(&app)[0].number.clone();
    let before = app
        .store
        .history_of("suggestion", &number)
        .expect("history")
        .len();
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..40 {
        press(&mut app, KeyCode::Backspace);
    }
    ctrl(&mut app, 's');
    let form = app.form.as_ref().expect("still open");
    let said = form
        .error
        .clone()
        .or_else(|| form.fields.iter().find_map(|f| f.error.clone()));
    assert!(
        said.is_some_and(|e| e.contains("Response")),
        "{:?}",
        form.error
    );
    assert_eq!(
        app.store
            .history_of("suggestion", &number)
            .expect("history")
            .len(),
        before
    );
}

#[test]
fn snapshot_en_120x40() {
    insta::assert_snapshot!(screen(&opened(Lang::En), 120, 40));
}

#[test]
fn snapshot_zh_80x24() {
    insta::assert_snapshot!(screen(&opened(Lang::Zh), 80, 24));
}

#[test]
fn snapshot_summary_zh_120x40() {
    let mut app = opened(Lang::Zh);
    press(&mut app, KeyCode::Char('S'));
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn snapshot_detail_en_80x24() {
    let mut app = opened(Lang::En);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_and_hints_say_what_the_keys_do_in_the_log() {
    let mut app = opened(Lang::Zh);
    let hints = screen(&app, 120, 40);
    assert!(
        hints.contains("n 新建") && hints.contains("e 答复"),
        "{hints}"
    );
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 120, 40);
    assert!(
        help.contains("登记一条新的") && help.contains("年度汇总"),
        "{help}"
    );
    assert!(
        !help.contains("新建客户"),
        "not the customers' description: {help}"
    );
}
