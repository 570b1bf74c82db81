//! `ocop sync | verify | council`: the sync issue fills these in.

use std::io::Write;

use crate::catalog::Catalog;
use crate::cli::Command;
use crate::config::Settings;

pub fn run(
    _settings: &Settings,
    _catalog: Catalog,
    _command: &Command,
    _out: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    Err("this command is not built yet".into())
}
