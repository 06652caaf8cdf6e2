//! Forms in the workbench, driven by keys: pickers in zh and en, a customer picker that
//! searches as you type, and pastes that stay in their field.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::Action;
use kefu::i18n::Lang;

fn field<'a>(app: &'a kefu::app::App, name: &str) -> &'a kefu::app::form::Field {
    let form = app.form.as_ref().expect("a form is open");
    form.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn focus(app: &mut kefu::app::App, name: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.focus = form
        .fields
        .iter()
        .position(|f| f.name == name)
        .expect("field");
}

fn clear(app: &mut kefu::app::App) {
    for _ in 0..40 {
        press(app, KeyCode::Backspace);
    }
}

#[test]
fn a_zh_user_picks_the_severity_by_its_label_and_saves() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('n'));
    let minor = Lang::Zh.catalog().get("severity.minor");
    assert_eq!(
        field(&app, "severity").value(),
        minor,
        "the label is shown, not `minor`"
    );
    assert_ne!(minor, "minor");
    focus(&mut app, "severity");
    clear(&mut app);
    type_text(&mut app, "重");
    assert_eq!(field(&app, "severity").matches().len(), 1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(field(&app, "severity").value(), "重大");
    assert_eq!(
        app.form.as_ref().map(|f| f.value("severity")).as_deref(),
        Some("major")
    );
    focus(&mut app, "title");
    type_text(&mut app, "外观划伤");
    let before = board_rows(&app).len();
    ctrl(&mut app, 's');
    assert_saved(&app);
    assert_eq!(board_rows(&app).len(), before + 1);
    let new = board_rows(&app)
        .iter()
        .find(|r| r.title == "外观划伤")
        .expect("on the board");
    assert_eq!(new.severity.as_str(), "major");
}

#[test]
fn an_en_user_moves_through_a_picker_with_the_arrows() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('n'));
    focus(&mut app, "category");
    clear(&mut app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.form.as_ref().map(|f| f.value("category")).as_deref(),
        Some("logistics")
    );
    // Enter took the option and moved on to the next field.
    let form = app.form.as_ref().expect("open");
    assert_eq!(form.fields[form.focus].name, "channel");
    // Outside a picker the arrows move between fields.
    focus(&mut app, "title");
    press(&mut app, KeyCode::Down);
    let form = app.form.as_ref().expect("open");
    assert_eq!(form.fields[form.focus].name, "severity");
}

#[test]
fn the_customer_picker_searches_by_name_and_shows_the_code() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('n'));
    focus(&mut app, "customer");
    clear(&mut app);
    let all = field(&app, "customer").matches().len();
    assert!(all > 1, "options arrive for a blank field ({all})");
    let name = customer_rows(&app)[0]
        .short_name
        .clone()
        .expect("demo short names");
    type_text(&mut app, &name);
    let matches = field(&app, "customer").matches();
    assert!(
        !matches.is_empty() && matches.len() < all,
        "{} of {all}",
        matches.len()
    );
    assert!(matches
        .iter()
        .all(|o| o.label.contains(&name) || o.code.contains(&name)));
    let code = matches[0].code.clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.form.as_ref().map(|f| f.value("customer")), Some(code));
    // The owner picker offers staff by name.
    focus(&mut app, "owner");
    type_text(&mut app, "陈");
    let staff = field(&app, "owner").matches();
    assert_eq!(staff.len(), 1, "{staff:?}");
    assert_eq!(staff[0].code, "chen.jing");
}

#[test]
fn a_multi_line_paste_stays_in_its_field_and_a_long_one_is_cut() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('n'));
    focus(&mut app, "title");
    app.update(Action::Paste("第一行\r\n第二行\n".into()));
    assert_eq!(field(&app, "title").value(), "第一行 第二行");
    assert_eq!(
        app.form.as_ref().map(|f| f.fields[f.focus].name),
        Some("title"),
        "focus stays"
    );
    focus(&mut app, "description");
    let long: String = "客户反映外观有划痕。".chars().cycle().take(2500).collect();
    app.update(Action::Paste(long));
    let d = field(&app, "description");
    assert_eq!(d.input.lines().join("").chars().count(), 2000);
    // The keys after the paste still work.
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "the form saved after the paste");
}
