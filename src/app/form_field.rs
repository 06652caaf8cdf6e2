//! One form input, built from its field declaration: a text box, or a picker for
//! choices and references (a zh user picks 重大 and never types `major`).

use chrono_tz::Tz;
use ratatui_textarea::{CursorMove, TextArea};

use super::action::crossterm_key::{KeyCode, KeyEvent, KeyPress};
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::error::Error;
use crate::i18n::Catalog;

/// How many picker options are shown at once.
pub const PICKER_ROWS: usize = 6;

/// One option of a picker: the stored code and what a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// Stored code (`major`, a username, a customer code).
    pub code: String,
    /// Shown label (`重大`, a person's or company's name).
    pub label: String,
}

/// The options of a choice or reference field and the highlighted match.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    /// Every option.
    pub options: Vec<PickOption>,
    /// Index into the current matches.
    pub highlight: usize,
}

impl Picker {
    /// The options matching typed text: by label or code, case-insensitive; all when blank.
    pub fn matches(&self, typed: &str) -> Vec<&PickOption> {
        let t = typed.trim().to_lowercase();
        self.options
            .iter()
            .filter(|o| {
                t.is_empty()
                    || o.label.to_lowercase().contains(&t)
                    || o.code.to_lowercase().contains(&t)
            })
            .collect()
    }

    /// The option whose code or label is exactly the text.
    pub fn exact(&self, typed: &str) -> Option<&PickOption> {
        let t = typed.trim();
        self.options
            .iter()
            .find(|o| o.code.eq_ignore_ascii_case(t) || o.label == t)
    }
}

/// One input of a form.
pub struct Field {
    /// The field's name (`name`, `grade`, `received`...).
    pub name: &'static str,
    /// Its declaration.
    pub spec: FieldSpec,
    /// Catalog key of its label.
    pub label_key: String,
    /// The text input.
    pub input: TextArea<'static>,
    /// Must not be empty.
    pub required: bool,
    /// What is wrong with it, localised.
    pub error: Option<String>,
    /// Options to pick from (choices and references).
    pub picker: Option<Picker>,
}

impl Field {
    /// An input for a declared field, showing `stored` (a choice shows its label).
    pub fn new(spec: &FieldSpec, stored: &str, cat: &Catalog) -> Field {
        let picker = match spec.kind {
            FieldKind::Choice(c) => Some(Picker {
                options: c
                    .codes
                    .iter()
                    .map(|code| PickOption {
                        code: code.to_string(),
                        label: cat.get(&c.label_key(code)).to_string(),
                    })
                    .collect(),
                highlight: 0,
            }),
            FieldKind::Staff | FieldKind::Customer => Some(Picker::default()),
            FieldKind::Text { .. }
            | FieldKind::Note { .. }
            | FieldKind::Tags { .. }
            | FieldKind::Number { .. }
            | FieldKind::Money
            | FieldKind::Phone
            | FieldKind::Email
            | FieldKind::Date
            | FieldKind::Time => None,
        };
        let shown = match &picker {
            Some(p) if matches!(spec.kind, FieldKind::Choice(_)) => p
                .exact(stored)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| stored.to_string()),
            _ => stored.to_string(),
        };
        let mut input = TextArea::new(vec![shown]);
        input.move_cursor(CursorMove::End);
        Field {
            name: spec.name,
            spec: *spec,
            label_key: spec.label_key(),
            input,
            required: spec.required,
            error: None,
            picker,
        }
    }

    /// The field's text as typed, trimmed (lines joined: a one-line field never holds a break).
    pub fn value(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }

    /// What to store: a picked option's code, else the typed text.
    pub fn stored(&self) -> String {
        let v = self.value();
        match self.picker.as_ref().and_then(|p| p.exact(&v)) {
            Some(o) => o.code.clone(),
            None => v,
        }
    }

    /// The picker's options matching what is typed.
    pub fn matches(&self) -> Vec<&PickOption> {
        self.picker
            .as_ref()
            .map(|p| p.matches(&self.value()))
            .unwrap_or_default()
    }

    /// Types a key; true when the text changed. Up/Down move a picker's highlight,
    /// Enter takes the highlighted option.
    pub fn key(&mut self, key: KeyPress) -> bool {
        let count = self.matches().len();
        if let Some(p) = self.picker.as_mut() {
            match key.code {
                KeyCode::Up => {
                    p.highlight = p.highlight.saturating_sub(1);
                    return false;
                }
                KeyCode::Down => {
                    p.highlight = (p.highlight + 1).min(count.saturating_sub(1));
                    return false;
                }
                KeyCode::Enter => return self.take_highlight(),
                _ => {}
            }
        }
        if key.code == KeyCode::Enter {
            return false;
        }
        let before = self.input.lines().to_vec();
        self.input.input(KeyEvent::new(key.code, key.mods));
        self.limit();
        let changed = self.input.lines() != before.as_slice();
        if changed {
            if let Some(p) = self.picker.as_mut() {
                p.highlight = 0;
            }
        }
        changed
    }

    /// Puts the highlighted option's label in the field; true when that changed it.
    fn take_highlight(&mut self) -> bool {
        let Some(p) = self.picker.as_ref() else {
            return false;
        };
        let matches = p.matches(&self.value());
        let Some(o) = matches.get(p.highlight.min(matches.len().saturating_sub(1))) else {
            return false;
        };
        let text = match self.spec.kind {
            FieldKind::Choice(_) => o.label.clone(),
            _ => o.code.clone(),
        };
        if text == self.value() {
            return false;
        }
        self.set_text(&text);
        true
    }

    /// Inserts pasted text at the cursor: line breaks become spaces unless the field
    /// takes several lines, control characters are dropped, and the field's limit holds.
    pub fn paste(&mut self, text: &str) -> bool {
        let multi = matches!(self.spec.kind, FieldKind::Note { .. });
        let cleaned: String = text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if c == '\n' && !multi { ' ' } else { c })
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        if cleaned.is_empty() {
            return false;
        }
        let room = self
            .spec
            .max_chars()
            .map(|m| m.saturating_sub(self.char_count()))
            .unwrap_or(usize::MAX);
        let taken: String = cleaned.chars().take(room).collect();
        if taken.is_empty() {
            return false;
        }
        self.input.insert_str(&taken);
        true
    }

    fn char_count(&self) -> usize {
        let lines = self.input.lines();
        lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// Keeps typed text within the declared limit (drops what went past it).
    fn limit(&mut self) {
        let Some(max) = self.spec.max_chars() else {
            return;
        };
        if self.char_count() > max {
            let text: String = self.input.lines().join("\n").chars().take(max).collect();
            self.set_text(&text);
        }
    }

    fn set_text(&mut self, text: &str) {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        self.input = TextArea::new(lines);
        self.input.move_cursor(CursorMove::Bottom);
        self.input.move_cursor(CursorMove::End);
    }

    /// Checks the field as the user types: a picker still narrowing down to an option is
    /// not an error yet (saving checks it in full).
    pub fn check_typing(&mut self, cat: &Catalog, tz: Tz) {
        let narrowing = self
            .picker
            .as_ref()
            .is_some_and(|p| p.exact(&self.value()).is_none())
            && !self.matches().is_empty();
        if narrowing {
            self.error = None;
        } else {
            self.check(cat, tz);
        }
    }

    /// Checks the field against its declaration; the error names the field by its label.
    pub fn check(&mut self, cat: &Catalog, tz: Tz) {
        let result = self
            .spec
            .normalize(&self.stored(), tz)
            .map_err(|e| match (e, &self.picker) {
                // A picker's choices are named by their labels, not their codes.
                (Error::InvalidChoice { field, value, .. }, Some(p)) => Error::InvalidChoice {
                    field,
                    value,
                    expected: p
                        .options
                        .iter()
                        .map(|o| o.label.as_str())
                        .collect::<Vec<_>>()
                        .join("|"),
                },
                (e, _) => e,
            });
        self.error = result.err().map(|e| e.message(cat));
    }
}

#[cfg(test)]
#[path = "form_field_tests.rs"]
mod tests;
