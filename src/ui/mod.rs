//! Draws `&App`. Never queries the database, never changes state (but for scroll offsets).

pub mod analysis;
pub mod big_text;
pub mod board;
pub mod campaign;
pub mod customer_file;
pub mod customers;
pub mod detail;
mod form;
pub mod grades;
mod help;
pub mod kpi;
pub mod meeting;
pub mod nps;
mod palette;
mod status;
pub mod survey_entry;
pub mod todo;
pub mod widgets;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;
use ratatui::Frame;

use crate::app::App;

/// The smallest area panes are drawn in; below it only a short notice is shown.
const MIN_W: u16 = 20;
const MIN_H: u16 = 6;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.screen.set(area);
    frame.render_widget(Block::default().style(app.theme.base), area);
    if area.width < MIN_W || area.height < MIN_H {
        widgets::too_small(frame, app, area);
        return;
    }
    let [main, status_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match &app.view {
        Some(view) => view.draw(frame, main, app, true),
        None => dashboard(frame, app, main),
    }
    status::draw(frame, app, status_area);
    if let Some(f) = &app.form {
        form::draw(frame, app, main, f);
    }
    if let Some(p) = &app.palette {
        palette::draw(frame, app, main, p);
    }
    if app.help {
        help::draw(frame, app, main);
    }
    if app.message_open {
        help::message(frame, app, main);
    }
    if let Some(c) = app.confirm {
        let r = widgets::centered(main, 50, 5);
        widgets::clear_popup(frame, r);
        widgets::confirm(frame, app, r, c);
    }
}

pub use crate::app::layout::pane_areas;

fn dashboard(frame: &mut Frame, app: &App, area: Rect) {
    let zoomed = app.zoomed.then_some(app.focus);
    for (i, r) in pane_areas(area, app.panes.len(), zoomed) {
        if let Some(p) = app.panes.get(i) {
            p.draw(frame, r, app, i == app.focus);
        }
    }
}
