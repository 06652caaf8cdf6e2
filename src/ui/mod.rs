//! Draws `&App`. Never queries the database, never changes state (but for scroll offsets).

mod analysis;
mod board;
mod customers;
mod detail;
mod form;
mod help;
mod kpi;
mod nps;
mod status;
pub mod widgets;

use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::Block;
use ratatui::Frame;

use crate::app::{App, Pane, View};

/// The smallest area panes are drawn in; below it only a short notice is shown.
const MIN_W: u16 = 20;
const MIN_H: u16 = 6;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    frame.render_widget(Block::default().style(app.theme.base), area);
    if area.width < MIN_W || area.height < MIN_H {
        widgets::too_small(frame, app, area);
        return;
    }
    let [main, status_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match &app.view {
        View::Dashboard => dashboard(frame, app, main),
        View::Customer(file, history) => detail::customer(frame, app, main, file, history),
        View::Complaint(d) => detail::complaint(frame, app, main, d),
        View::Stats(st) => analysis::stats(frame, app, main, st),
        View::Capas(list) => analysis::capas(frame, app, main, list),
    }
    status::draw(frame, app, status_area);
    if let Some(f) = &app.form {
        form::draw(frame, app, main, f);
    }
    if app.help {
        help::draw(frame, app, main);
    }
    if let Some(c) = app.confirm {
        let r = widgets::centered(main, 50, 5);
        widgets::clear_popup(frame, r);
        widgets::confirm(frame, app, r, c);
    }
}

/// Where each pane goes at this size.
pub fn pane_areas(area: Rect, zoomed: Option<Pane>) -> Vec<(Pane, Rect)> {
    if let Some(p) = zoomed {
        return vec![(p, area)];
    }
    if area.width >= 120 && area.height >= 30 {
        // Wide: board and customers on top, trend and KPIs below.
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
        let [b, c] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top);
        let [n, k] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(bottom);
        vec![
            (Pane::Board, b),
            (Pane::Customers, c),
            (Pane::Nps, n),
            (Pane::Kpi, k),
        ]
    } else {
        // Narrow: stacked, the board first; `z` zooms any pane.
        let rows = Layout::default()
            .direction(Direction::Vertical)
            .constraints([
                Constraint::Percentage(38),
                Constraint::Percentage(30),
                Constraint::Percentage(32),
            ])
            .split(area);
        let [n, k] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(rows[2]);
        vec![
            (Pane::Board, rows[0]),
            (Pane::Customers, rows[1]),
            (Pane::Nps, n),
            (Pane::Kpi, k),
        ]
    }
}

fn dashboard(frame: &mut Frame, app: &App, area: Rect) {
    let zoomed = app.zoomed.then_some(app.focus);
    for (pane, r) in pane_areas(area, zoomed) {
        let focused = pane == app.focus;
        match pane {
            Pane::Board => board::draw(frame, app, r, focused),
            Pane::Customers => customers::draw(frame, app, r, focused),
            Pane::Nps => nps::draw(frame, app, r, focused),
            Pane::Kpi => kpi::draw(frame, app, r, focused),
        }
    }
}
