//! The personal to-do: only what the person at the keyboard owes (their complaints in
//! warning or breached, the team's inquiries near 24 hours, their leads due a follow-up,
//! their customers' visits and calls due), Enter opening what a line is about, and `n`
//! logging a visit that takes its line off.

mod common;

use chrono::Duration;
use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::domain::care::Activity;
use kefu::domain::complaint::Channel;
use kefu::domain::lead::{Cadence, Lead};
use kefu::domain::sla::ClockState;
use kefu::i18n::Lang;
use kefu::readmodel::todo::{Entry, Todo};
use kefu::views::TodoView;

const ME: &str = "wang.fang";

fn todo(app: &kefu::app::App) -> Option<&Todo> {
    app.view
        .as_ref()
        .and_then(|v| v.as_any().downcast_ref::<TodoView>())
        .and_then(|v| v.todo.as_ref())
}

fn open_todo(app: &mut kefu::app::App) {
    press(app, KeyCode::Char('W'));
    drain_until(app, "the to-do", |a| todo(a).is_some());
}

/// wang.fang's workbench, with yang.lei's late complaints handed to her, a lead of hers
/// due today and an inquiry 20 hours old.
fn workbench() -> kefu::app::App {
    let mut store = demo_store_as(None, ME);
    let late: Vec<String> = kefu::readmodel::meeting::load(
        &store,
        &kefu::config::policy::builtin(kefu::domain::time::DEFAULT_TZ),
        now(),
    )
    .expect("agenda")
    .items()
    .filter(|(_, i)| i.owner.as_deref() == Some("yang.lei"))
    .map(|(_, i)| i.record.clone())
    .collect();
    assert!(!late.is_empty(), "the demo gives yang.lei late complaints");
    store
        .write(|tx| {
            let lead = Lead {
                company: "新光照明".into(),
                owner: Some(ME.into()),
                intent: Some(kefu::domain::lead::Intent::B),
                ..Lead::default()
            };
            for n in &late {
                tx.assign(n, ME)?;
            }
            let number = tx.add_lead(&lead, &Cadence::default())?;
            let today = now()
                .with_timezone(&kefu::domain::time::DEFAULT_TZ)
                .date_naive();
            tx.follow_up_lead(
                &number,
                Channel::Phone,
                "报价",
                Some(today),
                None,
                &Cadence::default(),
            )?;
            tx.add_inquiry(
                Some("C00001"),
                Channel::Email,
                "询价：密封胶 2 吨",
                now() - Duration::hours(20),
                None,
            )
        })
        .expect("seeded");
    app_on(store, Lang::En, "dark")
}

#[test]
fn the_to_do_holds_only_what_i_owe() {
    let mut app = workbench();
    open_todo(&mut app);
    let t = todo(&app).expect("loaded").clone();
    assert!(
        !t.complaints.is_empty(),
        "yang.lei's late complaints are hers now"
    );
    for c in &t.complaints {
        assert_eq!(c.owner.as_deref(), Some(ME));
        assert!(
            matches!(c.state, ClockState::Warning | ClockState::Breached),
            "{c:?}"
        );
    }
    assert!(
        t.inquiries
            .iter()
            .any(|q| q.asker == "C00001" && q.state == ClockState::Warning),
        "20 of 24 hours gone: {:?}",
        t.inquiries
    );
    assert_eq!(t.leads.len(), 1, "her lead, due today");
    let today = now()
        .with_timezone(&kefu::domain::time::DEFAULT_TZ)
        .date_naive();
    assert!(!t.care.is_empty());
    for c in &t.care {
        assert_eq!(c.kam.as_deref(), Some(ME));
        assert!(c.overdue || c.due <= today + Duration::days(7), "{c:?}");
    }
    let text = screen(&app, 100, 40);
    for heading in [
        "My complaints in warning or breached",
        "Inquiries about to miss 24 hours (",
        "My leads due a follow-up (1)",
        "Visits and calls due, my customers",
        "新光照明",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    // Someone else's to-do is someone else's.
    let mut other = app_on(demo_store_as(None, "li.na"), Lang::En, "dark");
    open_todo(&mut other);
    let theirs = todo(&other).expect("loaded");
    assert!(theirs
        .care
        .iter()
        .all(|c| c.kam.as_deref() == Some("li.na")));
    assert!(theirs.leads.is_empty());
}

#[test]
fn enter_opens_the_complaint_and_n_logs_the_visit_due() {
    let mut app = workbench();
    open_todo(&mut app);
    // The first line is her worst complaint: Enter opens it.
    let first = todo(&app).expect("loaded").complaints[0].record.clone();
    press(&mut app, KeyCode::Enter);
    drain_until(&mut app, "the complaint", |a| {
        a.view.as_ref().is_some_and(|v| v.name() == "complaint")
    });
    assert!(screen(&app, 100, 30).contains(&first));
    press(&mut app, KeyCode::Esc);
    open_todo(&mut app);
    // A call due: n logs one (a call, now, by default) and the line leaves the to-do.
    let t = todo(&app).expect("loaded").clone();
    let (at, item) = t
        .entries()
        .iter()
        .enumerate()
        .find_map(|(at, e)| match e {
            Entry::Care(i) if t.care[*i].task.satisfied_by(Activity::Call) => {
                Some((at, t.care[*i].clone()))
            }
            _ => None,
        })
        .expect("a call due");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('n'));
    drain_until(&mut app, "the form", |a| a.form.is_some());
    assert!(screen(&app, 100, 30).contains(&item.customer));
    ctrl(&mut app, 's');
    drain_until(&mut app, "the to-do again", |a| {
        a.form.is_none()
            && todo(a).is_some_and(|t| {
                !t.care
                    .iter()
                    .any(|c| c.customer == item.customer && c.task == item.task)
            })
    });
    let logs = app.store.care_logs(&item.customer).expect("logs");
    assert_eq!(logs[0].logged_by, ME);
}

#[test]
fn someone_who_owns_nothing_is_told_where_to_look() {
    let mut app = app_on(demo_store_as(None, "visitor"), Lang::Zh, "dark");
    open_todo(&mut app);
    assert!(todo(&app).expect("loaded").entries().is_empty());
    let text = screen(&app, 80, 24);
    assert!(text.contains("这里还没有您负责的事项"), "{text}");
}
