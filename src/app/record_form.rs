//! A form over declared fields whose save comes with it: a view of a new record type
//! opens its own add and edit forms without the app knowing the record.

use crate::kind::RecordKind;
use std::sync::Arc;

use crate::domain::fields::{FieldSpec, Fill};
use crate::domain::time::local;
use crate::error::Result;
use crate::store::Store;

/// The stored values of a saved form, by field name.
pub type Values = Vec<(&'static str, String)>;

/// Saves a form's values; returns the key of the record written.
pub type SaveFn = Arc<dyn Fn(&mut Store, &Values) -> Result<String> + Send + Sync>;

/// After a save, the form to type next (a stack of paper answers), if any is left.
pub type NextFn = Arc<dyn Fn(&Store) -> Result<Option<RecordForm>> + Send + Sync>;

/// A record form: title, fields with their starting values, and how it is saved.
#[derive(Clone)]
pub struct RecordForm {
    /// The form's title (localised).
    pub title: String,
    /// The fields in order, each with its starting stored value.
    pub fields: Vec<(FieldSpec, String)>,
    /// What kind of record a save writes (what reloads afterwards).
    pub touched: RecordKind,
    /// The write.
    pub save: SaveFn,
    /// The form that opens after a save, staying in the stack.
    pub next: Option<NextFn>,
}

impl RecordForm {
    /// A form titled `title` over `fields` (all blank unless a default fills them).
    pub fn new(
        title: String,
        fields: &[FieldSpec],
        touched: RecordKind,
        save: impl Fn(&mut Store, &Values) -> Result<String> + Send + Sync + 'static,
    ) -> RecordForm {
        RecordForm {
            title,
            fields: fields.iter().map(|f| (*f, String::new())).collect(),
            touched,
            save: Arc::new(save),
            next: None,
        }
    }

    /// Opens the form `next` builds after each save, while it builds one.
    pub fn then(
        mut self,
        next: impl Fn(&Store) -> Result<Option<RecordForm>> + Send + Sync + 'static,
    ) -> RecordForm {
        self.next = Some(Arc::new(next));
        self
    }

    /// Starts the fields that have a default at it: now (in local time), or a code.
    pub fn with_defaults(
        mut self,
        now: chrono::DateTime<chrono::Utc>,
        tz: chrono_tz::Tz,
    ) -> RecordForm {
        for (spec, value) in &mut self.fields {
            if value.is_empty() {
                *value = match spec.default {
                    Fill::None => String::new(),
                    Fill::Now => local(now, tz),
                    Fill::Value(code) => code.to_string(),
                };
            }
        }
        self
    }

    /// Starts the field `name` at `stored`.
    pub fn with_value(mut self, name: &str, stored: Option<String>) -> RecordForm {
        if let Some(f) = self.fields.iter_mut().find(|(s, _)| s.name == name) {
            f.1 = stored.unwrap_or_default();
        }
        self
    }
}

impl std::fmt::Debug for RecordForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.fields.iter().map(|(s, _)| s.name).collect();
        f.debug_struct("RecordForm")
            .field("title", &self.title)
            .field("fields", &names)
            .finish()
    }
}

/// Two record forms are the same form when their title and fields are.
impl PartialEq for RecordForm {
    fn eq(&self, other: &RecordForm) -> bool {
        self.title == other.title && self.fields == other.fields
    }
}

impl Eq for RecordForm {}

/// Builds a record form from what the store holds now (an edit form starts at the stored
/// values); runs on the worker, and the form opens when it answers.
#[derive(Clone)]
pub struct FormLoad(pub Arc<LoadFn>);

/// Reads what a form starts at and builds it.
pub type LoadFn = dyn Fn(&Store) -> Result<RecordForm> + Send + Sync;

impl FormLoad {
    /// A loader from a closure.
    pub fn new(f: impl Fn(&Store) -> Result<RecordForm> + Send + Sync + 'static) -> FormLoad {
        FormLoad(Arc::new(f))
    }
}

impl std::fmt::Debug for FormLoad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormLoad")
    }
}

/// Two loaders are the same when they are the same closure.
impl PartialEq for FormLoad {
    fn eq(&self, other: &FormLoad) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for FormLoad {}

/// The stored value of the field `name` in a saved form; None when blank.
pub fn value_of(values: &Values, name: &str) -> Option<String> {
    values
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
