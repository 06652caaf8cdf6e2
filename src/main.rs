//! The `kefu` binary: parse the command line, run, report errors in the user's language.

use std::process::ExitCode;

use clap::Parser;
use kefu::cli::args::Cli;
use kefu::cli::{resolve_lang, run, Ctx};
use kefu::config::{settings, theme};
use kefu::error::Error;
use kefu::i18n::Lang;

fn main() -> ExitCode {
    kefu::identity::shared_umask();
    // clap would only say "invalid UTF-8 in one or more arguments": name the flag.
    if let Err(e) = kefu::cli::args::check_utf8(std::env::args_os()) {
        let lang = Lang::from_locale(|k| std::env::var(k).ok());
        eprintln!("kefu: {}", e.message(lang.catalog()));
        return ExitCode::from(2);
    }
    let cli = Cli::parse();
    let config = settings::config_path(cli.config.as_deref());
    let (settings, problems) = settings::load(config.as_deref(), theme::no_color_from_env());
    let (lang, lang_err) = match resolve_lang(cli.lang.as_deref(), settings.lang) {
        Ok(l) => (l, None),
        Err(e) => (Lang::En, Some(e)),
    };
    let cat = lang.catalog();
    let warnings: Vec<String> = problems.iter().map(|w| w.render(cat)).collect();
    let result = match lang_err {
        Some(e) => Err(e.into()),
        None => Ctx::new(&cli, lang, settings.timezone)
            .map_err(anyhow::Error::from)
            .and_then(|ctx| run(&cli, &ctx, settings, warnings)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let (msg, code) = match e.downcast_ref::<Error>() {
                Some(k) => (k.message(cat), if k.is_bad_input() { 2 } else { 1 }),
                None => (format!("{e:#}"), 1),
            };
            eprintln!("kefu: {msg}");
            ExitCode::from(code)
        }
    }
}
