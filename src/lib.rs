//! ocop-assess: score OCOP products on the official sheets in a terminal.
//!
//! The workspace's crates, each depending only on those above it in this list:
//! - `ocop-domain`: rubrics, sheets, scoring, plan, due, and `Lang`. Pure: no I/O, no clock.
//! - `ocop-words`: every sentence in Vietnamese and English; `Say`, which every error speaks.
//! - `ocop-files`: the one way a file from outside is read (regular, bounded, read once).
//! - `ocop-catalog`: the rubric files (TOML), their checks, and the 26 built-in sets.
//! - `ocop-sign`: the assessor's SSH key and the signature of a finished sheet.
//! - `ocop-store`: the redb database of sheets, audit events and the sync outbox.
//! - `ocop-print`: the printable sheet, one self-contained HTML page for A4.
//! - `ocop-export`: the export folder as data: documents, signatures, roster, verify.
//! - `ocop-reports`: council in every format, summary.csv, summary.xlsx.
//! - `ocop-transport`: sync to a folder or over SSH, and the host's receive.
//! - `ocop-config`: settings from flags, environment and the config file.
//! - `ocop-tui`: the interface; the only crate that sees ratatui and crossterm.
//!
//! This crate is the binary's: the command line (`cli`, the only user of clap), the headless
//! commands, and `CommandError`, the one error every command returns.

pub mod cli;
pub mod commands;
pub mod error;

use std::process::ExitCode;

use cli::Cli;
use error::{Voice, exit};

/// Runs one invocation; errors are printed as sentences in the language of `--lang`, never
/// as panics.
pub fn run(cli: Cli) -> ExitCode {
    let flags = &cli.global;
    let settings = ocop_config::Settings::resolve(flags).and_then(ocop_config::assessors::apply);
    let voice = match &settings {
        Ok(settings) => Voice {
            lang: settings.lang.value,
            data_dir: Some(&settings.data_dir.value),
        },
        Err(_) => Voice {
            lang: lang_before_settings(flags),
            data_dir: None,
        },
    };
    ExitCode::from(
        match commands::dispatch::dispatch(&cli, &settings, voice.lang) {
            Ok(code) => code,
            Err(e) if e.is_broken_pipe() => exit::OK,
            Err(e) => {
                voice.error(&e);
                e.exit_code()
            }
        },
    )
}

/// Before the settings are resolved (a bad config file, say): `--lang`, else a valid
/// `OCOP_LANG`, else Vietnamese.
fn lang_before_settings(flags: &ocop_config::Flags) -> ocop_domain::Lang {
    use ocop_domain::Named;
    let env = std::env::var("OCOP_LANG").ok();
    let from_env = env.and_then(|v| ocop_domain::Lang::parse(&v));
    flags.lang.or(from_env).unwrap_or_default()
}
