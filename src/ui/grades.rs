//! Draws the grade proposals: each customer whose grade the method would change, the
//! grade now beside the one proposed, the figure read and the rules that held.

use ratatui::layout::{Constraint, Rect};
use ratatui::Frame;

use super::widgets::{clean, fitted_table, grade_style, pane_block, scrollbar};
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::grading::Method;
use crate::store::grading::GradeRow;

/// Draws the proposals of `method` in `area`.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    rows: &[GradeRow],
    method: Method,
    sel: &Selection,
) {
    let title = app.cat.fmt(
        "grades.title",
        &[
            ("method", app.t(method.label_key())),
            ("n", &rows.len().to_string()),
        ],
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let figure = match method {
        Method::Revenue => app.t("col.revenue_share"),
        Method::Criteria => app.t("col.sales_6m"),
    };
    let header: Vec<String> = [
        app.t("col.code"),
        app.t("col.customer"),
        app.t("col.current"),
        app.t("col.proposed"),
        figure,
        app.t("col.held"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Length(14),
        Constraint::Fill(3),
    ];
    let body_h = inner.height.saturating_sub(1) as usize;
    let offset = sel.visible_offset(body_h, rows.len());
    let grade = |g: Option<crate::domain::customer::Grade>| {
        (
            g.map(|g| g.as_str().to_string())
                .unwrap_or_else(|| "–".into()),
            grade_style(app, g),
        )
    };
    let lines = rows
        .iter()
        .skip(offset)
        .take(body_h)
        .map(|r| {
            let held: Vec<&str> = r
                .proposal
                .held
                .iter()
                .map(|h| app.t(&format!("held.{h}")))
                .collect();
            vec![
                (clean(&r.code), app.theme.base),
                (clean(&r.name), app.theme.base),
                grade(r.current),
                grade(r.proposal.grade),
                (
                    match method {
                        Method::Revenue => format!("{:.2}%", r.figure),
                        Method::Criteria => format!("{:.0}", r.figure),
                    },
                    app.theme.base,
                ),
                (held.join(app.t("ui.list_sep")), app.theme.muted),
            ]
        })
        .collect();
    let selected = sel.selected.checked_sub(offset);
    if rows.is_empty() {
        let p = ratatui::widgets::Paragraph::new(app.t("grades.none")).style(app.theme.muted);
        frame.render_widget(p, inner);
        return;
    }
    fitted_table(frame, app, inner, &header, &widths, lines, selected);
    scrollbar(frame, area, rows.len(), offset, body_h);
}
