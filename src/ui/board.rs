//! The complaint board: open complaints, urgent first, with live countdowns.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::widgets::{clean, pane_block, state_style};
use crate::app::data::nearest_clock;
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::complaint::Severity;
use crate::report::{clock_label, remaining_label};
use crate::store::complaints::ComplaintRow;

/// Draws the board pane.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    focused: bool,
    rows: &[ComplaintRow],
    breached: usize,
    sel: &Selection,
) {
    let title = app.cat.fmt(
        "ui.board_title",
        &[
            ("n", &rows.len().to_string()),
            ("breached", &breached.to_string()),
        ],
    );
    let block = pane_block(app, title, focused);
    let inner_h = area.height.saturating_sub(3) as usize;
    let offset = sel.visible_offset(inner_h, rows.len());
    // Narrow panes drop the owner and clock-name columns; `z` zooms for the full row.
    let wide = area.width >= 80;
    let visible = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner_h)
        .map(|(i, r)| {
            let clock = nearest_clock(r, &app.policy, app.now);
            let (label, style) = match &clock {
                Some(c) => (
                    remaining_label(app.cat, c.remaining_s),
                    state_style(app, c.state),
                ),
                None => ("–".to_string(), app.theme.muted),
            };
            let sev_style = if r.severity == Severity::Urgent {
                app.theme.urgent
            } else {
                app.theme.base
            };
            let clock_name = clock
                .as_ref()
                .map(|c| clock_label(app.cat, &c.name).to_string())
                .unwrap_or_default();
            let mut cells = vec![
                Cell::from(clean(&r.number)),
                Cell::from(clean(&r.customer_name)),
                Cell::from(Span::styled(app.t(r.severity.label_key()), sev_style)),
                {
                    // ▲: escalated to the owner's supervisor (by hand or by the day limit).
                    let escalated =
                        r.escalated.is_some() || app.policy.escalated(&r.facts, app.now);
                    let step = app.t(r.step.label_key());
                    if escalated {
                        Cell::from(Line::from(vec![
                            Span::styled("▲", app.theme.breached),
                            Span::raw(step),
                        ]))
                    } else {
                        Cell::from(step)
                    }
                },
            ];
            if wide {
                cells.push(Cell::from(clean(r.owner.as_deref().unwrap_or(""))));
                cells.push(Cell::from(clock_name));
            }
            cells.push(Cell::from(Span::styled(label, style)));
            let row = Row::new(cells);
            if focused && i == sel.selected {
                row.style(app.theme.selected)
            } else {
                row
            }
        });
    let mut keys = vec!["col.number", "col.customer", "col.severity", "col.step"];
    let mut widths = vec![
        Constraint::Length(13),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(10),
    ];
    if wide {
        keys.extend(["col.owner", "col.clock"]);
        widths.extend([Constraint::Length(10), Constraint::Length(8)]);
    }
    keys.push("col.remaining");
    widths.push(Constraint::Length(13));
    let header = Row::new(keys.into_iter().map(|k| app.t(k))).style(app.theme.header);
    let table = Table::new(visible, widths)
        .header(header)
        .block(block)
        .column_spacing(1);
    frame.render_widget(table, area);
}
