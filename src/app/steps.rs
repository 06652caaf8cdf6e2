//! Writes the workbench makes: saving forms and moving complaints along.

use super::component::Record;
use super::form::Form;
use super::form::FormKind;
use super::App;
use crate::domain::complaint::{Category, Channel, Severity, Step};
use crate::domain::customer::CustomerFields;
use crate::domain::time::parse_time;
use crate::error::{Error, Result};
use crate::store::complaints::Decisions;
use crate::store::complaints::NewComplaint;
use crate::store::workflow::Move;

impl App {
    /// Validates and stores the open form; on success closes it and selects the record.
    pub(super) fn save_form(&mut self) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        if !form.check_all(self.cat, self.tz) {
            self.form = Some(form);
            return;
        }
        let result = match form.kind.clone() {
            FormKind::NewCustomer => self
                .save_customer(&form, None)
                .map(|k| (k, Record::Customer)),
            FormKind::EditCustomer { code, version } => self
                .save_customer(&form, Some((code, version)))
                .map(|k| (k, Record::Customer)),
            FormKind::NewComplaint => self.save_complaint(&form).map(|k| (k, Record::Complaint)),
            FormKind::Move { .. } | FormKind::Wait { .. } => {
                match self.save_move_form(&form) {
                    Ok(text) => self.after_write(Ok(text), &[Record::Complaint]),
                    Err(e) => {
                        form.show_error(&e, self.cat);
                        self.form = Some(form);
                    }
                }
                return;
            }
        };
        match result {
            Ok((key, touched)) => {
                let text = self.cat.fmt("ui.saved", &[("key", &key)]);
                self.say(text, false);
                self.worker.wrote();
                self.select(&key, touched);
                self.reload_touched(&[touched]);
            }
            Err(e) => {
                form.show_error(&e, self.cat);
                self.form = Some(form);
            }
        }
    }

    fn save_customer(
        &mut self,
        form: &super::form::Form,
        existing: Option<(String, i64)>,
    ) -> Result<String> {
        let mut fields = CustomerFields::default();
        for f in form.fields.iter().filter(|f| f.name != "code") {
            fields.set(f.name, Some(&f.value()))?;
        }
        match existing {
            None => {
                let code = form.opt("code");
                self.store.add_customer(code.as_deref(), &fields, &[])
            }
            Some((code, version)) => {
                self.store.update_customer(&code, version, &fields, None)?;
                Ok(code)
            }
        }
    }

    fn save_complaint(&mut self, form: &super::form::Form) -> Result<String> {
        let quantity = form
            .opt("quantity")
            .map(|q| {
                q.parse::<i64>().map_err(|_| Error::Invalid {
                    field: "quantity".into(),
                    value: q.clone(),
                    rule: "rule.whole_number",
                })
            })
            .transpose()?;
        let new = NewComplaint {
            customer: form.value("customer"),
            title: form.value("title"),
            description: form.opt("description"),
            channel: Channel::parse("channel", &form.value("channel"))?,
            category: Category::parse("category", &form.value("category"))?,
            severity: Severity::parse("severity", &form.value("severity"))?,
            received_at: parse_time("received", &form.value("received"), self.tz)?,
            reply_by: form
                .opt("reply_by")
                .map(|v| parse_time("reply_by", &v, self.tz))
                .transpose()?,
            owner: form.opt("owner"),
            product: form.opt("product"),
            batch: form.opt("batch"),
            quantity,
        };
        self.store.add_complaint(&new)
    }

    /// Moves the complaint to `to` (moves that need no details).
    pub(super) fn move_complaint(&mut self, number: &str, to: Step) {
        let result = self.apply_move(number, to, &Move::default());
        self.report(result);
    }

    /// Disposal: a major complaint without its three decisions asks for them first.
    pub(super) fn dispose(&mut self, number: &str) {
        match self.store.complaint(number) {
            Ok(d) if d.row.severity != Severity::Minor && !d.decisions.complete() => {
                self.form = Some(Form::for_move(number, Step::Disposed))
            }
            Ok(_) => {
                let result = self.apply_move(number, Step::Disposed, &Move::default());
                self.report(result);
            }
            Err(e) => self.report(Err(e)),
        }
    }

    /// The customer answered: the wait ends.
    pub(super) fn resume(&mut self, number: &str) {
        let now = self.now;
        let result = self.store.write(|tx| tx.resume(number, now)).map(|_| {
            let done = self.cat.get("done.resume").to_string();
            self.cat
                .fmt("msg.moved", &[("number", number), ("what", &done)])
        });
        self.after_write(result, &[Record::Complaint]);
    }

    /// Escalates to the owner's supervisor.
    pub(super) fn escalate(&mut self, number: &str) {
        let now = self.now;
        let result = self.store.write(|tx| tx.escalate(number, now)).map(|to| {
            let who = to.unwrap_or_else(|| self.cat.get("msg.no_supervisor").to_string());
            self.cat
                .fmt("msg.escalated", &[("number", number), ("to", &who)])
        });
        self.after_write(result, &[Record::Complaint]);
    }

    fn apply_move(&mut self, number: &str, to: Step, m: &Move) -> Result<String> {
        let (now, user) = (self.now, self.store.actor().to_string());
        self.store
            .write(|tx| tx.move_complaint(number, to, now, &user, m))?;
        let done = self.cat.get(&format!("done.{}", to.as_str())).to_string();
        Ok(self
            .cat
            .fmt("msg.moved", &[("number", number), ("what", &done)]))
    }

    /// Reloads after a write and says what happened (or what went wrong).
    fn after_write(&mut self, result: Result<String>, touched: &[Record]) {
        match result {
            Ok(text) => {
                self.worker.wrote();
                self.say(text, false);
                self.reload_touched(touched);
            }
            Err(e) => {
                let text = e.message(self.cat);
                self.say(text, true);
            }
        }
    }

    fn report(&mut self, result: Result<String>) {
        self.after_write(result, &[Record::Complaint]);
    }

    /// Saves a move or wait form; errors stay on the form.
    fn save_move_form(&mut self, form: &super::form::Form) -> Result<String> {
        match &form.kind {
            FormKind::Wait { number } => {
                let (now, reason) = (self.now, form.value("reason"));
                self.store.write(|tx| tx.pause(number, now, &reason))?;
                let done = self.cat.get("done.wait").to_string();
                Ok(self
                    .cat
                    .fmt("msg.moved", &[("number", number), ("what", &done)]))
            }
            FormKind::Move { number, to } => {
                let signoff = match (form.opt("signed_by"), form.opt("how")) {
                    (Some(who), Some(how)) => Some(format!("{who} · {how}")),
                    _ => None,
                };
                let m = Move {
                    note: form.opt("note"),
                    signoff,
                    decisions: Decisions {
                        shipped: form.opt("decision_shipped"),
                        stock: form.opt("decision_stock"),
                        wip: form.opt("decision_wip"),
                    },
                };
                self.apply_move(number, *to, &m)
            }
            _ => Ok(String::new()),
        }
    }

    /// Selects the saved record in its pane (with the next load) and focuses that pane.
    fn select(&mut self, key: &str, kind: Record) {
        let name = match kind {
            Record::Complaint => "board",
            Record::Customer => "customers",
            Record::Nps | Record::Capa => return,
        };
        if let Some(i) = self.panes.iter().position(|p| p.name() == name) {
            self.focus = i;
            self.panes[i].select_key(key);
        }
    }
}
