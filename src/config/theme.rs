//! Themes are data: named styles read from `themes/*.toml` (built-ins compiled in, user
//! themes beside the config file).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::settings::{line_of, ConfigWarning, Problem};

const DARK_SRC: &str = include_str!("../../themes/dark.toml");
const LIGHT_SRC: &str = include_str!("../../themes/light.toml");
const MONO_SRC: &str = include_str!("../../themes/mono.toml");

/// The names of the built-in themes.
pub const BUILTIN: &[&str] = &["dark", "light", "mono"];

macro_rules! theme_struct {
    ($($field:ident: $doc:literal,)*) => {
        /// A named style for every kind of thing the workbench draws.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            /// The theme's name (`dark`, or the user theme's file stem).
            pub name: String,
            $(#[doc = $doc] pub $field: Style,)*
        }

        /// The style names a theme file may set, in struct order.
        pub const STYLE_NAMES: &[&str] = &[$(stringify!($field)),*];

        impl Theme {
            /// A theme with every style empty (the terminal's own colours).
            pub fn plain(name: &str) -> Theme {
                Theme { name: name.to_string(), $($field: Style::default(),)* }
            }

            /// The style called `name` in theme files, for changing it.
            pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            /// Every style with its name, in struct order.
            pub fn styles(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

theme_struct! {
    base: "Everything not styled otherwise.",
    title: "Pane and screen titles.",
    border: "Borders of panes without focus.",
    focus_border: "The border of the focused pane.",
    header: "Table headers.",
    selected: "The selected row.",
    muted: "Secondary text.",
    key_hint: "Key names in hints and the help screen.",
    status: "The status bar.",
    error: "Error messages.",
    ok: "Success messages.",
    warning: "An SLA clock close to its limit.",
    breached: "An SLA clock past its limit.",
    paused: "An SLA clock that is paused.",
    urgent: "Urgent complaints.",
    grade_a: "Customer grade A.",
    grade_b: "Customer grade B.",
    grade_c: "Customer grade C.",
    grade_d: "Customer grade D.",
    met: "A KPI that meets its target.",
    not_met: "A KPI below its target.",
    chart_overall: "The overall series in charts.",
    chart_grade_a: "The grade-A series in charts.",
    chart_target: "The target line in charts.",
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("dim", Modifier::DIM),
];

impl Theme {
    /// The same theme without any foreground or background colour (modifiers kept).
    pub fn no_color(mut self) -> Theme {
        for (name, _) in self.styles() {
            if let Some(style) = self.style_mut(name) {
                style.fg = None;
                style.bg = None;
            }
        }
        self
    }
}

/// Whether `NO_COLOR` is set to something non-empty (https://no-color.org).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A built-in theme by name (`dark`, `light`, `mono`).
pub fn builtin(name: &str) -> Option<Theme> {
    let src = match name {
        "dark" => DARK_SRC,
        "light" => LIGHT_SRC,
        "mono" => MONO_SRC,
        _ => return None,
    };
    // Built-ins start from nothing rather than from dark, so mono cannot inherit a colour;
    // a unit test keeps them free of warnings and complete.
    let (theme, _) = parse(src, Theme::plain(name), Path::new(name));
    Some(theme)
}

/// The built-in dark theme, the default and the base of user themes.
pub fn dark() -> Theme {
    builtin("dark").unwrap_or_else(|| Theme::plain("dark"))
}

/// Whether `name` can name a user theme file (no path separators or dots that could
/// reach outside the themes directory).
fn valid_user_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The file a user theme called `name` would live in.
pub fn user_theme_path(name: &str, themes_dir: &Path) -> Option<PathBuf> {
    valid_user_name(name).then(|| themes_dir.join(format!("{name}.toml")))
}

/// Whether `name` is a built-in theme or a user theme file in `themes_dir`.
pub fn exists(name: &str, themes_dir: Option<&Path>) -> bool {
    BUILTIN.contains(&name)
        || themes_dir
            .and_then(|d| user_theme_path(name, d))
            .is_some_and(|p| p.is_file())
}

/// Loads theme `name`: a built-in, else `<themes_dir>/NAME.toml` on top of dark.
/// None when there is no such theme; problems inside a user theme file come back as
/// warnings (the bad styles keep dark's).
pub fn load(name: &str, themes_dir: Option<&Path>) -> Option<(Theme, Vec<ConfigWarning>)> {
    if let Some(theme) = builtin(name) {
        return Some((theme, Vec::new()));
    }
    let path = user_theme_path(name, themes_dir?)?;
    if !path.is_file() {
        return None;
    }
    let base = Theme {
        name: name.to_string(),
        ..dark()
    };
    match std::fs::read_to_string(&path) {
        Ok(src) => Some(parse(&src, base, &path)),
        Err(e) => Some((
            base,
            vec![ConfigWarning {
                file: path,
                line: None,
                problem: Problem::Unreadable(e.to_string()),
            }],
        )),
    }
}

/// Applies a theme file's styles on top of `base`. A file that is not valid TOML leaves
/// `base` as it is; a bad entry is skipped with a warning.
pub fn parse(src: &str, base: Theme, file: &Path) -> (Theme, Vec<ConfigWarning>) {
    let mut theme = base;
    let mut warnings = Vec::new();
    let mut warn = |span: Option<std::ops::Range<usize>>, problem| {
        warnings.push(ConfigWarning {
            file: file.to_path_buf(),
            line: span.map(|s| line_of(src, s.start)),
            problem,
        })
    };
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc.into_inner(),
        Err(e) => {
            warn(e.span(), Problem::Syntax(e.message().to_string()));
            return (theme, warnings);
        }
    };
    for (key, value) in doc.iter() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            // The file's own name is informational: the theme is known by its file name.
            ("name", DeValue::String(_)) => {}
            ("styles", DeValue::Table(styles)) => {
                for (name, entry) in styles.iter() {
                    let name = name.get_ref().as_ref();
                    let Some(slot) = theme.style_mut(name) else {
                        warn(Some(entry.span()), Problem::UnknownStyle(name.to_string()));
                        continue;
                    };
                    if let Some(style) = parse_style(name, entry, &mut warn) {
                        *slot = style;
                    }
                }
            }
            ("name", _) | ("styles", _) => {
                let k = key.get_ref().to_string();
                let expected = if k == "name" { "string" } else { "table" };
                warn(Some(value.span()), Problem::WrongType { key: k, expected });
            }
            (other, _) => warn(Some(key.span()), Problem::UnknownKey(other.to_string())),
        }
    }
    (theme, warnings)
}

/// One `name = { fg = ..., bold = ... }` entry; None when anything in it is wrong, so the
/// style keeps the base theme's look rather than a half-applied one.
fn parse_style(
    name: &str,
    entry: &Spanned<DeValue<'_>>,
    warn: &mut impl FnMut(Option<std::ops::Range<usize>>, Problem),
) -> Option<Style> {
    let Some(table) = entry.get_ref().as_table() else {
        let key = format!("styles.{name}");
        warn(
            Some(entry.span()),
            Problem::WrongType {
                key,
                expected: "table",
            },
        );
        return None;
    };
    let mut style = Style::default();
    let mut ok = true;
    let mut warn = |span, problem| {
        ok = false;
        warn(span, problem);
    };
    for (k, v) in table.iter() {
        let k = k.get_ref().as_ref();
        let full = format!("styles.{name}.{k}");
        if k == "fg" || k == "bg" {
            let Some(text) = v.get_ref().as_str() else {
                warn(
                    Some(v.span()),
                    Problem::WrongType {
                        key: full,
                        expected: "string",
                    },
                );
                continue;
            };
            match Color::from_str(text.trim()) {
                Ok(c) if k == "fg" => style = style.fg(c),
                Ok(c) => style = style.bg(c),
                Err(_) => warn(
                    Some(v.span()),
                    Problem::BadColour {
                        style: name.to_string(),
                        value: text.to_string(),
                    },
                ),
            }
        } else if let Some((_, m)) = MODIFIERS.iter().find(|(n, _)| *n == k) {
            match v.get_ref().as_bool() {
                Some(true) => style = style.add_modifier(*m),
                Some(false) => {}
                None => warn(
                    Some(v.span()),
                    Problem::WrongType {
                        key: full,
                        expected: "boolean",
                    },
                ),
            }
        } else {
            warn(Some(v.span()), Problem::UnknownKey(full));
        }
    }
    ok.then_some(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_every_style(src: &str) -> bool {
        let Ok(doc) = toml::from_str::<toml::Table>(src) else {
            return false;
        };
        let styles = doc.get("styles").and_then(|s| s.as_table());
        STYLE_NAMES
            .iter()
            .all(|n| styles.is_some_and(|t| t.contains_key(*n)))
    }

    #[test]
    fn builtins_load_cleanly_and_are_complete() {
        for (name, src) in [("dark", DARK_SRC), ("light", LIGHT_SRC), ("mono", MONO_SRC)] {
            let (theme, warnings) = parse(src, Theme::plain(name), Path::new(name));
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            assert!(names_every_style(src), "{name} leaves a style out");
            assert_eq!(builtin(name), Some(theme));
        }
        assert_eq!(builtin("solarized"), None);
    }

    #[test]
    fn mono_has_no_colour_and_every_state_differs() {
        let mono = builtin("mono").unwrap_or_else(|| Theme::plain("missing"));
        for (name, style) in mono.styles() {
            assert_eq!((style.fg, style.bg), (None, None), "mono {name}");
        }
        assert!(mono.selected.add_modifier.contains(Modifier::REVERSED));
        let states = [mono.ok, mono.warning, mono.breached, mono.paused];
        for (i, a) in states.iter().enumerate() {
            for b in &states[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_ne!(mono.border, mono.focus_border);
        assert_ne!(mono.met, mono.not_met);
    }

    #[test]
    fn dark_tells_states_apart() {
        let dark = dark();
        assert_ne!(dark.breached, dark.ok);
        assert_ne!(dark.breached, dark.warning);
        assert_ne!(dark.met, dark.not_met);
        assert!(dark.breached.fg.is_some());
    }

    #[test]
    fn light_never_puts_white_on_white() {
        let light = builtin("light").unwrap_or_else(|| Theme::plain("missing"));
        for (name, style) in light.styles() {
            let pale = [
                Some(Color::White),
                Some(Color::Gray),
                Some(Color::LightYellow),
            ];
            let bg_is_light = style.bg.is_none() || pale.contains(&style.bg);
            assert!(!(bg_is_light && pale.contains(&style.fg)), "light {name}");
        }
    }

    #[test]
    fn no_color_strips_colours_and_keeps_modifiers() {
        let plain = dark().no_color();
        for (name, style) in plain.styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
        assert!(plain.breached.add_modifier.contains(Modifier::BOLD));
        assert_eq!(plain.name, "dark");
    }

    #[test]
    fn user_theme_overrides_some_styles_and_reports_bad_entries() {
        let src = "name = \"mine\"\n[styles]\nok = { fg = \"#00ff00\" }\n\
                   breached = { fg = \"reddish\", bold = true }\nglow = { bold = true }\n\
                   met = { bold = \"yes\" }\n";
        let (t, w) = parse(src, dark(), Path::new("mine.toml"));
        assert_eq!(t.ok, Style::default().fg(Color::Rgb(0, 255, 0)));
        assert_eq!(t.breached, dark().breached);
        assert_eq!(t.met, dark().met);
        assert_eq!(t.title, dark().title);
        let problems: Vec<_> = w.iter().map(|w| (&w.problem, w.line)).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.contains(&(
            &Problem::BadColour {
                style: "breached".into(),
                value: "reddish".into()
            },
            Some(4)
        )));
        assert!(problems.contains(&(&Problem::UnknownStyle("glow".into()), Some(5))));
        assert!(problems.iter().any(|(p, l)| matches!(p,
            Problem::WrongType { key, .. } if key == "styles.met.bold")
            && *l == Some(6)));
    }

    #[test]
    fn user_theme_files_are_found_beside_the_config() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let file = dir.path().join("calm.toml");
        std::fs::write(&file, "[styles]\ntitle = { fg = \"blue\" }\n")
            .unwrap_or_else(|e| panic!("write: {e}"));
        let (t, w) = load("calm", Some(dir.path())).unwrap_or_else(|| panic!("calm not found"));
        assert!(w.is_empty());
        assert_eq!(t.name, "calm");
        assert_eq!(t.title, Style::default().fg(Color::Blue));
        assert_eq!(t.ok, dark().ok);
        assert!(load("nope", Some(dir.path())).is_none());
        assert!(load("../calm", Some(dir.path())).is_none());
        assert!(!exists("nope", Some(dir.path())));
        assert!(exists("calm", Some(dir.path())) && exists("mono", None));
    }
}
