//! A customer file as one row of a spreadsheet: the columns come from the declarations
//! (the code, `CustomerFields`, the primary contact's `Contact` fields, the team's custom
//! fields), and each cell is checked by its field's own rules.

use std::collections::HashSet;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::domain::custom_field::{CustomField, CustomKind};
use crate::domain::customer::{validate_code, Contact, CustomerFields};
use crate::domain::fields::{Choices, FieldKind, FieldSpec, Fill, Record};
use crate::error::Error;
use crate::field_id::FieldId;

/// One column of the customer sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// The customer code, by which a file is found again.
    Code,
    /// A declared field of the file.
    Field(&'static FieldSpec),
    /// A declared field of the file's primary (first) contact.
    Contact(&'static FieldSpec),
    /// A custom field the team defined.
    Custom(CustomField),
}

/// Every column of the sheet, in the declarations' order, the custom fields last.
pub fn columns(custom: &[CustomField]) -> Vec<Column> {
    let mut out = vec![Column::Code];
    out.extend(CustomerFields::FIELDS.iter().map(Column::Field));
    out.extend(Contact::FIELDS.iter().map(Column::Contact));
    out.extend(custom.iter().cloned().map(Column::Custom));
    out
}

impl Column {
    /// Its code name: the field's name (`contact_` before a contact's), a custom field's own.
    pub fn name(&self) -> String {
        match self {
            Column::Code => "code".into(),
            Column::Field(s) => s.name.into(),
            Column::Contact(s) => format!("contact_{}", s.name),
            Column::Custom(f) => f.name.clone(),
        }
    }

    /// The catalog key of its label (None: a custom field is named by its own name).
    pub fn label_key(&self) -> Option<String> {
        match self {
            Column::Code => Some("field.code".into()),
            Column::Field(s) | Column::Contact(s) => Some(s.label_key()),
            Column::Custom(_) => None,
        }
    }

    /// A row must give it.
    pub fn required(&self) -> bool {
        match self {
            Column::Code => true,
            Column::Field(s) => s.required,
            Column::Contact(_) | Column::Custom(_) => false,
        }
    }

    /// The vocabulary it takes, if it is a choice.
    pub fn choices(&self) -> Option<Choices> {
        match self {
            Column::Field(s) | Column::Contact(s) => match s.kind {
                FieldKind::Choice(c) => Some(c),
                _ => None,
            },
            Column::Code | Column::Custom(_) => None,
        }
    }

    /// Whether it holds a date (read from a serial number or several text forms).
    fn is_date(&self) -> bool {
        match self {
            Column::Field(s) | Column::Contact(s) => s.kind == FieldKind::Date,
            Column::Custom(f) => f.kind == CustomKind::Date,
            Column::Code => false,
        }
    }

    /// How errors about it name it.
    pub fn id(&self) -> FieldId {
        match self {
            Column::Code => FieldId::named("code"),
            Column::Field(s) | Column::Contact(s) => s.id(),
            Column::Custom(f) => FieldId::Place(f.name.clone()),
        }
    }
}

/// A heading as compared: trimmed, without the required mark, in lower case.
pub fn heading_key(text: &str) -> String {
    text.trim()
        .trim_end_matches(['*', '＊'])
        .trim()
        .to_lowercase()
}

/// Excel's serial day number as a date (1 is 1900-01-01; Excel's phantom 1900-02-29 is
/// why day 0 is 1899-12-30).
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// A date as spreadsheets hold it, in the declared `YYYY-MM-DD`: a serial number, or
/// `2026/1/5`, `2026.1.5`, `2026年1月5日`, a midnight time after it; else as given.
pub fn date_text(raw: &str) -> String {
    let t = raw.trim();
    if let Some(d) = t.parse::<f64>().ok().and_then(excel_date) {
        return d.format("%Y-%m-%d").to_string();
    }
    let date = t
        .strip_suffix(" 00:00:00")
        .or_else(|| t.strip_suffix(" 00:00"))
        .or_else(|| t.strip_suffix("T00:00:00"))
        .unwrap_or(t);
    let parts: Vec<&str> = date
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    if let [y, m, d] = parts[..] {
        let n = |s: &str| s.trim().parse::<u32>().ok();
        if let (Some(y), Some(m), Some(d)) = (n(y), n(m), n(d)) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                return date.format("%Y-%m-%d").to_string();
            }
        }
    }
    raw.to_string()
}

/// A row's cells, checked: what the file gives for the customer `code`. A value of None
/// clears the field (an empty cell in a column the file has).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetRow {
    /// The sheet's row number.
    pub line: usize,
    /// The customer code.
    pub code: String,
    /// Declared fields given, in stored form.
    pub fields: Vec<(&'static str, Option<String>)>,
    /// The primary contact's fields given, in stored form (None: no contact in the row).
    pub contact: Option<Vec<(&'static str, Option<String>)>>,
    /// Custom fields given: (name, value as typed; blank clears).
    pub custom: Vec<(String, String)>,
}

/// One thing wrong with a file: its row, the column (an index into the headings) and why.
#[derive(Debug)]
pub struct Problem {
    /// The sheet's row number.
    pub line: usize,
    /// The column, when the problem is in one cell.
    pub column: Option<usize>,
    /// What is wrong.
    pub error: Error,
}

/// Reads one row: `cells[i]` belongs to `columns[map[i]]` (None: a column kefu ignores).
/// Every cell is checked by its field's declared rules; the row holds the cells that
/// passed, beside every problem found (none: the row is good).
/// `choice` turns a label in either language into its code (as the CLI flags do).
pub fn read_row(
    line: usize,
    cells: &[String],
    map: &[Option<usize>],
    columns: &[Column],
    choice: &dyn Fn(&Choices, &str) -> Option<&'static str>,
    tz: Tz,
) -> (SheetRow, Vec<Problem>) {
    let mut row = SheetRow {
        line,
        ..Default::default()
    };
    let mut problems = Vec::new();
    let mut contact = Vec::new();
    let contact_given = map.iter().enumerate().any(|(i, c)| {
        c.is_some_and(|c| matches!(columns[c], Column::Contact(_)))
            && cells.get(i).is_some_and(|v| !v.trim().is_empty())
    });
    for (i, col) in map.iter().enumerate() {
        let Some(c) = *col else { continue };
        let column = &columns[c];
        let raw = cells.get(i).map(String::as_str).unwrap_or("");
        let dated;
        let mut text = raw;
        if column.is_date() {
            dated = date_text(raw);
            text = &dated;
        }
        if let Some(code) = column.choices().and_then(|ch| choice(&ch, raw)) {
            text = code;
        }
        // A blank cell of a field with a stored default (a contact's role) takes it.
        if let (Column::Field(s) | Column::Contact(s), true) = (column, text.trim().is_empty()) {
            if let Fill::Value(v) = s.default {
                text = v;
            }
        }
        let checked = match column {
            Column::Code => match raw.trim() {
                "" => Err(Error::Required { field: column.id() }),
                code => validate_code(code).map(|()| row.code = code.to_string()),
            },
            Column::Field(s) => s.normalize(text, tz).map(|v| row.fields.push((s.name, v))),
            Column::Contact(_) if !contact_given => Ok(()),
            Column::Contact(s) => s.normalize(text, tz).map(|v| contact.push((s.name, v))),
            Column::Custom(f) => f
                .normalize(text, tz)
                .map(|v| row.custom.push((f.name.clone(), v.unwrap_or_default()))),
        };
        if let Err(error) = checked {
            problems.push(Problem {
                line,
                column: Some(i),
                error,
            });
        }
    }
    if !map.iter().flatten().any(|&c| columns[c] == Column::Code) {
        problems.push(Problem {
            line,
            column: None,
            error: Error::Required {
                field: FieldId::named("code"),
            },
        });
    }
    if contact_given {
        row.contact = Some(contact);
    }
    (row, problems)
}

/// The rows whose code an earlier row of the same file has already used (codes are
/// compared as stored: `hr` and `HR` are two files).
pub fn repeated_codes<'a>(rows: impl IntoIterator<Item = &'a SheetRow>) -> Vec<(usize, String)> {
    let mut seen = HashSet::new();
    rows.into_iter()
        .filter(|r| !seen.insert(r.code.as_str()))
        .map(|r| (r.line, r.code.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;

    #[test]
    fn dates_from_serials_and_text() {
        assert_eq!(date_text("46349"), "2026-11-23");
        assert_eq!(date_text("2026/1/5"), "2026-01-05");
        assert_eq!(date_text("2026年1月5日"), "2026-01-05");
        assert_eq!(date_text("2026.01.05 00:00:00"), "2026-01-05");
        assert_eq!(
            date_text("2026-02-30"),
            "2026-02-30",
            "left for the rule to refuse"
        );
        assert_eq!(date_text("soon"), "soon");
    }

    #[test]
    fn headings_compare_without_the_mark_and_case() {
        assert_eq!(heading_key(" Full name * "), "full name");
        assert_eq!(heading_key("客户代码＊"), "客户代码");
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported() {
        let cols = columns(&[]);
        let at = |n: &str| cols.iter().position(|c| c.name() == n);
        let map = vec![
            at("code"),
            at("name"),
            at("grade"),
            at("partner_since"),
            at("contact_phone"),
        ];
        let cells: Vec<String> = ["HR 1", "", "E", "2026-13-01", "12"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let none = |_: &Choices, _: &str| None;
        let (row, problems) = read_row(3, &cells, &map, &cols, &none, DEFAULT_TZ);
        assert!(row.code.is_empty(), "a bad code is not taken");
        let columns: Vec<Option<usize>> = problems.iter().map(|p| p.column).collect();
        assert_eq!(
            columns,
            vec![Some(0), Some(1), Some(2), Some(3), Some(4)],
            "{problems:?}"
        );
    }

    #[test]
    fn a_blank_role_is_the_declared_default_and_choices_take_labels() {
        let cols = columns(&[]);
        let at = |n: &str| cols.iter().position(|c| c.name() == n);
        let map = vec![
            at("code"),
            at("name"),
            at("grade"),
            at("contact_name"),
            at("contact_role"),
        ];
        let cells: Vec<String> = ["HR", "恒瑞", "乙", "王伟", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let b = |_: &Choices, t: &str| (t == "乙").then_some("B");
        let (row, problems) = read_row(2, &cells, &map, &cols, &b, DEFAULT_TZ);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(row.code, "HR");
        assert!(row.fields.contains(&("grade", Some("B".into()))));
        let contact = row.contact.unwrap_or_default();
        assert!(
            contact.contains(&("role", Some("other".into()))),
            "{contact:?}"
        );
        // No contact cell filled: no contact, and no contact name asked for.
        let cells: Vec<String> = ["HR", "恒瑞", "", "", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (row, problems) = read_row(2, &cells, &map, &cols, &b, DEFAULT_TZ);
        assert!(problems.is_empty() && row.contact.is_none(), "{problems:?}");
    }
}
