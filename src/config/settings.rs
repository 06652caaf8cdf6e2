//! The settings a run starts from: embedded defaults, overridden item by item by the
//! user's config file. A bad file never stops kefu; it yields warnings instead.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::keymap::{key_label, parse_key, Keymap, Mode};
use super::theme::{self, Theme};
use crate::input::action::Action;

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
    /// Ring the terminal bell when a clock on the board becomes breached.
    pub bell: bool,
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

pub use super::warning::{ConfigWarning, Problem};

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
        bell: false,
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
    let build = |keys: &[Binding]| {
        Keymap::build(
            keys.iter()
                .map(|b| (b.mode, b.action.clone(), b.keys.clone())),
        )
    };
    let (mut keymap, mut dups) = build(&draft.keys);
    // A keymap with no way out of the workbench is not taken as it is.
    if keymap.keys_for(Mode::Global, &Action::Quit).is_empty() {
        let culprit = draft.keys.iter().rev().find(|b| b.action == Action::Quit);
        let (file, line) =
            culprit.map_or((builtin.to_path_buf(), None), |b| (b.file.clone(), b.line));
        if let Some(ctrl_c) = parse_key("ctrl-c") {
            draft.keys.push(Binding {
                mode: Mode::Global,
                action: Action::Quit,
                keys: vec![ctrl_c],
                file: file.clone(),
                line,
            });
        }
        (keymap, dups) = build(&draft.keys);
        warnings.push(ConfigWarning {
            file,
            line,
            problem: Problem::NoQuit,
        });
    }
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
        bell: draft.bell,
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
    keys: Vec<crate::input::action::crossterm_key::KeyPress>,
    file: PathBuf,
    line: Option<usize>,
}

/// Settings being assembled: each file applied in turn replaces what it names.
struct Draft {
    lang: LangSetting,
    theme_name: String,
    timezone: Tz,
    poll_ms: u64,
    bell: bool,
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
                ("bell", _) => match value.get_ref().as_bool() {
                    Some(b) => self.bell = b,
                    None => warn(line, wrong("true or false")),
                },
                ("keys", _) => match value.get_ref().as_table() {
                    Some(modes) => {
                        for entry in modes.iter() {
                            self.apply_mode(entry, &at, file, &mut warn);
                        }
                    }
                    None => warn(line, wrong("table")),
                },
                // The SLA policy is read by config::policy from the same file.
                ("sla" | "returns" | "kpi", _) => {}
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
#[path = "settings_tests.rs"]
mod tests;
