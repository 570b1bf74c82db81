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
}

pub fn code(n: u8) -> ExitCode {
    ExitCode::from(n)
}

pub mod due;
pub mod export;
pub mod key;
pub mod progress;
pub mod say;
pub mod sheets;
