//! The central export folder: the sheet document (`ocop-sheet/1`), atomic writes that never
//! replace a file, the folder's `summary.csv`, and the readers that check (`verify`) and
//! summarise (`council`) what many laptops wrote there.
//!
//! - `document`: the canonical JSON of one sheet revision, and its typed reader.
//! - `folder`: safe paths and the write-once, link-into-place file writer.
//! - `scan`: listing the sheet files of a folder, as every reader sees them.
//! - `cell`: one CSV cell, neutralised for a spreadsheet.
//! - `summary`: `summary.csv`, rebuilt from every sheet file in the folder.
//! - `workbook`: `summary.xlsx`, the same rows and the council's means, for the office.
//! - `run`: `sync_all`, from the store's waiting revisions to the folder and back; `error`:
//!   why a revision waits, typed until it is printed.
//! - `progress`: a counter long work updates and a progress bar or status line reads.
//! - `target`, `destination`: a folder here or `ssh://host/path`, and the seam between them.
//! - `wire`, `remote`, `receive`: the sync over SSH, the laptop's side and the host's.
//! - `signature` and `roster`: a sheet's `.sig` and the folder's `allowed_signers`.
//! - `printed`: the printable copy (`.html`) of each finished revision.
//! - `verify` and `council`: reading a folder.

pub mod cell;
pub mod certificate;
pub mod council;
pub mod destination;
pub mod document;
pub mod error;
pub mod folder;
pub mod printed;
pub mod progress;
pub mod receive;
pub mod remote;
pub mod replace;
pub mod roster;
pub mod run;
pub mod scan;
pub mod signature;
pub mod summary;
pub mod target;
pub mod verify;
pub mod wire;
pub mod words;
pub mod workbook;

#[cfg(test)]
pub(crate) mod testing;

pub use destination::{sync_to, sync_to_counted};
pub use error::SyncError;
pub use folder::folder_reachable;
pub use progress::Counter;
pub use run::{Report, sync_all};
pub use target::Target;
