//! Writing rows of text as an xlsx workbook (bold headers, required ones marked, a
//! drop-down where a column takes one of a list) or as CSV.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format as CellFormat, Workbook, XlsxError};

use super::{Format, SheetError};

/// A column's heading and what the workbook says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The heading text.
    pub text: String,
    /// A value is required: the heading is marked with `*` and shown in red.
    pub required: bool,
    /// The values a drop-down offers (none: free text).
    pub choices: Vec<String>,
}

/// The mark after a required column's heading (a reader ignores it).
pub const REQUIRED_MARK: &str = " *";

/// Rows a drop-down covers below the headings in an empty template.
const DROP_DOWN_ROWS: u32 = 10_000;

/// Writes headings and rows to `path` as xlsx or CSV.
pub fn write(
    path: &Path,
    format: Format,
    headers: &[Header],
    rows: &[Vec<String>],
) -> Result<(), SheetError> {
    let unwritable = |reason: String| SheetError::Unwritable {
        path: path.to_path_buf(),
        reason,
    };
    match format {
        Format::Csv => {
            std::fs::write(path, csv_bytes(headers, rows)).map_err(|e| unwritable(e.to_string()))
        }
        Format::Xlsx => xlsx(path, headers, rows).map_err(|e| unwritable(e.to_string())),
    }
}

fn xlsx(path: &Path, headers: &[Header], rows: &[Vec<String>]) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = CellFormat::new().set_bold();
    let marked = CellFormat::new().set_bold().set_font_color("#C00000");
    // Text cells everywhere: codes like 007 and phones keep their digits.
    let text = CellFormat::new().set_num_format("@");
    for (c, h) in headers.iter().enumerate() {
        let col = c as u16;
        if h.required {
            sheet.write_string_with_format(
                0,
                col,
                format!("{}{REQUIRED_MARK}", h.text),
                &marked,
            )?;
        } else {
            sheet.write_string_with_format(0, col, &h.text, &bold)?;
        }
        let width = h
            .text
            .chars()
            .map(|ch| if ch.is_ascii() { 1.0 } else { 2.0 })
            .sum::<f64>();
        sheet.set_column_width(col, (width + 4.0).max(10.0))?;
        sheet.set_column_format(col, &text)?;
        if !h.choices.is_empty() {
            let list = DataValidation::new().allow_list_strings(&h.choices)?;
            let last = (rows.len() as u32).max(DROP_DOWN_ROWS);
            sheet.add_data_validation(1, col, last, col, &list)?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save(path)
}

/// Headings and rows as UTF-8 CSV with a BOM (so Excel and WPS open it as UTF-8).
pub fn csv_bytes(headers: &[Header], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let head: Vec<String> = headers
            .iter()
            .map(|h| match h.required {
                true => format!("{}{REQUIRED_MARK}", h.text),
                false => h.text.clone(),
            })
            .collect();
        // Writing to memory fails only if memory does.
        let _ = w.write_record(&head);
        for row in rows {
            let _ = w.write_record(row);
        }
        let _ = w.flush();
    }
    out
}
