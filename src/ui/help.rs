//! The help screen, generated from the live keymap.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::Frame;

use super::widgets::{centered, clear_popup, pane_block};
use crate::app::App;
use crate::input::mode::Mode;

/// Draws the help popup for the mode under it.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let mode = app.mode_under_help();
    let rows: Vec<Vec<(String, ratatui::style::Style)>> = app
        .keymap
        .help(mode)
        .into_iter()
        .filter(|(a, _)| !matches!(mode, Mode::Help) || a.name().is_some())
        .map(|(action, keys)| {
            vec![
                (keys.join(" "), app.theme.key_hint),
                (
                    super::widgets::action_text(app, "act", mode, &action).to_string(),
                    app.theme.base,
                ),
            ]
        })
        .collect();
    let total = rows.len();
    let h = (total as u16 + 2).min(area.height);
    let r = centered(area, 76, h);
    clear_popup(frame, r);
    let visible = r.height.saturating_sub(2) as usize;
    app.help_rows.set(visible);
    let offset = app.help_scroll.min(total.saturating_sub(visible));
    let mut title = app.cat.fmt(
        "ui.help_title",
        &[("mode", app.t(&format!("mode.{}", mode.name())))],
    );
    if total > visible {
        let (from, to) = (
            (offset + 1).to_string(),
            (offset + visible).min(total).to_string(),
        );
        let n = total.to_string();
        title.push_str(
            &app.cat
                .fmt("ui.help_more", &[("from", &from), ("to", &to), ("n", &n)]),
        );
    }
    let block = pane_block(app, title, true).style(app.theme.base);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let rows: Vec<_> = rows.into_iter().skip(offset).take(visible).collect();
    let widths = [Constraint::Length(18), Constraint::Fill(1)];
    super::widgets::fitted_table(frame, app, inner, &[], &widths, rows, None);
    let track = Rect {
        y: r.y.saturating_sub(1),
        height: r.height + 1,
        ..r
    };
    super::widgets::scrollbar(frame, track, total, offset, visible);
}

/// Draws the whole last message, wrapped, over `area`.
pub fn message(frame: &mut Frame, app: &App, area: Rect) {
    let Some(m) = &app.last_message else {
        return;
    };
    let text = super::widgets::clean(&m.text);
    let w = area.width.min(76);
    let lines = (crate::text::width(&text) as u16 / w.saturating_sub(4).max(1)) + 1;
    let r = centered(area, w, (lines + 3).min(area.height));
    clear_popup(frame, r);
    let style = if m.error {
        app.theme.error
    } else {
        app.theme.base
    };
    let p = ratatui::widgets::Paragraph::new(ratatui::text::Line::from(Span::styled(text, style)))
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(pane_block(app, app.t("ui.message_title").to_string(), true));
    frame.render_widget(p, r);
}
