//! The NPS campaign in the workbench: a stack of paper answers is typed in without
//! leaving the form (each save opens the next contact still to answer), a score below 7
//! opens an improvement case, and Esc ends the stack with nothing more stored.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::i18n::Lang;
use kefu::views::CampaignView;

fn campaign(app: &App) -> Option<&CampaignView> {
    app.view
        .as_ref()
        .and_then(|v| v.as_any().downcast_ref::<CampaignView>())
}

fn form_title(app: &App) -> String {
    match app.form.as_ref().map(|f| &f.kind) {
        Some(kefu::app::form::FormKind::Record(rf)) => rf.title.clone(),
        _ => String::new(),
    }
}

#[test]
fn paper_answers_are_typed_one_after_another_and_a_low_score_opens_a_case() {
    let mut store = demo_store_as(None, "zhang.wei");
    let opened = store.write(|tx| tx.open_campaign("2026-Q4")).unwrap();
    let pending = store.next_pending("2026-Q4", None).unwrap().unwrap();
    let second = store
        .next_pending("2026-Q4", Some((&pending.customer, &pending.contact)))
        .unwrap()
        .unwrap();
    let third = store
        .next_pending("2026-Q4", Some((&second.customer, &second.contact)))
        .unwrap()
        .unwrap();
    let mut app = app_on(store, Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('N'));
    drain_until(&mut app, "the campaign", |a| {
        campaign(a).is_some_and(|c| c.contacts.is_some())
    });
    let shown = screen(&app, 100, 30);
    let head = format!("已答复 0/{}", opened.contacts);
    assert!(shown.contains(&head), "{shown}");
    press(&mut app, KeyCode::Char('n'));
    assert!(
        form_title(&app).contains(&pending.contact),
        "{}",
        form_title(&app)
    );
    type_text(&mut app, "9");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the second form", |a| {
        form_title(a).contains(&second.contact)
    });
    type_text(&mut app, "4");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "交期太慢");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the third form", |a| {
        form_title(a).contains(&third.contact)
    });
    // Esc ends the stack: the third contact stays pending.
    press(&mut app, KeyCode::Esc);
    assert!(app.form.is_none());
    drain_until(&mut app, "the reload", |a| {
        campaign(a).is_some_and(|c| {
            c.contacts
                .as_ref()
                .and_then(|l| l.as_ref())
                .is_some_and(|l| l.iter().filter(|x| x.score.is_some()).count() == 2)
        })
    });
    let list = campaign(&app)
        .and_then(|c| c.contacts.clone())
        .flatten()
        .unwrap_or_default();
    let score_of = |who: &str| list.iter().find(|c| c.who() == who).and_then(|c| c.score);
    assert_eq!(score_of(&pending.who()), Some(9));
    assert_eq!(score_of(&second.who()), Some(4));
    assert_eq!(score_of(&third.who()), None);
    let cases = app.store.improvement_cases(true, None).unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(
        (cases[0].customer.as_str(), cases[0].score),
        (second.customer.as_str(), 4)
    );
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains(&format!("已答复 2/{}", opened.contacts)),
        "{shown}"
    );
}

#[test]
fn a_campaign_not_yet_opened_says_how_to_open_it() {
    let mut app = app_on(demo_store_as(None, "li.na"), Lang::En, "dark");
    press(&mut app, KeyCode::Char('N'));
    drain_until(&mut app, "the campaign", |a| {
        campaign(a).is_some_and(|c| c.contacts.is_some())
    });
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("kefu nps campaign open 2026-Q4"), "{shown}");
}
