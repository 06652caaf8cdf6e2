//! The KPI summary: the same figures as `kefu kpi` for the current month.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::widgets::pane_block;
use crate::app::App;
use crate::domain::kpi::Kpi;
use crate::domain::period::Period;
use crate::report::{met_key, target_label, value_label};

/// Draws the KPI pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool, period: Period, kpis: &[Kpi]) {
    let period = period.to_string();
    let block = pane_block(
        app,
        app.cat.fmt("head.kpi", &[("period", &period)]),
        focused,
    );
    let rows = kpis.iter().map(|k| {
        let style = match k.met() {
            Some(true) => app.theme.met,
            Some(false) => app.theme.not_met,
            None => app.theme.muted,
        };
        let mark = app
            .t(met_key(k.met()))
            .split_whitespace()
            .next()
            .unwrap_or("");
        Row::new(vec![
            Cell::from(app.t(k.label_key)),
            Cell::from(Span::styled(value_label(k), style)),
            Cell::from(target_label(k)),
            Cell::from(Span::styled(mark, style)),
        ])
    });
    let header = Row::new(["col.kpi", "col.value", "col.target", "col.met"].map(|k| app.t(k)))
        .style(app.theme.header);
    let widths = [
        Constraint::Min(12),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(4),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
}
