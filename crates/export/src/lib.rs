//! The export folder as data: what laptops write there and what every reader checks.
//!
//! - `document`: the canonical JSON of one sheet revision (`ocop-sheet/1`), and its reader.
//! - `folder`: safe paths and the write-once, link-into-place file writer; `replace`: the one
//!   file (a summary) that is replaced whole.
//! - `scan`: listing the sheet files of a folder, as every reader sees them.
//! - `signature` and `roster`: a sheet's `.sig` and the folder's `allowed_signers`.
//! - `certificate`: the province's certificates and when each is due again.
//! - `printed`: the printable copy (`.html`) of each finished revision.
//! - `figures`: a sheet's figures as its answers give them, never as it states them.
//! - `finding`: what `verify` finds, and what it keeps of each sheet file.
//! - `verify`: every check of a folder, as findings in both languages.
//! - `province`: the province's key, which signs the roster and the certificates, pinned.
//! - `progress`: a counter long work updates and a progress bar or status line reads.

pub mod certificate;
pub mod document;
pub mod figures;
pub mod finding;
pub mod folder;
pub mod printed;
pub mod progress;
pub mod province;
pub mod replace;
pub mod roster;
pub mod scan;
pub mod signature;
pub mod verify;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use folder::folder_reachable;
pub use progress::Counter;
