//! Draws `&App`. Never queries the database, never changes state (but for scroll offsets).

pub mod analysis;
pub mod big_text;
pub mod board;
pub mod customers;
pub mod detail;
mod form;
mod help;
pub mod kpi;
pub mod meeting;
pub mod nps;
mod palette;
mod status;
pub mod widgets;

use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::Block;
use ratatui::Frame;

use crate::app::App;

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

/// Where each of `n` panes goes at this size (by position in the registry): the first
/// two above, the rest sharing the row below; a zoomed pane gets everything.
pub fn pane_areas(area: Rect, n: usize, zoomed: Option<usize>) -> Vec<(usize, Rect)> {
    if let Some(p) = zoomed {
        return vec![(p, area)];
    }
    let rest = n.saturating_sub(2).max(1) as u32;
    let bottom_row =
        |r: Rect| Layout::horizontal((0..rest).map(|_| Constraint::Ratio(1, rest))).split(r);
    let mut out = Vec::with_capacity(n);
    if area.width >= 120 && area.height >= 30 {
        // Wide: board and customers on top, trend and KPIs below.
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
        let [b, c] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top);
        out.extend([(0, b), (1, c)]);
        out.extend(
            bottom_row(bottom)
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 2, *r)),
        );
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
        out.extend([(0, rows[0]), (1, rows[1])]);
        let below: Vec<Rect> = if rest == 2 {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .split(rows[2])
                .to_vec()
        } else {
            bottom_row(rows[2]).to_vec()
        };
        out.extend(below.into_iter().enumerate().map(|(i, r)| (i + 2, r)));
    }
    out.truncate(n);
    out
}

fn dashboard(frame: &mut Frame, app: &App, area: Rect) {
    let zoomed = app.zoomed.then_some(app.focus);
    for (i, r) in pane_areas(area, app.panes.len(), zoomed) {
        if let Some(p) = app.panes.get(i) {
            p.draw(frame, r, app, i == app.focus);
        }
    }
}
