//! Reading a sheet's cells as text: the first worksheet of a workbook, or a CSV file in
//! UTF-8 (with or without BOM) or GBK, as WPS and Chinese Excel write it.

use std::path::Path;

use calamine::{Data, Reader};

use super::{Format, SheetError, Table};

/// Reads the file's first sheet (a workbook) or its lines (CSV); blank rows are skipped.
pub fn read(path: &Path) -> Result<Table, SheetError> {
    let unreadable = |reason: String| SheetError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    match Format::of(path) {
        Some(Format::Csv) => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
            csv_rows(&bytes).map_err(unreadable)
        }
        Some(Format::Xlsx) => workbook_rows(path).map_err(unreadable),
        None => Err(unreadable("xlsx, xls, ods, csv".into())),
    }
}

fn workbook_rows(path: &Path) -> Result<Table, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| e.to_string())?,
        None => return Ok(Table::default()),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        // Cells left of the used range are blank: keep columns where the sheet has them.
        let mut row: Vec<String> = vec![String::new(); first_col as usize];
        row.extend(cells.iter().map(cell_text));
        if row.iter().any(|c| !c.trim().is_empty()) {
            rows.push((first_row as usize + i + 1, row));
        }
    }
    Ok(Table { rows })
}

/// A cell as text: whole numbers without a decimal point (a phone typed as a number),
/// dates as `YYYY-MM-DD` (with the time when it has one).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => serial_text(dt.as_f64()),
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A date-formatted cell's serial number as the date (and time, when not midnight).
fn serial_text(serial: f64) -> String {
    match crate::domain::customer_row::excel_date(serial) {
        Some(d) => {
            let secs = ((serial.fract()) * 86_400.0).round() as u32;
            if secs == 0 {
                d.format("%Y-%m-%d").to_string()
            } else {
                format!(
                    "{} {:02}:{:02}",
                    d.format("%Y-%m-%d"),
                    secs / 3600,
                    secs / 60 % 60
                )
            }
        }
        None => number_text(serial),
    }
}

/// The text of CSV bytes: UTF-8 (a BOM dropped), else GBK (GB 18030, its superset).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// CSV bytes as rows (quoted fields may hold commas and line breaks).
pub fn csv_rows(bytes: &[u8]) -> Result<Table, String> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The row number a spreadsheet shows: line breaks before the record's first byte
    // (the reader's position may lie before the line breaks that end the previous row).
    let (bytes, mut line, mut counted) = (text.as_bytes(), 1, 0);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .max(counted);
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        line += bytes[counted..start.min(bytes.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start.min(bytes.len());
        let row: Vec<String> = record.iter().map(str::to_string).collect();
        if row.iter().any(|c| !c.trim().is_empty()) {
            rows.push((line, row));
        }
    }
    Ok(Table { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_utf8_with_bom_read_alike() {
        let text = "客户编号,客户名称\r\nHR,\"恒瑞,化工\"\r\n\r\nXG,新光\r\n";
        let (gbk, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [gbk.as_ref(), bom.as_slice()] {
            let t = csv_rows(bytes).unwrap_or_default();
            assert_eq!(t.rows.len(), 3, "the blank line is skipped");
            assert_eq!(t.rows[2].0, 4, "rows as a spreadsheet shows them");
            assert_eq!(t.rows[1].1, vec!["HR".to_string(), "恒瑞,化工".to_string()]);
            assert_eq!(t.rows[1].0, 2, "the line number");
        }
    }

    #[test]
    fn numbers_and_dates_as_text() {
        assert_eq!(number_text(13800000000.0), "13800000000");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(serial_text(46349.0), "2026-11-23");
        assert_eq!(serial_text(46349.5), "2026-11-23 12:00");
    }
}
