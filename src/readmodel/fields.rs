//! A declared record's fields as labelled display lines.

use chrono_tz::Tz;

use crate::domain::fields::{FieldKind, FieldSpec, Record};
use crate::domain::time::{from_store, local};
use crate::i18n::Catalog;

/// One labelled value of a record, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLine {
    /// The declared field.
    pub field: &'static str,
    /// Its label in the reader's language.
    pub label: String,
    /// Its value as shown (a choice with its label, a time in local time).
    pub value: String,
}

/// How a stored value reads: a choice by its label (a one-letter code such as a grade
/// with it: "A 战略"), a time in local time.
pub fn display(spec: &FieldSpec, stored: Option<&str>, cat: &Catalog, tz: Tz) -> String {
    let Some(v) = stored else {
        return String::new();
    };
    match spec.kind {
        FieldKind::Choice(c) => match cat.get_owned(&c.label_key(v)) {
            Some(label) if v.chars().count() == 1 && label != v => format!("{v} {label}"),
            Some(label) => label.to_string(),
            None => v.to_string(),
        },
        FieldKind::Time => from_store(v)
            .map(|t| local(t, tz))
            .unwrap_or_else(|| v.to_string()),
        FieldKind::Tags { .. } => v.replace(',', ", "),
        FieldKind::Text { .. }
        | FieldKind::Note { .. }
        | FieldKind::Number { .. }
        | FieldKind::Money
        | FieldKind::Phone
        | FieldKind::Email
        | FieldKind::Date
        | FieldKind::Staff
        | FieldKind::Customer => v.to_string(),
    }
}

/// Every declared field of `r`, labelled, in declaration order.
pub fn lines<R: Record>(r: &R, cat: &Catalog, tz: Tz) -> Vec<FieldLine> {
    R::FIELDS
        .iter()
        .map(|f| FieldLine {
            field: f.name,
            label: cat.get(&f.label_key()).to_string(),
            value: display(f, r.get(f.name).as_deref(), cat, tz),
        })
        .collect()
}
