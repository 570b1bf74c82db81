//! The interface: its state, the messages that change it, the effects that reach the store,
//! and the effects they ask for. `update` is pure; `effect::run_effect` is the only I/O.

pub mod effect;
pub mod field;
pub mod harness;
pub mod keymap;
pub mod keys;
pub mod msg;
pub(crate) mod session;
pub mod state;
pub(crate) mod takeover;
pub(crate) mod term;
pub mod update;
pub(crate) mod wake;

pub use msg::{Effect, Msg};
pub use state::State;
pub use update::update;

#[cfg(test)]
mod screen_tests;

/// How the interface ended; the binary turns it into an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The assessor quit, and everything shown as saved is saved.
    Done,
    /// A change could not be saved (a full disk, say); it was said on the way out.
    Unsaved,
    /// The interface did not start: the folder is held, or there is no terminal. Said already.
    Declined,
}
