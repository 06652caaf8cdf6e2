//! The library's error type; its text comes from the message catalogs.

use std::path::PathBuf;

use crate::field_id::FieldId;
use crate::i18n::Catalog;
use crate::kind::RecordKind;

/// Everything that can go wrong in kefu's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given for a field is not one of the allowed choices.
    #[error("{}", self.message(Catalog::en()))]
    InvalidChoice {
        /// The field, flag or place.
        field: FieldId,
        /// What was given.
        value: String,
        /// The allowed values.
        expected: String,
    },
    /// A time could not be read.
    #[error("{}", self.message(Catalog::en()))]
    InvalidTime {
        /// The field, flag or place.
        field: FieldId,
        /// What was given.
        value: String,
    },
    /// A value breaks a rule; `rule` is the catalog key that explains the rule.
    #[error("{}", self.message(Catalog::en()))]
    Invalid {
        /// The field, flag or place.
        field: FieldId,
        /// What was given.
        value: String,
        /// Catalog key of the rule broken.
        rule: &'static str,
    },
    /// A required field was left out or empty.
    #[error("{}", self.message(Catalog::en()))]
    Required {
        /// The field, flag or place.
        field: FieldId,
    },
    /// A record that was named does not exist.
    #[error("{}", self.message(Catalog::en()))]
    NotFound {
        /// The kind of record.
        kind: RecordKind,
        /// The code or number given.
        key: String,
    },
    /// A record with that key exists already.
    #[error("{}", self.message(Catalog::en()))]
    Duplicate {
        /// The field that must be unique.
        field: FieldId,
        /// The value given.
        value: String,
    },
    /// Someone else changed the record since it was read.
    #[error("{}", self.message(Catalog::en()))]
    Conflict {
        /// The kind of record.
        kind: RecordKind,
        /// The record's code or number.
        key: String,
    },
    /// A complaint cannot move to that step from where it is.
    #[error("{}", self.message(Catalog::en()))]
    IllegalMove {
        /// The complaint number.
        number: String,
        /// Catalog key of the step it is at (`step.received`).
        from: &'static str,
        /// Catalog key of the step it was asked to go to.
        to: &'static str,
        /// Catalog key of the step that must come first (None when it is finished).
        needs: Option<&'static str>,
    },
    /// A move the complaint has already made (a key pressed twice): nothing is written.
    #[error("{}", self.message(Catalog::en()))]
    AlreadyDone {
        /// The complaint number.
        number: String,
        /// Catalog key of what it already is (`step.acknowledged`, `done.escalated`).
        state: &'static str,
    },
    /// A move or change is refused by a rule; `rule` is the catalog key that explains it.
    #[error("{}", self.message(Catalog::en()))]
    Refused {
        /// The record concerned.
        number: String,
        /// Catalog key of the rule.
        rule: &'static str,
    },
    /// The database holds data and the command would overwrite it.
    #[error("{}", self.message(Catalog::en()))]
    NotEmpty {
        /// The database file.
        path: PathBuf,
    },
    /// The database was written by a newer kefu.
    #[error("{}", self.message(Catalog::en()))]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version found.
        found: i64,
        /// The newest version this binary knows.
        supported: i64,
    },
    /// There is no database at the path (only `kefu init` makes one).
    #[error("{}", self.message(Catalog::en()))]
    NoDatabase {
        /// The path given.
        path: PathBuf,
    },
    /// The database may be read but not changed by this user.
    #[error("{}", self.message(Catalog::en()))]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },
    /// The acting person does not hold a permission.
    #[error("{}", self.message(Catalog::en()))]
    NotPermitted {
        /// Catalog key of the permission.
        permission: &'static str,
        /// Catalog keys of the roles that hold it.
        holders: Vec<&'static str>,
    },
    /// The history or a record was changed behind kefu's back (`kefu audit verify`).
    #[error("{}", self.message(Catalog::en()))]
    Tampered {
        /// Catalog key of what was found.
        key: &'static str,
        /// Its details, for the message.
        args: Vec<(&'static str, String)>,
    },
    /// The OS account is not active staff of this database.
    #[error("{}", self.message(Catalog::en()))]
    NotStaff {
        /// The OS account.
        user: String,
    },
    /// Something allowed only on a sandbox database was asked of one holding real records.
    #[error("{}", self.message(Catalog::en()))]
    SandboxOnly {
        /// What was asked (`--now`, `demo --force`).
        what: String,
    },
    /// The file is not a SQLite database (or is damaged).
    #[error("{}", self.message(Catalog::en()))]
    NotADatabase {
        /// The database file.
        path: PathBuf,
    },
    /// The database could not be opened or created.
    #[error("{}", self.message(Catalog::en()))]
    CannotOpen {
        /// The database file.
        path: PathBuf,
        /// Why, as the system said it.
        reason: String,
    },
    /// Any other database failure.
    #[error("{}", self.message(Catalog::en()))]
    Db(#[from] rusqlite::Error),
}

impl Error {
    /// Whether the user can fix this by changing the input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::InvalidChoice { .. }
                | Error::InvalidTime { .. }
                | Error::Invalid { .. }
                | Error::Required { .. }
                | Error::NotFound { .. }
                | Error::Duplicate { .. }
                | Error::NotEmpty { .. }
                | Error::IllegalMove { .. }
                | Error::AlreadyDone { .. }
                | Error::Refused { .. }
                | Error::NoDatabase { .. }
                | Error::NotADatabase { .. }
                | Error::SandboxOnly { .. }
        )
    }

    /// The field the error names, if it names one.
    pub fn field(&self) -> Option<&FieldId> {
        match self {
            Error::InvalidChoice { field, .. }
            | Error::InvalidTime { field, .. }
            | Error::Invalid { field, .. }
            | Error::Required { field }
            | Error::Duplicate { field, .. } => Some(field),
            Error::NotFound { .. }
            | Error::Conflict { .. }
            | Error::IllegalMove { .. }
            | Error::AlreadyDone { .. }
            | Error::Refused { .. }
            | Error::NotEmpty { .. }
            | Error::NoDatabase { .. }
            | Error::ReadOnly { .. }
            | Error::SandboxOnly { .. }
            | Error::NotStaff { .. }
            | Error::NotPermitted { .. }
            | Error::Tampered { .. }
            | Error::SchemaTooNew { .. }
            | Error::NotADatabase { .. }
            | Error::CannotOpen { .. }
            | Error::Db(_) => None,
        }
    }

    /// The same error naming another field (a flag at the CLI, say); others unchanged.
    pub fn naming(self, f: impl FnOnce(FieldId) -> FieldId) -> Error {
        match self {
            Error::InvalidChoice {
                field,
                value,
                expected,
            } => Error::InvalidChoice {
                field: f(field),
                value,
                expected,
            },
            Error::InvalidTime { field, value } => Error::InvalidTime {
                field: f(field),
                value,
            },
            Error::Invalid { field, value, rule } => Error::Invalid {
                field: f(field),
                value,
                rule,
            },
            Error::Required { field } => Error::Required { field: f(field) },
            Error::Duplicate { field, value } => Error::Duplicate {
                field: f(field),
                value,
            },
            other => other,
        }
    }

    /// The message in the catalog's language, on one line and with any control character
    /// someone typed made harmless (a message echoes what was given).
    pub fn message(&self, cat: &Catalog) -> String {
        crate::text::sanitize(&self.words(cat)).into_owned()
    }

    fn words(&self, cat: &Catalog) -> String {
        match self {
            Error::InvalidChoice {
                field,
                value,
                expected,
            } => cat.fmt(
                "err.invalid_choice",
                &[
                    ("field", &field.words(cat)),
                    ("value", value),
                    ("expected", expected),
                ],
            ),
            Error::InvalidTime { field, value } => cat.fmt(
                "err.invalid_time",
                &[("field", &field.words(cat)), ("value", value)],
            ),
            Error::Invalid { field, value, rule } => cat.fmt(
                "err.invalid",
                &[
                    ("field", &field.words(cat)),
                    ("value", value),
                    ("rule", cat.get(rule)),
                ],
            ),
            Error::Required { field } => cat.fmt("err.required", &[("field", &field.words(cat))]),
            Error::NotFound { kind, key } => cat.fmt(
                "err.not_found",
                &[("kind", cat.get(kind.label_key())), ("key", key)],
            ),
            Error::Duplicate { field, value } => cat.fmt(
                "err.duplicate",
                &[("field", &field.words(cat)), ("value", value)],
            ),
            Error::Conflict { kind, key } => cat.fmt(
                "err.conflict",
                &[("kind", cat.get(kind.label_key())), ("key", key)],
            ),
            Error::IllegalMove {
                number,
                from,
                to,
                needs,
            } => {
                let args = [
                    ("number", number.as_str()),
                    ("from", cat.get(from)),
                    ("to", cat.get(to)),
                    ("needs", needs.map(|n| cat.get(n)).unwrap_or("")),
                ];
                match needs {
                    Some(_) => cat.fmt("err.illegal_move", &args),
                    None => cat.fmt("err.finished", &args),
                }
            }
            Error::AlreadyDone { number, state } => cat.fmt(
                "err.already_done",
                &[("number", number), ("state", cat.get(state))],
            ),
            Error::Refused { number, rule } => cat.fmt(
                "err.refused",
                &[("number", number), ("rule", cat.get(rule))],
            ),
            Error::NotEmpty { path } => {
                cat.fmt("err.not_empty", &[("path", &path.display().to_string())])
            }
            Error::SchemaTooNew {
                path,
                found,
                supported,
            } => cat.fmt(
                "err.schema_too_new",
                &[
                    ("path", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            Error::NoDatabase { path } => {
                cat.fmt("err.no_database", &[("path", &path.display().to_string())])
            }
            Error::ReadOnly { path } => {
                cat.fmt("err.read_only", &[("path", &path.display().to_string())])
            }
            Error::SandboxOnly { what } => cat.fmt("err.sandbox_only", &[("what", what)]),
            Error::NotStaff { user } => cat.fmt("err.not_staff", &[("user", user)]),
            Error::Tampered { key, args } => {
                let args: Vec<(&str, &str)> = args
                    .iter()
                    .map(|(k, v)| {
                        (
                            *k,
                            if k.starts_with("problem") {
                                cat.get(v)
                            } else {
                                v
                            },
                        )
                    })
                    .collect();
                cat.fmt(key, &args)
            }
            Error::NotPermitted {
                permission,
                holders,
            } => {
                let who: Vec<&str> = holders.iter().map(|h| cat.get(h)).collect();
                cat.fmt(
                    "err.not_permitted",
                    &[
                        ("permission", cat.get(permission)),
                        ("holders", &who.join(", ")),
                    ],
                )
            }
            Error::NotADatabase { path } => cat.fmt(
                "err.not_a_database",
                &[("path", &path.display().to_string())],
            ),
            Error::CannotOpen { path, reason } => cat.fmt(
                "err.cannot_open",
                &[("path", &path.display().to_string()), ("reason", reason)],
            ),
            Error::Db(e) => cat.fmt("err.db", &[("reason", &e.to_string())]),
        }
    }
}

/// kefu's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
