//! Which field an error is about, kept as a fact and put into words only at the edges:
//! the workbench shows the field's label, the CLI its flag, a settings error its file and key.

use std::borrow::Cow;
use std::fmt;

use crate::i18n::Catalog;

/// The field an error names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldId {
    /// A record's field (or a command's value) by its name; labelled `field.NAME` unless
    /// `label` gives another catalog key.
    Field {
        /// The field's name, as declared.
        name: &'static str,
        /// Catalog key of its label when not `field.NAME`.
        label: Option<&'static str>,
    },
    /// A command-line flag or argument as the usage names it: `--received`, `MONTH`.
    Flag(Cow<'static, str>),
    /// Anything else, as the user wrote it: a place in a file (`kefu.toml [kpi] nps_target`,
    /// `holidays.toml:12`) or a field name that is not declared.
    Place(String),
}

impl FieldId {
    /// A field by name, labelled `field.NAME`.
    pub const fn named(name: &'static str) -> FieldId {
        FieldId::Field { name, label: None }
    }

    /// A field by name with its own label key.
    pub const fn labelled(name: &'static str, label: &'static str) -> FieldId {
        FieldId::Field {
            name,
            label: Some(label),
        }
    }

    /// A command-line flag.
    pub const fn flag(flag: &'static str) -> FieldId {
        FieldId::Flag(Cow::Borrowed(flag))
    }

    /// The field's declared name (None for a flag or a place).
    pub fn name(&self) -> Option<&'static str> {
        match self {
            FieldId::Field { name, .. } => Some(name),
            FieldId::Flag(_) | FieldId::Place(_) => None,
        }
    }

    /// The catalog key of a field's label (None for a flag or a place).
    pub fn label_key(&self) -> Option<Cow<'static, str>> {
        match self {
            FieldId::Field { label: Some(l), .. } => Some(Cow::Borrowed(l)),
            FieldId::Field { name, label: None } => Some(Cow::Owned(format!("field.{name}"))),
            FieldId::Flag(_) | FieldId::Place(_) => None,
        }
    }

    /// The flag that sets a field on the command line (`short_name` -> `--short-name`).
    pub fn as_flag(&self) -> FieldId {
        match self {
            FieldId::Field { name, .. } => {
                FieldId::Flag(Cow::Owned(format!("--{}", name.replace('_', "-"))))
            }
            FieldId::Flag(_) | FieldId::Place(_) => self.clone(),
        }
    }

    /// The words for it in the catalog's language: a field's label (its name when the
    /// catalog has no label for it), a flag or a place as it is.
    pub fn words(&self, cat: &Catalog) -> String {
        match (self, self.label_key()) {
            (FieldId::Field { name, .. }, Some(key)) => {
                cat.get_owned(&key).unwrap_or(name).to_string()
            }
            (FieldId::Flag(f), _) => f.to_string(),
            (FieldId::Place(p), _) => p.clone(),
            (FieldId::Field { name, .. }, None) => name.to_string(),
        }
    }
}

impl fmt::Display for FieldId {
    /// The name, flag or place (no catalog): for logs and English-only contexts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldId::Field { name, .. } => f.write_str(name),
            FieldId::Flag(s) => f.write_str(s),
            FieldId::Place(p) => f.write_str(p),
        }
    }
}

/// Tests and callers compare a field with the name, flag or place they expect.
impl PartialEq<&str> for FieldId {
    fn eq(&self, other: &&str) -> bool {
        match self {
            FieldId::Field { name, .. } => name == other,
            FieldId::Flag(s) => s == other,
            FieldId::Place(p) => p == other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_put_in_words_by_its_label_and_a_flag_as_typed() {
        let received = FieldId::named("received");
        assert_eq!(
            received.words(Catalog::en()),
            Catalog::en().get("field.received")
        );
        assert_ne!(received.words(Catalog::zh()), received.words(Catalog::en()));
        assert_eq!(received.as_flag(), FieldId::flag("--received"));
        assert_eq!(FieldId::named("short_name").as_flag(), "--short-name");
        assert_eq!(FieldId::flag("--at").words(Catalog::zh()), "--at");
        let contact = FieldId::labelled("name", "field.contact_name");
        assert_eq!(
            contact.words(Catalog::en()),
            Catalog::en().get("field.contact_name")
        );
        // A name the catalog has no label for is shown as the name, never as a key.
        assert_eq!(
            FieldId::named("no_such_field").words(Catalog::en()),
            "no_such_field"
        );
    }
}
