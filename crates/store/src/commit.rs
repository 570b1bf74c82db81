//! The store's two ways to make a change last, below every write: a durable redb commit that
//! also marks the journaled records it makes redundant (`commit`), and the wait for a saved
//! answer's journal record (`settle`). And the refusal of every write after a change that may
//! not have reached the disk (`Poison`), until a restart.

use super::Store;
use super::error::{StoreError, is_full};
use super::journal_state::JournalState;
use super::tx::{self, guarded};
use redb::WriteTransaction;

impl Store {
    /// Runs `f` in one write transaction and commits it durably; an error commits nothing.
    /// The commit also makes durable every journaled save before it, so the journal is emptied.
    /// The caller has settled any save in flight.
    pub(super) fn commit<T>(
        &mut self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.usable()?;
        let to_mark = self.journal.as_ref().and_then(JournalState::to_mark);
        let value = guarded(|| {
            tx::durably(&self.db, |tx| {
                let value = f(tx)?;
                if let Some(seq) = to_mark {
                    tx::mark(tx, seq)?;
                }
                Ok(value)
            })
        });
        // redb answers every later call with "Previous I/O error": say what it was instead.
        let value = value.map_err(|e| match e {
            StoreError::Full => self.poison(Poison::Full),
            e => e,
        })?;
        if let (Some(journal), Some(_)) = (self.journal.as_mut(), to_mark) {
            journal.checkpointed();
        }
        Ok(value)
    }

    /// Waits until the journal record of the answer started last is on disk.
    pub(super) fn settle(&mut self) -> Result<(), StoreError> {
        let Some(journal) = self.journal.as_mut() else {
            return Ok(());
        };
        match journal.settle() {
            Ok(None | Some(true)) => Ok(()),
            Err(e) => Err(self.journal_failed(&e)),
            // The journal was full and the record not written: redb flushes instead, which
            // empties the journal. If that fails, the answer is in redb's memory only, as
            // after a failed journal write.
            Ok(Some(false)) => self
                .commit(|_| Ok(()))
                .map_err(|e| self.poison(Poison::of(e))),
        }
    }

    pub(super) fn usable(&self) -> Result<(), StoreError> {
        self.poisoned.as_ref().map_or(Ok(()), |p| Err(p.error()))
    }

    pub(super) fn journal_failed(&mut self, e: &std::io::Error) -> StoreError {
        if is_full(e) {
            return self.poison(Poison::Full);
        }
        let path = self
            .journal
            .as_ref()
            .map(|j| j.path().display().to_string());
        let why = format!("cannot write {}: {e}", path.unwrap_or_default());
        self.poison(Poison::Other(why))
    }

    /// Refuses every later write: a record may not be on disk.
    pub(super) fn poison(&mut self, poison: Poison) -> StoreError {
        let error = poison.error();
        self.poisoned = Some(poison);
        error
    }
}

/// Why writes are refused until a restart.
#[derive(Debug)]
pub(super) enum Poison {
    /// The disk is full.
    Full,
    /// Anything else, in words.
    Other(String),
}

impl Poison {
    pub(super) fn of(e: StoreError) -> Poison {
        match e {
            StoreError::Full => Poison::Full,
            e => Poison::Other(e.to_string()),
        }
    }

    fn error(&self) -> StoreError {
        match self {
            Poison::Full => StoreError::Full,
            Poison::Other(why) => StoreError::Unsaved(why.clone()),
        }
    }
}
