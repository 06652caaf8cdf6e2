//! The command palette and the jump: a search line over the actions and records found.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::{centered, clean, clear_popup, fitted_table, pane_block};
use crate::app::palette::{Entry, Palette};
use crate::app::App;

/// Draws the palette over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, p: &Palette) {
    let h = area.height.min(18);
    let r = centered(area, 76, h);
    clear_popup(frame, r);
    let title = app.t(if p.records_only {
        "ui.jump_title"
    } else {
        "ui.palette_title"
    });
    let block = pane_block(app, title.to_string(), true);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height < 2 {
        return;
    }
    let input = Line::from(vec![
        Span::styled("> ", app.theme.key_hint),
        Span::raw(clean(&p.query)),
        Span::styled("_", app.theme.muted),
    ]);
    frame.render_widget(Paragraph::new(input), Rect { height: 1, ..inner });
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if p.shown.is_empty() {
        let key = if p.query.trim().is_empty() {
            "ui.jump_hint"
        } else {
            "ui.palette_none"
        };
        let line = Line::from(Span::styled(app.t(key), app.theme.muted));
        frame.render_widget(Paragraph::new(line), list);
        return;
    }
    // The selected line stays in view.
    let rows_h = list.height.saturating_sub(1) as usize;
    let offset = p.selected.saturating_sub(rows_h.saturating_sub(1));
    let rows = p
        .shown
        .iter()
        .skip(offset)
        .take(rows_h)
        .map(|e| match e {
            Entry::Command(c) => vec![
                (c.keys.clone(), app.theme.key_hint),
                (c.label.clone(), app.theme.base),
            ],
            Entry::Record(f) => vec![
                (clean(&f.key), app.theme.key_hint),
                (
                    format!("{} · {}", app.t(f.kind.label_key()), clean(&f.label)),
                    app.theme.base,
                ),
            ],
        })
        .collect();
    let header = [
        app.t("ui.palette_key").to_string(),
        app.t("ui.palette_what").to_string(),
    ];
    let widths = [Constraint::Length(14), Constraint::Fill(1)];
    fitted_table(
        frame,
        app,
        list,
        &header,
        &widths,
        rows,
        p.selected.checked_sub(offset),
    );
}
