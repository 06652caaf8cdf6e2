//! A declared record's fields as command-line flags (`--short-name`), generated from
//! the declaration so the CLI, the forms and the store check the same things.

use std::marker::PhantomData;

use chrono_tz::Tz;
use clap::{Arg, ArgMatches, Command};

use crate::domain::fields::{Choices, FieldKind, FieldSpec, Fill, Record};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::i18n::{Catalog, Lang};

/// The flags of record `R`'s fields and the values given for them.
#[derive(Debug, Clone)]
pub struct FieldArgs<R> {
    /// (field, text) for each flag given, in declaration order.
    pub given: Vec<(&'static str, String)>,
    record: PhantomData<R>,
}

impl<R> Default for FieldArgs<R> {
    fn default() -> Self {
        FieldArgs {
            given: Vec::new(),
            record: PhantomData,
        }
    }
}

/// The code a choice was given as: its code, or its label in either language.
pub fn choice_code(c: &Choices, text: &str) -> Option<&'static str> {
    let t = text.trim();
    c.code(t).or_else(|| {
        c.codes.iter().copied().find(|code| {
            let key = c.label_key(code);
            [Lang::Zh, Lang::En]
                .iter()
                .any(|l| l.catalog().get_owned(&key) == Some(t))
        })
    })
}

/// Parses a choice given for `flag` by its code or its label in either language.
pub fn choice<T>(
    c: &Choices,
    flag: &'static str,
    text: &str,
    parse: fn(FieldId, &str) -> Result<T, Error>,
) -> Result<T, Error> {
    parse(FieldId::flag(flag), choice_code(c, text).unwrap_or(text))
}

impl<R: Record> FieldArgs<R> {
    /// Sets every given flag on `r`; an error names the flag.
    pub fn apply(&self, r: &mut R, tz: Tz) -> Result<(), Error> {
        for (name, text) in &self.given {
            let spec = R::spec(name);
            let text = match spec.map(|s| s.kind) {
                Some(FieldKind::Choice(c)) => choice_code(&c, text).unwrap_or(text),
                _ => text.as_str(),
            };
            r.set_typed(name, Some(text), tz)
                .map_err(super::flag_error)?;
        }
        Ok(())
    }

    /// The text given for a field, if its flag was used.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Adds a record's declared fields to a JSON object by name, times in the user's zone.
pub fn json_fields<R: Record>(out: &mut serde_json::Value, r: &R, ctx: &super::Ctx) {
    for f in R::FIELDS {
        let v = r.get(f.name).map(|text| match f.kind {
            FieldKind::Time => crate::domain::time::stored_rfc3339(&text, ctx.tz),
            _ => text,
        });
        let v = match (f.kind, v) {
            (FieldKind::Number { .. }, Some(t)) => t.parse::<i64>().map_or(t.into(), Into::into),
            (FieldKind::Money, Some(t)) => t.parse::<f64>().map_or(t.into(), Into::into),
            (_, v) => v.into(),
        };
        out[f.name] = v;
    }
}

/// What `--help` says of a field: its English label and the form of its value.
fn help(f: &FieldSpec) -> String {
    let label = Catalog::en().get(&f.label_key()).to_string();
    let form = match f.kind {
        FieldKind::Choice(c) => c.codes.join("|"),
        FieldKind::Date => "YYYY-MM-DD".into(),
        FieldKind::Time => "YYYY-MM-DD HH:MM or RFC 3339".into(),
        FieldKind::Money => "RMB".into(),
        FieldKind::Phone => "e.g. 0512-6688 1234 or +86 138 0000 0000".into(),
        FieldKind::Email => "e.g. wang.wei@example.com".into(),
        FieldKind::Number { min, max } => format!("{min}..{max}"),
        FieldKind::Staff => "a username, e.g. li.na".into(),
        FieldKind::Customer => "e.g. C00001".into(),
        FieldKind::Text { max } | FieldKind::Note { max } => format!("at most {max} characters"),
        FieldKind::Tags { .. } => "comma-separated, e.g. \"export,automotive\"".into(),
    };
    match f.default {
        Fill::None => format!("{label} ({form})"),
        Fill::Now => format!("{label} ({form}) [default: now]"),
        Fill::Value(v) => format!("{label} ({form}) [default: {v}]"),
    }
}

fn args<R: Record>(cmd: Command, required: bool) -> Command {
    R::FIELDS.iter().fold(cmd, |cmd, f| {
        cmd.arg(
            Arg::new(f.name)
                .long(f.flag().trim_start_matches('-').to_string())
                .value_name(f.name.to_uppercase())
                .help(help(f))
                .required(required && f.required && f.default == Fill::None)
                .help_heading("Fields"),
        )
    })
}

impl<R: Record> clap::FromArgMatches for FieldArgs<R> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut out = FieldArgs::default();
        out.update_from_arg_matches(m)?;
        Ok(out)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        for f in R::FIELDS {
            if let Ok(Some(v)) = m.try_get_one::<String>(f.name) {
                self.given.retain(|(n, _)| *n != f.name);
                self.given.push((f.name, v.clone()));
            }
        }
        Ok(())
    }
}

impl<R: Record> clap::Args for FieldArgs<R> {
    fn augment_args(cmd: Command) -> Command {
        args::<R>(cmd, true)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        args::<R>(cmd, false)
    }
}

/// The same flags for an edit: none is required, and each one given replaces its field
/// (an empty value clears it).
#[derive(Debug, Clone)]
pub struct Changes<R>(pub FieldArgs<R>);

impl<R: Record> clap::FromArgMatches for Changes<R> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        FieldArgs::from_arg_matches(m).map(Changes)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
}

impl<R: Record> clap::Args for Changes<R> {
    fn augment_args(cmd: Command) -> Command {
        args::<R>(cmd, false)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        args::<R>(cmd, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{CustomerFields, Grade};
    use crate::domain::time::DEFAULT_TZ;
    use clap::{Args, FromArgMatches};

    fn parse(argv: &[&str]) -> Result<FieldArgs<CustomerFields>, clap::Error> {
        let cmd = FieldArgs::<CustomerFields>::augment_args(Command::new("t"));
        let m = cmd.try_get_matches_from(argv)?;
        FieldArgs::from_arg_matches(&m)
    }

    #[test]
    fn flags_come_from_the_declaration() {
        let a = parse(&[
            "t",
            "--name",
            "苏州恒瑞",
            "--short-name",
            "恒瑞",
            "--grade",
            "战略",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let mut c = CustomerFields::default();
        a.apply(&mut c, DEFAULT_TZ).unwrap();
        assert_eq!(c.short_name.as_deref(), Some("恒瑞"));
        assert_eq!(c.grade, Some(Grade::A), "a label in Chinese picks the code");
        assert!(
            parse(&["t", "--short-name", "x"]).is_err(),
            "--name is required"
        );
        assert!(parse(&["t", "--name", "x", "--colour", "red"]).is_err());
    }

    #[test]
    fn a_bad_value_names_the_flag() {
        let a = parse(&["t", "--name", "x", "--partner-since", "2020-02-31"]).unwrap();
        let err = a
            .apply(&mut CustomerFields::default(), DEFAULT_TZ)
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if *field == "--partner-since"),
            "{err:?}"
        );
    }
}
