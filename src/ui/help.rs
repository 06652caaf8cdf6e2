//! The help screen, generated from the live keymap.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Row, Table};
use ratatui::Frame;

use super::widgets::{centered, clear_popup, pane_block};
use crate::app::App;
use crate::input::mode::Mode;

/// Draws the help popup for the mode under it.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let mode = app.mode_under_help();
    let rows: Vec<Row> = app
        .keymap
        .help(mode)
        .into_iter()
        .filter(|(a, _)| !matches!(mode, Mode::Help) || a.name().is_some())
        .map(|(action, keys)| {
            Row::new(vec![
                Span::styled(keys.join(" "), app.theme.key_hint),
                Span::raw(super::widgets::action_text(app, "act", mode, &action)),
            ])
        })
        .collect();
    let h = (rows.len() as u16 + 4).min(area.height);
    let r = centered(area, 76, h);
    clear_popup(frame, r);
    let title = app.cat.fmt(
        "ui.help_title",
        &[("mode", app.t(&format!("mode.{}", mode.name())))],
    );
    let table = Table::new(rows, [Constraint::Length(18), Constraint::Min(10)])
        .block(pane_block(app, title, true))
        .style(app.theme.base)
        .column_spacing(2);
    frame.render_widget(table, r);
}
