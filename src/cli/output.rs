//! Printing for people (aligned tables, CJK-aware) and for scripts (JSON).

use std::io::{self, Write};

use crate::text::{pad, pad_left, sanitize, width};

/// A text table whose columns line up by display width.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

/// The widest a column may grow before its cells are cut with `…`.
const MAX_COL: usize = 40;

impl Table {
    /// A table with these headers (all left-aligned).
    pub fn new(headers: Vec<String>) -> Table {
        let right = vec![false; headers.len()];
        Table {
            headers,
            right,
            rows: Vec::new(),
        }
    }

    /// Right-aligns column `i` (numbers).
    pub fn align_right(mut self, i: usize) -> Table {
        if let Some(r) = self.right.get_mut(i) {
            *r = true;
        }
        self
    }

    /// Adds a row; cells are sanitised so stored text cannot drive the terminal.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| sanitize(&c).into_owned())
                .collect(),
        );
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, one line per row, no trailing spaces.
    pub fn render(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(c).min(MAX_COL));
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map(String::as_str).unwrap_or("");
                if i > 0 {
                    s.push_str("  ");
                }
                if self.right[i] {
                    s.push_str(&pad_left(c, *w));
                } else {
                    s.push_str(&pad(c, *w));
                }
            }
            s.trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push_str(&rule.join("  "));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }
}

/// Writes text to stdout; a closed pipe (`| head`) ends quietly.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes a value as pretty JSON and a newline.
pub fn print_json<T: serde::Serialize>(value: &T) -> io::Result<()> {
    let mut s = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    s.push('\n');
    print(&s)
}

/// Writes a value as pretty JSON and a newline straight to stdout (no string in memory):
/// the same text as `print_json`.
pub fn print_json_streamed<T: serde::Serialize>(value: &T) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = serde_json::to_writer_pretty(&mut out, value)
        .map_err(io::Error::from)
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes a JSON array with one item a line, each item written as it comes; stops
/// quietly if the reader goes away.
pub fn print_json_array<T: serde::Serialize>(items: impl Iterator<Item = T>) -> io::Result<()> {
    print_array(items, |out, item| {
        serde_json::to_writer(out, &item).map_err(io::Error::other)
    })
}

/// Writes a JSON array whose items are already JSON text, one a line, in the order given.
pub fn print_json_lines<'a>(items: impl Iterator<Item = &'a [u8]>) -> io::Result<()> {
    print_array(items, |out, item| out.write_all(item))
}

/// `[`, the items one a line (each written by `write`), `]`.
fn print_array<T>(
    items: impl Iterator<Item = T>,
    mut write: impl FnMut(&mut dyn Write, T) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = (|| {
        out.write_all(b"[")?;
        for (i, item) in items.enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            write(&mut out, item)?;
        }
        out.write_all(b"\n]\n")?;
        out.flush()
    })();
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `label: value` lines with the labels padded to one width (CJK-aware).
pub fn fields(pairs: &[(String, String)]) -> String {
    let w = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{}  {}\n", pad(k, w), sanitize(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_rows_line_up() {
        let mut t = Table::new(vec!["代码".into(), "名称".into(), "N".into()]).align_right(2);
        t.row(vec!["C00001".into(), "恒瑞化工".into(), "3".into()]);
        t.row(vec!["C00002".into(), "ACME".into(), "12".into()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        // the third column ends at the same display column on every row
        let ends: Vec<usize> = [&lines[2], &lines[3]].iter().map(|l| width(l)).collect();
        assert_eq!(ends[0], ends[1], "{text}");
        assert!(lines[2].starts_with("C00001  恒瑞化工"));
    }

    #[test]
    fn cells_are_sanitised() {
        let mut t = Table::new(vec!["name".into()]);
        t.row(vec!["evil\x1b]0;pwned\x07\x1b[2J".into()]);
        assert!(!t.render().contains('\x1b'));
    }
}
