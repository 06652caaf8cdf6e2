//! Grade proposals in the workbench: the customers whose grade a method would change,
//! beside their grade now; a manager confirms one by key (the method kept in the grade's
//! history), an agent is refused before any form, Tab switches the method.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::i18n::Lang;
use kefu::store::grading::GradeRow;
use kefu::views::GradesView;

fn grades(app: &App) -> Option<&GradesView> {
    app.view
        .as_ref()
        .and_then(|v| v.as_any().downcast_ref::<GradesView>())
}

fn rows(app: &App) -> Vec<GradeRow> {
    grades(app).and_then(|g| g.rows.clone()).unwrap_or_default()
}

/// `who`'s workbench on the customers pane with the grade proposals open.
fn open_as(who: &str) -> App {
    let mut app = app_on(demo_store_as(None, who), Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('P'));
    drain_until(&mut app, "the proposals", |a| {
        grades(a).is_some_and(|g| g.rows.is_some())
    });
    app
}

#[test]
fn a_manager_confirms_the_proposal_by_key() {
    let mut app = open_as("zhang.wei");
    let first = rows(&app)
        .first()
        .cloned()
        .expect("a proposal that differs");
    assert!(rows(&app).iter().all(GradeRow::differs));
    let text = screen(&app, 100, 30);
    assert!(text.contains("Grade proposals · by revenue"), "{text}");
    assert!(text.contains(&first.code), "{text}");
    press(&mut app, KeyCode::Char('c'));
    drain_until(&mut app, "the form", |a| a.form.is_some());
    let text = screen(&app, 100, 30);
    assert!(text.contains("Confirm the grade of"), "{text}");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the list without it", |a| {
        a.form.is_none() && !rows(a).iter().any(|r| r.code == first.code)
    });
    let file = app.store.customer(&first.code).expect("the file");
    assert_eq!(file.fields.grade, first.proposal.grade);
    let last = file.grade_history.last().expect("a grade change");
    assert_eq!(last.changed_by, "zhang.wei");
    assert_eq!(last.method.as_deref(), Some("revenue"));
    assert!(last
        .basis
        .as_deref()
        .is_some_and(|b| b.starts_with("by revenue")));
}

#[test]
fn an_agent_is_refused_before_the_form_and_tab_switches_the_method() {
    let mut app = open_as("zhao.min");
    let before = rows(&app);
    press(&mut app, KeyCode::Char('c'));
    assert!(app.form.is_none());
    let msg = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(msg.contains("may not"), "{msg}");
    let code = before.first().map(|r| r.code.clone()).unwrap_or_default();
    let now = app.store.customer(&code).expect("the file").fields.grade;
    assert_eq!(now, before[0].current, "nothing written");
    press(&mut app, KeyCode::Tab);
    drain_until(&mut app, "the criteria proposals", |a| {
        grades(a).is_some_and(|g| {
            g.method == kefu::domain::grading::Method::Criteria && g.rows.is_some()
        })
    });
    assert!(screen(&app, 100, 30).contains("by criteria"));
}
