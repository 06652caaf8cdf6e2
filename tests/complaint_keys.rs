//! Every complaint action the workbench reaches, driven headless by keys: details, report
//! sent, reopen (refused at once while open), CAPA add and verify, return add, approve and
//! ship, the CAPA list's Enter and verify, and what the detail views now show.

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::app::App;
use kefu::domain::complaint::{Severity, Step};
use kefu::i18n::Lang;
use kefu::views::{Capas, ComplaintView, CustomerView};

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn focus(app: &mut App, name: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.focus = form
        .fields
        .iter()
        .position(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"));
}

fn fill(app: &mut App, name: &str, text: &str) {
    focus(app, name);
    for _ in 0..60 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, text);
}

/// Types a choice's label and takes the one option it leaves.
fn pick(app: &mut App, name: &str, label: &str) {
    fill(app, name, label);
    press(app, KeyCode::Enter);
}

fn value(app: &App, name: &str) -> String {
    app.form.as_ref().expect("a form is open").value(name)
}

fn app_as(user: &str) -> App {
    app_on(demo_store_as(None, user), Lang::En, "dark")
}

/// Selects the first board complaint that `keep` likes; returns its number.
fn select_where(
    app: &mut App,
    keep: impl Fn(&kefu::store::complaints::ComplaintRow) -> bool,
) -> String {
    let n = board_rows(app)
        .iter()
        .find(|r| keep(r))
        .expect("such a complaint in the demo")
        .number
        .clone();
    select(app, "board", &n);
    n
}

fn open_complaint(app: &mut App, number: &str) {
    app.show_view(Box::new(ComplaintView::new(number.to_string())));
    drain_until(app, "the complaint", |a| {
        a.open_view::<ComplaintView>()
            .is_some_and(|v| v.detail.is_some())
    });
}

#[test]
fn e_edits_the_details_starting_at_what_is_stored() {
    let mut app = app(Lang::En, "dark");
    let n = select_where(&mut app, |r| !r.step.is_terminal());
    let before = app.store.complaint(&n).unwrap();
    key(&mut app, 'e');
    assert_eq!(
        value(&app, "product"),
        before.product.clone().unwrap_or_default()
    );
    assert_eq!(
        value(&app, "responsibility"),
        before.responsibility.as_str()
    );
    pick(&mut app, "responsibility", "ours");
    fill(&mut app, "root_cause", "模具磨损");
    fill(&mut app, "quantity", "-3");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_some(),
        "a negative quantity is refused in the form"
    );
    fill(&mut app, "quantity", "40");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let after = app.store.complaint(&n).unwrap();
    assert_eq!(after.responsibility.as_str(), "ours");
    assert_eq!(after.root_cause.as_deref(), Some("模具磨损"));
    assert_eq!(after.quantity, Some(40));
    assert_eq!(after.product, before.product, "untouched fields stay");
}

#[test]
fn capital_r_marks_the_report_sent() {
    let mut app = app(Lang::En, "dark");
    let n = select_where(&mut app, |r| {
        r.facts.report_at.is_none() && !r.step.is_terminal()
    });
    key(&mut app, 'R');
    assert!(
        app.message.as_ref().is_some_and(|m| !m.error),
        "{:?}",
        app.message
    );
    assert_eq!(
        app.store.complaint(&n).unwrap().row.facts.report_at,
        Some(now())
    );
}

#[test]
fn forms_open_only_for_legal_moves_and_reopen_asks_why_and_reply_by() {
    let mut app = app(Lang::En, "dark");
    // Closing a major complaint that was only received: said at once, no form.
    select_where(&mut app, |r| {
        r.step == Step::Received && r.severity != Severity::Minor
    });
    key(&mut app, 'c');
    assert!(app.form.is_none(), "no form for an illegal close");
    assert!(
        app.message.as_ref().is_some_and(|m| m.error),
        "{:?}",
        app.message
    );
    // Reopening an open complaint: refused at once too.
    key(&mut app, 'O');
    assert!(app.form.is_none());
    assert!(app.message.as_ref().is_some_and(|m| m.error));

    // A closed one reopens with a reason and a new reply-by.
    key(&mut app, 'A');
    let closed = board(&app)
        .selected()
        .expect("a closed complaint")
        .number
        .clone();
    key(&mut app, 'O');
    assert!(app.form.is_some(), "{:?}", app.message);
    fill(&mut app, "reply_by", "2026-11-20 10:00");
    fill(&mut app, "note", "客户再次投诉");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_some(),
        "a reply-by before the reopening is refused"
    );
    fill(&mut app, "reply_by", "2026-11-27 17:00");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let d = app.store.complaint(&closed).unwrap();
    assert_eq!(d.row.step, Step::Received);
    assert_eq!(d.row.facts.reopened_at, Some(now()));
    assert!(d.row.facts.reply_by.is_some_and(|t| t > now()));
}

#[test]
fn capas_are_raised_from_the_board_and_verified_from_the_detail_and_the_list() {
    let mut app = app_as("chen.jing");
    let n = select_where(&mut app, |r| !r.step.is_terminal());
    let before = app.store.list_capas(Some(&n)).unwrap().len();
    key(&mut app, 'P');
    assert_eq!(
        value(&app, "owner"),
        "chen.jing",
        "owner starts at the user"
    );
    assert!(!value(&app, "due").is_empty(), "due starts 30 days out");
    fill(&mut app, "root_cause", "来料不良");
    fill(&mut app, "corrective", "隔离库存");
    ctrl(&mut app, 's');
    assert!(app.form.is_some(), "the preventive action is required");
    fill(&mut app, "preventive", "加严来料检验");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let capas = app.store.list_capas(Some(&n)).unwrap();
    assert_eq!(capas.len(), before + 1);
    let id = capas.last().map(|c| c.id).unwrap_or_default();

    // The detail view's v starts at the first unverified CAPA.
    open_complaint(&mut app, &n);
    key(&mut app, 'v');
    assert_eq!(
        value(&app, "capa"),
        capas
            .iter()
            .find(|c| c.verdict.is_none())
            .map(|c| c.id.to_string())
            .unwrap_or_default()
    );
    fill(&mut app, "capa", &id.to_string());
    pick(&mut app, "verdict", "effective");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let c = app
        .store
        .list_capas(Some(&n))
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(c.verdict.map(|v| v.as_str()), Some("effective"));

    // The CAPA list: v on the selected one; a verified one needs a reason to check again.
    press(&mut app, KeyCode::Esc);
    key(&mut app, 'C');
    drain_until(&mut app, "the CAPA list", |a| {
        a.open_view::<Capas>().is_some_and(|v| v.list.is_some())
    });
    let list = app
        .open_view::<Capas>()
        .and_then(|v| v.list.clone())
        .unwrap_or_default();
    let at = list.iter().position(|c| c.id == id).expect("listed");
    press(&mut app, KeyCode::Home);
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    key(&mut app, 'v');
    assert_eq!(value(&app, "capa"), id.to_string());
    pick(&mut app, "verdict", "not effective");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_some(),
        "re-verifying an effective CAPA needs a reason"
    );
    fill(&mut app, "reopen", "复查发现再次发生");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let c = app
        .store
        .list_capas(Some(&n))
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(c.verdict.map(|v| v.as_str()), Some("not_effective"));
    // Enter opens the CAPA's complaint.
    key(&mut app, 'C');
    drain_until(&mut app, "the CAPA list", |a| {
        a.open_view::<Capas>().is_some_and(|v| v.list.is_some())
    });
    press(&mut app, KeyCode::Enter);
    assert!(app.open_view::<ComplaintView>().is_some());
}

#[test]
fn returns_are_registered_approved_and_shipped_by_key() {
    let mut app = app_as("wu.hua");
    let n = select_where(&mut app, |r| !r.step.is_terminal());
    key(&mut app, 'T');
    assert_eq!(value(&app, "qa_confirmed"), "no");
    fill(&mut app, "quantity", "0");
    ctrl(&mut app, 's');
    assert!(app.form.is_some(), "a return of nothing is refused");
    fill(&mut app, "quantity", "12");
    pick(&mut app, "disposition", "rework");
    fill(&mut app, "value", "1500");
    ctrl(&mut app, 's');
    assert_saved(&app);
    let d = app.store.complaint(&n).unwrap();
    let r = d.returns.last().expect("the return").clone();
    assert_eq!((r.quantity, r.value), (12, 1500.0));

    open_complaint(&mut app, &n);
    // Over the threshold: shipping before approval is refused, in the form.
    key(&mut app, 's');
    assert_eq!(value(&app, "ret"), r.id.to_string());
    ctrl(&mut app, 's');
    assert!(app.form.is_some(), "not approved yet");
    press(&mut app, KeyCode::Esc);
    key(&mut app, 'y');
    assert_eq!(value(&app, "ret"), r.id.to_string());
    ctrl(&mut app, 's');
    assert_saved(&app);
    key(&mut app, 's');
    ctrl(&mut app, 's');
    assert_saved(&app);
    let r = app
        .store
        .complaint(&n)
        .unwrap()
        .returns
        .into_iter()
        .find(|x| x.id == r.id)
        .unwrap();
    assert_eq!(r.approved_by.as_deref(), Some("wu.hua"));
    assert!(r.shipped_at.is_some());
}

#[test]
fn the_detail_shows_the_change_history_and_the_customer_file_its_complaints_and_nps() {
    let mut app = app(Lang::En, "dark");
    let n = select_where(&mut app, |r| !r.step.is_terminal());
    let customer = board(&app)
        .selected()
        .map(|r| r.customer.clone())
        .unwrap_or_default();
    key(&mut app, 'm');
    fill(&mut app, "note", "客户来电催促");
    ctrl(&mut app, 's');
    assert_saved(&app);
    open_complaint(&mut app, &n);
    let s = screen(&app, 120, 80);
    assert!(s.contains("Change history"), "{s}");
    assert!(
        s.contains("客户来电催促"),
        "the note is in the history: {s}"
    );

    app.show_view(Box::new(CustomerView::new(customer.clone())));
    drain_until(&mut app, "the file", |a| {
        a.open_view::<CustomerView>()
            .is_some_and(|v| v.file.is_some())
    });
    let rec = app
        .open_view::<CustomerView>()
        .and_then(|v| v.file.as_ref())
        .expect("loaded");
    assert!(rec.complaints.iter().any(|c| c.number == n));
    assert!(rec.complaints.iter().all(|c| c.customer == customer));
    let s = screen(&app, 160, 80);
    assert!(s.contains(&n), "the complaint is listed in the file: {s}");
    press(&mut app, KeyCode::Enter);
    let opened = app.open_view::<ComplaintView>().map(|v| v.number.clone());
    assert_eq!(opened, rec_first(&app, &customer));
}

fn rec_first(app: &App, customer: &str) -> Option<String> {
    app.store
        .complaints_of(customer)
        .ok()?
        .first()
        .map(|c| c.number.clone())
}
