//! ocop-assess: score OCOP products on the official sheets in a terminal.
//!
//! - `domain`: rubrics, sheets, scoring, search. Pure: no terminal, database, files or clock.
//! - `catalog`: the rubric files (TOML), their checks, and the 26 built-in sets.
//! - `cli`: the command line, turned into validated settings.
//! - `config`: settings from flags, environment and the config file, with their sources.
//! - `sign`: the assessor's SSH key and the signature of a finished sheet.
//! - `store`: the redb database of sheets, audit events and the sync outbox; hides redb.
//! - `sync`: the central export folder: the sheet document, atomic writes, verify, council.
//! - `app`: the interface's state, messages, effects and the one loop that runs them.
//! - `ui`: drawing the state with ratatui; strings per language; themes.
//! - `print`: the printable sheet, one self-contained HTML page for A4.
//! - `commands`: the headless commands, each a function printing to a writer.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod domain;
pub mod print;
pub mod sign;
pub mod store;
pub mod sync;
pub mod ui;

use std::process::ExitCode;

use catalog::Catalog;
use cli::{Cli, Command, RubricCommand};

/// Runs one invocation; errors are printed as sentences in the interface's language, never
/// as panics.
pub fn run(cli: Cli) -> ExitCode {
    // The receiver needs no settings: it serves an account that may have no config at all.
    if let Some(Command::Receive { dir }) = &cli.command {
        let mut output = std::io::BufWriter::new(std::io::stdout().lock());
        let code = sync::receive::receive(dir, &mut std::io::stdin().lock(), &mut output);
        return commands::code(code);
    }
    let resolved = config::Settings::resolve(&cli.global).and_then(config::assessors::apply);
    let settings = match resolved {
        Ok(settings) => settings,
        Err(e) => {
            commands::say::Say::before_settings(&cli.global).error(&e);
            return commands::code(commands::exit::FAILED);
        }
    };
    match dispatch(&cli, &settings) {
        Ok(code) => commands::code(code),
        Err(e) if is_broken_pipe(e.as_ref()) => commands::code(commands::exit::OK),
        Err(e) => {
            commands::say::Say::of(&settings).error(e.as_ref());
            commands::code(commands::exit::FAILED)
        }
    }
}

/// `ocop rubric show 11 | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn dispatch(cli: &Cli, settings: &config::Settings) -> Result<u8, Box<dyn std::error::Error>> {
    let form = match &cli.command {
        Some(
            Command::List { json: true, .. }
            | Command::Show { json: true, .. }
            | Command::Plan { json: true, .. }
            | Command::Due { json: true, .. },
        )
        | Some(Command::Council {
            format: cli::CouncilFormat::Json,
            ..
        }) => commands::shown::Form::Json,
        _ => commands::shown::Form::Text,
    };
    let mut out = commands::shown::Shown::new(std::io::stdout().lock(), form);
    let lang = settings.lang.value;
    let catalog = || match &settings.rubrics_dir.value {
        Some(dir) => Catalog::with_dir(dir),
        None => Ok(Catalog::builtin()),
    };
    if let Some(cli::Command::Config) = &cli.command {
        // The settings are printed even when one of them (a rubric folder) does not work.
        return commands::sheets::config(settings, &mut out);
    }
    let Some(command) = &cli.command else {
        return app::run(settings, catalog()?);
    };
    match command {
        Command::Rubric(RubricCommand::List) => Ok(commands::rubric::list(&catalog()?, &mut out)?),
        Command::Rubric(RubricCommand::Show { id }) => {
            Ok(commands::rubric::show(&catalog()?, id, lang, &mut out)?)
        }
        Command::Rubric(RubricCommand::Check { files }) => {
            Ok(commands::rubric::check_files(files, &mut out)?)
        }
        Command::List { .. }
        | Command::Restore { .. }
        | Command::Show { .. }
        | Command::Plan { .. }
        | Command::Print { .. }
        | Command::Demo { .. }
        | Command::Config
        | Command::DebugRecordAnswers { .. } => {
            commands::sheets::run(settings, catalog()?, command, &mut out)
        }
        Command::Certify { .. } | Command::Due { .. } => {
            commands::due::run(settings, command, &mut out)
        }
        Command::Key => commands::key::run(settings, &mut out),
        Command::Sync
        | Command::Verify { .. }
        | Command::Council { .. }
        | Command::Receive { .. } => commands::export::run(settings, catalog()?, command, &mut out),
    }
}
