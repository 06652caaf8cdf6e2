//! Message catalogs: every user-visible string comes from here, in zh-CN or English.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const EN_SRC: &str = include_str!("../i18n/en.toml");
const ZH_SRC: &str = include_str!("../i18n/zh-CN.toml");

/// A language kefu speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US`... (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the language from the locale variables (LC_ALL, LC_MESSAGES, LANG), in that order.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.is_empty()) {
                return Lang::parse(&v).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }

    /// The catalog for this language.
    pub fn catalog(self) -> &'static Catalog {
        match self {
            Lang::En => Catalog::en(),
            Lang::Zh => Catalog::zh(),
        }
    }
}

/// A flat map of message keys to templates with `{name}` placeholders.
#[derive(Debug)]
pub struct Catalog {
    messages: BTreeMap<String, String>,
}

impl Catalog {
    /// Parses a catalog from TOML text (`key = "text"`, tables flatten to `table.key`).
    pub fn parse(src: &str) -> Result<Catalog, toml::de::Error> {
        let value: toml::Table = toml::from_str(src)?;
        let mut messages = BTreeMap::new();
        flatten("", &value, &mut messages);
        Ok(Catalog { messages })
    }

    /// The embedded English catalog.
    pub fn en() -> &'static Catalog {
        static EN: OnceLock<Catalog> = OnceLock::new();
        EN.get_or_init(|| embedded(EN_SRC))
    }

    /// The embedded Chinese catalog.
    pub fn zh() -> &'static Catalog {
        static ZH: OnceLock<Catalog> = OnceLock::new();
        ZH.get_or_init(|| embedded(ZH_SRC))
    }

    /// All keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    /// The message for `key`, or the key itself when missing (a test keeps catalogs complete).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.messages.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The message for `key`, if the catalog has one.
    pub fn get_owned(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    /// The message for `key` from an embedded catalog, or `?` when missing.
    pub fn get_static(&'static self, key: &str) -> &'static str {
        self.get_owned(key).unwrap_or("?")
    }

    /// What `name` does where it is used: `{section}_in.{place}.{name}` when the place
    /// says it its own way, else `{section}.{name}` (`act_in.records.new`, `act.new`).
    pub fn in_place(&'static self, section: &str, place: &str, name: &str) -> &'static str {
        self.get_owned(&format!("{section}_in.{place}.{name}"))
            .unwrap_or_else(|| self.get_static(&format!("{section}.{name}")))
    }

    /// The message for `key` with `{name}` placeholders filled from `args`.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A message about `n` things, `{n}` filled: `KEY_one` when `n` is 1 ("1 urgent
    /// complaint"), else `KEY` ("2 urgent complaints"); Chinese says both alike.
    pub fn fmt_count(&self, key: &str, n: usize) -> String {
        let one = format!("{key}_one");
        let template = match self.get_owned(&one) {
            Some(t) if n == 1 => t,
            Some(_) | None => self.get(key),
        };
        fill(template, &[("n", &n.to_string())])
    }
}

/// Replaces `{name}` in `template` with the matching value of `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn embedded(src: &str) -> Catalog {
    // The embedded catalogs are checked by a unit test; an empty one here only shows keys.
    Catalog::parse(src).unwrap_or(Catalog {
        messages: BTreeMap::new(),
    })
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out),
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thing_is_said_in_the_singular() {
        let en = Catalog::en();
        assert_eq!(
            en.fmt_count("ui.urgent_notice", 1),
            "⚑ 1 urgent complaint open"
        );
        assert_eq!(
            en.fmt_count("ui.urgent_notice", 2),
            "⚑ 2 urgent complaints open"
        );
        assert_eq!(
            Catalog::zh().fmt_count("ui.urgent_notice", 1),
            "⚑ 紧急客诉 1 件未结"
        );
    }

    #[test]
    fn embedded_catalogs_parse_and_have_the_same_keys() {
        let en = Catalog::parse(EN_SRC).expect("en.toml parses");
        let zh = Catalog::parse(ZH_SRC).expect("zh-CN.toml parses");
        let en_keys: Vec<_> = en.keys().collect();
        let zh_keys: Vec<_> = zh.keys().collect();
        let missing_zh: Vec<_> = en_keys.iter().filter(|k| !zh_keys.contains(k)).collect();
        let missing_en: Vec<_> = zh_keys.iter().filter(|k| !en_keys.contains(k)).collect();
        assert!(missing_zh.is_empty(), "missing from zh-CN: {missing_zh:?}");
        assert!(missing_en.is_empty(), "missing from en: {missing_en:?}");
        assert!(en_keys.len() > 20);
    }

    #[test]
    fn placeholders_match_between_catalogs() {
        let (en, zh) = (Catalog::en(), Catalog::zh());
        for key in en.keys() {
            let names = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next().map(str::to_string))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(
                names(en.get(key)),
                names(zh.get(key)),
                "placeholders of {key}"
            );
        }
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(fill("{a}-{b}-{c", &[("a", "1"), ("b", "二")]), "1-二-{c");
        assert_eq!(fill("x{zz}y", &[]), "x{zz}y");
    }

    #[test]
    fn locale_detection() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }
}
