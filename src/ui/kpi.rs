//! The KPI summary: the same figures as `kefu kpi` for the current month.

use ratatui::layout::{Constraint, Rect};
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
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = kpis
        .iter()
        .map(|k| {
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
            let basis = crate::report::basis_label(k);
            vec![
                (app.t(k.label_key).to_string(), app.theme.base),
                (value_label(k), style),
                (basis, app.theme.muted),
                (target_label(k), app.theme.base),
                (mark.to_string(), style),
            ]
        })
        .collect();
    let header: Vec<String> = [
        "col.kpi",
        "col.value",
        "col.kpi_basis",
        "col.target",
        "col.met",
    ]
    .iter()
    .map(|k| app.t(k).to_string())
    .collect();
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(4),
    ];
    super::widgets::fitted_table(frame, app, inner, &header, &widths, rows, None);
}
