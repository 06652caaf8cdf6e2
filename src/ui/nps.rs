//! The NPS trend: the last 8 quarters, overall and grade A, with the target lines.

use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType};
use ratatui::Frame;

use super::widgets::pane_block;
use crate::app::data::NpsPoint;
use crate::app::App;

/// Draws the NPS pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool, points: &[NpsPoint]) {
    let current = points.last();
    let title = app.cat.fmt(
        "ui.nps_title",
        &[
            (
                "quarter",
                &current.map(|p| p.quarter.to_string()).unwrap_or_default(),
            ),
            (
                "nps",
                &current
                    .and_then(|p| p.overall)
                    .map(|v| format!("{v:.0}"))
                    .unwrap_or("–".into()),
            ),
            (
                "n",
                &current.map(|p| p.responses.to_string()).unwrap_or_default(),
            ),
        ],
    );
    let block = pane_block(app, title, focused);
    let series = |f: fn(&crate::app::data::NpsPoint) -> Option<f64>| -> Vec<(f64, f64)> {
        points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| f(p).map(|v| (i as f64, v)))
            .collect()
    };
    let overall = series(|p| p.overall);
    let grade_a = series(|p| p.grade_a);
    let last_x = points.len().saturating_sub(1).max(1) as f64;
    let target_overall = [
        (0.0, app.policy.kpi.nps_overall),
        (last_x, app.policy.kpi.nps_overall),
    ];
    let target_a = [
        (0.0, app.policy.kpi.nps_grade_a),
        (last_x, app.policy.kpi.nps_grade_a),
    ];
    let lowest = overall
        .iter()
        .chain(&grade_a)
        .map(|(_, y)| *y)
        .fold(0.0f64, f64::min);
    let y_min = (lowest / 25.0).floor() * 25.0;
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(app.theme.chart_target)
            .data(&target_overall),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(app.theme.chart_target)
            .data(&target_a),
        // A different mark for each line, so they differ without colour (mono).
        Dataset::default()
            .marker(Marker::HalfBlock)
            .graph_type(GraphType::Line)
            .style(app.theme.chart_grade_a)
            .data(&grade_a),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(app.theme.chart_overall)
            .data(&overall),
    ];
    let q_label = |i: usize| {
        points
            .get(i)
            .map(|p| p.quarter.to_string())
            .unwrap_or_default()
    };
    let x_labels = vec![
        Span::styled(q_label(0), app.theme.muted),
        Span::styled(q_label(points.len().saturating_sub(1)), app.theme.muted),
    ];
    // The chart spreads its labels evenly over the axis, so the labels must be evenly
    // spaced values: every 25 points when there is room, else bottom, middle and top.
    let rows = area.height.saturating_sub(4) as f64;
    let step = if rows >= (100.0 - y_min) / 25.0 * 2.0 {
        25.0
    } else {
        (100.0 - y_min) / 2.0
    };
    let y_labels: Vec<Span> = (0..)
        .map(|i| y_min + step * f64::from(i))
        .take_while(|v| *v <= 100.0)
        .map(|v| Span::styled(format!("{v:.0}"), app.theme.muted))
        .collect();
    // The legend goes under the chart, where it covers nothing.
    let legend = Line::from(vec![
        Span::styled("⠤⠤ ", app.theme.chart_overall),
        Span::styled(app.t("ui.nps_overall"), app.theme.muted),
        Span::raw("  "),
        Span::styled("▀▀ ", app.theme.chart_grade_a),
        Span::styled(app.t("ui.nps_grade_a"), app.theme.muted),
        Span::raw("  "),
        Span::styled("•• ", app.theme.chart_target),
        Span::styled(app.t("ui.nps_target"), app.theme.muted),
    ]);
    let block = block.title_bottom(legend);
    let chart = Chart::new(datasets)
        .block(block)
        .style(app.theme.base)
        .x_axis(Axis::default().bounds([0.0, last_x]).labels(x_labels))
        .y_axis(Axis::default().bounds([y_min, 100.0]).labels(y_labels))
        .legend_position(None);
    frame.render_widget(chart, area);
}
