//! Forms: fields on ratatui-textarea, validated as you type and on save.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui_textarea::TextArea;

use super::action::crossterm_key::{KeyEvent, KeyPress};
use crate::domain::complaint::{Category, Channel, Severity};
use crate::domain::customer::{validate_code, validate_date, Grade, FIELD_NAMES};
use crate::domain::time::{local, parse_time};
use crate::error::Error;
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
}

/// One input of a form.
pub struct Field {
    /// The field's name (`name`, `grade`, `received`...).
    pub name: &'static str,
    /// Catalog key of its label.
    pub label_key: String,
    /// The text input.
    pub input: TextArea<'static>,
    /// Must not be empty.
    pub required: bool,
    /// What is wrong with it, localised.
    pub error: Option<String>,
}

impl Field {
    fn new(name: &'static str, label_key: String, value: &str, required: bool) -> Field {
        Field {
            name,
            label_key,
            input: TextArea::new(vec![value.to_string()]),
            required,
            error: None,
        }
        .at_end()
    }

    fn at_end(mut self) -> Field {
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
        self
    }

    /// The field's text, trimmed.
    pub fn value(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
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

const COMPLAINT_FIELDS: &[(&str, bool)] = &[
    ("customer", true),
    ("title", true),
    ("severity", true),
    ("category", true),
    ("channel", true),
    ("received", true),
    ("reply_by", false),
    ("owner", false),
    ("product", false),
    ("batch", false),
    ("quantity", false),
    ("description", false),
];

impl Form {
    /// An empty customer form.
    pub fn new_customer() -> Form {
        let mut fields = vec![Field::new("code", "field.code".into(), "", false)];
        fields.extend(
            FIELD_NAMES
                .iter()
                .map(|n| Field::new(n, format!("field.{n}"), "", *n == "name")),
        );
        Form::with(FormKind::NewCustomer, fields)
    }

    /// A form filled from a customer's file.
    pub fn edit_customer(file: &CustomerFile) -> Form {
        let fields = FIELD_NAMES
            .iter()
            .map(|n| {
                Field::new(
                    n,
                    format!("field.{n}"),
                    file.fields.field(n).unwrap_or(""),
                    *n == "name",
                )
            })
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
    pub fn new_complaint(customer: Option<&str>, now: DateTime<Utc>, tz: Tz) -> Form {
        let fields = COMPLAINT_FIELDS
            .iter()
            .map(|(n, req)| {
                let value = match *n {
                    "customer" => customer.unwrap_or("").to_string(),
                    "received" => local(now, tz),
                    "severity" => "minor".to_string(),
                    "category" => "quality".to_string(),
                    "channel" => "phone".to_string(),
                    _ => String::new(),
                };
                Field::new(n, format!("field.{n}"), &value, *req)
            })
            .collect();
        Form::with(FormKind::NewComplaint, fields)
    }

    /// The form for a move that needs details (close, reject, a major disposal).
    pub fn for_move(number: &str, to: crate::domain::complaint::Step) -> Form {
        use crate::domain::complaint::Step;
        let names: &[&'static str] = match to {
            Step::Closed => &["signed_by", "how"],
            Step::Rejected => &["note"],
            _ => &["decision_shipped", "decision_stock", "decision_wip"],
        };
        let fields = names
            .iter()
            .map(|n| Field::new(n, format!("field.{n}"), "", true))
            .collect();
        Form::with(
            FormKind::Move {
                number: number.to_string(),
                to,
            },
            fields,
        )
    }

    /// The form asking why a complaint waits on the customer.
    pub fn for_wait(number: &str) -> Form {
        Form::with(
            FormKind::Wait {
                number: number.to_string(),
            },
            vec![Field::new("reason", "field.reason".into(), "", true)],
        )
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

    /// The text of a named field.
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// The text of a named field, None when empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.value(name)).filter(|v| !v.is_empty())
    }

    /// Types a key into the focused field and re-checks it.
    pub fn input(&mut self, key: KeyPress, cat: &Catalog, tz: Tz) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            if f.input.input(KeyEvent::new(key.code, key.mods)) {
                self.dirty = true;
                self.error = None;
            }
        }
        self.check(self.focus, cat, tz);
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
            self.check(i, cat, tz);
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
            Error::Invalid { field, .. }
            | Error::InvalidChoice { field, .. }
            | Error::InvalidTime { field, .. }
            | Error::Required { field }
            | Error::Duplicate { field, .. } => Some(field.replace('-', "_")),
            Error::NotFound {
                kind: "kind.customer",
                ..
            } => Some("customer".to_string()),
            _ => None,
        };
        let text = e.message(cat);
        match field.and_then(|f| self.fields.iter().position(|x| x.name == f)) {
            Some(i) => {
                self.fields[i].error = Some(text);
                self.focus = i;
            }
            None => self.error = Some(text),
        }
    }

    fn check(&mut self, i: usize, cat: &Catalog, tz: Tz) {
        let Some(f) = self.fields.get(i) else { return };
        let v = f.value();
        let label = cat.get(&f.label_key).to_string();
        let result: Result<(), Error> = if v.is_empty() {
            if f.required {
                Err(Error::Required {
                    field: label.clone(),
                })
            } else {
                Ok(())
            }
        } else {
            match f.name {
                "code" => validate_code(&v),
                "grade" => Grade::parse(&label, &v).map(|_| ()),
                "severity" => Severity::parse(&label, &v).map(|_| ()),
                "category" => Category::parse(&label, &v).map(|_| ()),
                "channel" => Channel::parse(&label, &v).map(|_| ()),
                "received" | "reply_by" => parse_time(&label, &v, tz).map(|_| ()),
                "partner_since" => validate_date(&label, &v),
                "quantity" => v.parse::<u32>().map(|_| ()).map_err(|_| Error::Invalid {
                    field: label.clone(),
                    value: v.clone(),
                    rule: "rule.whole_number",
                }),
                _ => Ok(()),
            }
        };
        if let Some(f) = self.fields.get_mut(i) {
            f.error = result.err().map(|e| relabel(e, &label).message(cat));
        }
    }
}

/// Names the field by its label in form messages.
fn relabel(e: Error, label: &str) -> Error {
    match e {
        Error::Invalid { value, rule, .. } => Error::Invalid {
            field: label.to_string(),
            value,
            rule,
        },
        other => other,
    }
}
