//! The interface: its state, the messages that change it, the effects that reach the store,
//! and the one loop that runs them. `update` is pure; `effect::run_effect` is the only I/O;
//! `run` owns the terminal.

pub mod effect;
pub mod field;
pub mod keymap;
pub mod msg;
pub mod state;
pub mod update;

pub use msg::{Effect, Msg};
pub use state::State;
pub use update::update;

use crate::catalog::Catalog;
use crate::config::Settings;

/// Opens the interface. Until it exists, prints the help.
pub fn run(_settings: &Settings, _catalog: Catalog) -> Result<u8, Box<dyn std::error::Error>> {
    use clap::CommandFactory;
    crate::cli::Cli::command().print_help()?;
    Ok(crate::commands::exit::OK)
}
