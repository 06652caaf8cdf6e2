//! Keys to actions, per mode: key strings (`ctrl-s`, `G`, `pagedown`), and the lookup chain
//! that lets the panes share the list and global bindings.

use std::collections::HashMap;

use crate::input::action::crossterm_key::{KeyCode, KeyModifiers, KeyPress};
use crate::input::action::{Action, BINDABLE};
pub use crate::input::mode::Mode;

/// Named keys, as written in the config and shown on the help screen.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

const PREFIXES: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

/// Parses a key string such as `a`, `G`, `?`, `enter`, `f5`, `ctrl-s`, `ctrl-alt-x`.
pub fn parse_key(s: &str) -> Option<KeyPress> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    // Strip prefixes only while something follows them, so `-` and `ctrl--` still work.
    'prefixes: loop {
        for (prefix, m) in PREFIXES {
            let n = prefix.len();
            if rest.len() > n && rest.is_char_boundary(n) && rest[..n].eq_ignore_ascii_case(prefix)
            {
                mods |= *m;
                rest = &rest[n..];
                continue 'prefixes;
            }
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => named(&rest.to_ascii_lowercase())?,
    };
    Some(normalize(KeyPress { code, mods }))
}

fn named(lower: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Some(*code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// Makes a parsed key equal to what `KeyPress::from_event` produces for the same keys.
fn normalize(mut k: KeyPress) -> KeyPress {
    if k.mods.contains(KeyModifiers::SHIFT) {
        match k.code {
            KeyCode::Char(c) => {
                // The terminal sends Shift+a as 'A'; from_event then drops the Shift.
                k.mods.remove(KeyModifiers::SHIFT);
                let mut up = c.to_uppercase();
                if let (Some(u), None) = (up.next(), up.next()) {
                    k.code = KeyCode::Char(u);
                }
            }
            KeyCode::Tab | KeyCode::BackTab => {
                k.mods.remove(KeyModifiers::SHIFT);
                k.code = KeyCode::BackTab;
            }
            _ => {}
        }
    }
    k
}

/// The key as the config writes it (`ctrl-s`, `G`, `pagedown`); `parse_key` reads it back.
pub fn key_label(key: KeyPress) -> String {
    let mut out = String::new();
    for (prefix, m) in PREFIXES {
        if key.mods.contains(*m) {
            out.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::Char(' ') => out.push_str("space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => out.push_str(&format!("f{n}")),
        code => match NAMED.iter().find(|(_, c)| *c == code) {
            Some((name, _)) => out.push_str(name),
            None => out.push_str(&format!("{code:?}").to_ascii_lowercase()),
        },
    }
    out
}

/// One mode's bindings, in BINDABLE order, plus the reverse lookup.
#[derive(Debug, Clone, Default, PartialEq)]
struct Table {
    bindings: Vec<(Action, Vec<KeyPress>)>,
    lookup: HashMap<KeyPress, Action>,
}

impl Table {
    /// Adds `action`'s keys; a key another action had moves here, and is returned with
    /// the action that lost it.
    fn bind(&mut self, action: &Action, keys: &[KeyPress]) -> Vec<(KeyPress, Action)> {
        let (mut own, mut lost) = (Vec::new(), Vec::new());
        for &key in keys {
            if own.contains(&key) {
                continue;
            }
            own.push(key);
            match self.lookup.insert(key, action.clone()) {
                Some(prev) if prev != *action => {
                    for (a, ks) in &mut self.bindings {
                        if *a == prev {
                            ks.retain(|k| *k != key);
                        }
                    }
                    lost.push((key, prev));
                }
                _ => {}
            }
        }
        self.bindings.push((action.clone(), own));
        lost
    }
}

/// The bindings of every mode, built from the merged `[keys.*]` tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    tables: Vec<Table>,
}

/// A key bound to two actions in one mode; the action later in BINDABLE order kept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The mode whose table has the clash.
    pub mode: Mode,
    /// The key.
    pub key: KeyPress,
    /// The action that lost the key.
    pub lost: Action,
    /// The action that kept it.
    pub kept: Action,
}

impl Keymap {
    /// Builds the keymap from (mode, action, keys) triples; later triples for the same
    /// mode and action replace earlier ones. Also returns the keys bound twice in a mode.
    pub fn build<I>(bindings: I) -> (Keymap, Vec<Duplicate>)
    where
        I: IntoIterator<Item = (Mode, Action, Vec<KeyPress>)>,
    {
        // Indexed [mode][position in BINDABLE]: Action has no Hash, and non-bindable
        // actions (Tick, Key...) simply find no slot.
        let mut raw: Vec<Vec<Option<Vec<KeyPress>>>> =
            vec![vec![None; BINDABLE.len()]; Mode::ALL.len()];
        for (mode, action, keys) in bindings {
            if let Some(i) = BINDABLE.iter().position(|(a, _)| *a == action) {
                raw[mode.index()][i] = Some(keys);
            }
        }
        let (mut tables, mut dups) = (Vec::new(), Vec::new());
        for mode in Mode::ALL {
            let mut table = Table::default();
            // BINDABLE order decides who wins a clash, so the result does not depend on
            // the order of keys in the file (which the TOML map does not keep).
            for (i, (action, _)) in BINDABLE.iter().enumerate() {
                let Some(keys) = &raw[mode.index()][i] else {
                    continue;
                };
                for (key, lost) in table.bind(action, keys) {
                    let kept = action.clone();
                    dups.push(Duplicate {
                        mode,
                        key,
                        lost,
                        kept,
                    });
                }
            }
            tables.push(table);
        }
        (Keymap { tables }, dups)
    }

    fn table(&self, mode: Mode) -> Option<&Table> {
        self.tables.get(mode.index())
    }

    /// The action for `key` in `mode`, searching the mode's chain (see `Mode::chain`).
    pub fn resolve(&self, mode: Mode, key: KeyPress) -> Option<Action> {
        mode.chain()
            .iter()
            .find_map(|m| self.table(*m)?.lookup.get(&key).cloned())
    }

    /// The keys bound to `action` in `mode`'s own table (not the chain).
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<KeyPress> {
        self.table(mode)
            .and_then(|t| t.bindings.iter().find(|(a, _)| a == action))
            .map(|(_, keys)| keys.clone())
            .unwrap_or_default()
    }

    /// The actions reachable in `mode`, in BINDABLE order, each with the labels of the keys
    /// that really reach it (a key taken by an earlier table in the chain is left out).
    pub fn help(&self, mode: Mode) -> Vec<(Action, Vec<String>)> {
        let mut out = Vec::new();
        for (action, _) in BINDABLE {
            let mut labels: Vec<String> = Vec::new();
            for m in mode.chain() {
                for key in self.keys_for(*m, action) {
                    let label = key_label(key);
                    if self.resolve(mode, key).as_ref() == Some(action) && !labels.contains(&label)
                    {
                        labels.push(label);
                    }
                }
            }
            if !labels.is_empty() {
                out.push((action.clone(), labels));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::Settings;
    use crate::input::action::{Movement, StepKey};

    fn k(s: &str) -> KeyPress {
        parse_key(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    fn defaults() -> Keymap {
        Settings::defaults().keymap
    }

    #[test]
    fn key_strings_parse() {
        let kp = |code, mods| KeyPress { code, mods };
        let (ctrl, alt) = (KeyModifiers::CONTROL, KeyModifiers::ALT);
        assert_eq!(k("ctrl-s"), kp(KeyCode::Char('s'), ctrl));
        assert_eq!(k("CTRL-Alt-x"), kp(KeyCode::Char('x'), ctrl | alt));
        assert_eq!(k("ctrl--"), kp(KeyCode::Char('-'), ctrl));
        assert_eq!(k("G"), KeyPress::plain(KeyCode::Char('G')));
        assert_eq!(k("shift-a"), KeyPress::plain(KeyCode::Char('A')));
        assert_eq!(k("shift-tab"), KeyPress::plain(KeyCode::BackTab));
        assert_eq!(k("backtab"), KeyPress::plain(KeyCode::BackTab));
        assert_eq!(k("Enter"), KeyPress::plain(KeyCode::Enter));
        assert_eq!(k("F12"), KeyPress::plain(KeyCode::F(12)));
        assert_eq!(k("-"), KeyPress::plain(KeyCode::Char('-')));
        for bad in [
            "", "f13", "f0", "ctrl-", "enterr", "ctrl-foo", "hyper-x", "ab",
        ] {
            assert_eq!(parse_key(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parsed_keys_match_terminal_events() {
        use crate::input::action::crossterm_key::KeyEvent;
        let ev = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(KeyPress::from_event(ev), k("shift-a"));
        assert_eq!(KeyPress::from_event(ev), k("A"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(KeyPress::from_event(ev), k("backtab"));
    }

    #[test]
    fn labels_round_trip() {
        let keys = "a G ? / - space enter esc tab backtab backspace delete insert up down \
                    left right home end pageup pagedown f1 f12 ctrl-s ctrl-alt-x alt-enter \
                    shift-up ctrl--";
        for s in keys.split_whitespace() {
            assert_eq!(key_label(k(s)), s);
            assert_eq!(k(&key_label(k(s))), k(s));
        }
        assert_eq!(key_label(k("shift-a")), "A");
        assert_eq!(key_label(k("Ctrl-PageDown")), "ctrl-pagedown");
    }

    #[test]
    fn resolve_follows_the_chain_of_each_mode() {
        let km = defaults();
        let r = |m, s| km.resolve(m, k(s));
        assert_eq!(r(Mode::Global, "q"), Some(Action::Quit));
        assert_eq!(r(Mode::Global, "j"), None);
        assert_eq!(r(Mode::List, "j"), Some(Action::Move(Movement::Down)));
        assert_eq!(r(Mode::List, "ctrl-c"), Some(Action::Quit));
        assert_eq!(r(Mode::Customers, "esc"), Some(Action::Back));
        assert_eq!(r(Mode::Customers, "/"), Some(Action::Filter));
        assert_eq!(r(Mode::Customers, "a"), None);
        assert_eq!(
            r(Mode::Board, "a"),
            Some(Action::Step(StepKey::Acknowledge))
        );
        assert_eq!(r(Mode::Board, "G"), Some(Action::Move(Movement::Bottom)));
        assert_eq!(r(Mode::Board, "g"), Some(Action::Jump));
        assert_eq!(r(Mode::Board, "home"), Some(Action::Move(Movement::Top)));
        assert_eq!(r(Mode::Palette, "q"), None);
        assert_eq!(r(Mode::Palette, "down"), Some(Action::Move(Movement::Down)));
        assert_eq!(r(Mode::Board, "tab"), Some(Action::FocusNext));
        assert_eq!(r(Mode::Detail, "c"), Some(Action::Step(StepKey::Close)));
        assert_eq!(r(Mode::Detail, "n"), None);
        assert_eq!(r(Mode::Form, "j"), None);
        assert_eq!(r(Mode::Form, "q"), None);
        assert_eq!(r(Mode::Form, "tab"), Some(Action::NextField));
        // ↓ goes to the form: the next field, or the next option of a picker.
        assert_eq!(r(Mode::Form, "down"), None);
        assert_eq!(r(Mode::Form, "ctrl-s"), Some(Action::Save));
        assert_eq!(r(Mode::Filter, "enter"), Some(Action::Open));
        assert_eq!(r(Mode::Filter, "q"), None);
        assert_eq!(r(Mode::Help, "q"), Some(Action::Back));
        assert_eq!(r(Mode::Help, "?"), Some(Action::Back));
        assert_eq!(r(Mode::Confirm, "y"), Some(Action::Confirm));
        assert_eq!(r(Mode::Confirm, "n"), Some(Action::Back));
        assert_eq!(r(Mode::Confirm, "q"), None);
    }

    #[test]
    fn every_bindable_action_is_bound_by_default() {
        let km = defaults();
        for (action, name) in BINDABLE {
            let bound = Mode::ALL
                .iter()
                .any(|m| !km.keys_for(*m, action).is_empty());
            assert!(bound, "{name} has no default key");
        }
    }

    #[test]
    fn help_lists_live_keys_in_bindable_order() {
        let km = defaults();
        let help = km.help(Mode::Board);
        let find = |a: Action| help.iter().find(|(x, _)| *x == a).map(|(_, l)| l.clone());
        assert_eq!(
            find(Action::Step(StepKey::Acknowledge)),
            Some(vec!["a".to_string()])
        );
        assert_eq!(
            find(Action::Quit),
            Some(vec!["q".to_string(), "ctrl-c".to_string()])
        );
        assert_eq!(find(Action::Filter), Some(vec!["/".to_string()]));
        assert_eq!(find(Action::Edit), Some(vec!["e".to_string()]));
        let order: Vec<_> = help.iter().map(|(a, _)| a.name()).collect();
        let expected: Vec<_> = BINDABLE
            .iter()
            .map(|(_, n)| Some(*n))
            .filter(|n| order.contains(n))
            .collect();
        assert_eq!(order, expected);
        // Form mode sees only its own table.
        assert!(km.help(Mode::Form).iter().all(|(a, _)| *a != Action::Quit));
    }

    #[test]
    fn shadowed_keys_are_not_listed_for_the_later_table() {
        let (km, dups) = Keymap::build([
            (Mode::Board, Action::Step(StepKey::Dispose), vec![k("q")]),
            (Mode::Global, Action::Quit, vec![k("q"), k("ctrl-c")]),
        ]);
        assert!(dups.is_empty());
        assert_eq!(
            km.resolve(Mode::Board, k("q")),
            Some(Action::Step(StepKey::Dispose))
        );
        let help = km.help(Mode::Board);
        let quit = help.iter().find(|(a, _)| *a == Action::Quit);
        assert_eq!(
            quit.map(|(_, l)| l.clone()),
            Some(vec!["ctrl-c".to_string()])
        );
        assert_eq!(km.keys_for(Mode::Global, &Action::Quit).len(), 2);
    }

    #[test]
    fn a_key_bound_twice_goes_to_the_later_bindable_action() {
        let (km, dups) = Keymap::build([
            (Mode::Board, Action::Step(StepKey::Close), vec![k("x")]),
            (Mode::Board, Action::New, vec![k("x"), k("n")]),
        ]);
        assert_eq!(
            km.resolve(Mode::Board, k("x")),
            Some(Action::Step(StepKey::Close))
        );
        assert_eq!(km.keys_for(Mode::Board, &Action::New), vec![k("n")]);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].lost, Action::New);
        assert_eq!(dups[0].kept, Action::Step(StepKey::Close));
    }

    #[test]
    fn mode_names_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.name()), Some(m));
        }
        assert_eq!(Mode::parse("Board"), None);
    }
}
