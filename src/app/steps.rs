//! Writes the workbench makes: saving forms and moving complaints along. Each runs as a
//! job on the worker (on the app's thread when the worker is inline); the result comes
//! back as a `Wrote`, and only the components that depend on what it touched reload.

use super::component::{FormRequest, Job};
use super::form::{Form, FormKind};
use super::App;
use crate::domain::complaint::{Severity, Step};
use crate::domain::customer::CustomerFields;
use crate::domain::fields::Record as _;
use crate::domain::intake::ComplaintIntake;
use crate::domain::time::from_store;
use crate::error::{Error, Result};
use crate::i18n::Catalog;
use crate::kind::RecordKind;
use crate::store::complaints::{Decisions, NewComplaint};
use crate::store::undo::Undo;
use crate::store::workflow::Move;
use crate::store::Store;

/// What a write did.
pub struct Wrote {
    /// The status-line text (localised).
    pub text: String,
    /// The kind of record written.
    pub touched: RecordKind,
    /// The record to select afterwards (a new or saved one).
    pub select: Option<String>,
    /// A form the write needs first instead (disposal without its decisions).
    pub ask: Option<FormRequest>,
    /// The form to type next once this one is saved (the next paper answer).
    pub next: Option<FormRequest>,
    /// How to take it back, for a one-key move.
    pub undo: Option<Undo>,
}

impl Wrote {
    fn said(text: String, touched: RecordKind) -> Wrote {
        Wrote {
            text,
            touched,
            select: None,
            ask: None,
            next: None,
            undo: None,
        }
    }
}

/// How long a one-key move can be taken back with `u`.
pub const UNDO_SECONDS: i64 = 10;

/// The message for a done move.
fn moved(cat: &Catalog, number: &str, what_key: &str) -> String {
    let done = cat.get(what_key).to_string();
    cat.fmt("msg.moved", &[("number", number), ("what", &done)])
}

/// Runs a move on `store` and says so.
fn apply_move(store: &mut Store, cat: &Catalog, number: &str, to: Step, m: &Move) -> Result<Wrote> {
    let (now, user) = (store.now(), store.actor().to_string());
    store.write(|tx| tx.move_complaint(number, to, now, &user, m))?;
    let text = moved(cat, number, &format!("done.{}", to.as_str()));
    Ok(Wrote::said(text, RecordKind::Complaint))
}

/// A one-key move: `apply_move`, and how to take it back.
fn one_key_move(store: &mut Store, cat: &Catalog, number: &str, to: Step) -> Result<Wrote> {
    let from = store.complaint(number)?.row.step;
    let mut w = apply_move(store, cat, number, to, &Move::default())?;
    w.text = cat.fmt("msg.undoable", &[("done", &w.text)]);
    w.undo = Some(Undo::Step {
        number: number.to_string(),
        from,
        to,
    });
    Ok(w)
}

impl App {
    /// Validates the open form and sends its write; the form stays open until it is done.
    pub(super) fn save_form(&mut self) {
        if self.saving.is_some() {
            return;
        }
        let (cat, tz) = (self.cat, self.tz);
        let Some(form) = &mut self.form else {
            return;
        };
        if !form.check_all(cat, tz) {
            return;
        }
        match form_write(form, cat, tz) {
            Ok(job) => self.write(job, true),
            Err(e) => form.show_error(&e, cat),
        }
    }

    /// Sends a write to the worker (the open form's, when `for_form`).
    fn write(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<Wrote> + Send + 'static,
        for_form: bool,
    ) {
        let now = self.now;
        let slot = format!("write:{}", self.generation + 1);
        if for_form {
            // Set first: an inline worker answers before `submit` returns.
            self.saving = Some(slot.clone());
        }
        // The worker's connection keeps its own clock: writes are stamped with ours.
        self.submit(vec![Job::write(slot.clone(), move |s: &mut Store| {
            s.set_now(now);
            f(s)
        })]);
    }

    /// A write finished: close its form, say what happened, reload what it touched.
    pub(super) fn wrote(&mut self, slot: &str, result: Result<Wrote>) {
        let from_form = self.saving.as_deref() == Some(slot);
        if from_form {
            self.saving = None;
        }
        match result {
            Ok(w) => {
                if let Some(req) = w.ask {
                    self.effect(super::component::Effect::Form(req));
                    return;
                }
                if from_form {
                    self.form = None;
                }
                self.undo = w.undo.map(|u| (u, self.now));
                self.say(w.text, false);
                if let Some(key) = &w.select {
                    self.select(key, w.touched);
                }
                self.reload_touched(&[w.touched]);
                if let Some(next) = w.next {
                    self.effect(super::component::Effect::Form(next));
                }
            }
            Err(e) => match self.form.as_mut().filter(|_| from_form) {
                Some(form) => form.show_error(&e, self.cat),
                None => {
                    let text = e.message(self.cat);
                    self.say(text, true);
                }
            },
        }
    }

    /// Moves the complaint to `to` (moves that need no details).
    pub(super) fn move_complaint(&mut self, number: &str, to: Step) {
        let (cat, number) = (self.cat, number.to_string());
        self.write(move |s| one_key_move(s, cat, &number, to), false);
    }

    /// Disposal: a major complaint without its three decisions asks for them first.
    pub(super) fn dispose(&mut self, number: &str) {
        let (cat, number) = (self.cat, number.to_string());
        self.write(
            move |s| {
                let d = s.complaint(&number)?;
                if d.row.severity != Severity::Minor && !d.decisions.complete() {
                    let mut w = Wrote::said(String::new(), RecordKind::Complaint);
                    w.ask = Some(FormRequest::Move(number, Step::Disposed));
                    return Ok(w);
                }
                one_key_move(s, cat, &number, Step::Disposed)
            },
            false,
        );
    }

    /// The customer answered: the wait ends.
    pub(super) fn resume(&mut self, number: &str) {
        let (cat, number) = (self.cat, number.to_string());
        self.write(
            move |s| {
                let now = s.now();
                s.write(|tx| tx.resume(&number, now))?;
                Ok(Wrote::said(
                    moved(cat, &number, "done.resume"),
                    RecordKind::Complaint,
                ))
            },
            false,
        );
    }

    /// Escalates to the owner's supervisor.
    pub(super) fn escalate(&mut self, number: &str) {
        let (cat, number) = (self.cat, number.to_string());
        self.write(
            move |s| {
                let now = s.now();
                let to = s.write(|tx| tx.escalate(&number, now))?;
                let who = to.unwrap_or_else(|| cat.get("msg.no_supervisor").to_string());
                let text = cat.fmt("msg.escalated", &[("number", &number), ("to", &who)]);
                let mut w = Wrote::said(
                    cat.fmt("msg.undoable", &[("done", &text)]),
                    RecordKind::Complaint,
                );
                w.undo = Some(Undo::Escalation { number });
                Ok(w)
            },
            false,
        );
    }

    /// The written report went out (stops the report clock).
    pub(super) fn report_sent(&mut self, number: &str) {
        let (cat, number) = (self.cat, number.to_string());
        self.write(
            move |s| {
                let now = s.now();
                s.write(|tx| tx.record_report(&number, now))?;
                Ok(Wrote::said(
                    moved(cat, &number, "done.report"),
                    RecordKind::Complaint,
                ))
            },
            false,
        );
    }

    /// Records that the customer file's data was checked and is current.
    pub(super) fn confirm_data(&mut self, code: &str) {
        let (cat, code) = (self.cat, code.to_string());
        self.write(
            move |s| {
                s.write(|tx| tx.confirm_customer(&code))?;
                Ok(Wrote::said(
                    cat.fmt("done.confirmed", &[("code", &code)]),
                    RecordKind::Customer,
                ))
            },
            false,
        );
    }

    /// Takes back the last one-key move, within `UNDO_SECONDS` of making it.
    pub(super) fn undo_last(&mut self) {
        let Some((undo, at)) = self.undo.take() else {
            self.say(self.t("msg.nothing_to_undo").to_string(), true);
            return;
        };
        if (self.now - at).num_seconds() > UNDO_SECONDS {
            let text = self
                .cat
                .fmt("msg.undo_too_late", &[("number", undo.number())]);
            self.say(text, true);
            return;
        }
        let cat = self.cat;
        self.write(
            move |s| {
                let (now, by) = (s.now(), s.actor().to_string());
                s.write(|tx| tx.undo(&undo, now, &by))?;
                let text = cat.fmt("msg.undone", &[("number", undo.number())]);
                Ok(Wrote::said(text, RecordKind::Complaint))
            },
            false,
        );
    }

    /// Runs a view's own write; what it touched reloads and its key is selected.
    pub(super) fn view_write(&mut self, w: super::component::ViewWrite) {
        let touched = w.touched;
        self.write(
            move |s| {
                let (text, key) = (w.run)(s)?;
                let mut wrote = Wrote::said(text, touched);
                wrote.select = Some(key);
                Ok(wrote)
            },
            false,
        );
    }

    /// Opens a form for editing the customer `code` once its file is read.
    pub(super) fn edit_customer(&mut self, code: &str) {
        let code = code.to_string();
        self.submit(vec![Job::new("form", move |s| s.customer(&code))]);
    }

    /// Selects the saved record in its pane (with the next load) and focuses that pane.
    fn select(&mut self, key: &str, kind: RecordKind) {
        let name = match kind {
            RecordKind::Complaint => "board",
            RecordKind::Customer => "customers",
            // Records without a pane of their own: the open view (if it lists them) selects it.
            RecordKind::Contact
            | RecordKind::Capa
            | RecordKind::Return
            | RecordKind::NpsAnswer
            | RecordKind::Staff
            | RecordKind::Inquiry
            | RecordKind::Shipments
            | RecordKind::Knowhow
            | RecordKind::CustomField
            | RecordKind::Product
            | RecordKind::Lead
            | RecordKind::CareLog
            | RecordKind::Campaign
            | RecordKind::ImprovementCase
            | RecordKind::SurveyAnswer
            | RecordKind::Suggestion => {
                if let Some(v) = self.view.as_mut().filter(|v| v.depends().contains(&kind)) {
                    v.select_key(key);
                }
                return;
            }
        };
        if let Some(i) = self.panes.iter().position(|p| p.name() == name) {
            self.focus = i;
            self.panes[i].select_key(key);
        }
    }
}

/// The write a checked form asks for; values that do not parse are reported on the form.
fn form_write(
    form: &Form,
    cat: &'static Catalog,
    tz: chrono_tz::Tz,
) -> Result<impl FnOnce(&mut Store) -> Result<Wrote> + Send + 'static> {
    enum W {
        Customer(Option<String>, Option<(String, i64)>, Box<CustomerFields>),
        Complaint(Box<NewComplaint>),
        Move(String, Step, Move),
        Wait(String, String),
        Record(super::record_form::RecordForm, super::record_form::Values),
    }
    let w = match form.kind.clone() {
        FormKind::NewCustomer => W::Customer(form.opt("code"), None, customer_fields(form, tz)?),
        FormKind::EditCustomer { code, version } => {
            W::Customer(None, Some((code, version)), customer_fields(form, tz)?)
        }
        FormKind::NewComplaint => W::Complaint(Box::new(new_complaint(form, tz)?)),
        FormKind::Wait { number } => W::Wait(number, form.value("reason")),
        FormKind::Record(rf) => W::Record(rf, form.values()),
        FormKind::Move { number, to } => {
            let signoff = match (form.opt("signed_by"), form.opt("how")) {
                (Some(who), Some(how)) => Some(format!("{who} · {how}")),
                (Some(_), None) | (None, Some(_)) | (None, None) => None,
            };
            let m = Move {
                note: form.opt("note"),
                signoff,
                decisions: Decisions {
                    shipped: form.opt("decision_shipped"),
                    stock: form.opt("decision_stock"),
                    wip: form.opt("decision_wip"),
                },
                reply_by: None,
            };
            W::Move(number, to, m)
        }
    };
    Ok(move |s: &mut Store| {
        let saved = |key: String, touched| Wrote {
            text: cat.fmt("ui.saved", &[("key", &key)]),
            touched,
            select: Some(key),
            ask: None,
            next: None,
            undo: None,
        };
        match w {
            W::Customer(code, None, fields) => s
                .add_customer(code.as_deref(), &fields, &[])
                .map(|k| saved(k, RecordKind::Customer)),
            W::Customer(_, Some((code, version)), fields) => {
                s.update_customer(&code, version, &fields, None)?;
                Ok(saved(code, RecordKind::Customer))
            }
            W::Complaint(new) => s
                .add_complaint(&new)
                .map(|k| saved(k, RecordKind::Complaint)),
            W::Record(rf, values) => {
                let mut w = saved((rf.save)(s, &values)?, rf.touched);
                if let Some(next) = &rf.next {
                    w.next = next(s)?.map(FormRequest::Record);
                }
                Ok(w)
            }
            W::Move(number, to, m) => apply_move(s, cat, &number, to, &m),
            W::Wait(number, reason) => {
                let now = s.now();
                s.write(|tx| tx.pause(&number, now, &reason))?;
                Ok(Wrote::said(
                    moved(cat, &number, "done.wait"),
                    RecordKind::Complaint,
                ))
            }
        }
    })
}

fn customer_fields(form: &Form, tz: chrono_tz::Tz) -> Result<Box<CustomerFields>> {
    let mut fields = CustomerFields::default();
    for f in form.fields.iter().filter(|f| f.name != "code") {
        fields.set_typed(f.name, Some(&f.stored()), tz)?;
    }
    Ok(Box::new(fields))
}

/// The complaint a form describes, read through the intake's declaration.
fn new_complaint(form: &Form, tz: chrono_tz::Tz) -> Result<NewComplaint> {
    let mut i = ComplaintIntake::default();
    for (name, v) in form.values() {
        i.set_typed(name, Some(&v), tz)?;
    }
    i.validate(tz)?;
    let required = |field: &'static str| Error::Required {
        field: ComplaintIntake::field_id(field),
    };
    let at = |field: &'static str, v: Option<&str>| {
        v.map(|t| from_store(t).ok_or_else(|| required(field)))
    };
    Ok(NewComplaint {
        customer: i.customer.ok_or_else(|| required("customer"))?,
        title: i.title.ok_or_else(|| required("title"))?,
        description: i.description,
        channel: i.channel.ok_or_else(|| required("channel"))?,
        category: i.category.ok_or_else(|| required("category"))?,
        severity: i.severity.ok_or_else(|| required("severity"))?,
        received_at: at("received", i.received.as_deref())
            .ok_or_else(|| required("received"))??,
        reply_by: at("reply_by", i.reply_by.as_deref()).transpose()?,
        owner: i.owner,
        product: i.product,
        batch: i.batch,
        quantity: i.quantity,
    })
}
