//! Options for an open form's reference pickers, read by the worker: every active member
//! of staff, and the customers matching what is typed (searched in SQL, so a picker stays
//! quick at 100,000 customers).

use super::component::Job;
use super::form::{Form, PickOption};
use super::App;
use crate::domain::fields::FieldKind;
use crate::store::customers::CustomerFilter;

/// Customers offered at once.
const CUSTOMER_OPTIONS: usize = 30;

/// The picker a slot's kind names.
pub(super) fn kind(name: &str) -> FieldKind {
    match name {
        "staff" => FieldKind::Staff,
        _ => FieldKind::Customer,
    }
}

fn staff_job() -> Job {
    Job::new("picker:staff", |s| {
        Ok(s.list_staff()?
            .into_iter()
            .map(|m| PickOption {
                code: m.username,
                label: m.name,
            })
            .collect::<Vec<_>>())
    })
}

fn customer_job(typed: String) -> Job {
    Job::new("picker:customer", move |s| {
        let filter = CustomerFilter {
            text: Some(typed).filter(|t| !t.trim().is_empty()),
            limit: Some(CUSTOMER_OPTIONS),
            ..Default::default()
        };
        Ok(s.list_customers(&filter)?
            .into_iter()
            .map(|c| PickOption {
                label: c.short_name.unwrap_or(c.name),
                code: c.code,
            })
            .collect::<Vec<_>>())
    })
}

/// The text typed in the form's focused customer field, if that is where the cursor is.
fn focused_customer_text(form: &Form) -> Option<String> {
    let f = form.fields.get(form.focus)?;
    (f.spec.kind == FieldKind::Customer).then(|| f.value())
}

impl App {
    /// Opens a form and asks for its pickers' options.
    pub(super) fn show_form(&mut self, form: Form) {
        let kinds: Vec<FieldKind> = form.fields.iter().map(|f| f.spec.kind).collect();
        let customer = form
            .fields
            .iter()
            .find(|f| f.spec.kind == FieldKind::Customer)
            .map(|f| f.value());
        self.form = Some(form);
        let mut jobs = Vec::new();
        if kinds.contains(&FieldKind::Staff) {
            jobs.push(staff_job());
        }
        if let Some(typed) = customer {
            jobs.push(customer_job(typed));
        }
        self.submit(jobs);
    }

    /// After typing in a customer field: search again for what it now holds.
    pub(super) fn search_pickers(&mut self) {
        if let Some(typed) = self.form.as_ref().and_then(focused_customer_text) {
            self.submit(vec![customer_job(typed)]);
        }
    }
}
