//! Helpers of the spreadsheet tests: workbooks made with rust_xlsxwriter (no binary
//! fixtures), read back with calamine, and what the database holds.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use super::harness::Kefu;

/// A cell of a test workbook.
pub enum C<'a> {
    /// Text.
    T(&'a str),
    /// A plain number (Excel shows a date's serial number like this when unformatted).
    N(f64),
    /// A serial number formatted as a date, as Excel stores a typed date.
    D(f64),
}
pub use C::{D, N, T};

/// Writes rows (the first being headings) to a workbook in the sandbox's directory.
pub fn workbook(k: &Kefu, name: &str, rows: &[Vec<C>]) -> PathBuf {
    let path = k.dir.path().join(name);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let written = match cell {
                T("") => continue,
                T(s) => sheet.write_string(r, c, *s).map(|_| ()),
                N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                D(n) => sheet.write_number_with_format(r, c, *n, &date).map(|_| ()),
            };
            written.expect("cell written");
        }
    }
    book.save(&path).expect("workbook saved");
    path
}

/// The first sheet's cells as text.
pub fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).expect("workbook opens");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("sheet reads");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

pub fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

pub fn codes(k: &Kefu) -> Vec<String> {
    let list = k.json(&["customer", "list"]);
    let mut out: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["code"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

pub fn file(k: &Kefu, code: &str) -> Value {
    k.json(&["customer", "show", code])
}

pub fn history_rows(k: &Kefu) -> usize {
    k.json(&["audit", "head"])["rows"].as_u64().unwrap_or(0) as usize
}
