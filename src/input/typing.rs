//! Text typed into a one-line search (a list's filter, the palette): keys and pastes.

use super::action::crossterm_key::{KeyCode, KeyModifiers};

/// Types a key into a filter's text; false for keys that are not text.
pub fn type_into(text: &mut String, code: KeyCode, mods: KeyModifiers) -> bool {
    match code {
        KeyCode::Char(_) if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => false,
        KeyCode::Char(c) => {
            text.push(c);
            true
        }
        KeyCode::Backspace => {
            text.pop();
            true
        }
        _ => false,
    }
}

/// Adds a paste to a filter's text: its first line, without controls.
pub fn paste_into(text: &mut String, paste: &str) {
    let line = paste.lines().next().unwrap_or_default();
    text.extend(line.chars().filter(|c| !c.is_control()));
}
