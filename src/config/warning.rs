//! Problems found in config and theme files, rendered through the message catalogs.

use std::path::PathBuf;

use crate::i18n::Catalog;

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
    /// No key quits the workbench any more; ctrl-c was given back to quit.
    NoQuit,
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
            Problem::NoQuit => "config.no_quit",
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
            Problem::NoQuit => Vec::new(),
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
