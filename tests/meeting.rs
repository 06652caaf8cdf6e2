//! The SLA check-in meeting: the view on a fixed clock (snapshots in both languages at
//! 80x24 and 120x34), the next meeting over weekends, holidays and make-up days, the
//! complaint keys on its items, and what changed since the last meeting.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::domain::complaint::Step;
use kefu::domain::meeting::{Change, Section};
use kefu::domain::time::{parse_time, DEFAULT_TZ};
use kefu::field_id::FieldId;
use kefu::i18n::Lang;
use kefu::readmodel::meeting::load;
use kefu::store::workflow::Move;
use kefu::views::MeetingView;

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    parse_time(FieldId::named("t"), s, DEFAULT_TZ).unwrap()
}

fn view(app: &App) -> &MeetingView {
    app.open_view::<MeetingView>()
        .expect("the meeting view is open")
}

/// The workbench on the demo database at `at`, the meeting view opened as `kefu meeting` does.
fn meeting_at(lang: Lang, at: Option<&str>) -> App {
    let mut store = demo_store(None);
    if let Some(at) = at {
        store.set_now(t(at));
    }
    let mut app = app_on(store, lang, "dark");
    app.show_view(Box::new(MeetingView::held()));
    drain_until(&mut app, "the agenda", |a| view(a).agenda.is_some());
    app
}

#[test]
fn meeting_en_80x24() {
    insta::assert_snapshot!(screen(&meeting_at(Lang::En, None), 80, 24));
}

#[test]
fn meeting_en_120x34() {
    insta::assert_snapshot!(screen(&meeting_at(Lang::En, None), 120, 34));
}

#[test]
fn meeting_zh_80x24() {
    insta::assert_snapshot!(screen(&meeting_at(Lang::Zh, None), 80, 24));
}

#[test]
fn meeting_zh_120x34() {
    insta::assert_snapshot!(screen(&meeting_at(Lang::Zh, None), 120, 34));
}

#[test]
fn the_next_meeting_skips_weekends_and_holidays_and_keeps_make_up_days() {
    for (at, next) in [
        // Friday to Monday.
        ("2026-11-20 09:00", "next 2026-11-23 09:00"),
        // Wednesday 30 September over the National Day holiday to Thursday 8 October.
        ("2026-09-30 09:00", "next 2026-10-08 09:00"),
        // Friday 9 October to the make-up Saturday.
        ("2026-10-09 09:00", "next 2026-10-10 09:00"),
    ] {
        let app = meeting_at(Lang::En, Some(at));
        let top = screen(&app, 120, 34);
        let heading = top.lines().next().unwrap_or_default();
        assert!(heading.contains(next), "{at}: {heading}");
    }
}

#[test]
fn opening_the_meeting_records_it_once_a_day_and_the_preview_does_not() {
    let mut app = meeting_at(Lang::En, None);
    let day = "2026-11-23";
    drain_until(&mut app, "the record", |a| {
        a.store.history_of("meeting", day).unwrap().len() == 1
    });
    // Opened again the same day: still one meeting.
    app.show_view(Box::new(MeetingView::held()));
    drain_until(&mut app, "the agenda", |a| view(a).agenda.is_some());
    app.store.set_now(t("2026-11-23 11:00"));
    assert!(!app.store.record_meeting().unwrap());
    assert_eq!(app.store.history_of("meeting", day).unwrap().len(), 1);
    // M in the workbench shows the same agenda as a preview, and records nothing.
    let mut other = app_on(demo_store(None), Lang::En, "dark");
    press(&mut other, KeyCode::Char('M'));
    drain_until(&mut other, "the agenda", |a| {
        a.open_view::<MeetingView>()
            .is_some_and(|v| v.agenda.is_some())
    });
    assert!(!view(&other).held);
    assert!(screen(&other, 120, 34).contains("preview"));
    assert!(other.store.history_of("meeting", day).unwrap().is_empty());
}

#[test]
fn the_complaint_keys_work_on_the_selected_item() {
    let mut app = meeting_at(Lang::En, None);
    let agenda = view(&app).agenda.clone().expect("loaded");
    let (at, item) = agenda
        .items()
        .enumerate()
        .find(|(_, (_, i))| i.step == Step::Received)
        .map(|(n, (_, i))| (n, i.clone()))
        .expect("a received complaint on the agenda");
    for _ in 0..at {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(view(&app).selected().map(|i| &i.record), Some(&item.record));
    press(&mut app, KeyCode::Char('a'));
    drain_until(&mut app, "the acknowledgement", |a| {
        a.store
            .complaint(&item.record)
            .is_ok_and(|d| d.row.step == Step::Acknowledged)
    });
    // It reloads: the item has moved on, or left the agenda.
    drain_until(&mut app, "the reload", |a| {
        view(a).agenda.as_ref().is_some_and(|g| {
            g.items()
                .all(|(_, i)| i.record != item.record || i.step != Step::Received)
        })
    });
    // A note, through its form.
    let number = view(&app).selected().expect("an item").record.clone();
    press(&mut app, KeyCode::Char('m'));
    assert!(app.form.is_some(), "the note form opens");
    type_text(&mut app, "客户周三前要书面回复");
    ctrl(&mut app, 's');
    drain_until(&mut app, "the note", |a| a.form.is_none());
    let notes: Vec<_> = app
        .store
        .history_of("complaint", &number)
        .unwrap()
        .into_iter()
        .filter(|c| c.field.as_deref() == Some("note"))
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].new.as_deref(), Some("客户周三前要书面回复"));
    // The owner form starts at the item's owner.
    press(&mut app, KeyCode::Char('o'));
    let form = app.form.as_ref().expect("the owner form opens");
    assert_eq!(form.fields[0].name, "owner");
    press(&mut app, KeyCode::Esc);
}

#[test]
fn what_changed_since_the_last_meeting_is_on_the_next_agenda() {
    let mut store = demo_store(None);
    let policy = kefu::config::policy::builtin(DEFAULT_TZ);
    store.set_now(t("2026-11-23 09:00"));
    assert!(store.record_meeting().unwrap());
    // During the day: a complaint comes in, another is acknowledged.
    store.set_now(t("2026-11-23 11:00"));
    let open = store.list_complaints(true).unwrap();
    let received = open
        .iter()
        .find(|r| r.step == Step::Received && r.facts.received_at < t("2026-11-23 09:00"))
        .expect("a complaint received before the meeting")
        .number
        .clone();
    let customer = open[0].customer.clone();
    let new = store
        .add_complaint(&new_complaint(customer, "包装破损", t("2026-11-23 10:30")))
        .unwrap();
    store
        .move_complaint(
            &received,
            Step::Acknowledged,
            t("2026-11-23 11:00"),
            &Move::default(),
        )
        .unwrap();
    let a = load(&store, &policy, t("2026-11-24 09:00")).unwrap();
    assert_eq!(a.last_meeting, Some(t("2026-11-23 09:00")));
    assert_eq!(a.next_meeting, Some(t("2026-11-25 09:00")));
    let change = |n: &str| a.changes.iter().find(|c| c.record == n).map(|c| c.change);
    assert_eq!(change(&new), Some(Change::New));
    // Acknowledged since: moved, unless another of its clocks also ran out since (which
    // the meeting hears first).
    assert!(
        matches!(
            change(&received),
            Some(Change::Moved | Change::NewlyBreached)
        ),
        "{:?}",
        change(&received)
    );
    // The new major complaint's 4 h first response ran out at 14:30 yesterday.
    assert!(a
        .section(Section::Breached)
        .iter()
        .any(|i| i.record == new && &*i.clock == "first_response"));
    // Nobody owns it: it counts for "nobody".
    assert!(a
        .owners
        .iter()
        .any(|o| o.owner.is_none() && o.breached >= 1));
    // The same day's agenda looks back to the day before, not to this morning.
    let same_day = load(&store, &policy, t("2026-11-23 15:00")).unwrap();
    assert_eq!(same_day.last_meeting, None);
}
