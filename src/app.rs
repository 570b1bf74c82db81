//! The interface: its state, the messages that change it, the effects that reach the store,
//! and the one loop that runs them. `update` is pure; `effect::run_effect` is the only I/O;
//! `run` owns the terminal.

pub mod effect;
pub mod field;
pub mod harness;
pub mod keymap;
pub mod keys;
pub mod msg;
mod run;
mod session;
pub mod state;
mod takeover;
mod term;
pub mod update;
mod wake;

pub use msg::{Effect, Msg};
pub use state::State;
pub use update::update;

pub use run::run;

#[cfg(test)]
mod screen_tests;
