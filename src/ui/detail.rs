//! The customer file and the complaint detail views.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::widgets::{clean, grade_style, pane_block, state_style};
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::time::local;
use crate::report::{clock_label, remaining_label};
use crate::store::complaints::ComplaintDetail;
use crate::store::customers::CustomerFile;
use crate::store::history::Change;
use crate::text::{pad, width};

fn pairs<'a>(app: &App, items: Vec<(String, Span<'a>)>) -> Vec<Line<'a>> {
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
fn heading<'a>(app: &App, key: &str) -> [Line<'a>; 2] {
    [
        Line::default(),
        Line::from(Span::styled(app.t(key), app.theme.header)),
    ]
}

fn history_lines<'a>(app: &App, history: &[Change]) -> Vec<Line<'a>> {
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

/// Draws one customer's file.
pub fn customer(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    file: &CustomerFile,
    history: &[Change],
    sel: &Selection,
) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    use crate::readmodel::customer_file as model;
    let items: Vec<(String, Span)> = model::field_lines(file, app.cat, app.tz)
        .into_iter()
        .map(|l| {
            let span = if l.field == "grade" {
                Span::styled(clean(&l.value), grade_style(app, file.fields.grade))
            } else {
                Span::raw(clean(&l.value))
            };
            (l.label, span)
        })
        .collect();
    let title = clean(
        file.fields
            .short_name
            .as_deref()
            .unwrap_or(&file.fields.name),
    );
    frame.render_widget(
        Paragraph::new(pairs(app, items))
            .block(pane_block(app, title, true))
            .wrap(Wrap { trim: false }),
        left,
    );
    let mut lines = vec![Line::from(Span::styled(
        app.t("head.contacts"),
        app.theme.header,
    ))];
    for row in model::contact_rows(file, app.cat) {
        lines.push(Line::from(clean(&row.join("  "))));
    }
    lines.extend(heading(app, "head.grade_history"));
    for row in model::grade_rows(file, app.tz) {
        lines.push(Line::from(clean(&row.join("  "))));
    }
    lines.extend(heading(app, "head.history"));
    lines.extend(history_lines(app, history));
    scrolled(
        frame,
        app,
        right,
        lines,
        app.t("ui.file_side").to_string(),
        sel,
    );
}

/// Draws one complaint with every clock and its steps.
pub fn complaint(frame: &mut Frame, app: &App, area: Rect, d: &ComplaintDetail, sel: &Selection) {
    let r = &d.row;
    let mut lines = pairs(
        app,
        vec![
            (
                app.t("col.customer").to_string(),
                Span::raw(format!(
                    "{} {}",
                    clean(&r.customer),
                    clean(&r.customer_name)
                )),
            ),
            (app.t("col.title").to_string(), Span::raw(clean(&r.title))),
            (
                app.t("col.severity").to_string(),
                Span::raw(app.t(r.severity.label_key())),
            ),
            (
                app.t("field.category").to_string(),
                Span::raw(app.t(r.category.label_key())),
            ),
            (
                app.t("field.channel").to_string(),
                Span::raw(app.t(r.channel.label_key())),
            ),
            (
                app.t("col.step").to_string(),
                Span::styled(app.t(r.step.label_key()), app.theme.title),
            ),
            (
                app.t("col.owner").to_string(),
                Span::raw(clean(r.owner.as_deref().unwrap_or(""))),
            ),
            (
                app.t("field.product").to_string(),
                Span::raw(clean(d.product.as_deref().unwrap_or(""))),
            ),
            (
                app.t("field.batch").to_string(),
                Span::raw(clean(d.batch.as_deref().unwrap_or(""))),
            ),
            (
                app.t("col.received").to_string(),
                Span::raw(local(r.facts.received_at, app.tz)),
            ),
            (
                app.t("field.reply_by").to_string(),
                Span::raw(
                    r.facts
                        .reply_by
                        .map(|t| local(t, app.tz))
                        .unwrap_or_default(),
                ),
            ),
        ],
    );
    lines.extend(heading(app, "head.clocks"));
    for c in app.policy.clocks(&r.subject(), &r.facts, app.now) {
        let name = pad(clock_label(app.cat, &c.name), 14);
        let line = match c.done_at {
            None => Line::from(vec![
                Span::raw(format!("{name}  {}  ", local(c.due, app.tz))),
                Span::styled(
                    format!(
                        "{} · {}",
                        remaining_label(app.cat, c.remaining_s),
                        app.t(c.state.label_key())
                    ),
                    state_style(app, c.state),
                ),
            ]),
            Some(at) => {
                let on_time = c.state != crate::domain::sla::ClockState::Breached;
                let key = if on_time {
                    "ui.clock_done"
                } else {
                    "ui.clock_done_late"
                };
                let style = if on_time {
                    app.theme.ok
                } else {
                    app.theme.breached
                };
                Line::from(vec![
                    Span::raw(format!("{name}  ")),
                    Span::styled(app.cat.fmt(key, &[("at", &local(at, app.tz))]), style),
                ])
            }
        };
        lines.push(line);
    }
    for p in &d.pauses {
        let until = p
            .pause
            .to
            .map(|t| local(t, app.tz))
            .unwrap_or_else(|| "…".into());
        lines.push(Line::from(Span::styled(
            app.cat.fmt(
                "ui.pause_line",
                &[
                    ("from", &local(p.pause.from, app.tz)),
                    ("to", &until),
                    ("reason", &clean(&p.reason)),
                ],
            ),
            app.theme.muted,
        )));
    }
    if let Some(desc) = d.description.as_deref().filter(|s| !s.is_empty()) {
        lines.extend(heading(app, "field.description"));
        lines.push(Line::from(clean(desc)));
    }
    if !d.capas.is_empty() {
        lines.extend(heading(app, "head.capas"));
        let today = app.now.with_timezone(&app.tz).date_naive();
        for c in &d.capas {
            let late = crate::domain::capa::overdue(c.due_date, c.verdict, today);
            let verdict = c
                .verdict
                .map(|v| app.t(v.label_key()))
                .unwrap_or(app.t("capa.unverified"));
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "#{} {} → {} · {} · ",
                    c.id,
                    clean(&c.root_cause),
                    clean(&c.corrective),
                    clean(&c.owner)
                )),
                Span::styled(
                    c.due_date.to_string(),
                    if late {
                        app.theme.breached
                    } else {
                        app.theme.base
                    },
                ),
                Span::raw(format!(" · {verdict}")),
            ]));
        }
    }
    for r in &d.returns {
        lines.push(Line::from(format!(
            "RMA {} · {} · {} · {:.2} · {}",
            r.id,
            r.quantity,
            app.t(r.disposition.label_key()),
            r.value,
            clean(r.approved_by.as_deref().unwrap_or("–"))
        )));
    }
    lines.extend(heading(app, "head.steps"));
    for s in &d.steps {
        lines.push(Line::from(format!(
            "{}  {}  {}  {}",
            local(s.at, app.tz),
            pad(app.t(s.step.label_key()), 12),
            clean(&s.by),
            clean(s.note.as_deref().unwrap_or(""))
        )));
    }
    scrolled(frame, app, area, lines, clean(&r.number), sel);
}

fn scrolled(
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
