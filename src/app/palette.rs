//! The command palette (`:` or Ctrl-P) and the jump (`g`): fuzzy-find an action of the
//! current view by its name in either language or its key, or a record by number, code
//! or name. The records come from the store (a job); the actions are ranked here.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::input::action::crossterm_key::{KeyCode, KeyModifiers};
use crate::input::action::Action;
use crate::store::search::Found;

/// An action the palette offers: what it does, its keys, and the text it is found by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The action.
    pub action: Action,
    /// Its keys, as the help screen writes them.
    pub keys: String,
    /// What it does (localised).
    pub label: String,
    /// What a search matches: the label, the other language's label, the config name.
    pub haystack: String,
}

/// One line of the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Run an action.
    Command(Command),
    /// Open a record.
    Record(Found),
}

/// The palette's state.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    /// What is typed.
    pub query: String,
    /// Opened by the jump: records only.
    pub records_only: bool,
    /// The actions of the view under it.
    commands: Vec<Command>,
    /// Records the store found for the query.
    records: Vec<Found>,
    /// The lines shown, best first.
    pub shown: Vec<Entry>,
    /// The selected line.
    pub selected: usize,
}

/// Records asked of the store per kind.
pub const RECORDS: usize = 8;

impl Palette {
    /// A palette over `commands` (none when it is the jump).
    pub fn new(commands: Vec<Command>, records_only: bool) -> Palette {
        let mut p = Palette {
            commands: if records_only { Vec::new() } else { commands },
            records_only,
            ..Palette::default()
        };
        p.rank();
        p
    }

    /// Types a character.
    pub fn push(&mut self, c: char) {
        self.query.push(c);
        self.rank();
    }

    /// Deletes the last character.
    pub fn pop(&mut self) {
        self.query.pop();
        self.rank();
    }

    /// Types a key (text keys and Backspace; others are ignored).
    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        if crate::input::typing::type_into(&mut self.query, code, mods) {
            self.rank();
        }
    }

    /// Adds pasted text (its first line).
    pub fn paste(&mut self, text: &str) {
        crate::input::typing::paste_into(&mut self.query, text);
        self.rank();
    }

    /// The store's answer for `query` (ignored when the query has moved on).
    pub fn set_records(&mut self, query: &str, records: Vec<Found>) {
        if query == self.query {
            self.records = records;
            self.rank();
        }
    }

    /// Moves the selection by `d` lines.
    pub fn step(&mut self, d: isize) {
        let n = self.shown.len();
        if n > 0 {
            self.selected = self.selected.saturating_add_signed(d).min(n - 1);
        }
    }

    /// The selected line.
    pub fn chosen(&self) -> Option<&Entry> {
        self.shown.get(self.selected)
    }

    /// Ranks the commands against the query (all of them, in help order, when it is
    /// empty) and puts the records after them.
    fn rank(&mut self) {
        let q = self.query.trim();
        let mut shown: Vec<Entry> = if q.is_empty() {
            self.commands.iter().cloned().map(Entry::Command).collect()
        } else {
            let pattern = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            let mut scored: Vec<(u32, &Command)> = self
                .commands
                .iter()
                .filter_map(|c| {
                    let hay = Utf32Str::new(&c.haystack, &mut buf);
                    pattern.score(hay, &mut matcher).map(|s| (s, c))
                })
                .collect();
            // Stable: equal scores keep help order.
            scored.sort_by_key(|s| std::cmp::Reverse(s.0));
            scored
                .into_iter()
                .map(|(_, c)| Entry::Command(c.clone()))
                .collect()
        };
        if !q.is_empty() {
            shown.extend(self.records.iter().cloned().map(Entry::Record));
        }
        self.shown = shown;
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::RecordKind;

    fn cmd(action: Action, label: &str, other: &str) -> Command {
        let name = action.name().unwrap_or_default();
        Command {
            keys: "x".into(),
            label: label.into(),
            haystack: format!("{label} {other} {name}"),
            action,
        }
    }

    fn palette() -> Palette {
        use crate::input::action::StepKey;
        Palette::new(
            vec![
                cmd(
                    Action::Step(StepKey::Acknowledge),
                    "Complaint: first response given",
                    "客诉：已首次响应",
                ),
                cmd(
                    Action::Step(StepKey::Escalate),
                    "Complaint: escalate to the supervisor",
                    "客诉：升级给主管",
                ),
                cmd(Action::Quit, "Quit kefu", "退出"),
            ],
            false,
        )
    }

    fn actions(p: &Palette) -> Vec<Option<&'static str>> {
        p.shown
            .iter()
            .map(|e| match e {
                Entry::Command(c) => c.action.name(),
                Entry::Record(_) => None,
            })
            .collect()
    }

    #[test]
    fn empty_lists_every_command_in_order() {
        assert_eq!(
            actions(&palette()),
            vec![Some("acknowledge"), Some("escalate"), Some("quit")]
        );
    }

    #[test]
    fn fuzzy_finds_by_either_language_and_by_config_name() {
        let mut p = palette();
        for c in "esc".chars() {
            p.push(c);
        }
        assert_eq!(actions(&p).first(), Some(&Some("escalate")));
        let mut p = palette();
        p.push('升');
        p.push('级');
        assert_eq!(actions(&p), vec![Some("escalate")]);
        let mut p = palette();
        p.paste("ack\nignored");
        assert_eq!(p.query, "ack");
        assert_eq!(actions(&p), vec![Some("acknowledge")]);
        p.pop();
        p.pop();
        p.pop();
        assert_eq!(actions(&p).len(), 3);
    }

    #[test]
    fn records_follow_commands_only_for_their_query() {
        let mut p = palette();
        p.push('q');
        let found = Found {
            kind: RecordKind::Customer,
            key: "C00001".into(),
            label: "Quanta".into(),
        };
        p.set_records("stale", vec![found.clone()]);
        assert!(!p.shown.contains(&Entry::Record(found.clone())));
        p.set_records("q", vec![found.clone()]);
        assert_eq!(p.shown.last(), Some(&Entry::Record(found)));
        p.step(10);
        assert_eq!(p.selected, p.shown.len() - 1);
        p.step(-10);
        assert_eq!(p.selected, 0);
    }

    #[test]
    fn the_jump_offers_records_only() {
        let mut p = Palette::new(palette().commands, true);
        p.push('e');
        assert!(p.shown.is_empty());
    }
}
