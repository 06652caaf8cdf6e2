//! The customer list with its as-you-type filter.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::widgets::{clean, grade_style, pane_block};
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
    if let Some(f) = list.filter {
        let cursor = if list.editing { "▏" } else { "" };
        title.push_str(&format!(" /{}{cursor}", clean(f)));
    }
    let Some((len, _)) = list.counts else {
        super::widgets::loading(frame, app, area, title, focused);
        return;
    };
    let block = pane_block(app, title, focused);
    let inner_h = area.height.saturating_sub(3) as usize;
    let offset = list.sel.visible_offset(inner_h, len);
    let visible = (offset..len.min(offset + inner_h)).map(|i| {
        let Some(c) = (list.row)(i) else {
            // Outside the loaded window: the next window is on its way.
            return Row::new(vec![Cell::from("…")]);
        };
        let name = c.short_name.as_deref().unwrap_or(&c.name);
        let row = Row::new(vec![
            Cell::from(clean(&c.code)),
            Cell::from(clean(name)),
            Cell::from(Span::styled(
                c.grade.map(|g| g.as_str()).unwrap_or("–"),
                grade_style(app, c.grade),
            )),
            Cell::from(clean(c.kam.as_deref().unwrap_or(""))),
            Cell::from(if c.open_complaints > 0 {
                c.open_complaints.to_string()
            } else {
                String::new()
            }),
            Cell::from(c.last_nps.map(|s| s.to_string()).unwrap_or_default()),
        ]);
        if focused && i == list.sel.selected {
            row.style(app.theme.selected)
        } else {
            row
        }
    });
    let header = Row::new(
        [
            "col.code",
            "col.short_name",
            "col.grade",
            "col.kam",
            "col.open_complaints",
            "col.last_nps",
        ]
        .map(|k| app.t(k)),
    )
    .style(app.theme.header);
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(4),
    ];
    frame.render_widget(
        Table::new(visible, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
    super::widgets::scrollbar(frame, area, len, offset, inner_h);
}
