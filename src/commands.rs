//! The headless commands. Each writes to the writer it is given and returns the exit code, so
//! tests run them without a process.

pub mod rubric;
pub mod shown;

use std::process::ExitCode;

/// Exit codes, as documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const WAITING: u8 = 3;

    /// The exit of a failed command: 2 when another ocop holds the data folder, else 1.
    pub fn of(e: &(dyn std::error::Error + 'static)) -> u8 {
        match e.downcast_ref::<crate::store::OpenError>() {
            Some(crate::store::OpenError::Locked { .. }) => USAGE,
            _ => FAILED,
        }
    }
}

pub fn code(n: u8) -> ExitCode {
    ExitCode::from(n)
}

pub mod dispatch;
pub mod due;
pub mod export;
pub mod key;
pub mod progress;
pub mod say;
pub mod sheets;
