//! Forms: one input per declared field, validated as you type and on save.

use crate::kind::RecordKind;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::action::crossterm_key::KeyPress;
pub use super::form_field::{Field, PickOption, Picker};
use crate::domain::customer::{validate_code, CustomerFields};
use crate::domain::fields::{FieldKind, FieldSpec, Record};
use crate::domain::intake::ComplaintIntake;
use crate::domain::time::local;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::i18n::Catalog;
use crate::store::customers::CustomerFile;

/// What a form creates or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new customer.
    NewCustomer,
    /// An existing customer, as read at `version`.
    EditCustomer {
        /// Customer code.
        code: String,
        /// Version read.
        version: i64,
    },
    /// A new complaint.
    NewComplaint,
    /// Details a complaint's move needs: the sign-off, the evidence, the decisions.
    Move {
        /// The complaint.
        number: String,
        /// Where it goes.
        to: crate::domain::complaint::Step,
    },
    /// The reason a complaint waits on the customer.
    Wait {
        /// The complaint.
        number: String,
    },
    /// A record form a view gave (its own title, fields and save).
    Record(super::record_form::RecordForm),
}

/// An open form.
pub struct Form {
    /// What it is for.
    pub kind: FormKind,
    /// Its inputs, in order.
    pub fields: Vec<Field>,
    /// The focused input.
    pub focus: usize,
    /// Changed since opened.
    pub dirty: bool,
    /// A problem with the whole form (a conflict, a database error), localised.
    pub error: Option<String>,
}

/// The customer code: typed on a new customer, generated when left blank.
const CODE: FieldSpec = FieldSpec::text(20).named("code");

/// Details a move or wait asks for: each a required line of text.
const fn detail(name: &'static str) -> FieldSpec {
    FieldSpec::text(200).required().named(name)
}

impl Form {
    /// An empty customer form.
    pub fn new_customer(cat: &Catalog) -> Form {
        let mut fields = vec![Field::new(&CODE, "", cat)];
        fields.extend(
            CustomerFields::FIELDS
                .iter()
                .map(|f| Field::new(f, "", cat)),
        );
        Form::with(FormKind::NewCustomer, fields)
    }

    /// A form filled from a customer's file.
    pub fn edit_customer(file: &CustomerFile, cat: &Catalog) -> Form {
        let fields = CustomerFields::FIELDS
            .iter()
            .map(|f| Field::new(f, file.fields.get(f.name).as_deref().unwrap_or(""), cat))
            .collect();
        Form::with(
            FormKind::EditCustomer {
                code: file.code.clone(),
                version: file.version,
            },
            fields,
        )
    }

    /// A complaint form, received now, for the given customer if one is selected.
    pub fn new_complaint(
        customer: Option<&str>,
        now: DateTime<Utc>,
        tz: Tz,
        cat: &Catalog,
    ) -> Form {
        let received = local(now, tz);
        let fields = ComplaintIntake::FIELDS
            .iter()
            .map(|f| {
                let value = match f.name {
                    "customer" => customer.unwrap_or(""),
                    "received" => received.as_str(),
                    "severity" => "minor",
                    "category" => "quality",
                    "channel" => "phone",
                    _ => "",
                };
                Field::new(f, value, cat)
            })
            .collect();
        Form::with(FormKind::NewComplaint, fields)
    }

    /// The form for a move that needs details (close, reject, a major disposal).
    pub fn for_move(number: &str, to: crate::domain::complaint::Step, cat: &Catalog) -> Form {
        use crate::domain::complaint::Step;
        const CLOSE: [FieldSpec; 2] = [detail("signed_by"), detail("how")];
        const REJECT: [FieldSpec; 1] = [detail("note")];
        const DECISIONS: [FieldSpec; 3] = [
            detail("decision_shipped"),
            detail("decision_stock"),
            detail("decision_wip"),
        ];
        let specs: &[FieldSpec] = match to {
            Step::Closed => &CLOSE,
            Step::Rejected => &REJECT,
            _ => &DECISIONS,
        };
        let fields = specs.iter().map(|f| Field::new(f, "", cat)).collect();
        Form::with(
            FormKind::Move {
                number: number.to_string(),
                to,
            },
            fields,
        )
    }

    /// The form asking why a complaint waits on the customer.
    pub fn for_wait(number: &str, cat: &Catalog) -> Form {
        const REASON: FieldSpec = detail("reason");
        Form::with(
            FormKind::Wait {
                number: number.to_string(),
            },
            vec![Field::new(&REASON, "", cat)],
        )
    }

    /// A form over a record's declared fields, as its view describes it.
    pub fn for_record(rf: super::record_form::RecordForm, cat: &Catalog) -> Form {
        let fields = rf
            .fields
            .iter()
            .map(|(spec, v)| Field::new(spec, v, cat))
            .collect();
        Form::with(FormKind::Record(rf), fields)
    }

    /// Every field's stored value (a picked code, else the text), by name.
    pub fn values(&self) -> super::record_form::Values {
        self.fields.iter().map(|f| (f.name, f.stored())).collect()
    }

    /// Gives the reference fields of `kind` (staff, customers) their options.
    pub fn set_options(&mut self, kind: FieldKind, options: &[PickOption]) {
        for f in self.fields.iter_mut().filter(|f| f.spec.kind == kind) {
            if let Some(p) = f.picker.as_mut() {
                p.options = options.to_vec();
                p.highlight = 0;
            }
        }
    }

    fn with(kind: FormKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            dirty: false,
            error: None,
        }
    }

    /// What a named field stores (a picked option's code, else the text typed).
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(Field::stored)
            .unwrap_or_default()
    }

    /// The text of a named field, None when empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.value(name)).filter(|v| !v.is_empty())
    }

    /// Types a key into the focused field and re-checks it. Enter takes a picker's
    /// highlighted option, else moves on; Up/Down move in a picker, else between fields.
    pub fn input(&mut self, key: KeyPress, cat: &Catalog, tz: Tz) {
        use super::action::crossterm_key::KeyCode;
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        let in_picker = f.picker.is_some();
        if f.key(key) {
            self.dirty = true;
            self.error = None;
        }
        self.check(self.focus, cat, tz, true);
        match key.code {
            KeyCode::Enter => self.move_focus(1),
            KeyCode::Down if !in_picker => self.move_focus(1),
            KeyCode::Up if !in_picker => self.move_focus(-1),
            _ => {}
        }
    }

    /// Pastes text into the focused field (bracketed paste: it never leaves the field).
    pub fn paste(&mut self, text: &str, cat: &Catalog, tz: Tz) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            if f.paste(text) {
                self.dirty = true;
                self.error = None;
            }
        }
        self.check(self.focus, cat, tz, true);
    }

    /// Moves focus by `delta` fields (wrapping).
    pub fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
        }
    }

    /// Checks every field; focuses the first bad one. True when all are fine.
    pub fn check_all(&mut self, cat: &Catalog, tz: Tz) -> bool {
        for i in 0..self.fields.len() {
            self.check(i, cat, tz, false);
        }
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(i) => {
                self.focus = i;
                false
            }
            None => true,
        }
    }

    /// Puts an error from saving beside the field it names, or on the form.
    pub fn show_error(&mut self, e: &Error, cat: &Catalog) {
        let field = match e {
            Error::NotFound {
                kind: RecordKind::Customer,
                ..
            } => Some("customer"),
            other => other.field().and_then(FieldId::name),
        };
        match field.and_then(|f| self.fields.iter().position(|x| x.name == f)) {
            Some(i) => {
                // The message names the field by its label, as the form shows it.
                self.fields[i].error = Some(e.message(cat));
                self.focus = i;
            }
            None => self.error = Some(e.message(cat)),
        }
    }

    fn check(&mut self, i: usize, cat: &Catalog, tz: Tz, typing: bool) {
        let Some(f) = self.fields.get_mut(i) else {
            return;
        };
        if typing {
            f.check_typing(cat, tz);
        } else {
            f.check(cat, tz);
        }
        if f.error.is_none() && f.name == "code" && !f.value().is_empty() {
            f.error = validate_code(&f.value()).err().map(|e| e.message(cat));
        }
    }
}
