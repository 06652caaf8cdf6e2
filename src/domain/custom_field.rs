//! Custom fields of the customer file: defined by an administrator (name, kind, required),
//! so a certification body keeps contract no., certificate no., audit dates and scope
//! without a schema change (seed 003 4.2.1).

use chrono_tz::Tz;
use serde::Serialize;

use crate::domain::fields::{FieldKind, FieldSpec};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::vocabulary;

vocabulary!(
    /// What a custom field holds.
    CustomKind, "custom_kind" { Text = "text", Number = "number", Date = "date" }
);

/// One custom field's definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomField {
    /// Its name, as the team calls it ("合同编号"): the column header and the `--custom` key.
    pub name: String,
    /// What it holds.
    pub kind: CustomKind,
    /// A complete file fills it.
    pub required: bool,
}

impl CustomField {
    /// The declared rules its values follow.
    fn spec(&self) -> FieldSpec {
        let kind = match self.kind {
            CustomKind::Text => FieldKind::Text { max: 200 },
            CustomKind::Number => FieldKind::Number {
                min: i64::MIN,
                max: i64::MAX,
            },
            CustomKind::Date => FieldKind::Date,
        };
        FieldSpec::of(kind).named("custom")
    }

    /// Checks a value typed for this field; None when blank (the value is cleared).
    pub fn normalize(&self, raw: &str, tz: Tz) -> Result<Option<String>, Error> {
        self.spec()
            .normalize(raw, tz)
            .map_err(|e| e.naming(|_| FieldId::Place(self.name.clone())))
    }
}

/// Checks a new field's name: one line, 1-30 characters, no `=` (it separates name and
/// value in `--custom NAME=VALUE`).
pub fn validate_name(name: &str) -> Result<(), Error> {
    let n = name.trim();
    let ok = !n.is_empty()
        && n.chars().count() <= 30
        && !n.contains('=')
        && !n.chars().any(char::is_control);
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid {
            field: FieldId::flag("NAME"),
            value: name.to_string(),
            rule: "rule.custom_name",
        })
    }
}

/// Splits `NAME=VALUE` as given to `--custom`.
pub fn split_assignment(text: &str) -> Result<(&str, &str), Error> {
    text.split_once('=')
        .map(|(n, v)| (n.trim(), v.trim()))
        .filter(|(n, _)| !n.is_empty())
        .ok_or_else(|| Error::Invalid {
            field: FieldId::flag("--custom"),
            value: text.to_string(),
            rule: "rule.custom_assignment",
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;

    fn field(kind: CustomKind) -> CustomField {
        CustomField {
            name: "下次监督审核".into(),
            kind,
            required: false,
        }
    }

    #[test]
    fn values_follow_their_kind_and_errors_name_the_field() {
        let d = field(CustomKind::Date);
        assert_eq!(
            d.normalize(" 2027-03-01 ", DEFAULT_TZ).ok().flatten(),
            Some("2027-03-01".into())
        );
        let e = d.normalize("2027-02-30", DEFAULT_TZ).err();
        assert!(
            matches!(&e, Some(Error::Invalid { field: FieldId::Place(p), .. }) if p == "下次监督审核"),
            "{e:?}"
        );
        assert_eq!(
            d.normalize("  ", DEFAULT_TZ).ok(),
            Some(None),
            "blank clears"
        );
        let n = field(CustomKind::Number);
        assert!(n.normalize("12a", DEFAULT_TZ).is_err());
        assert_eq!(
            n.normalize("007", DEFAULT_TZ).ok().flatten(),
            Some("7".into())
        );
        let t = field(CustomKind::Text);
        assert!(t.normalize(&"长".repeat(201), DEFAULT_TZ).is_err());
    }

    #[test]
    fn names_and_assignments() {
        assert!(validate_name("合同编号").is_ok());
        assert!(validate_name("a=b").is_err());
        assert!(validate_name(" ").is_err());
        assert_eq!(
            split_assignment("合同编号 = HT-01").ok(),
            Some(("合同编号", "HT-01"))
        );
        assert_eq!(split_assignment("范围=").ok(), Some(("范围", "")));
        assert!(split_assignment("no equals").is_err());
        assert!(split_assignment("=x").is_err());
    }
}
