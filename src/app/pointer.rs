//! The mouse: a click focuses the pane under it and selects the line clicked; the wheel
//! scrolls what is under it. Everything stays reachable by keys; this is a shortcut.

use super::component::Handled;
use super::{Action, App};
use crate::input::action::{Movement, Pointer, PointerKind};
use ratatui::layout::{Position, Rect};

/// Lines the wheel moves per turn.
const WHEEL_LINES: usize = 3;

impl App {
    /// Applies a click or a wheel turn at a screen cell.
    pub(super) fn pointer(&mut self, p: Pointer) {
        let screen = self.screen.get();
        // The status line is the last row; the main area is the rest.
        let main = Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        let at = Position::new(p.col, p.row);
        let area = match &self.view {
            Some(_) => main,
            None => {
                let zoomed = self.zoomed.then_some(self.focus);
                let hit = super::layout::pane_areas(main, self.panes.len(), zoomed)
                    .into_iter()
                    .find(|(_, r)| r.contains(at));
                match hit {
                    Some((i, r)) => {
                        self.focus = i;
                        r
                    }
                    None => return,
                }
            }
        };
        if !area.contains(at) {
            return;
        }
        match p.what {
            PointerKind::WheelUp | PointerKind::WheelDown => {
                let m = if p.what == PointerKind::WheelUp {
                    Movement::Up
                } else {
                    Movement::Down
                };
                for _ in 0..WHEEL_LINES {
                    self.update(Action::Move(m));
                }
            }
            PointerKind::Click => {
                // Below the top border and the header row.
                if let Some(row) = p.row.checked_sub(area.y + 2) {
                    self.with_focused(|c, _, fx| {
                        c.click(row as usize, fx);
                        Handled::Consumed
                    });
                }
            }
        }
    }
}
