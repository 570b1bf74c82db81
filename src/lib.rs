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

use cli::Cli;

/// Runs one invocation; errors are printed as sentences in the interface's language, never
/// as panics.
pub fn run(cli: Cli) -> ExitCode {
    let settings = config::Settings::resolve(&cli.global).and_then(config::assessors::apply);
    let say = match &settings {
        Ok(settings) => commands::say::Say::of(settings),
        Err(_) => commands::say::Say::before_settings(&cli.global),
    };
    commands::code(match commands::dispatch::dispatch(&cli, &settings) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(e.as_ref()) => commands::exit::OK,
        Err(e) => {
            say.error(e.as_ref());
            commands::exit::of(e.as_ref())
        }
    })
}

/// `ocop rubric show 11 | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
