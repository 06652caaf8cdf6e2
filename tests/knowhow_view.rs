//! The know-how register in the workbench: `H` opens it, Enter opens the selected entry
//! through the same store call as the CLI, so an L3 opening, or a refusal, is logged.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::demo::{generate, DemoOptions};
use kefu::domain::fields::Record;
use kefu::domain::knowhow::KnowHow;
use kefu::domain::time::DEFAULT_TZ;
use kefu::i18n::Lang;
use kefu::store::Store;
use kefu::views::KnowhowView;

/// A demo workbench acting as `actor`, with one L3 entry.
fn workbench(actor: &str, lang: Lang) -> kefu::app::App {
    let mut store = Store::open_in_memory(actor, now(), DEFAULT_TZ).expect("store");
    store
        .write(|tx| {
            generate(
                tx,
                DemoOptions {
                    customers: 20,
                    seed: 1,
                },
                now(),
            )?;
            let mut k = KnowHow::default();
            for (f, v) in [
                ("customer", "C00001"),
                ("title", "防锈涂层配方"),
                ("level", "l3"),
                ("content", "A:B = 3:1，180℃ 固化 20 分钟"),
            ] {
                k.set_typed(f, Some(v), DEFAULT_TZ)?;
            }
            tx.add_knowhow(&k, &[])
        })
        .expect("an L3 entry");
    let mut app = app_on(store, lang, "dark");
    press(&mut app, KeyCode::Char('H'));
    assert!(
        app.open_view::<KnowhowView>().is_some(),
        "H opens the register"
    );
    app
}

fn log(app: &kefu::app::App) -> Vec<(String, String)> {
    app.store
        .knowhow_access(None)
        .expect("the log")
        .into_iter()
        .map(|a| (a.actor, a.outcome))
        .collect()
}

#[test]
fn an_engineer_opens_l3_and_the_opening_is_logged() {
    let mut app = workbench("yang.lei", Lang::Zh);
    let before = screen(&app, 100, 30);
    assert!(
        before.contains("防锈涂层配方") && !before.contains("180℃"),
        "{before}"
    );
    press(&mut app, KeyCode::Enter);
    let after = screen(&app, 100, 30);
    assert!(after.contains("180℃"), "{after}");
    assert_eq!(log(&app), [("yang.lei".to_string(), "opened".to_string())]);
}

#[test]
fn a_kam_is_refused_l3_the_refusal_is_logged_and_nothing_is_shown() {
    let mut app = workbench("li.na", Lang::En);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("you may not open restricted (L3) know-how"),
        "{s}"
    );
    assert!(!s.contains("180℃"), "{s}");
    assert_eq!(log(&app), [("li.na".to_string(), "refused".to_string())]);
    // Esc clears the answer, and a second Esc leaves the view.
    press(&mut app, KeyCode::Esc);
    assert!(app.open_view::<KnowhowView>().is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.open_view::<KnowhowView>().is_none());
}
