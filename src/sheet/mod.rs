//! Spreadsheet files in and out: xlsx (and xls, ods) and CSV as rows of text. Knows
//! nothing of customers; the columns' meaning is the caller's.

pub mod read;
pub mod write;

use std::path::{Path, PathBuf};

/// What went wrong with a spreadsheet file; the words come from the catalogs at the edge.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file could not be read or is not a spreadsheet kefu reads.
    #[error("{path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, as the library or the system said it.
        reason: String,
    },
    /// The file could not be written.
    #[error("{path}: {reason}")]
    Unwritable {
        /// The file.
        path: PathBuf,
        /// Why, as the library or the system said it.
        reason: String,
    },
}

/// The kinds of file kefu reads and writes, by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook (Excel, WPS); xls and ods are read too.
    Xlsx,
    /// Comma-separated text, UTF-8 or GBK.
    Csv,
}

impl Format {
    /// The format a file name says (csv, or a workbook), None when it says neither.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Some(Format::Csv),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// A sheet's rows of text cells, the first being the headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The rows, each with the sheet's row number (1-based, as the spreadsheet shows it).
    pub rows: Vec<(usize, Vec<String>)>,
}
