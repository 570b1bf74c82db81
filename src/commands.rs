//! The headless commands. Each writes to the writer it is given and returns the exit code, so
//! tests run them without a process.

pub mod rubric;
pub mod shown;

pub use crate::error::exit;

pub mod dispatch;
pub mod due;
pub mod export;
pub mod key;
pub mod progress;
pub mod sheets;
