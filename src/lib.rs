//! ocop-assess: score OCOP products on the official sheets in a terminal.
//!
//! - `domain`: rubrics, sheets, scoring, search. Pure: no terminal, database, files or clock.
//! - `catalog`: the rubric files (TOML), their checks, and the 26 built-in sets.
//! - `cli`: the command line, turned into validated settings.
//! - `commands`: the headless commands (`rubric`, …), each a function printing to a writer.

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod domain;

use std::process::ExitCode;

use catalog::Catalog;
use cli::{Cli, Command, Lang, RubricCommand};

/// Runs one invocation; errors are printed as sentences, never as panics.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(code) => commands::code(code),
        Err(e) if is_broken_pipe(e.as_ref()) => commands::code(commands::exit::OK),
        Err(e) => {
            eprintln!("ocop: {e}");
            commands::code(commands::exit::FAILED)
        }
    }
}

/// `ocop rubric show 11 | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn dispatch(cli: Cli) -> Result<u8, Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    let lang = cli.global.lang.unwrap_or(Lang::Vi);
    let catalog = || match &cli.global.rubrics {
        Some(dir) => Catalog::with_dir(dir),
        None => Ok(Catalog::builtin()),
    };
    match &cli.command {
        Some(Command::Rubric(RubricCommand::List)) => Ok(commands::rubric::list(&catalog()?, &mut out)?),
        Some(Command::Rubric(RubricCommand::Show { id })) => {
            Ok(commands::rubric::show(&catalog()?, id, lang, &mut out)?)
        }
        Some(Command::Rubric(RubricCommand::Check { files })) => {
            Ok(commands::rubric::check_files(files, &mut out)?)
        }
        None => {
            use clap::CommandFactory;
            Cli::command().print_help()?;
            Ok(commands::exit::OK)
        }
    }
}
