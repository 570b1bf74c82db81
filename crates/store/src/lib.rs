//! The database of sheets: one redb file, `ocop.redb`, in the data folder. redb types never
//! leave this module.
//!
//! Invariants:
//! - every write method is one redb write transaction, durable before it returns: a sheet, its
//!   list row and its audit event land together or not at all. A draft's save is made durable
//!   by its record in the answer journal (`journal`), the rest by `Durability::Immediate`;
//! - a stored finished revision is never rewritten; amending stores revision N+1 beside it;
//! - the summaries table holds the latest revision's list row per id, so listing never decodes
//!   a whole sheet.
//!
//! Layers, each calling only those below it: `read`, `write`, `save` (a draft's journaled
//! save) and `replay` (the journal applied at opening) on top; `commit` (the store's durable
//! commit and the wait for a saved record) and `journal_state` (the journal's bookkeeping);
//! `tx` (the primitives of one transaction); `tables`, `journal` (the file) and `medium` (what
//! it writes through), `open`, `error`. In test builds, `tap` lets the power-loss harness
//! (`powerloss`) see every write and flush of both files.

mod commit;
mod error;
pub mod holder;
mod journal;
mod journal_state;
mod medium;
mod open;
pub mod place;
mod read;
mod replay;
mod save;
mod small_file;
mod tables;
#[cfg(test)]
mod tap;
mod tx;
mod write;

#[cfg(test)]
mod powerloss;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_files;
#[cfg(test)]
mod tests_journal;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::Sheet;
use ocop_domain::summary::Summary;

pub use error::{OpenError, StoreError, is_full};
pub use journal::{Damage as JournalDamage, JOURNAL_BYTES, JOURNAL_NAME};
pub use tables::SCHEMA_VERSION;

/// The database file's name inside the data folder.
pub const FILE_NAME: &str = "ocop.redb";

/// An open database. Holding it holds the data folder's lock (redb's file lock).
pub struct Store {
    db: redb::Database,
    dir: Option<PathBuf>,
    /// The answer journal and its bookkeeping; `None` in memory, where nothing is durable
    /// anyway.
    journal: Option<journal_state::JournalState>,
    /// Why writes are refused until a restart: a record that may not be on disk.
    poisoned: Option<commit::Poison>,
}

/// A row of the sheet list: the latest revision's summary and its sync state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub summary: Summary,
    pub sync: SyncState,
}

/// Where a revision stands with the central export.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// Not finished: nothing to export.
    Draft,
    /// Finished, waiting for the export.
    Waiting,
    /// Exported as this file.
    Synced {
        file: String,
        at: DateTime<FixedOffset>,
    },
    /// The export found a different file under this revision's name.
    Conflict { message: String },
}

/// One sheet for `Store::import`: everything `create` (and `finish`) would store.
#[derive(Debug, Clone)]
pub struct Import<'a> {
    pub sheet: Sheet,
    pub rubric_text: &'a str,
    pub summary: Summary,
    /// Every event of the sheet's life, in order.
    pub events: Vec<AuditEvent>,
    /// Queue the revision for the export (the sheet is finished).
    pub finished: bool,
    /// The finished revision's signature, stored with it.
    pub signature: Option<String>,
}

impl Store {
    /// Opens or creates DIR/ocop.redb (folder 0700, file 0600) and takes the folder's lock.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        let db = open::file(dir)?;
        open::prepare(&db, &dir.join(FILE_NAME))?;
        let journal = replay::open(&db, dir)?;
        Ok(Store {
            db,
            dir: Some(dir.to_path_buf()),
            journal: Some(journal),
            poisoned: None,
        })
    }

    /// A database in memory, for tests and trials; gone when dropped.
    pub fn in_memory() -> Result<Store, OpenError> {
        let db = open::memory()?;
        open::prepare(&db, Path::new(":memory:"))?;
        Ok(Store {
            db,
            dir: None,
            journal: None,
            poisoned: None,
        })
    }

    /// The data folder, or `None` in memory.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

impl Drop for Store {
    /// A clean close leaves nothing to replay. A failure here only leaves the journal to be
    /// replayed at the next opening.
    fn drop(&mut self) {
        let _ = self.checkpoint();
    }
}
