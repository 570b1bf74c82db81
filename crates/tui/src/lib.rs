//! The interface, and the only crate that sees ratatui and crossterm.
//!
//! - `app`: the state, messages, keys, the pure `update` and the effects it asks for.
//! - `ui`: drawing the state; themes. It reads `app`'s state and never changes it.
//! - `run`: the one loop that reads keys, updates, runs effects and draws.

pub mod app;
mod run;
pub mod ui;

pub use app::Ended;
pub use run::{RunError, run};
