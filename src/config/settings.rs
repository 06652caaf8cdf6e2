//! The settings a run starts from: embedded defaults, overridden item by item by the
//! user's config file. A bad file never stops kefu; it yields warnings instead.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::keymap::{key_label, parse_key, Keymap, Mode};
use super::theme::{self, Theme};
use crate::app::action::Action;
use crate::i18n::Catalog;

/// The embedded default config, also a commented example for users.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// Which language to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSetting {
    /// From the locale (LC_ALL, LC_MESSAGES, LANG).
    Auto,
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl LangSetting {
    /// Parses `auto`, `zh` or `en` (case-insensitive).
    pub fn parse(s: &str) -> Option<LangSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(LangSetting::Auto),
            "zh" => Some(LangSetting::Zh),
            "en" => Some(LangSetting::En),
            _ => None,
        }
    }
}

/// Everything the config file decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The language setting.
    pub lang: LangSetting,
    /// The configured theme name (`theme` shows what is drawn, e.g. mono under NO_COLOR).
    pub theme_name: String,
    /// The team's time zone, for SLA clocks and reports.
    pub timezone: Tz,
    /// How often to look for changes made in other terminals, in milliseconds.
    pub poll_ms: u64,
    /// Keys to actions, per mode.
    pub keymap: Keymap,
    /// The styles to draw with.
    pub theme: Theme,
}

impl Settings {
    /// The embedded defaults, with no user file.
    pub fn defaults() -> Settings {
        load(None, false).0
    }
}

/// A problem found in a config or theme file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The file with the problem.
    pub file: PathBuf,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a config or theme file; rendered through the message catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read (the OS's reason).
    Unreadable(String),
    /// Not valid TOML (the parser's message); the whole file is ignored.
    Syntax(String),
    /// A key kefu does not know (dotted path).
    UnknownKey(String),
    /// A value of the wrong TOML type; `expected` is `string`, `integer`, `boolean`,
    /// `table` or `string_list`.
    WrongType {
        /// Dotted path of the key.
        key: String,
        /// The type that was expected.
        expected: &'static str,
    },
    /// `[keys.NAME]` with a NAME that is not a mode.
    UnknownMode(String),
    /// An action name that is not bindable.
    UnknownAction {
        /// The mode table.
        mode: String,
        /// The unknown name.
        action: String,
    },
    /// A key string that does not parse.
    BadKey {
        /// The mode table.
        mode: String,
        /// The action.
        action: String,
        /// The key string as written.
        key: String,
    },
    /// One key bound to two actions in one mode (the later in help order keeps it).
    DuplicateKey {
        /// The mode table.
        mode: String,
        /// The key's label.
        key: String,
    },
    /// A colour that is not a name, `#rrggbb` or 0-255.
    BadColour {
        /// The style.
        style: String,
        /// The value as written.
        value: String,
    },
    /// A style name the theme does not have.
    UnknownStyle(String),
    /// A theme that is neither built in nor a file in the themes directory.
    UnknownTheme(String),
    /// A value outside what the key allows (lang, timezone, poll_ms).
    BadValue {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
    },
}

impl Problem {
    /// The message-catalog key for this problem (`config.syntax`, ...).
    pub fn catalog_key(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => "config.unreadable",
            Problem::Syntax(_) => "config.syntax",
            Problem::UnknownKey(_) => "config.unknown_key",
            Problem::WrongType { .. } => "config.wrong_type",
            Problem::UnknownMode(_) => "config.unknown_mode",
            Problem::UnknownAction { .. } => "config.unknown_action",
            Problem::BadKey { .. } => "config.bad_key",
            Problem::DuplicateKey { .. } => "config.duplicate_key",
            Problem::BadColour { .. } => "config.bad_colour",
            Problem::UnknownStyle(_) => "config.unknown_style",
            Problem::UnknownTheme(_) => "config.unknown_theme",
            Problem::BadValue { .. } => "config.bad_value",
        }
    }

    /// The placeholders of the catalog message and their values.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let s = |v: &String| v.clone();
        match self {
            Problem::Unreadable(d) | Problem::Syntax(d) => vec![("detail", s(d))],
            Problem::UnknownKey(k) => vec![("key", s(k))],
            Problem::WrongType { key, expected } => {
                vec![("key", s(key)), ("expected", expected.to_string())]
            }
            Problem::UnknownMode(m) => vec![("mode", s(m))],
            Problem::UnknownAction { mode, action } => {
                vec![("mode", s(mode)), ("action", s(action))]
            }
            Problem::BadKey { mode, action, key } => {
                vec![("mode", s(mode)), ("action", s(action)), ("key", s(key))]
            }
            Problem::DuplicateKey { mode, key } => vec![("mode", s(mode)), ("key", s(key))],
            Problem::BadColour { style, value } => vec![("style", s(style)), ("value", s(value))],
            Problem::UnknownStyle(st) => vec![("style", s(st))],
            Problem::UnknownTheme(t) => vec![("theme", s(t))],
            Problem::BadValue { key, value } => vec![("key", s(key)), ("value", s(value))],
        }
    }
}

impl ConfigWarning {
    /// The catalog key for where the problem is: `config.at_line` or `config.at_file`.
    pub fn location_key(&self) -> &'static str {
        if self.line.is_some() {
            "config.at_line"
        } else {
            "config.at_file"
        }
    }

    /// `file`, `line` (when known) and the problem's placeholders.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let mut args = vec![("file", self.file.display().to_string())];
        if let Some(line) = self.line {
            args.push(("line", line.to_string()));
        }
        args.extend(self.problem.args());
        args
    }

    /// The warning in the catalog's language: the location message fills `{where}`,
    /// `{expected}` is translated via `config.type.*`, and bad values get `config.hint.*`.
    pub fn render(&self, catalog: &Catalog) -> String {
        let mut args = self.args();
        // Type names and hints are words too, so they come from the catalog.
        for (name, value) in &mut args {
            if *name == "expected" {
                *value = catalog.get(&format!("config.type.{value}")).to_string();
            }
        }
        if let Problem::BadValue { key, .. } = &self.problem {
            args.push((
                "hint",
                catalog.get(&format!("config.hint.{key}")).to_string(),
            ));
        }
        let fmt = |args: &[(&str, String)], key: &str| {
            let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            catalog.fmt(key, &refs)
        };
        let place = fmt(&args, self.location_key());
        args.push(("where", place));
        fmt(&args, self.problem.catalog_key())
    }
}

/// The 1-based line of byte `offset` in `src`.
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// `<platform config dir>/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    super::project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The config file to read: the `--config` flag, else `KEFU_CONFIG`, else the platform one.
pub fn config_path(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("KEFU_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_config_path)
}

/// Loads the defaults, then `path` on top. A missing file is a warning unless it is the
/// platform default (most people never write one); any other problem is a warning too,
/// and the bad item keeps its default. With `no_color`, the mono theme without colours.
pub fn load(path: Option<&Path>, no_color: bool) -> (Settings, Vec<ConfigWarning>) {
    let mut warnings = Vec::new();
    let mut draft = Draft {
        lang: LangSetting::Auto,
        theme_name: "dark".to_string(),
        timezone: Tz::Asia__Shanghai,
        poll_ms: 1000,
        keys: Vec::new(),
    };
    let builtin = Path::new("default.toml");
    match DeTable::parse(DEFAULT_TOML) {
        Ok(doc) => draft.apply(DEFAULT_TOML, doc.get_ref(), builtin, None, &mut warnings),
        // A unit test keeps this from happening; the hard-coded values above still work.
        Err(e) => warnings.push(syntax(DEFAULT_TOML, builtin, &e)),
    }
    let themes_dir = path.and_then(Path::parent).map(|d| d.join("themes"));
    if let Some(path) = path {
        match std::fs::read_to_string(path) {
            Ok(src) => match DeTable::parse(&src) {
                Ok(doc) => draft.apply(
                    &src,
                    doc.get_ref(),
                    path,
                    themes_dir.as_deref(),
                    &mut warnings,
                ),
                Err(e) => warnings.push(syntax(&src, path, &e)),
            },
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && default_config_path().as_deref() == Some(path) => {}
            Err(e) => warnings.push(ConfigWarning {
                file: path.to_path_buf(),
                line: None,
                problem: Problem::Unreadable(e.to_string()),
            }),
        }
    }
    let (keymap, dups) = Keymap::build(
        draft
            .keys
            .iter()
            .map(|b| (b.mode, b.action.clone(), b.keys.clone())),
    );
    for dup in dups {
        // Blame the last binding of that key in that mode: the user's, when there is one.
        let culprit = draft
            .keys
            .iter()
            .rev()
            .find(|b| b.mode == dup.mode && b.keys.contains(&dup.key));
        let (file, line) =
            culprit.map_or((builtin.to_path_buf(), None), |b| (b.file.clone(), b.line));
        let problem = Problem::DuplicateKey {
            mode: dup.mode.name().to_string(),
            key: key_label(dup.key),
        };
        warnings.push(ConfigWarning {
            file,
            line,
            problem,
        });
    }
    let (mut theme, theme_warnings) = theme::load(&draft.theme_name, themes_dir.as_deref())
        .unwrap_or_else(|| (theme::dark(), Vec::new()));
    warnings.extend(theme_warnings);
    if no_color {
        theme = theme::builtin("mono")
            .unwrap_or_else(|| Theme::plain("mono"))
            .no_color();
    }
    let settings = Settings {
        lang: draft.lang,
        theme_name: draft.theme_name,
        timezone: draft.timezone,
        poll_ms: draft.poll_ms,
        keymap,
        theme,
    };
    (settings, warnings)
}

fn syntax(src: &str, file: &Path, e: &toml::de::Error) -> ConfigWarning {
    ConfigWarning {
        file: file.to_path_buf(),
        line: e.span().map(|s| line_of(src, s.start)),
        problem: Problem::Syntax(e.message().trim().to_string()),
    }
}

/// One `[keys.MODE] action = [...]` line, remembered for blaming duplicates.
struct Binding {
    mode: Mode,
    action: Action,
    keys: Vec<crate::app::action::crossterm_key::KeyPress>,
    file: PathBuf,
    line: Option<usize>,
}

/// Settings being assembled: each file applied in turn replaces what it names.
struct Draft {
    lang: LangSetting,
    theme_name: String,
    timezone: Tz,
    poll_ms: u64,
    keys: Vec<Binding>,
}

type Entry<'a> = (
    &'a Spanned<std::borrow::Cow<'a, str>>,
    &'a Spanned<DeValue<'a>>,
);

impl Draft {
    fn apply(
        &mut self,
        src: &str,
        doc: &DeTable<'_>,
        file: &Path,
        themes: Option<&Path>,
        out: &mut Vec<ConfigWarning>,
    ) {
        let at = |span: std::ops::Range<usize>| Some(line_of(src, span.start));
        let mut warn = |line, problem| {
            out.push(ConfigWarning {
                file: file.to_path_buf(),
                line,
                problem,
            })
        };
        for (key, value) in doc.iter() {
            let name = key.get_ref().as_ref();
            let line = at(value.span());
            let text = value.get_ref().as_str().map(str::to_string);
            let wrong = |expected| Problem::WrongType {
                key: name.to_string(),
                expected,
            };
            let bad = |v: &str| Problem::BadValue {
                key: name.to_string(),
                value: v.to_string(),
            };
            match (name, text) {
                ("lang", Some(v)) => match LangSetting::parse(&v) {
                    Some(l) => self.lang = l,
                    None => warn(line, bad(&v)),
                },
                ("theme", Some(v)) if theme::exists(v.trim(), themes) => {
                    self.theme_name = v.trim().to_string()
                }
                ("theme", Some(v)) => warn(line, Problem::UnknownTheme(v)),
                ("timezone", Some(v)) => match v.trim().parse::<Tz>() {
                    Ok(tz) => self.timezone = tz,
                    Err(_) => warn(line, bad(&v)),
                },
                ("lang" | "theme" | "timezone", None) => warn(line, wrong("string")),
                ("poll_ms", _) => match value.get_ref().as_integer() {
                    Some(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                        Ok(ms @ 200..=60000) => self.poll_ms = ms as u64,
                        _ => warn(line, bad(&i.to_string())),
                    },
                    None => warn(line, wrong("integer")),
                },
                ("keys", _) => match value.get_ref().as_table() {
                    Some(modes) => {
                        for entry in modes.iter() {
                            self.apply_mode(entry, &at, file, &mut warn);
                        }
                    }
                    None => warn(line, wrong("table")),
                },
                _ => warn(at(key.span()), Problem::UnknownKey(name.to_string())),
            }
        }
    }

    fn apply_mode(
        &mut self,
        (key, value): Entry<'_>,
        at: &impl Fn(std::ops::Range<usize>) -> Option<usize>,
        file: &Path,
        warn: &mut impl FnMut(Option<usize>, Problem),
    ) {
        let mode_name = key.get_ref().to_string();
        let Some(mode) = Mode::parse(&mode_name) else {
            return warn(at(key.span()), Problem::UnknownMode(mode_name));
        };
        let Some(actions) = value.get_ref().as_table() else {
            let key = format!("keys.{mode_name}");
            return warn(
                at(value.span()),
                Problem::WrongType {
                    key,
                    expected: "table",
                },
            );
        };
        for (akey, list) in actions.iter() {
            let action_name = akey.get_ref().to_string();
            let line = at(akey.span());
            let Some(action) = Action::from_name(&action_name) else {
                let problem = Problem::UnknownAction {
                    mode: mode_name.clone(),
                    action: action_name,
                };
                warn(line, problem);
                continue;
            };
            // A single string is accepted as a one-key list.
            let items: Vec<&Spanned<DeValue<'_>>> = match list.get_ref() {
                DeValue::Array(a) => a.iter().collect(),
                _ => vec![list],
            };
            let mut keys = Vec::new();
            for item in &items {
                let key = format!("keys.{mode_name}.{action_name}");
                match item.get_ref().as_str() {
                    Some(s) => match parse_key(s.trim()) {
                        Some(k) => keys.push(k),
                        None => warn(
                            at(item.span()),
                            Problem::BadKey {
                                mode: mode_name.clone(),
                                action: action_name.clone(),
                                key: s.to_string(),
                            },
                        ),
                    },
                    None => warn(
                        at(item.span()),
                        Problem::WrongType {
                            key,
                            expected: "string_list",
                        },
                    ),
                }
            }
            // A list whose every key is bad would unbind the action (perhaps `quit`);
            // keeping the previous keys is safer. `[]` still unbinds on purpose.
            if keys.is_empty() && !items.is_empty() {
                continue;
            }
            let file = file.to_path_buf();
            self.keys.push(Binding {
                mode,
                action,
                keys,
                file,
                line,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::crossterm_key::KeyPress;
    use ratatui::style::{Color, Style};

    fn k(s: &str) -> KeyPress {
        parse_key(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    fn s(v: &str) -> String {
        v.to_string()
    }

    /// Writes `config.toml` and `themes/calm.toml` into a fresh temp dir and loads them.
    fn load_src(src: &str) -> (Settings, Vec<ConfigWarning>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let calm = "[styles]\nok = { fg = \"greenish\" }\ntitle = { fg = \"blue\" }\n";
        let themes = dir.path().join("themes");
        let path = dir.path().join("config.toml");
        std::fs::create_dir(&themes)
            .and_then(|_| std::fs::write(themes.join("calm.toml"), calm))
            .and_then(|_| std::fs::write(&path, src))
            .unwrap_or_else(|e| panic!("write: {e}"));
        let (s, w) = load(Some(&path), false);
        (s, w, dir)
    }

    #[test]
    fn defaults_load_without_warnings() {
        let (s, w) = load(None, false);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!((s.lang, s.theme_name.as_str()), (LangSetting::Auto, "dark"));
        assert_eq!((s.timezone, s.poll_ms), (Tz::Asia__Shanghai, 1000));
        assert_eq!(s.theme, theme::dark());
        assert_eq!(s.keymap.resolve(Mode::Global, k("q")), Some(Action::Quit));
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let (s, w, _dir) = load_src("[keys.board]\nacknowledge = [\"A\"]\n");
        assert!(w.is_empty(), "{w:?}");
        let km = &s.keymap;
        assert_eq!(km.resolve(Mode::Board, k("A")), Some(Action::Acknowledge));
        assert_eq!(km.resolve(Mode::Board, k("a")), None);
        assert_eq!(km.keys_for(Mode::Board, &Action::Investigate), [k("i")]);
        assert_eq!(
            km.keys_for(Mode::Global, &Action::Quit),
            [k("q"), k("ctrl-c")]
        );
        assert_eq!(km.resolve(Mode::Detail, k("a")), Some(Action::Acknowledge));
        assert_eq!(s.theme, theme::dark());
    }

    #[test]
    fn a_user_theme_name_picks_that_theme() {
        let (s, w, _dir) = load_src("theme = \"light\"\nlang = \"zh\"\npoll_ms = 1_500\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(Some(s.theme), theme::builtin("light"));
        assert_eq!((s.lang, s.poll_ms), (LangSetting::Zh, 1500));
        let (s, w, _dir) = load_src("theme = \"calm\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(
            (s.theme.ok, s.theme.title),
            (theme::dark().ok, Style::new().fg(Color::Blue))
        );
    }

    #[test]
    fn a_broken_file_is_ignored_with_one_syntax_warning() {
        let src = "lang = \"en\"\npoll_ms = 500\ntheme = \n[keys.board]\nnew = [\"N\"]\n";
        let (s, w, dir) = load_src(src);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(matches!(w[0].problem, Problem::Syntax(_)), "{w:?}");
        assert_eq!(w[0].line, Some(3));
        assert_eq!(w[0].file, dir.path().join("config.toml"));
        assert_eq!(s, Settings::defaults());
    }

    #[test]
    fn each_bad_item_warns_and_the_rest_applies() {
        let bad = |key: &str, value: &str| Problem::BadValue {
            key: s(key),
            value: s(value),
        };
        let (board, wrong) = (
            s("board"),
            Problem::WrongType {
                key: s("poll_ms"),
                expected: "integer",
            },
        );
        let cases = [
            (
                "timezone = \"Mars/Olympus\"",
                bad("timezone", "Mars/Olympus"),
                2,
            ),
            ("poll_ms = 5", bad("poll_ms", "5"), 2),
            ("poll_ms = \"fast\"", wrong, 2),
            ("lang = \"fr\"", bad("lang", "fr"), 2),
            ("colour = true", Problem::UnknownKey(s("colour")), 2),
            (
                "theme = \"solarized\"",
                Problem::UnknownTheme(s("solarized")),
                2,
            ),
            (
                "[keys.sidebar]\nup = [\"k\"]",
                Problem::UnknownMode(s("sidebar")),
                2,
            ),
            (
                "[keys.board]\nlaunch = [\"l\"]",
                Problem::UnknownAction {
                    mode: board.clone(),
                    action: s("launch"),
                },
                3,
            ),
            (
                "[keys.board]\ndispose = [\"ctrl-foo\", \"D\"]",
                Problem::BadKey {
                    mode: board.clone(),
                    action: s("dispose"),
                    key: s("ctrl-foo"),
                },
                3,
            ),
            (
                "[keys.board]\nnew = [\"a\"]",
                Problem::DuplicateKey {
                    mode: board.clone(),
                    key: s("a"),
                },
                3,
            ),
            (
                "theme = \"calm\"",
                Problem::BadColour {
                    style: s("ok"),
                    value: s("greenish"),
                },
                2,
            ),
        ];
        for (line, expected, at) in cases {
            // The same good binding follows every bad item, and must still apply.
            let (st, w, _dir) = load_src(&format!("# kefu\n{line}\n[keys.list]\ntop = [\"t\"]\n"));
            assert_eq!(w.len(), 1, "{line}: {w:?}");
            assert_eq!(w[0].problem, expected, "{line}");
            let in_theme = matches!(expected, Problem::BadColour { .. });
            let file = if in_theme {
                "themes/calm.toml"
            } else {
                "config.toml"
            };
            assert!(w[0].file.ends_with(file), "{line}: {:?}", w[0].file);
            assert_eq!(w[0].line, Some(at), "{line}");
            assert_eq!(
                st.keymap.resolve(Mode::Board, k("t")),
                Some(Action::Top),
                "{line}"
            );
            assert_eq!((st.timezone, st.poll_ms), (Tz::Asia__Shanghai, 1000));
            assert_eq!(st.lang, LangSetting::Auto);
        }
        let (st, _, _dir) = load_src("[keys.board]\ndispose = [\"ctrl-foo\", \"D\"]\n");
        assert_eq!(st.keymap.keys_for(Mode::Board, &Action::Dispose), [k("D")]);
        let (st, _, _dir) = load_src("[keys.board]\nnew = [\"a\"]\n");
        assert_eq!(
            st.keymap.resolve(Mode::Board, k("a")),
            Some(Action::Acknowledge)
        );
        let (st, _, _dir) = load_src("theme = \"solarized\"\n");
        assert_eq!((st.theme_name.as_str(), st.theme), ("dark", theme::dark()));
    }

    #[test]
    fn a_list_of_only_bad_keys_keeps_the_default_but_empty_unbinds() {
        let (st, w, _dir) = load_src("[keys.global]\nquit = [\"ctlr-q\"]\nzoom = []\n");
        assert_eq!(w.len(), 1);
        assert_eq!(st.keymap.resolve(Mode::Global, k("q")), Some(Action::Quit));
        assert_eq!(st.keymap.resolve(Mode::Global, k("z")), None);
    }

    #[test]
    fn a_missing_named_file_warns() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("nope.toml");
        let (st, w) = load(Some(&path), false);
        assert_eq!(w.len(), 1);
        assert!(matches!(w[0].problem, Problem::Unreadable(_)));
        assert_eq!(st, Settings::defaults());
        assert_eq!(config_path(Some(&path)), Some(path));
    }

    #[test]
    fn no_color_uses_mono_without_colours() {
        let (_, _, dir) = load_src("theme = \"light\"\n");
        let (st, w) = load(Some(&dir.path().join("config.toml")), true);
        assert!(w.is_empty());
        assert_eq!(st.theme_name, "light");
        assert_eq!(Some(st.theme), theme::builtin("mono").map(Theme::no_color));
    }

    #[test]
    fn warnings_render_through_the_catalog() {
        let cat = Catalog::parse(
            "[config]\nat_line = \"{file}, line {line}\"\nat_file = \"{file}\"\n\
             wrong_type = \"{where}: {key} must be {expected}\"\n\
             bad_value = \"{where}: {key} = {value}: {hint}\"\n\
             [config.type]\ninteger = \"a whole number\"\n[config.hint]\npoll_ms = \"200-60000\"\n",
        )
        .unwrap_or_else(|e| panic!("catalog: {e}"));
        let problem = Problem::WrongType {
            key: s("poll_ms"),
            expected: "integer",
        };
        let w = ConfigWarning {
            file: PathBuf::from("k.toml"),
            line: Some(4),
            problem,
        };
        assert_eq!(
            w.render(&cat),
            "k.toml, line 4: poll_ms must be a whole number"
        );
        let problem = Problem::BadValue {
            key: s("poll_ms"),
            value: s("5"),
        };
        let w = ConfigWarning {
            line: None,
            problem,
            ..w
        };
        assert_eq!(w.render(&cat), "k.toml: poll_ms = 5: 200-60000");
    }
}
