//! `kefu settings show|export|import`: the team's settings, kept in the database so that
//! everyone at the SLA meeting sees the same clocks, targets and threshold.

use std::path::PathBuf;

use clap::Subcommand;

use super::output::print;
use super::Ctx;
use crate::domain::permission::Permission;
use crate::error::Error;
use crate::field_id::FieldId;

/// `kefu settings ...`.
#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// The clocks, rules, targets and threshold in force, and where they come from
    Show,
    /// The team's settings as TOML, to edit and import again
    Export,
    /// Check FILE.toml and make it the team's settings (administrators); any problem
    /// changes nothing
    Import {
        /// A TOML file with [sla], [kpi] and [returns] sections
        file: PathBuf,
        /// Check and say what would change, but change nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a settings subcommand.
pub fn run(ctx: &Ctx, cmd: &SettingsCmd) -> anyhow::Result<()> {
    match cmd {
        SettingsCmd::Show => {
            let stored = ctx.read()?.team_settings()?;
            let from = if stored.is_some() {
                "msg.settings_from_db"
            } else {
                "msg.settings_builtin"
            };
            print(&format!("{}\n\n", ctx.t(from)))?;
            super::policy::show(ctx)
        }
        SettingsCmd::Export => {
            let stored = ctx.read()?.team_settings()?;
            let text = stored.unwrap_or_else(|| format!("# {}\n", ctx.t("msg.settings_builtin")));
            print(&text)?;
            Ok(())
        }
        SettingsCmd::Import { file, dry_run } => import(ctx, file, *dry_run),
    }
}

fn import(ctx: &Ctx, file: &PathBuf, dry_run: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::Invalid {
        field: FieldId::flag("FILE"),
        value: format!("{}: {e}", file.display()),
        rule: "rule.readable_file",
    })?;
    let mut store = ctx.open()?;
    store.require(&ctx.user, Permission::ManageSettings)?;
    let mut check = crate::config::policy::builtin(ctx.tz);
    let problems =
        crate::config::policy::apply_team(&mut check, &text, &file.display().to_string());
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("kefu: {}", p.message(ctx.cat));
        }
        return Err(Error::Refused {
            number: file.display().to_string(),
            rule: "rule.settings_not_imported",
        }
        .into());
    }
    let same = store.team_settings()?.as_deref() == Some(text.as_str());
    let key = match (dry_run, same) {
        (_, true) => "msg.settings_unchanged",
        (true, false) => "msg.settings_would_change",
        (false, false) => {
            store.write(|tx| tx.set_team_settings(&text))?;
            "msg.settings_imported"
        }
    };
    print(&format!("{}\n", ctx.t(key)))?;
    Ok(())
}
