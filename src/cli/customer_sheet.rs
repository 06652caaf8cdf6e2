//! `kefu customer template|export`, and the headings both share with import: the
//! columns of `domain::customer_row`, labelled in the chosen language.

use std::path::Path;

use super::args::CustomerExportArgs;
use super::output::{print, print_json};
use super::Ctx;
use crate::domain::customer_row::{columns, heading_key, Column};
use crate::domain::fields::Record;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::i18n::Catalog;
use crate::sheet::write::Header;
use crate::sheet::{Format, SheetError};

/// A column's heading in the catalog's language.
pub fn heading(col: &Column, cat: &Catalog) -> String {
    match col.label_key() {
        Some(key) => cat.get(&key).to_string(),
        None => col.name(),
    }
}

/// The headings a column answers to: its code name, its label in Chinese and English,
/// and the usual other names the catalogs give (`heading.code`: 客户编号).
pub fn names(col: &Column) -> Vec<String> {
    let mut out = vec![col.name()];
    for cat in [Catalog::zh(), Catalog::en()] {
        if let Some(l) = col.label_key().and_then(|k| cat.get_owned(&k)) {
            out.push(l.to_string());
        }
        if let Some(l) = cat.get_owned(&format!("heading.{}", col.name())) {
            out.push(l.to_string());
        }
    }
    out.iter().map(|n| heading_key(n)).collect()
}

/// The column a heading names, if any. A label two columns share (none today) goes to
/// the first, in the declarations' order.
pub fn column_of(text: &str, cols: &[Column]) -> Option<usize> {
    let key = heading_key(text);
    cols.iter().position(|c| names(c).contains(&key))
}

/// The workbook's headings: labels, required marks, choices' codes as drop-downs.
fn headers(cols: &[Column], cat: &Catalog) -> Vec<Header> {
    cols.iter()
        .map(|c| Header {
            text: heading(c, cat),
            required: c.required(),
            choices: c
                .choices()
                .map(|ch| ch.codes.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Says a sheet could not be read or written, naming the file (exit code 2).
pub fn sheet_error(flag: &'static str, e: SheetError) -> Error {
    let (rule, path, reason) = match e {
        SheetError::Unreadable { path, reason } => ("rule.sheet_unreadable", path, reason),
        SheetError::Unwritable { path, reason } => ("rule.sheet_unwritable", path, reason),
    };
    Error::Invalid {
        field: FieldId::flag(flag),
        value: format!("{}: {reason}", path.display()),
        rule,
    }
}

/// Writes the empty template.
pub fn template(ctx: &Ctx, out: &Path) -> anyhow::Result<()> {
    let custom = ctx.read()?.custom_fields()?;
    let cols = columns(&custom);
    crate::sheet::write::write(out, Format::Xlsx, &headers(&cols, ctx.cat), &[])
        .map_err(|e| sheet_error("--out", e))?;
    done(ctx, out, 0)
}

/// Writes the files the filters pick, one row each, as import reads them back.
pub fn export(ctx: &Ctx, a: &CustomerExportArgs) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let custom = store.custom_fields()?;
    let cols = columns(&custom);
    let files = super::customer_query::select(ctx, &store, &custom, &a.filters)?;
    let contacts = store.primary_contacts()?;
    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|(f, _)| {
            let contact = contacts.get(&f.code);
            cols.iter()
                .map(|c| match c {
                    Column::Code => Some(f.code.clone()),
                    Column::Field(s) => f.fields.get(s.name),
                    Column::Contact(s) => contact.and_then(|k| k.get(s.name)),
                    Column::Custom(cf) => f.custom.get(&cf.name).cloned(),
                })
                .map(Option::unwrap_or_default)
                .collect()
        })
        .collect();
    let format = match a.format.as_str() {
        "csv" => Format::Csv,
        _ => Format::Xlsx,
    };
    crate::sheet::write::write(&a.out, format, &headers(&cols, ctx.cat), &rows)
        .map_err(|e| sheet_error("--out", e))?;
    done(ctx, &a.out, rows.len())
}

fn done(ctx: &Ctx, out: &Path, rows: usize) -> anyhow::Result<()> {
    let path = out.display().to_string();
    if ctx.json {
        print_json(&serde_json::json!({ "file": path, "rows": rows }))?;
    } else {
        let n = rows.to_string();
        print(&format!(
            "{}\n",
            ctx.cat
                .fmt("msg.sheet_written", &[("path", &path), ("n", &n)])
        ))?;
    }
    Ok(())
}
