//! The status line: database, user, time, urgent notice or message, and the keys that matter.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::clean;
use crate::app::App;
use crate::domain::time::local;
use crate::text::{truncate, width};

/// Draws the status line.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    // The full path when there is room, the file name otherwise.
    let full = app.store.path();
    let path = match full.file_name() {
        Some(name) if area.width < 140 => name.to_string_lossy().into_owned(),
        _ => full.display().to_string(),
    };
    let left = format!(
        " {} · {} · {} ",
        clean(&path),
        clean(app.store.actor()),
        local(app.now, app.tz)
    );
    let left_w = width(&left);
    let mut spans = vec![Span::styled(left, t.status)];
    let notice = app.panes.iter().find_map(|p| p.notice(app));
    if let Some(m) = &app.message {
        let style = if m.error { t.error } else { t.status };
        let room = (area.width as usize).saturating_sub(left_w + 2);
        let text = clean(&m.text);
        if width(&text) > room {
            // Cut, and say which key shows it whole.
            let more = app.t("ui.message_more");
            let cut = truncate(&text, room.saturating_sub(width(more) + 1)).into_owned();
            spans.push(Span::styled(format!(" {cut}"), style));
            spans.push(Span::styled(format!("{more} "), t.key_hint));
        } else {
            spans.push(Span::styled(format!(" {text} "), style));
        }
    } else if let Some(text) = notice {
        spans.push(Span::styled(format!(" {} ", clean(&text)), t.urgent));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    let hints = key_hints(app);
    if room > 3 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            truncate(&hints, room).into_owned(),
            t.key_hint,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.status), area);
}

/// `key action` pairs for the current mode: help, then the mode's own keys (the rest of the
/// line may be cut at the screen's edge); movement keys left out (they are obvious).
pub fn key_hints(app: &App) -> String {
    use crate::app::Action;
    let mode = app.mode();
    let mut keys = app.keymap.help(mode);
    // Help first, then the mode's own keys; stable, so each group keeps the keymap's order.
    keys.sort_by_key(|(a, _)| (*a != Action::Help, app.keymap.keys_for(mode, a).is_empty()));
    keys.iter()
        .filter(|(a, _)| !matches!(a, Action::Move(_) | Action::FocusPrev | Action::Refresh))
        .filter_map(|(action, keys)| {
            let key = keys.first()?;
            action.name()?;
            Some(format!(
                "{key} {}",
                super::widgets::action_text(app, "hint", mode, action)
            ))
        })
        .collect::<Vec<_>>()
        .join("  ")
}
