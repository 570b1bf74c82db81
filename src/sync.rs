//! The central export folder: the sheet document (`ocop-sheet/1`), atomic writes that never
//! replace a file, the folder's `summary.csv`, and the readers that check (`verify`) and
//! summarise (`council`) what many laptops wrote there.
//!
//! - `document`: the canonical JSON of one sheet revision, and its typed reader.
//! - `folder`: safe paths and the write-once, link-into-place file writer.
//! - `scan`: listing the sheet files of a folder, as every reader sees them.
//! - `cell`: one CSV cell, neutralised for a spreadsheet.
//! - `summary`: `summary.csv`, rebuilt from every sheet file in the folder.
//! - `run`: `sync_all`, from the store's waiting revisions to the folder and back.
//! - `verify` and `council`: reading a folder.

pub mod cell;
pub mod council;
pub mod document;
pub mod folder;
pub mod run;
pub mod scan;
pub mod summary;
pub mod verify;

#[cfg(test)]
mod testing;

pub use folder::folder_reachable;
pub use run::{Report, sync_all};
