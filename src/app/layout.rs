//! Where the dashboard's panes go at a size: drawn by the ui, hit by the mouse.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

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
