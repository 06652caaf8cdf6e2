//! Writes the workbench makes: saving forms and moving complaints along.

use super::form::FormKind;
use super::App;
use crate::domain::complaint::{Category, Channel, Severity, Step};
use crate::domain::customer::CustomerFields;
use crate::domain::time::parse_time;
use crate::error::{Error, Result};
use crate::store::complaints::NewComplaint;

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
            FormKind::NewCustomer => self.save_customer(&form, None),
            FormKind::EditCustomer { code, version } => {
                self.save_customer(&form, Some((code, version)))
            }
            FormKind::NewComplaint => self.save_complaint(&form),
        };
        match result {
            Ok(key) => {
                let text = self.cat.fmt("ui.saved", &[("key", &key)]);
                self.say(text, false);
                if let Err(e) = self.reload() {
                    let text = e.message(self.cat);
                    self.say(text, true);
                }
                self.select(&key);
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

    /// Moves the selected complaint (board or detail view) to `to`.
    pub(super) fn move_selected(&mut self, to: Step) {
        let number = match &self.view {
            super::View::Complaint(d) => Some(d.row.number.clone()),
            super::View::Dashboard if self.focus == super::Pane::Board => {
                self.selected_complaint().map(|c| c.number.clone())
            }
            _ => None,
        };
        let Some(number) = number else { return };
        let (now, user) = (self.now, self.store.actor().to_string());
        let result = self
            .store
            .write(|tx| tx.move_complaint(&number, to, now, &user, &Default::default()));
        match result {
            Ok(()) => {
                let text = self.cat.fmt(
                    "ui.moved",
                    &[("number", &number), ("step", self.cat.get(to.label_key()))],
                );
                if let Err(e) = self.reload() {
                    let text = e.message(self.cat);
                    self.say(text, true);
                } else {
                    self.say(text, false);
                }
            }
            Err(e) => {
                let text = e.message(self.cat);
                self.say(text, true);
            }
        }
    }

    /// Selects the customer or complaint with this key, if listed.
    fn select(&mut self, key: &str) {
        if let Some(i) = self.data.board.iter().position(|r| r.number == key) {
            self.board.selected = i;
            self.focus = super::Pane::Board;
        } else if let Some(i) = self
            .filtered
            .iter()
            .position(|idx| self.data.customers.get(*idx).is_some_and(|c| c.code == key))
        {
            self.customers.selected = i;
            self.focus = super::Pane::Customers;
        }
    }
}
