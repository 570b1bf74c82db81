//! Moving finished sheets from the store to the export folder, here or over SSH, exactly once.
//!
//! - `run`: `sync_all`, from the store's waiting revisions to the folder and back; `error`:
//!   why a revision waits, typed until it is said.
//! - `target`, `destination`: a folder here or `ssh://host/path`, and the seam between them.
//! - `wire`, `remote`, `receive`: the sync over SSH, the laptop's side and the host's.

pub mod destination;
pub mod error;
pub mod receive;
pub mod remote;
pub mod run;
pub mod target;
pub mod wire;

#[cfg(test)]
mod powerloss;

pub use error::SyncError;
pub use run::{Report, sync_all, sync_to, sync_to_counted};
pub use target::Target;
