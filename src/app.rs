//! The interface: state, messages, effects, and the loop. (Built by the walk issue.)

use crate::catalog::Catalog;
use crate::config::Settings;

/// Opens the interface. Until it exists, prints the help.
pub fn run(_settings: &Settings, _catalog: Catalog) -> Result<u8, Box<dyn std::error::Error>> {
    use clap::CommandFactory;
    crate::cli::Cli::command().print_help()?;
    Ok(crate::commands::exit::OK)
}
