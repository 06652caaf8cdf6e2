//! The palette and the jump in the workbench: opening them over the current view, typing,
//! asking the store for records, and running what is chosen.

use super::component::{Effect, Handled, Job};
use super::palette::{Command, Entry, Palette, RECORDS};
use super::{Action, App};
use crate::i18n::Lang;
use crate::input::action::Movement;

impl App {
    /// Opens the palette over the focused view (the jump: records only).
    pub(super) fn open_palette(&mut self, records_only: bool) {
        let mode = self.mode_under_help();
        let other = match self.lang {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
        .catalog();
        let commands = self
            .keymap
            .help(mode)
            .into_iter()
            .filter(|(a, _)| !matches!(a, Action::Palette | Action::Jump))
            .map(|(action, keys)| {
                let label = self.action_text(self.cat, mode, &action);
                let name = action.name().unwrap_or_default();
                let haystack = format!("{label} {} {name}", self.action_text(other, mode, &action));
                Command {
                    action,
                    keys: keys.join(" "),
                    label: label.to_string(),
                    haystack,
                }
            })
            .collect();
        self.palette = Some(Palette::new(commands, records_only));
    }

    /// A key while the palette is open.
    pub(super) fn palette_key(&mut self, action: &Action) -> Handled {
        let Some(p) = self.palette.as_mut() else {
            return Handled::NotConsumed;
        };
        let before = p.query.clone();
        match action {
            Action::Key(k) => p.key(k.code, k.mods),
            Action::Paste(text) => p.paste(text),
            Action::Move(m) => p.step(match m {
                Movement::Up => -1,
                Movement::Down => 1,
                Movement::PageUp => -10,
                Movement::PageDown => 10,
                Movement::Top => isize::MIN / 2,
                Movement::Bottom => isize::MAX / 2,
            }),
            Action::Back => self.palette = None,
            Action::Open => {
                let chosen = p.chosen().cloned();
                self.palette = None;
                self.run_entry(chosen);
            }
            Action::Tick
            | Action::DataChanged
            | Action::Refresh
            | Action::Resize(..)
            | Action::Quit => return Handled::NotConsumed,
            _ => {}
        }
        let query = self.palette.as_ref().map(|p| p.query.clone());
        if let Some(q) = query.filter(|q| *q != before && !q.trim().is_empty()) {
            self.submit(vec![Job::new("palette", move |s| {
                let found = s.find_records(&q, RECORDS)?;
                Ok((q, found))
            })]);
        }
        Handled::Consumed
    }

    fn run_entry(&mut self, entry: Option<Entry>) {
        match entry {
            Some(Entry::Command(c)) => self.update(c.action),
            Some(Entry::Record(found)) => {
                if let Some(view) = (self.record_view)(found.kind, &found.key) {
                    self.effect(Effect::Open(view));
                }
            }
            None => {}
        }
    }

    /// What an action does, as the help screen says it in `mode` (in `cat`'s language).
    pub fn action_text(
        &self,
        cat: &'static crate::i18n::Catalog,
        mode: crate::input::mode::Mode,
        action: &Action,
    ) -> &'static str {
        cat.in_place("act", mode.name(), action.name().unwrap_or("none"))
    }
}
