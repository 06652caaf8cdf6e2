//! The survey answer form in the workbench: Q on the customers pane (or the palette)
//! opens it on today's round; a stack of paper forms is typed in one customer after
//! another (a-e or 1-5 per item, Enter saves, the next customer of the plan comes up), the
//! running score and rating on screen; an incomplete answer is not saved; Esc closes.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::domain::sampling::Shares;
use kefu::i18n::Lang;
use kefu::views::SurveyEntry;

fn form(app: &App) -> Option<&SurveyEntry> {
    app.open_view::<SurveyEntry>()
}

/// The demo as `who` with the 2026-10 plan drawn; the codes still to answer, in order.
fn workbench(lang: Lang) -> (App, Vec<String>) {
    let mut store = demo_store_as(None, "zhang.wei");
    let plan = store
        .write(|tx| tx.survey_plan("2026-10", &Shares::default()))
        .expect("plan drawn");
    let codes = plan.into_iter().map(|p| p.customer).collect();
    (app_on(store, lang, "dark"), codes)
}

fn open(app: &mut App) {
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('Q'));
    drain_until(app, "the round's plan", |a| {
        form(a).is_some_and(|f| f.data.is_some())
    });
}

fn answered(app: &App) -> Vec<(String, f64, String, String)> {
    app.store
        .survey_answers("2026-10")
        .expect("answers")
        .into_iter()
        .map(|a| (a.customer, a.filled.score, a.filled.rating, a.recorded_by))
        .collect()
}

#[test]
fn a_stack_of_two_paper_forms_is_typed_in() {
    let (mut app, codes) = workbench(Lang::En);
    open(&mut app);
    let s = screen(&app, 100, 30);
    assert!(s.contains("round 2026-10"), "{s}");
    assert!(s.contains(&codes[0]), "the first customer of the plan: {s}");
    // The first form: letters; the running score shows as it is typed.
    type_text(&mut app, "abac");
    let s = screen(&app, 100, 30);
    assert!(s.contains("Score so far 42"), "{s}");
    assert!(
        s.contains("performance") && s.contains("c indifferent"),
        "{s}"
    );
    type_text(&mut app, "aabaaa");
    assert!(screen(&app, 100, 30).contains("Score so far 86 · rating B"));
    press(&mut app, KeyCode::Enter);
    let mut want = vec![(
        codes[0].clone(),
        86.0,
        "B".to_string(),
        "zhang.wei".to_string(),
    )];
    assert_eq!(answered(&app), want);
    // The next customer comes up with an empty form.
    let s = screen(&app, 100, 30);
    assert_eq!(
        form(&app).and_then(|f| f.customer.clone()),
        Some(codes[1].clone())
    );
    assert!(s.contains(&codes[1]) && s.contains("Score so far 0"), "{s}");
    assert!(
        s.contains(&format!("{} still to answer", codes.len() - 1)),
        "{s}"
    );
    // The second form: digits (2 = satisfied), one item missing is not saved.
    type_text(&mut app, "222222222");
    press(&mut app, KeyCode::Enter);
    assert_eq!(answered(&app).len(), 1, "an incomplete answer is not saved");
    assert!(screen(&app, 100, 30).contains("not yet: daily service"));
    type_text(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    want.push((
        codes[1].clone(),
        88.0,
        "B".to_string(),
        "zhang.wei".to_string(),
    ));
    assert_eq!(answered(&app), want);
    assert_eq!(
        form(&app).and_then(|f| f.customer.clone()),
        codes.get(2).cloned()
    );
    // Esc closes without saving what was typed.
    type_text(&mut app, "eeeee");
    press(&mut app, KeyCode::Esc);
    assert!(form(&app).is_none());
    assert_eq!(answered(&app).len(), 2);
}

#[test]
fn in_chinese_with_corrections_and_from_the_palette() {
    let (mut app, codes) = workbench(Lang::Zh);
    press(&mut app, KeyCode::Tab);
    // The palette finds the form by its name in either language.
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "问卷");
    press(&mut app, KeyCode::Enter);
    drain_until(&mut app, "the form", |a| {
        form(a).is_some_and(|f| f.data.is_some())
    });
    // d on size, e on life; Backspace takes back the last answer, ← → change one.
    type_text(&mut app, "adacea");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "eabaaa");
    let s = screen(&app, 100, 30);
    assert!(s.contains("尺寸") && s.contains("d 不满意"), "{s}");
    assert!(s.contains("e 反对"), "{s}");
    assert!(s.contains("当前得分 73 · 评级 C"), "{s}");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Right);
    assert!(screen(&app, 100, 30).contains("当前得分 72 · 评级 C"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        answered(&app),
        [(
            codes[0].clone(),
            73.0,
            "C".to_string(),
            "zhang.wei".to_string()
        )]
    );
    // Below 75: a CAPA is opened in the same write, its problem in the user's language.
    let capas: Vec<_> = app
        .store
        .list_capas(None)
        .expect("capas")
        .into_iter()
        .filter(|c| c.source == format!("2026-10 {}", codes[0]))
        .collect();
    assert_eq!(capas.len(), 1);
    let problem = capas[0].problem.clone().unwrap_or_default();
    assert!(
        problem.ends_with("尺寸（不满意）、寿命（反对）"),
        "{problem}"
    );
    let said = app.last_message.clone().map(|m| m.text).unwrap_or_default();
    assert!(
        said.contains(&format!("已开立纠正预防措施 {}", capas[0].id)),
        "{said}"
    );
    // The next customer can be skipped with → on the customer row.
    press(&mut app, KeyCode::Up);
    for _ in 0..10 {
        press(&mut app, KeyCode::Up);
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    assert_eq!(
        form(&app).and_then(|f| f.customer.clone()),
        codes.get(2).cloned()
    );
}
