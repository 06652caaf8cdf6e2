//! A customer's file as people read it, the same in `kefu customer show` and the workbench.

use chrono_tz::Tz;

use super::fields::{lines, FieldLine};
use super::history::stamp;
use crate::i18n::Catalog;
use crate::store::customers::CustomerFile;

/// The contact table's headings, in row order.
pub const CONTACT_COLUMNS: [&str; 7] = [
    "col.name",
    "col.role",
    "col.phone",
    "col.email",
    "col.wechat",
    "col.line",
    "col.nps_contact",
];

/// The grade history's headings, in row order.
pub const GRADE_COLUMNS: [&str; 4] = ["col.when", "col.who", "col.change", "col.basis"];

/// The file's fields: the code, every declared field, and how complete it is.
pub fn field_lines(
    file: &CustomerFile,
    required: &crate::domain::customer::Required,
    cat: &Catalog,
    tz: Tz,
) -> Vec<FieldLine> {
    let mut out = vec![FieldLine {
        field: "code",
        label: cat.get("field.code").to_string(),
        value: file.code.clone(),
    }];
    out.extend(lines(&file.fields, cat, tz));
    for f in &file.custom_fields {
        out.push(FieldLine {
            field: "custom",
            label: f.name.clone(),
            value: file.custom.get(&f.name).cloned().unwrap_or_default(),
        });
    }
    let missing = file.missing(required);
    let (filled, all) = missing.counts();
    let mut value = format!("{filled}/{all}");
    let names = missing_names(&missing, cat);
    if !names.is_empty() {
        value.push_str(&cat.fmt("customer.missing", &[("fields", &names.join(", "))]));
    }
    out.push(FieldLine {
        field: "completeness",
        label: cat.get("field.completeness").to_string(),
        value,
    });
    out
}

/// The missing items of a file by their labels: declared fields, a contact, custom fields.
pub fn missing_names(m: &crate::domain::customer::Missing, cat: &Catalog) -> Vec<String> {
    use crate::domain::customer::CustomerFields;
    use crate::domain::fields::Record;
    let declared = m.fields.iter().map(|f| match CustomerFields::spec(f) {
        Some(spec) => cat.get(&spec.label_key()).to_string(),
        None => f.to_string(),
    });
    let contact = m.contact.then(|| cat.get("head.contacts").to_string());
    declared
        .chain(contact)
        .chain(m.custom.iter().cloned())
        .collect()
}

/// The contacts, in [`CONTACT_COLUMNS`] order.
pub fn contact_rows(file: &CustomerFile, cat: &Catalog) -> Vec<[String; 7]> {
    use crate::domain::assessment::YesNo;
    file.contacts
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.role
                    .map(|r| cat.get(r.label_key()).to_string())
                    .unwrap_or_default(),
                c.phone.clone().unwrap_or_default(),
                c.email.clone().unwrap_or_default(),
                c.wechat.clone().unwrap_or_default(),
                c.line.clone().unwrap_or_default(),
                if c.nps == Some(YesNo::Yes) {
                    cat.get("col.nps_contact").to_string()
                } else {
                    String::new()
                },
            ]
        })
        .collect()
}

/// The grade changes, oldest first, in [`GRADE_COLUMNS`] order.
pub fn grade_rows(file: &CustomerFile, cat: &Catalog, tz: Tz) -> Vec<[String; 4]> {
    file.grade_history
        .iter()
        .map(|g| {
            let from = g.previous.map_or("–", |p| p.as_str());
            let to = g.grade.map_or("–", |p| p.as_str());
            // How it came about: a method's proposal, or a raise on request.
            let how = match (&g.method, g.special) {
                (_, true) => Some(cat.get("grade.special").to_string()),
                (Some(m), false) => Some(cat.get(&format!("grade_method.{m}")).to_string()),
                (None, false) => None,
            };
            let basis = g.basis.clone().unwrap_or_default();
            [
                stamp(&g.changed_at, tz),
                g.changed_by.clone(),
                format!("{from} → {to}"),
                match how {
                    Some(h) if basis.is_empty() => h,
                    Some(h) => format!("{basis} · {h}"),
                    None => basis,
                },
            ]
        })
        .collect()
}
