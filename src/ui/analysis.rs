//! The complaint analysis view (Pareto bars, clock performance) and the CAPA list.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use ratatui::Frame;

use super::widgets::{clean, pane_block};
use crate::analysis::ComplaintStats;
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::stats::{Count, OnTime};
use crate::store::capa::Capa;
use crate::text::truncate;

fn bars<'a>(counts: &'a [Count], style: Style, label_w: usize) -> BarGroup<'a> {
    let bars: Vec<Bar> = counts
        .iter()
        .map(|c| {
            Bar::default()
                .value(c.n as u64)
                // The numbers go in the label: a short bar has no room for them.
                .label(Line::from(format!(
                    "{} {:>4} {:>6}%",
                    crate::text::pad(&truncate(&clean(&c.key), label_w), label_w),
                    c.n,
                    c.cumulative_pct
                )))
                .text_value(String::new())
                .style(style)
        })
        .collect();
    BarGroup::default().bars(&bars).clone()
}

fn chart(frame: &mut Frame, app: &App, area: Rect, title: &str, counts: &[Count]) {
    let label_w = 16usize;
    let chart = BarChart::default()
        .block(pane_block(app, title.to_string(), false))
        .direction(ratatui::layout::Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .label_style(app.theme.base)
        .value_style(app.theme.header)
        .data(bars(counts, app.theme.chart_overall, label_w));
    frame.render_widget(chart, area);
}

fn on_time(app: &App, key: &str, o: &OnTime) -> Line<'static> {
    let (text, style) = match o.share_pct {
        Some(p) => (
            format!("{p}% ({}/{})", o.on_time, o.done),
            if p >= 100.0 {
                app.theme.met
            } else {
                app.theme.not_met
            },
        ),
        None => ("–".to_string(), app.theme.muted),
    };
    Line::from(vec![
        Span::raw(format!("{}  ", app.t(key))),
        Span::styled(text, style),
    ])
}

/// Draws the analysis of one period.
pub fn stats(frame: &mut Frame, app: &App, area: Rect, st: &ComplaintStats) {
    let rate = st
        .complaint_rate_pct
        .map(|r| format!("{r}%"))
        .unwrap_or_else(|| "–".into());
    let title = app.cat.fmt(
        "stats.head",
        &[
            ("period", &st.period.to_string()),
            ("n", &st.complaints.to_string()),
            ("rate", &rate),
        ],
    );
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let [a, b] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    chart(frame, app, a, app.t("stats.by_category"), &st.by_category);
    chart(frame, app, b, app.t("stats.by_product"), &st.by_product);
    let [c, d] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    chart(frame, app, c, app.t("stats.by_severity"), &st.by_severity);
    let median = st
        .first_response_median_h
        .map(|m| format!("{m}h"))
        .unwrap_or_else(|| "–".into());
    let lines = vec![
        Line::from(Span::styled(title.clone(), app.theme.title)),
        Line::from(format!("{}  {median}", app.t("kpi.first_response_median"))),
        on_time(app, "stats.fr_in_time", &st.first_response),
        on_time(app, "stats.plan_in_time", &st.plan),
        on_time(app, "stats.disposal_in_time", &st.disposal),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(
            app,
            app.t("stats.clocks_title").to_string(),
            true,
        )),
        d,
    );
}

/// Draws every CAPA, overdue ones highlighted.
pub fn capas(frame: &mut Frame, app: &App, area: Rect, list: &[Capa], sel: &Selection) {
    let today = app.now.with_timezone(&app.tz).date_naive();
    let (lines, late) = crate::readmodel::capa::lines(list, today, app.cat);
    let title = crate::readmodel::capa::title(lines.len(), late, app.cat);
    let inner_h = area.height.saturating_sub(3) as usize;
    let offset = sel.visible_offset(inner_h, lines.len());
    sel.limit.set(lines.len());
    let rows: Vec<Vec<(String, Style)>> = lines
        .iter()
        .skip(offset)
        .take(inner_h)
        .map(|l| {
            l.cells
                .iter()
                .enumerate()
                .map(|(col, text)| {
                    // The due date is coloured when overdue.
                    let style = if col == 3 && l.overdue {
                        app.theme.breached
                    } else {
                        Style::default()
                    };
                    (clean(text), style)
                })
                .collect()
        })
        .collect();
    let header = crate::readmodel::capa::COLUMNS.map(|k| app.t(k).to_string());
    let widths = [
        Constraint::Length(4),
        Constraint::Length(13),
        Constraint::Length(10),
        Constraint::Length(10),
        // "not verified" whole.
        Constraint::Length(12),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let selected = sel.selected.checked_sub(offset);
    super::widgets::fitted_table(frame, app, inner, &header, &widths, rows, selected);
    super::widgets::scrollbar(frame, area, lines.len(), offset, inner_h);
}
