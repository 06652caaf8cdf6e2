//! The NPS trend: the last 8 quarters, overall and per grade, with the target lines.

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
    let grades: Vec<Vec<(f64, f64)>> = (0..4)
        .map(|g| {
            points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.by_grade[g].map(|v| (i as f64, v)))
                .collect()
        })
        .collect();
    let last_x = points.len().saturating_sub(1).max(1) as f64;
    let k = &app.policy.kpi;
    let targets: Vec<[(f64, f64); 2]> = [k.nps_overall, k.nps_grade_a, k.nps_grade_b]
        .iter()
        .map(|t| [(0.0, *t), (last_x, *t)])
        .collect();
    let lowest = overall
        .iter()
        .chain(grades.iter().flatten())
        .map(|(_, y)| *y)
        .fold(0.0f64, f64::min);
    let y_min = (lowest / 25.0).floor() * 25.0;
    let mut datasets: Vec<Dataset> = targets
        .iter()
        .map(|t| {
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(app.theme.chart_target)
                .data(t)
        })
        .collect();
    // A different mark for each line, so they differ without colour (mono); D, the
    // occasional buyers, last and lightest.
    let grade_marks = [
        (Marker::HalfBlock, app.theme.chart_grade_a),
        (Marker::Block, app.theme.grade_b),
        (Marker::Bar, app.theme.grade_c),
        (Marker::Quadrant, app.theme.grade_d),
    ];
    for (data, (mark, style)) in grades.iter().zip(grade_marks).rev() {
        datasets.push(
            Dataset::default()
                .marker(mark)
                .graph_type(GraphType::Line)
                .style(style)
                .data(data),
        );
    }
    datasets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(app.theme.chart_overall)
            .data(&overall),
    );
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
        Span::raw(" "),
        Span::styled("▀▀ ", app.theme.chart_grade_a),
        Span::styled("A", app.theme.muted),
        Span::raw(" "),
        Span::styled("██ ", app.theme.grade_b),
        Span::styled("B", app.theme.muted),
        Span::raw(" "),
        Span::styled("▄▄ ", app.theme.grade_c),
        Span::styled("C", app.theme.muted),
        Span::raw(" "),
        Span::styled("▚▚ ", app.theme.grade_d),
        Span::styled("D", app.theme.muted),
        Span::raw("  "),
        Span::styled("•• ", app.theme.chart_target),
        Span::styled(
            app.cat.fmt(
                "ui.nps_targets",
                &[
                    ("overall", &format!("{:.0}", k.nps_overall)),
                    ("a", &format!("{:.0}", k.nps_grade_a)),
                    ("b", &format!("{:.0}", k.nps_grade_b)),
                ],
            ),
            app.theme.muted,
        ),
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
