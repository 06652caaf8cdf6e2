//! A record's fields, declared once: name, column, kind, required, limits.
//!
//! The declaration drives the SQL columns (read by name), the form fields and their
//! checks, the CLI flags' validation, the JSON keys (the struct's serde names are the
//! field names), the history field names and file completeness.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::time::{parse_time, to_store};
use crate::error::Error;
use crate::field_id::FieldId;

/// A closed vocabulary's codes and the catalog prefix of its labels (`grade` -> `grade.A`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices {
    /// The codes stored in the database, in display order.
    pub codes: &'static [&'static str],
    /// The catalog prefix of the labels.
    pub label_prefix: &'static str,
}

impl Choices {
    /// The catalog key of a code's label.
    pub fn label_key(&self, code: &str) -> String {
        format!("{}.{code}", self.label_prefix)
    }

    /// The code matching `s` (case-insensitive), if it is one.
    pub fn code(&self, s: &str) -> Option<&'static str> {
        let t = s.trim();
        self.codes
            .iter()
            .copied()
            .find(|c| c.eq_ignore_ascii_case(t))
    }
}

/// What a field holds: decides how it is read, checked, picked and stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldKind {
    /// One line of text, at most `max` characters.
    Text {
        /// Character limit.
        max: usize,
    },
    /// Free text that may span lines, at most `max` characters.
    Note {
        /// Character limit.
        max: usize,
    },
    /// A whole number within `min..=max`.
    Number {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// An amount of money (RMB), finite and not negative.
    Money,
    /// A telephone number: digits with `+`, spaces, `-`, parentheses; 5 to 20 digits.
    Phone,
    /// An e-mail address: `name@domain.tld`, no spaces.
    Email,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Labels separated by commas (`,` `，` `、` `;`), stored as `a,b` without repeats.
    Tags {
        /// Character limit of the whole list.
        max: usize,
    },
    /// An instant, typed in local time (the CLI's formats), stored in UTC.
    Time,
    /// One of a closed vocabulary, picked by its localised label.
    Choice(Choices),
    /// A staff member's username.
    Staff,
    /// A customer's code.
    Customer,
}

/// The tags of a tag list as typed: split at any list separator, trimmed, blanks and
/// repeats dropped, in the order given.
pub fn tags(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in text.split([',', '，', '、', ';', '；']).map(str::trim) {
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// One declared field of a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// The field's name: JSON key, history field, form field, CLI flag `--name-with-dashes`.
    pub name: &'static str,
    /// The SQL column holding it.
    pub column: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// A save needs it.
    pub required: bool,
    /// It counts towards the file's completeness.
    pub complete: bool,
    /// Catalog key of its label when not `field.NAME` (two records' `name` differ).
    pub label: &'static str,
    /// What a blank required field is filled with where a default makes sense.
    pub default: Fill,
}

/// A field's default when left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// None: a required field must be given.
    None,
    /// The current time (a time field).
    Now,
    /// This stored value (a choice's code).
    Value(&'static str),
}

impl FieldSpec {
    /// A field of `kind`; the name and column come from the declaring struct.
    pub const fn of(kind: FieldKind) -> FieldSpec {
        FieldSpec {
            name: "",
            column: "",
            kind,
            required: false,
            complete: false,
            label: "",
            default: Fill::None,
        }
    }

    /// One line of text of at most `max` characters.
    pub const fn text(max: usize) -> FieldSpec {
        FieldSpec::of(FieldKind::Text { max })
    }

    /// Must be given.
    pub const fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    /// Counts towards completeness.
    pub const fn complete(mut self) -> FieldSpec {
        self.complete = true;
        self
    }

    /// Stored in a column named otherwise than the field.
    pub const fn column(mut self, column: &'static str) -> FieldSpec {
        self.column = column;
        self
    }

    /// Left out, it is the time of the write.
    pub const fn defaults_to_now(mut self) -> FieldSpec {
        self.default = Fill::Now;
        self
    }

    /// Left out, it takes this stored value.
    pub const fn defaults_to(mut self, value: &'static str) -> FieldSpec {
        self.default = Fill::Value(value);
        self
    }

    /// The stored default at `now`, if the field has one.
    pub fn default_at(&self, now: chrono::DateTime<Utc>) -> Option<String> {
        match self.default {
            Fill::None => None,
            Fill::Now => Some(to_store(now)),
            Fill::Value(v) => Some(v.to_string()),
        }
    }

    /// Labelled by this catalog key instead of `field.NAME`.
    pub const fn labelled(mut self, key: &'static str) -> FieldSpec {
        self.label = key;
        self
    }

    /// Gives the field its name (and its column, unless one was set).
    pub const fn named(mut self, name: &'static str) -> FieldSpec {
        self.name = name;
        if self.column.is_empty() {
            self.column = name;
        }
        self
    }

    /// The catalog key of the field's label.
    pub fn label_key(&self) -> String {
        if self.label.is_empty() {
            format!("field.{}", self.name)
        } else {
            self.label.to_string()
        }
    }

    /// How errors name it.
    pub fn id(&self) -> FieldId {
        FieldId::Field {
            name: self.name,
            label: (!self.label.is_empty()).then_some(self.label),
        }
    }

    /// The CLI flag that sets it (`--short-name`).
    pub fn flag(&self) -> String {
        format!("--{}", self.name.replace('_', "-"))
    }

    /// The most characters the field takes (None: no text limit).
    pub fn max_chars(&self) -> Option<usize> {
        match self.kind {
            FieldKind::Text { max } | FieldKind::Note { max } | FieldKind::Tags { max } => {
                Some(max)
            }
            FieldKind::Staff | FieldKind::Customer => Some(40),
            FieldKind::Number { .. }
            | FieldKind::Money
            | FieldKind::Date
            | FieldKind::Time
            | FieldKind::Phone
            | FieldKind::Choice(_) => Some(40),
            FieldKind::Email => Some(120),
        }
    }

    /// Checks text typed for this field and returns its stored form (None: left blank).
    ///
    /// Times are read in `tz` and stored in UTC; choices accept their code in any case
    /// (callers translate a localised label to its code first); numbers are normalised.
    pub fn normalize(&self, raw: &str, tz: Tz) -> Result<Option<String>, Error> {
        let v = raw.trim();
        if v.is_empty() {
            return if self.required {
                Err(Error::Required { field: self.id() })
            } else {
                Ok(None)
            };
        }
        let invalid = |rule: &'static str| Error::Invalid {
            field: self.id(),
            value: raw.to_string(),
            rule,
        };
        if self.max_chars().is_some_and(|m| v.chars().count() > m) {
            return Err(invalid("rule.too_long"));
        }
        let stored = match self.kind {
            FieldKind::Text { .. } | FieldKind::Staff | FieldKind::Customer => {
                if v.chars().any(char::is_control) {
                    return Err(invalid("rule.one_line"));
                }
                v.to_string()
            }
            FieldKind::Note { .. } => v.to_string(),
            FieldKind::Tags { .. } => {
                if v.chars().any(char::is_control) {
                    return Err(invalid("rule.one_line"));
                }
                match tags(v) {
                    t if t.is_empty() => return Ok(None),
                    t => t.join(","),
                }
            }
            FieldKind::Phone => {
                let digits = v.chars().filter(char::is_ascii_digit).count();
                let allowed = |c: char| c.is_ascii_digit() || " +-()".contains(c);
                if !(5..=20).contains(&digits) || !v.chars().all(allowed) {
                    return Err(invalid("rule.phone"));
                }
                v.to_string()
            }
            FieldKind::Email => {
                let ok = v.split_once('@').is_some_and(|(name, domain)| {
                    !name.is_empty()
                        && !domain.contains('@')
                        && domain.split('.').count() >= 2
                        && domain.split('.').all(|p| !p.is_empty())
                });
                if !ok || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return Err(invalid("rule.email"));
                }
                v.to_string()
            }
            FieldKind::Number { min, max } => match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => n.to_string(),
                Ok(_) => return Err(invalid("rule.out_of_range")),
                Err(_) => return Err(invalid("rule.whole_number")),
            },
            FieldKind::Money => match v.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => format!("{n:.2}"),
                _ => return Err(invalid("rule.money")),
            },
            FieldKind::Date => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|d| d.format("%Y-%m-%d").to_string())
                .map_err(|_| invalid("rule.date"))?,
            FieldKind::Time => to_store(parse_time(self.id(), v, tz)?.with_timezone(&Utc)),
            FieldKind::Choice(c) => match c.code(v) {
                Some(code) => code.to_string(),
                None => {
                    return Err(Error::InvalidChoice {
                        field: self.id(),
                        value: raw.to_string(),
                        expected: c.codes.join("|"),
                    })
                }
            },
        };
        Ok(Some(stored))
    }
}

/// A value a declared field can hold, in and out of its stored text form.
pub trait FieldValue: Sized {
    /// The stored text (None when blank).
    fn to_text(&self) -> Option<String>;
    /// From stored text (already checked by [`FieldSpec::normalize`]).
    fn from_text(field: FieldId, text: Option<&str>) -> Result<Self, Error>;
}

impl FieldValue for String {
    fn to_text(&self) -> Option<String> {
        Some(self.clone()).filter(|s| !s.trim().is_empty())
    }
    fn from_text(_: FieldId, text: Option<&str>) -> Result<Self, Error> {
        Ok(text.unwrap_or_default().to_string())
    }
}

impl FieldValue for Option<String> {
    fn to_text(&self) -> Option<String> {
        self.clone().filter(|s| !s.trim().is_empty())
    }
    fn from_text(_: FieldId, text: Option<&str>) -> Result<Self, Error> {
        Ok(text.map(str::to_string))
    }
}

impl FieldValue for Option<i64> {
    fn to_text(&self) -> Option<String> {
        self.map(|n| n.to_string())
    }
    fn from_text(field: FieldId, text: Option<&str>) -> Result<Self, Error> {
        text.map(|t| {
            t.trim().parse().map_err(|_| Error::Invalid {
                field: field.clone(),
                value: t.to_string(),
                rule: "rule.whole_number",
            })
        })
        .transpose()
    }
}

/// A record whose fields are declared once with [`crate::record!`].
pub trait Record: Default {
    /// The table the record lives in.
    const TABLE: &'static str;
    /// Its fields, in display order.
    const FIELDS: &'static [FieldSpec];

    /// A field's stored text (None when blank or not a field).
    fn get(&self, name: &str) -> Option<String>;

    /// Sets a field from stored text (None clears it).
    fn set(&mut self, name: &str, text: Option<&str>) -> Result<(), Error>;

    /// The declaration of a field.
    fn spec(name: &str) -> Option<&'static FieldSpec> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }

    /// How errors name a field: by its declaration (its label), or by the name given.
    fn field_id(name: &'static str) -> FieldId {
        Self::spec(name).map_or(FieldId::named(name), FieldSpec::id)
    }

    /// Checks typed text for a field and sets it; names the field when it is wrong.
    fn set_typed(&mut self, name: &str, raw: Option<&str>, tz: Tz) -> Result<(), Error> {
        let spec = Self::spec(name).ok_or_else(|| Error::Invalid {
            field: FieldId::Place(name.to_string()),
            value: raw.unwrap_or_default().to_string(),
            rule: "rule.unknown_field",
        })?;
        let stored = spec.normalize(raw.unwrap_or_default(), tz)?;
        self.set(name, stored.as_deref())
    }

    /// Fills the fields left blank that have a default (now, a code).
    fn fill_defaults(&mut self, now: chrono::DateTime<Utc>) -> Result<(), Error> {
        for f in Self::FIELDS {
            if self.get(f.name).is_none() {
                if let Some(v) = f.default_at(now) {
                    self.set(f.name, Some(&v))?;
                }
            }
        }
        Ok(())
    }

    /// Checks every field against its declaration; names the first one that is wrong.
    fn validate(&self, tz: Tz) -> Result<(), Error> {
        for f in Self::FIELDS {
            f.normalize(self.get(f.name).as_deref().unwrap_or(""), tz)?;
        }
        Ok(())
    }

    /// The fields that differ from `other`, with their old and new stored text.
    fn changes(&self, newer: &Self) -> Vec<FieldChange> {
        Self::FIELDS
            .iter()
            .filter_map(|f| {
                let (old, new) = (self.get(f.name), newer.get(f.name));
                (old != new).then_some(FieldChange {
                    field: f.name,
                    old,
                    new,
                })
            })
            .collect()
    }
}

/// One field's change between two versions of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field.
    pub field: &'static str,
    /// Before (stored text).
    pub old: Option<String>,
    /// After (stored text).
    pub new: Option<String>,
}

/// Declares a record's struct and its field table at once.
///
/// Each field names its Rust type (one with a [`FieldValue`]) and its [`FieldSpec`];
/// the field's name, JSON key, history name and (unless overridden) column are the
/// struct field's own name, so they cannot drift apart.
#[macro_export]
macro_rules! record {
    ($(#[$meta:meta])* $name:ident in $table:literal {
        $($(#[$fmeta:meta])* $field:ident : $ty:ty => $spec:expr),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty),+
        }

        impl $crate::domain::fields::Record for $name {
            const TABLE: &'static str = $table;
            const FIELDS: &'static [$crate::domain::fields::FieldSpec] =
                &[$($spec.named(stringify!($field))),+];

            fn get(&self, name: &str) -> Option<String> {
                match name {
                    $(stringify!($field) => $crate::domain::fields::FieldValue::to_text(&self.$field),)+
                    _ => None,
                }
            }

            fn set(&mut self, name: &str, text: Option<&str>) -> Result<(), $crate::error::Error> {
                match name {
                    $(stringify!($field) => {
                        let id = <Self as $crate::domain::fields::Record>::field_id(stringify!($field));
                        self.$field = $crate::domain::fields::FieldValue::from_text(id, text)?;
                    })+
                    other => {
                        return Err($crate::error::Error::Invalid {
                            field: $crate::field_id::FieldId::Place(other.to_string()),
                            value: text.unwrap_or_default().to_string(),
                            rule: "rule.unknown_field",
                        })
                    }
                }
                Ok(())
            }
        }
    };
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
