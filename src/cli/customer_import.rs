//! `kefu customer import FILE`: every row checked by the fields' own rules and written
//! through the same store calls as `customer add` and `customer edit`, in one
//! transaction: all rows or none (or, with `--skip-invalid`, the good ones).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::CustomerImportArgs;
use super::customer_sheet::{column_of, sheet_error};
use super::output::{print, print_json};
use super::Ctx;
use crate::domain::customer_row::{columns, read_row, repeated_codes, Column, Problem, SheetRow};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::store::customer_import::Outcome;

/// The rule a write is rolled back with when it was only a check (or found problems).
const ROLLED_BACK: &str = "rule.import_rolled_back";

/// Rows from which a terminal shows a progress bar.
const BAR_FROM: usize = 500;

/// Imports the file.
pub fn import(ctx: &Ctx, a: &CustomerImportArgs) -> anyhow::Result<()> {
    let table = crate::sheet::read::read(&a.file).map_err(|e| sheet_error("FILE", e))?;
    let mut store = ctx.open()?;
    let custom = store.custom_fields()?;
    let cols = columns(&custom);
    let Some(((head_line, headings), body)) = table.rows.split_first() else {
        return Err(Error::Invalid {
            field: FieldId::flag("FILE"),
            value: a.file.display().to_string(),
            rule: "rule.sheet_empty",
        }
        .into());
    };
    let (map, heading_problems) = map_headings(*head_line, headings, &cols);
    if !heading_problems.is_empty() {
        return refuse(ctx, a, headings, heading_problems);
    }
    let choice = |c: &crate::domain::fields::Choices, t: &str| super::fields::choice_code(c, t);
    let mut problems = Vec::new();
    let mut good: Vec<SheetRow> = Vec::with_capacity(body.len());
    let mut bad: Vec<SheetRow> = Vec::new();
    for (line, cells) in body {
        let (row, p) = read_row(*line, cells, &map, &cols, &choice, ctx.tz);
        if p.is_empty() {
            good.push(row);
        } else {
            problems.extend(p);
            bad.push(row);
        }
    }
    let code_col = map
        .iter()
        .position(|c| c.is_some_and(|c| cols[c] == Column::Code));
    for (line, code) in repeated_codes(&good) {
        problems.push(Problem {
            line,
            column: code_col,
            error: Error::Duplicate {
                field: FieldId::named("code"),
                value: code,
            },
        });
    }
    good.retain(|r| !problems.iter().any(|p| p.line == r.line));
    let bar = progress(good.len());
    let mut counts = [0usize; 3];
    let keep_going = a.skip_invalid;
    let written = store.write(|tx| {
        // A row refused for its cells is still checked for its key-account manager.
        for row in &bad {
            if let Err(e) = tx.check_kam(row) {
                problems.push(Problem {
                    line: row.line,
                    column: cell_of(&e, &map, &cols),
                    error: e,
                });
            }
        }
        for row in &good {
            match tx.savepoint(|tx| tx.import_customer(row)) {
                Ok(Outcome::Created) => counts[0] += 1,
                Ok(Outcome::Updated) => counts[1] += 1,
                Ok(Outcome::Unchanged) => counts[2] += 1,
                Err(e) if e.is_bad_input() => problems.push(Problem {
                    line: row.line,
                    column: cell_of(&e, &map, &cols),
                    error: e,
                }),
                Err(e) => return Err(e),
            }
            bar.inc(1);
        }
        if a.dry_run || (!keep_going && !problems.is_empty()) {
            return Err(Error::Refused {
                number: String::new(),
                rule: ROLLED_BACK,
            });
        }
        Ok(())
    });
    bar.finish_and_clear();
    match written {
        Ok(())
        | Err(Error::Refused {
            rule: ROLLED_BACK, ..
        }) => {}
        Err(e) => return Err(e.into()),
    }
    if !problems.is_empty() && !keep_going {
        return refuse(ctx, a, headings, problems);
    }
    let mut rejected: Vec<usize> = problems.iter().map(|p| p.line).collect();
    rejected.sort_unstable();
    rejected.dedup();
    // A dry run writes no file: the rows it would reject are listed instead.
    let rejects = match (problems.is_empty(), a.dry_run) {
        (true, _) => None,
        (false, true) => {
            list(ctx, headings, &mut problems);
            None
        }
        (false, false) => Some(write_rejects(ctx, a, headings, body, &problems)?),
    };
    report(ctx, a.dry_run, counts, rejected.len(), rejects.as_deref())
}

/// Which column each heading names; a heading kefu does not know, or a column named
/// twice, is a problem (its data would otherwise be dropped or overwritten).
fn map_headings(
    line: usize,
    headings: &[String],
    cols: &[Column],
) -> (Vec<Option<usize>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut map: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        if h.trim().is_empty() {
            map.push(None);
            continue;
        }
        let c = column_of(h, cols);
        let rule = match c {
            None => Some("rule.sheet_column"),
            Some(c) if map.contains(&Some(c)) => Some("rule.sheet_column_twice"),
            Some(_) => None,
        };
        if let Some(rule) = rule {
            problems.push(Problem {
                line,
                column: Some(i),
                error: Error::Invalid {
                    field: FieldId::Place(h.trim().to_string()),
                    value: h.trim().to_string(),
                    rule,
                },
            });
        }
        map.push(c);
    }
    if !map.iter().flatten().any(|&c| cols[c] == Column::Code) {
        problems.push(Problem {
            line,
            column: None,
            error: Error::Required {
                field: FieldId::named("code"),
            },
        });
    }
    (map, problems)
}

/// The file's column a store error is about, found by the field it names.
fn cell_of(e: &Error, map: &[Option<usize>], cols: &[Column]) -> Option<usize> {
    let field = e.field()?;
    map.iter()
        .position(|c| c.is_some_and(|c| cols[c].id() == *field))
}

/// A progress bar on stderr for a large file, when stderr is a terminal (never in pipes).
fn progress(rows: usize) -> indicatif::ProgressBar {
    if rows >= BAR_FROM && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(rows as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Spreadsheet column letters: 0 is A, 26 is AA.
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// One problem in words: row, column (letter and heading) and reason.
fn problem_text(ctx: &Ctx, headings: &[String], p: &Problem) -> String {
    let row = p.line.to_string();
    let reason = p.error.message(ctx.cat);
    match p.column {
        Some(c) => {
            let head = headings.get(c).map(|h| h.trim()).unwrap_or("");
            ctx.cat.fmt(
                "msg.import_problem",
                &[
                    ("row", &row),
                    ("column", &letters(c)),
                    ("heading", head),
                    ("reason", &reason),
                ],
            )
        }
        None => ctx.cat.fmt(
            "msg.import_problem_row",
            &[("row", &row), ("reason", &reason)],
        ),
    }
}

/// Lists the problems on stderr, by row and column.
fn list(ctx: &Ctx, headings: &[String], problems: &mut [Problem]) {
    problems.sort_by_key(|p| (p.line, p.column));
    for p in problems.iter() {
        eprintln!("kefu: {}", problem_text(ctx, headings, p));
    }
}

/// Lists every problem on stderr and fails: nothing was written.
fn refuse(
    ctx: &Ctx,
    a: &CustomerImportArgs,
    headings: &[String],
    mut problems: Vec<Problem>,
) -> anyhow::Result<()> {
    list(ctx, headings, &mut problems);
    Err(Error::Refused {
        number: a.file.display().to_string(),
        rule: "rule.import_problems",
    }
    .into())
}

/// Writes the rejected rows, each after its reasons, to the rejects workbook.
fn write_rejects(
    ctx: &Ctx,
    a: &CustomerImportArgs,
    headings: &[String],
    body: &[(usize, Vec<String>)],
    problems: &[Problem],
) -> anyhow::Result<PathBuf> {
    use crate::sheet::write::Header;
    let path = a.rejects.clone().unwrap_or_else(|| rejects_path(&a.file));
    let mut head = vec![Header {
        text: ctx.t("col.reason"),
        required: false,
        choices: Vec::new(),
    }];
    head.extend(headings.iter().map(|h| Header {
        text: h.clone(),
        required: false,
        choices: Vec::new(),
    }));
    let rows: Vec<Vec<String>> = body
        .iter()
        .filter_map(|(line, cells)| {
            let why: Vec<String> = problems
                .iter()
                .filter(|p| p.line == *line)
                .map(|p| problem_text(ctx, headings, p))
                .collect();
            (!why.is_empty()).then(|| {
                let mut row = vec![why.join("; ")];
                row.extend(cells.iter().cloned());
                row
            })
        })
        .collect();
    let format = crate::sheet::Format::of(&path).unwrap_or(crate::sheet::Format::Xlsx);
    crate::sheet::write::write(&path, format, &head, &rows)
        .map_err(|e| sheet_error("--rejects", e))?;
    Ok(path)
}

/// `people.xlsx` -> `people.rejected.xlsx`, beside it.
fn rejects_path(file: &Path) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{}.rejected.xlsx", stem.unwrap_or_default()))
}

fn report(
    ctx: &Ctx,
    dry_run: bool,
    counts: [usize; 3],
    rejected: usize,
    rejects: Option<&Path>,
) -> anyhow::Result<()> {
    let [created, updated, unchanged] = counts;
    if ctx.json {
        print_json(&serde_json::json!({
            "dry_run": dry_run,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
            "rejected": rejected,
            "rejects": rejects.map(|p| p.display().to_string()),
        }))?;
        return Ok(());
    }
    let args = [
        ("created", created.to_string()),
        ("updated", updated.to_string()),
        ("unchanged", unchanged.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = if dry_run {
        "msg.import_dry_run"
    } else {
        "msg.imported"
    };
    let mut out = format!("{}\n", ctx.cat.fmt(key, &args));
    let n = rejected.to_string();
    if let Some(p) = rejects {
        let path = p.display().to_string();
        out.push_str(
            &ctx.cat
                .fmt("msg.import_rejected", &[("n", &n), ("path", &path)]),
        );
        out.push('\n');
    } else if rejected > 0 {
        out.push_str(&ctx.cat.fmt("msg.import_would_reject", &[("n", &n)]));
        out.push('\n');
    }
    print(&out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_letters() {
        assert_eq!(super::letters(0), "A");
        assert_eq!(super::letters(25), "Z");
        assert_eq!(super::letters(26), "AA");
        assert_eq!(super::letters(27), "AB");
    }
}
