//! The customer list with its as-you-type filter.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::Frame;

use super::widgets::{clean, fitted_table, grade_style, pane_block};
use crate::app::selection::Selection;
use crate::app::App;
use crate::store::customers::CustomerRow;

/// What the customer pane shows.
pub struct CustomerList<'a> {
    /// Customers the filter lets through and in all (None: not loaded yet).
    pub counts: Option<(usize, usize)>,
    /// The row at a position of the filtered list, when loaded.
    pub row: &'a dyn Fn(usize) -> Option<&'a CustomerRow>,
    /// The selection (a position in the filtered list).
    pub sel: &'a Selection,
    /// The filter text.
    pub filter: Option<&'a str>,
    /// Whether keys go into the filter.
    pub editing: bool,
    /// Only the files due their data check.
    pub check: bool,
}

/// Draws the customers pane: the rows of the loaded window that are on screen.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool, list: &CustomerList) {
    let (n, total) = match list.counts {
        Some((n, all)) => (n.to_string(), all.to_string()),
        None => ("…".to_string(), "…".to_string()),
    };
    let mut title = app
        .cat
        .fmt("ui.customers_title", &[("n", &n), ("total", &total)]);
    if list.check {
        title.push_str(&app.cat.fmt(
            "customer.check_title",
            &[(
                "days",
                &crate::domain::customer::DATA_CHECK_DAYS.to_string(),
            )],
        ));
    }
    if let Some(f) = list.filter {
        let cursor = if list.editing { "▏" } else { "" };
        title.push_str(&format!(" /{}{cursor}", clean(f)));
    }
    let Some((len, _)) = list.counts else {
        super::widgets::loading(frame, app, area, title, focused);
        return;
    };
    let block = pane_block(app, title, focused);
    let inner = block.inner(area);
    let inner_h = area.height.saturating_sub(3) as usize;
    let offset = list.sel.visible_offset(inner_h, len);
    let plain = Style::default();
    let rows: Vec<Vec<(String, Style)>> = (offset..len.min(offset + inner_h))
        .map(|i| {
            let Some(c) = (list.row)(i) else {
                // Outside the loaded window: the next window is on its way.
                return vec![("…".to_string(), plain)];
            };
            let name = c.short_name.as_deref().unwrap_or(&c.name);
            vec![
                (clean(&c.code), plain),
                (clean(name), plain),
                (
                    c.grade.map(|g| g.as_str()).unwrap_or("–").to_string(),
                    grade_style(app, c.grade),
                ),
                (clean(c.kam.as_deref().unwrap_or("")), plain),
                (
                    if c.open_complaints > 0 {
                        c.open_complaints.to_string()
                    } else {
                        String::new()
                    },
                    plain,
                ),
                (c.last_nps.map(|s| s.to_string()).unwrap_or_default(), plain),
            ]
        })
        .collect();
    let selected = focused
        .then(|| list.sel.selected.checked_sub(offset))
        .flatten();
    let header = [
        "col.code",
        "col.short_name",
        "col.grade",
        "col.kam",
        "col.open_complaints",
        "col.last_nps",
    ]
    .map(|k| app.t(k).to_string());
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(4),
    ];
    frame.render_widget(block, area);
    fitted_table(frame, app, inner, &header, &widths, rows, selected);
    super::widgets::scrollbar(frame, area, len, offset, inner_h);
}
