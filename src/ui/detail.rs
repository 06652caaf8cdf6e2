//! The complaint detail view, and the pieces every record view draws with.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::widgets::{clean, pane_block, state_style};
use crate::app::selection::Selection;
use crate::app::App;
use crate::store::complaints::ComplaintDetail;
use crate::store::history::Change;
use crate::text::{pad, width};

pub(super) fn pairs<'a>(app: &App, items: Vec<(String, Span<'a>)>) -> Vec<Line<'a>> {
    let w = items.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    items
        .into_iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(pad(&k, w), app.theme.header),
                Span::raw("  "),
                v,
            ])
        })
        .collect()
}

/// A blank line, then a section heading.
pub(super) fn heading<'a>(app: &App, key: &str) -> [Line<'a>; 2] {
    [
        Line::default(),
        Line::from(Span::styled(app.t(key), app.theme.header)),
    ]
}

pub(super) fn history_lines<'a>(app: &App, history: &[Change]) -> Vec<Line<'a>> {
    crate::readmodel::history::lines(history, app.cat, app.tz)
        .into_iter()
        .rev()
        .map(|c| {
            let what = if c.field.is_empty() {
                String::new()
            } else {
                let dash = |v: String| if v.is_empty() { "–".to_string() } else { v };
                format!("{}: {} → {}", c.field, dash(c.old), dash(c.new))
            };
            Line::from(vec![
                Span::styled(clean(&c.when), app.theme.muted),
                Span::raw(format!("  {}  {}  ", clean(&c.who), c.action)),
                Span::raw(clean(&what)),
            ])
        })
        .collect()
}

/// Draws one complaint with every clock and its steps.
pub fn complaint(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    d: &ComplaintDetail,
    history: &[Change],
    sel: &Selection,
) {
    use crate::readmodel::complaint as model;
    let r = &d.row;
    let escalated = model::escalated(d, &app.policy, app.now);
    let mut lines = pairs(
        app,
        model::field_lines(d, escalated, app.cat, app.tz)
            .into_iter()
            // The number is the title; a long description gets its own section below.
            .filter(|l| l.field != "number" && l.field != "description")
            .map(|l| {
                let style = match l.field {
                    "step" => app.theme.title,
                    "escalated" => app.theme.breached,
                    _ => app.theme.base,
                };
                (l.label, Span::styled(clean(&l.value), style))
            })
            .collect(),
    );
    lines.extend(heading(app, "head.clocks"));
    for c in model::clock_lines(d, &app.policy, app.now, app.cat, app.tz) {
        let name = pad(&c.name, 14);
        let line = match c.done_in_time {
            None => Line::from(vec![
                Span::raw(format!("{name}  {}  ", c.due)),
                Span::styled(
                    format!("{} · {}", c.left, c.state),
                    state_style(app, c.state_kind),
                ),
            ]),
            Some(in_time) => Line::from(vec![
                Span::raw(format!("{name}  ")),
                Span::styled(
                    c.left,
                    if in_time {
                        app.theme.ok
                    } else {
                        app.theme.breached
                    },
                ),
            ]),
        };
        lines.push(line);
    }
    for p in model::pause_lines(d, app.cat, app.tz) {
        lines.push(Line::from(Span::styled(clean(&p), app.theme.muted)));
    }
    if let Some(desc) = d.description.as_deref().filter(|s| !s.is_empty()) {
        lines.extend(heading(app, "field.description"));
        lines.push(Line::from(clean(desc)));
    }
    if !d.capas.is_empty() {
        lines.extend(heading(app, "head.capas"));
        let today = app.now.with_timezone(&app.tz).date_naive();
        for (text, late) in model::capa_lines(d, today, app.cat) {
            let style = if late {
                app.theme.breached
            } else {
                app.theme.base
            };
            lines.push(Line::from(Span::styled(clean(&text), style)));
        }
    }
    for text in model::return_lines(d, app.cat, app.tz) {
        lines.push(Line::from(clean(&text)));
    }
    lines.extend(heading(app, "head.steps"));
    for row in model::step_rows(d, app.cat, app.tz) {
        lines.push(Line::from(format!(
            "{}  {}  {}  {}",
            row[0],
            pad(&row[1], 14),
            clean(&row[2]),
            clean(&row[3])
        )));
    }
    lines.extend(heading(app, "head.history"));
    lines.extend(history_lines(app, history));
    scrolled(frame, app, area, lines, clean(&r.number), sel);
}

pub(super) fn scrolled(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    lines: Vec<Line>,
    title: String,
    sel: &Selection,
) {
    let inner_h = area.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(inner_h);
    let offset = sel.selected.min(max);
    sel.offset.set(offset);
    sel.height.set(inner_h);
    sel.limit.set(max + 1);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block(app, title, true))
            .scroll((offset as u16, 0))
            .wrap(Wrap { trim: false }),
        area,
    );
}
