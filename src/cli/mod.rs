//! The `kefu` subcommands: text for people, `--json` for scripts.

pub mod args;
mod audit;
pub(crate) mod capa;
pub mod care;
mod complaint;
mod complaint_show;
pub mod contact;
mod customer;
pub mod customer_args;
pub mod customer_field;
mod customer_import;
mod customer_query;
mod customer_sheet;
mod data;
pub mod fields;
pub mod grade;
mod history;
pub mod improvement;
pub mod inquiry;
mod knowhow;
pub mod lead;
mod meeting;
mod moves;
pub mod nps;
mod nps_answers;
pub mod nps_campaign;
mod nps_paper;
pub mod output;
mod policy;
mod report;
mod shared;
mod sla_json;
pub(crate) mod staff;
mod stats;
pub mod suggestion;
pub mod survey;
mod survey_record;
mod survey_report;
mod team;
mod workbench;

use crate::field_id::FieldId;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::settings::{LangSetting, Settings};
use crate::domain::time::{parse_time, parse_tz};
use crate::error::{Error, Result};
use crate::i18n::{Catalog, Lang};
use crate::store::open::Access;
use crate::store::Store;
use args::{Cli, Command};

/// How the team's settings are named in problems with them.
pub const TEAM_SETTINGS_SOURCE: &str = "team settings (kefu settings export)";

/// What every command needs: language, zone, clock, database and actor.
pub struct Ctx {
    /// The language.
    pub lang: Lang,
    /// The message catalog.
    pub cat: &'static Catalog,
    /// The time zone.
    pub tz: Tz,
    /// Now (the clock, or `--now`).
    pub now: DateTime<Utc>,
    /// Print JSON.
    pub json: bool,
    /// The database file.
    pub db: PathBuf,
    /// Who acts.
    pub user: String,
    /// `--db` was not given: the database is in kefu's own data directory.
    pub db_is_default: bool,
    /// `--now` (or `KEFU_NOW`) was given: honoured for writes only on a sandbox.
    pub now_given: bool,
    /// `--user` (or `KEFU_USER`) was given: honoured only on a sandbox.
    pub user_given: bool,
    /// The SLA policy (clocks, rules, working-time calendar).
    pub policy: crate::domain::sla::SlaPolicy,
    /// Problems found in the `[sla]` section or the holidays file (localised).
    pub problems: Vec<String>,
}

/// Picks the language: `--lang` / `KEFU_LANG`, else the config file, else the locale.
pub fn resolve_lang(flag: Option<&str>, config: LangSetting) -> Result<Lang> {
    match (flag, config) {
        (Some(s), _) => Lang::parse(s).ok_or_else(|| Error::InvalidChoice {
            field: FieldId::flag("--lang"),
            value: s.into(),
            expected: "zh|en".into(),
        }),
        (None, LangSetting::Zh) => Ok(Lang::Zh),
        (None, LangSetting::En) => Ok(Lang::En),
        (None, LangSetting::Auto) => Ok(Lang::from_locale(|k| std::env::var(k).ok())),
    }
}

impl Ctx {
    /// Builds the context from the parsed command line and the config's time zone.
    pub fn new(cli: &Cli, lang: Lang, config_tz: Tz) -> Result<Ctx> {
        let tz = match &cli.tz {
            Some(s) => parse_tz(FieldId::flag("--tz"), s)?,
            None => config_tz,
        };
        let now = match &cli.now {
            Some(s) => parse_time(FieldId::flag("--now"), s, tz)?,
            None => Utc::now(),
        };
        let default = if cli.demo {
            crate::config::demo_db_path()
        } else {
            crate::config::default_db_path()
        };
        let db = match (&cli.db, cli.demo) {
            (Some(p), false) => p.clone(),
            _ => default.ok_or_else(|| Error::Required {
                field: FieldId::flag("--db"),
            })?,
        };
        let user = cli
            .user
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(crate::identity::os_account);
        // The team's settings come from the database (read-only, no lock), never from a
        // personal config file, which only hears that it still holds some.
        let team = Store::open_for(&db, Access::Read, &user, now, tz)
            .ok()
            .and_then(|s| s.team_settings().ok().flatten());
        let (policy, problems) =
            crate::config::policy::load(tz, team.as_deref(), TEAM_SETTINGS_SOURCE);
        let mut problems: Vec<String> =
            problems.iter().map(|p| p.message(lang.catalog())).collect();
        let config = crate::config::settings::config_path(cli.config.as_deref());
        let misplaced = crate::config::policy::misplaced(config.as_deref());
        if !misplaced.is_empty() {
            problems.push(lang.catalog().fmt(
                "msg.team_settings_in_config",
                &[("found", &misplaced.join(", "))],
            ));
        }
        Ok(Ctx {
            policy,
            problems,
            lang,
            cat: lang.catalog(),
            tz,
            now,
            json: cli.json,
            db,
            user,
            db_is_default: cli.db.is_none() || cli.demo,
            now_given: cli.now.is_some(),
            user_given: cli.user.as_deref().is_some_and(|u| !u.trim().is_empty()),
        })
    }

    /// Opens the database to read and write (brought up to date first).
    pub fn open(&self) -> Result<Store> {
        self.open_for(Access::Write)
    }

    /// Opens the database to read only: no lock taken, nothing written.
    pub fn read(&self) -> Result<Store> {
        self.open_for(Access::Read)
    }

    /// Opens the database as `access` needs. On a database of real records `--now` for
    /// a write and `--user` are refused, and the OS account must be active staff;
    /// `init` makes it the first administrator of a database that has none.
    pub fn open_for(&self, access: Access) -> Result<Store> {
        let store = Store::open_for(&self.db, access, &self.user, self.now, self.tz)?;
        let sandbox = store.is_sandbox()?;
        if !sandbox {
            if self.user_given {
                return Err(Error::SandboxOnly {
                    what: "--user".into(),
                });
            }
            if self.now_given && access != Access::Read {
                return Err(Error::SandboxOnly {
                    what: "--now".into(),
                });
            }
        }
        // `init` may be run by someone not yet on the list: it makes them the first admin.
        let creating = matches!(access, Access::Create { .. });
        if !sandbox && !creating && store.role_of(&self.user)?.is_none() {
            return Err(Error::NotStaff {
                user: self.user.clone(),
            });
        }
        Ok(store)
    }

    /// Puts whoever runs `init` on a database with no active administrator on its staff
    /// list as its administrator; returns whether it did.
    pub fn make_first_admin(&self, store: &mut Store) -> Result<bool> {
        if store.active_admins()? > 0 {
            return Ok(false);
        }
        let user = self.user.clone();
        store.write(|tx| match tx.role_of(&user)? {
            Some(_) => tx.set_role(&user, crate::domain::staff::Role::Admin),
            None => tx.add_staff(&crate::domain::staff::Staff {
                username: user.clone(),
                name: user.clone(),
                role: crate::domain::staff::Role::Admin,
                supervisor: None,
                active: true,
            }),
        })?;
        Ok(true)
    }

    /// Reads a time given for `field`.
    pub fn time(&self, flag: &'static str, s: &str) -> Result<DateTime<Utc>> {
        parse_time(FieldId::flag(flag), s, self.tz)
    }

    /// An optional time flag, defaulting to now.
    pub fn time_or_now(&self, flag: &'static str, s: Option<&str>) -> Result<DateTime<Utc>> {
        s.map(|s| self.time(flag, s)).unwrap_or(Ok(self.now))
    }

    /// Says "saved" (text) or `{"ok": true}` (JSON).
    pub fn saved(&self) -> anyhow::Result<()> {
        if self.json {
            output::print_json(&serde_json::json!({ "ok": true }))?;
        } else {
            output::print(&format!("{}\n", self.t("msg.saved")))?;
        }
        Ok(())
    }

    /// A message from the catalog.
    pub fn t(&self, key: &str) -> String {
        self.cat.get(key).to_string()
    }
}

/// Runs one subcommand, or the workbench when there is none.
pub fn run(cli: &Cli, ctx: &Ctx, settings: Settings, warnings: Vec<String>) -> anyhow::Result<()> {
    let command = match &cli.command {
        None => return workbench::run(cli, ctx, settings, warnings),
        Some(Command::Meeting(a)) if !meeting::prints(ctx, a) => {
            return workbench::run(cli, ctx, settings, warnings)
        }
        Some(command) => command,
    };
    for w in warnings.iter().chain(&ctx.problems) {
        eprintln!("kefu: {w}");
    }
    let result = match command {
        Command::Init(a) => data::init(ctx, a),
        Command::Demo(a) => data::demo(ctx, a),
        Command::Customer(c) => customer::run(ctx, c),
        Command::Contact(c) => contact::run(ctx, c),
        Command::Grade(c) => grade::run(ctx, c),
        Command::Sales(c) => grade::sales(ctx, c),
        Command::Lead(c) => lead::run(ctx, c),
        Command::Inquiry(c) => inquiry::run(ctx, c),
        Command::Care(a) => care::run(ctx, a),
        Command::Complaint(c) => complaint::run(ctx, c),
        Command::Sla(a) if a.what.is_some() => policy::show(ctx),
        Command::Sla(a) => report::sla(ctx, a),
        Command::Meeting(a) => meeting::print_agenda(ctx, a),
        Command::Kpi(a) => report::kpi(ctx, a),
        Command::Nps(a) => nps::run(ctx, a),
        Command::Improvement(c) => improvement::run(ctx, c),
        Command::Survey(c) => survey::run(ctx, c),
        Command::Due(a) => report::due(ctx, a),
        Command::Capa(c) => capa::capa(ctx, c),
        Command::Return(c) => capa::returns(ctx, c),
        Command::Shipments(c) => data::shipments(ctx, c),
        Command::Suggestion(c) => suggestion::run(ctx, c),
        Command::Staff(c) => staff::run(ctx, c),
        Command::Whoami => staff::whoami(ctx),
        Command::Permissions { change: None } => staff::permissions(ctx),
        Command::Permissions { change: Some(c) } => staff::change_permission(ctx, c),
        Command::Audit(c) => audit::run(ctx, c),
        Command::Knowhow(c) => knowhow::run(ctx, c),
        Command::Settings(c) => team::run(ctx, c),
        Command::SetupShared(a) => shared::setup(ctx, a),
    };
    // The one edge where a field's name becomes the flag that sets it.
    result.map_err(|e| match e.downcast::<Error>() {
        Ok(e) => flag_error(e).into(),
        Err(e) => e,
    })
}

/// Names the flag (`--short-name`) rather than the field (`short_name`) in CLI errors.
pub(crate) fn flag_error(e: Error) -> Error {
    e.naming(|f| f.as_flag())
}
