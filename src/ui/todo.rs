//! Draws the personal to-do: a heading per part with its count, one line per item, the
//! selected one highlighted, overdue ones in the error style.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::{clean, pane_block, scrollbar};
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::sla::ClockState;
use crate::readmodel::todo::{Entry, Todo, CARE_DAYS};
use crate::report::{clock_label, remaining_label};
use crate::text::{pad, truncate};

/// The to-do's parts, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Complaints,
    Cases,
    Inquiries,
    Leads,
    Care,
}

/// One line of the to-do.
enum Row {
    Heading(Part, usize),
    Nothing,
    Item(usize, Entry),
}

fn rows(todo: &Todo) -> Vec<Row> {
    let mut out = Vec::new();
    let parts = [
        (Part::Complaints, todo.complaints.len()),
        (Part::Cases, todo.cases.len()),
        (Part::Inquiries, todo.inquiries.len()),
        (Part::Leads, todo.leads.len()),
        (Part::Care, todo.care.len()),
    ];
    let entries = todo.entries();
    let mut at = 0;
    for (part, n) in parts {
        out.push(Row::Heading(part, n));
        if n == 0 {
            out.push(Row::Nothing);
        }
        for e in entries.iter().skip(at).take(n) {
            out.push(Row::Item(at, *e));
            at += 1;
        }
    }
    out
}

/// For each line under the summary, the entry it selects (None: a heading or a blank).
pub fn row_entries(todo: Option<&Todo>) -> Vec<Option<usize>> {
    todo.map(rows)
        .unwrap_or_default()
        .iter()
        .map(|r| match r {
            Row::Item(i, _) => Some(*i),
            Row::Heading(..) | Row::Nothing => None,
        })
        .collect()
}

fn part_of(e: Entry) -> Part {
    match e {
        Entry::Complaint(_) => Part::Complaints,
        Entry::Case(_) => Part::Cases,
        Entry::Inquiry(_) => Part::Inquiries,
        Entry::Lead(_) => Part::Leads,
        Entry::Care(_) => Part::Care,
    }
}

fn heading_key(part: Part) -> &'static str {
    match part {
        Part::Complaints => "todo.complaints",
        Part::Cases => "todo.cases",
        Part::Inquiries => "todo.inquiries",
        Part::Leads => "todo.leads",
        Part::Care => "todo.care",
    }
}

fn state_style(app: &App, s: ClockState) -> Style {
    match s {
        ClockState::Breached => app.theme.error,
        ClockState::Warning | ClockState::Ok | ClockState::Paused => app.theme.title,
    }
}

/// The cells of an item and the style of its first one.
fn item(app: &App, todo: &Todo, e: Entry) -> (Vec<String>, Style) {
    match e {
        Entry::Complaint(i) => todo.complaints.get(i).map_or_else(Default::default, |c| {
            (
                vec![
                    remaining_label(app.cat, c.remaining_s),
                    c.record.clone(),
                    c.customer_name.clone(),
                    clock_label(app.cat, &c.clock).to_string(),
                    c.title.clone(),
                ],
                state_style(app, c.state),
            )
        }),
        Entry::Case(i) => todo.cases.get(i).map_or_else(Default::default, |c| {
            let style = if c.overdue {
                app.theme.error
            } else {
                app.theme.title
            };
            (
                vec![
                    crate::readmodel::improvement::due_label(app.cat, c),
                    c.number.clone(),
                    c.name.clone(),
                    app.t(c.stage.label_key()).to_string(),
                    format!("NPS {}", c.score),
                ],
                style,
            )
        }),
        Entry::Inquiry(i) => todo.inquiries.get(i).map_or_else(Default::default, |q| {
            (
                vec![
                    remaining_label(app.cat, q.remaining_s),
                    q.number.clone(),
                    q.asker_name.clone(),
                    crate::domain::time::local(q.due, app.tz),
                ],
                state_style(app, q.state),
            )
        }),
        Entry::Lead(i) => todo.leads.get(i).map_or_else(Default::default, |l| {
            let next = l.next_follow_up.clone().unwrap_or_default();
            let today = app.now.with_timezone(&app.tz).date_naive().to_string();
            let (when, style) = if next < today {
                (
                    app.cat.fmt("care.overdue", &[("date", &next)]),
                    app.theme.error,
                )
            } else {
                (next, app.theme.title)
            };
            let intent = l.fields.intent.map(|i| i.as_str()).unwrap_or("");
            (
                vec![
                    when,
                    l.number.clone(),
                    l.fields.company.clone(),
                    intent.to_string(),
                ],
                style,
            )
        }),
        Entry::Care(i) => todo.care.get(i).map_or_else(Default::default, |c| {
            let due = c.due.format("%Y-%m-%d").to_string();
            let (due, style) = if c.overdue {
                (
                    app.cat.fmt("care.overdue", &[("date", &due)]),
                    app.theme.error,
                )
            } else {
                (due, app.theme.title)
            };
            (
                vec![
                    due,
                    c.customer.clone(),
                    c.name.clone(),
                    app.t(c.task.label_key()).to_string(),
                    app.t(c.every.label_key()).to_string(),
                ],
                style,
            )
        }),
    }
}

/// Draws the to-do in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, todo: &Todo, sel: &Selection) {
    let today = app.now.with_timezone(&app.tz).date_naive().to_string();
    let title = app.cat.fmt(
        "todo.heading",
        &[("who", app.store.actor()), ("date", &today)],
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = rows(todo);
    let width = inner.width as usize;
    let cells: Vec<Option<(Vec<String>, Style)>> = all
        .iter()
        .map(|r| match r {
            Row::Item(_, e) => Some(item(app, todo, *e)),
            Row::Heading(..) | Row::Nothing => None,
        })
        .collect();
    // Within a part, each column is as wide as its widest entry, so the parts line up.
    let mut widths: Vec<(Part, Vec<usize>)> = Vec::new();
    for (row, cell) in all.iter().zip(&cells) {
        if let (Row::Item(_, e), Some((c, _))) = (row, cell) {
            let part = part_of(*e);
            if !widths.iter().any(|(p, _)| *p == part) {
                widths.push((part, Vec::new()));
            }
            if let Some((_, w)) = widths.iter_mut().find(|(p, _)| *p == part) {
                w.resize(w.len().max(c.len()), 0);
                for (i, text) in c.iter().enumerate() {
                    w[i] = w[i].max(crate::text::width(text));
                }
            }
        }
    }
    let summary = Line::from(Span::styled(
        truncate(
            &app.cat
                .fmt("todo.summary", &[("days", &CARE_DAYS.to_string())]),
            width,
        )
        .into_owned(),
        app.theme.muted,
    ));
    let height = (inner.height as usize).saturating_sub(1);
    let selected_row = all
        .iter()
        .position(|r| matches!(r, Row::Item(i, _) if *i == sel.selected))
        .unwrap_or(0);
    // Scroll by rows, keeping the selected item's row in view.
    let probe = Selection {
        selected: selected_row,
        ..Selection::default()
    };
    probe.offset.set(sel.offset.get());
    let offset = probe.visible_offset(height, all.len());
    sel.offset.set(offset);
    sel.height.set(height.max(1));
    let mut lines = vec![summary];
    if todo.entries().is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(app.t("todo.nothing_mine"), width).into_owned(),
            app.theme.title,
        )));
    }
    for (row, cell) in all.iter().zip(&cells).skip(offset).take(height) {
        let line = match (row, cell) {
            (Row::Heading(part, n), _) => Line::from(Span::styled(
                truncate(&format!("{} ({n})", app.t(heading_key(*part))), width).into_owned(),
                app.theme.header,
            )),
            (Row::Nothing, _) => Line::from(Span::styled("  –", app.theme.muted)),
            (Row::Item(i, e), Some((c, style))) => {
                let w = widths
                    .iter()
                    .find(|(p, _)| *p == part_of(*e))
                    .map(|(_, w)| w.as_slice())
                    .unwrap_or_default();
                let last = c.len().saturating_sub(1);
                let text: Vec<String> = c
                    .iter()
                    .enumerate()
                    .map(|(n, t)| match n == last {
                        true => clean(t),
                        false => pad(&clean(t), w.get(n).copied().unwrap_or(0)),
                    })
                    .collect();
                let text = truncate(&format!("  {}", text.join("  ")), width).into_owned();
                if *i == sel.selected {
                    Line::from(Span::styled(pad(&text, width), app.theme.selected))
                } else {
                    Line::from(Span::styled(text, *style))
                }
            }
            (Row::Item(..), None) => Line::default(),
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    scrollbar(frame, area, all.len(), offset, height);
}
