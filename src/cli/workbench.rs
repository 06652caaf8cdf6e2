//! `kefu` with no subcommand: the full-screen workbench (on demo data with `--demo`).

use std::io::IsTerminal;
use std::time::Duration;

use super::args::Cli;
use super::Ctx;
use crate::app::worker::Worker;
use crate::app::{App, Setup};
use crate::config::settings::Settings;
use crate::error::Error;
use crate::store::open::Access;
use crate::tui::{run as run_tui, LoopOptions};

/// Opens the workbench on the configured (or demo) database.
pub fn run(
    cli: &Cli,
    ctx: &Ctx,
    settings: Settings,
    mut warnings: Vec<String>,
) -> anyhow::Result<()> {
    warnings.extend(ctx.problems.iter().cloned());
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!("{}", ctx.t("ui.needs_terminal"));
    }
    init_logging();
    if cli.demo {
        super::data::rebuild_demo(ctx)?;
    }
    // A file this person may only read opens to read, saying so; saves are refused.
    let (store, access) = match ctx.open() {
        Ok(store) => (store, Access::Write),
        Err(Error::ReadOnly { .. }) => {
            warnings.push(ctx.t("msg.read_only_workbench"));
            (ctx.read()?, Access::Read)
        }
        Err(e) => return Err(e.into()),
    };
    // Two worker threads, each on its own connection to the same file: one core each.
    let poll = Duration::from_millis(settings.poll_ms);
    let worker = Worker::spawn(vec![ctx.open_for(access)?, ctx.open_for(access)?], poll);
    let setup = Setup {
        lang: ctx.lang,
        theme: settings.theme,
        keymap: settings.keymap,
        tz: ctx.tz,
        policy: ctx.policy.clone(),
        bell: settings.bell,
        warnings,
        views: crate::views::registry(),
    };
    let mut app = App::with_worker(store, setup, worker);
    // `kefu meeting`: the meeting view, recorded as held; else the person's to-do (Esc:
    // the dashboard).
    if matches!(cli.command, Some(super::args::Command::Meeting(_))) {
        app.show_view(Box::new(crate::views::MeetingView::held()));
    } else {
        app.show_view(Box::new(crate::views::TodoView::default()));
    }
    let opts = LoopOptions {
        poll: Duration::from_millis(settings.poll_ms),
        fixed_now: cli.now.is_some().then_some(ctx.now),
    };
    run_tui(&mut app, opts)
}

/// Logs go to `<state dir>/kefu.log`, never to the screen; `KEFU_LOG` sets the level.
fn init_logging() {
    let Some(dirs) = crate::config::project_dirs() else {
        return;
    };
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("kefu.log"))
    else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("KEFU_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}
