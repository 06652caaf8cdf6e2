//! A list's selected row and scroll offset.

use std::cell::Cell;

/// Selection in a list of `len` rows; the offset and page height are kept by the drawing code.
#[derive(Debug, Default)]
pub struct Selection {
    /// The selected row.
    pub selected: usize,
    /// The first visible row (updated when drawn).
    pub offset: Cell<usize>,
    /// Rows visible at the last draw (for paging).
    pub height: Cell<usize>,
    /// For views that scroll text: how many positions exist (set when drawn).
    pub limit: Cell<usize>,
}

impl Selection {
    /// Moves up by `n`.
    pub fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
    }

    /// Moves down by `n` within `len` rows.
    pub fn down(&mut self, n: usize, len: usize) {
        self.selected = (self.selected + n).min(len.saturating_sub(1));
    }

    /// One page: the last drawn height (at least 1).
    pub fn page(&self) -> usize {
        self.height.get().max(1)
    }

    /// Keeps the selection inside `len` rows after a reload.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The first row to show in `height` rows so the selection stays visible; remembers it.
    pub fn visible_offset(&self, height: usize, len: usize) -> usize {
        self.height.set(height);
        let mut off = self.offset.get().min(len.saturating_sub(height.max(1)));
        if self.selected < off {
            off = self.selected;
        } else if height > 0 && self.selected >= off + height {
            off = self.selected + 1 - height;
        }
        self.offset.set(off);
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_only_when_the_selection_leaves_the_window() {
        let mut s = Selection::default();
        assert_eq!(s.visible_offset(5, 100), 0);
        s.down(4, 100);
        assert_eq!(s.visible_offset(5, 100), 0);
        s.down(1, 100);
        assert_eq!(s.visible_offset(5, 100), 1);
        s.up(2);
        assert_eq!(s.visible_offset(5, 100), 1);
        s.up(3);
        assert_eq!(s.visible_offset(5, 100), 0);
        s.down(1000, 100);
        assert_eq!(s.selected, 99);
        assert_eq!(s.visible_offset(5, 100), 95);
        s.clamp(10);
        assert_eq!(s.selected, 9);
        assert_eq!(s.visible_offset(5, 10), 5);
        assert_eq!(s.visible_offset(0, 0), 0);
    }
}
