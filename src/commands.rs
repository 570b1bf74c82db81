//! The headless commands. Each writes to the writer it is given and returns the exit code, so
//! tests run them without a process.

pub mod rubric;
pub mod shown;

pub use crate::error::exit;

/// What a command returns: its exit code, or the error that says why it failed.
pub type Outcome = Result<u8, crate::error::CommandError>;

pub mod config;
pub mod council;
pub mod debug;
pub mod demo;
pub mod dispatch;
pub mod dossier;
pub mod due;
pub mod key;
pub mod plan;
pub mod print;
pub mod progress;
pub mod province;
pub mod selfassess;
pub mod sheets;
pub mod show;
pub mod sync;
pub mod verify;
