//! A draft's save, in two halves so that the disk's work overlaps the interface's. `start_save`
//! checks the draft, writes its journal record and starts it on its way to disk, and commits it
//! to redb without a flush of its own; `finish_save` waits until the record is on disk. Only
//! then is the answer saved, and only then may the interface show it: it draws the next frame
//! in between, and holds it back until then.
//!
//! When the journal cannot be written, redb's commit of that answer is in memory only, and
//! stays so: the store refuses every later write and no checkpoint runs, so a restart finds
//! redb as last flushed plus the journal's flushed records, which is exactly what was saved.

use redb::Durability;

use super::error::{StoreError, storage};
use super::read::guarded;
use super::replay::{mark, put_draft};
use super::write::{self, current_draft};
use super::{Store, replay};
use crate::domain::audit::AuditEvent;
use crate::domain::sheet::{Sheet, Status};
use crate::domain::summary::Summary;

impl Store {
    /// Stores a change to a draft with its event, durably; refused when the stored revision is
    /// finished.
    pub fn save(
        &mut self,
        sheet: &Sheet,
        summary: &Summary,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        self.start_save(sheet, summary, event)?;
        self.finish_save()
    }

    /// The first half of `save`: when it returns Ok, the answer is in redb (for this process)
    /// and its journal record on its way to disk. `finish_save` must follow before the answer
    /// is shown; every other write runs it first.
    pub fn start_save(
        &mut self,
        sheet: &Sheet,
        summary: &Summary,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        self.finish_save()?;
        self.usable()?;
        write::agree(sheet, summary, event)?;
        if sheet.status != Status::Draft {
            return Err(StoreError::Finished {
                id: sheet.id.clone(),
            });
        }
        let encoded = replay::Encoded::of(sheet, summary, event)?;
        if self.journal.is_none() {
            return self.write(|tx| {
                current_draft(tx, sheet)?;
                put_draft(tx, sheet, &encoded)
            });
        }
        self.journaled(sheet, &encoded)
    }

    fn journaled(&mut self, sheet: &Sheet, encoded: &replay::Encoded) -> Result<(), StoreError> {
        if !self.open {
            // Before the session's first record: a start after a crash then knows the journal
            // may hold answers, and reports it if it cannot be read.
            self.write(|tx| replay::set_open(tx, true))?;
            self.open = true;
        }
        let seq = self.seq + 1;
        let tx = guarded(|| {
            let mut tx = self.db.begin_write().map_err(storage)?;
            tx.set_durability(Durability::None).map_err(storage)?;
            current_draft(&tx, sheet)?;
            Ok(tx)
        })?;
        // From here the record may reach the disk: a failure below leaves the store unusable
        // until a restart, which then applies the record.
        let written = match self.journal.as_mut() {
            Some(journal) => journal.write(seq, &encoded.payload()),
            None => Ok(false),
        };
        match written {
            Ok(fitted) => self.in_flight = Some((seq, fitted)),
            Err(e) => return Err(self.journal_failed(&e)),
        }
        let committed = guarded(|| {
            put_draft(&tx, sheet, encoded)?;
            mark(&tx, seq)?;
            tx.commit().map_err(storage)
        });
        committed.map_err(|e| self.poison(Poison::of(e)))
    }

    /// The second half of `save`: waits until the journal record of the answer started last
    /// is on disk.
    pub fn finish_save(&mut self) -> Result<(), StoreError> {
        let (Some((seq, fitted)), Some(journal)) = (self.in_flight.take(), self.journal.as_ref())
        else {
            return Ok(());
        };
        if let Err(e) = journal.sync() {
            return Err(self.journal_failed(&e));
        }
        self.seq = seq;
        self.unflushed = true;
        if fitted {
            return Ok(());
        }
        // The journal was full and the record not written: redb flushes instead, which
        // empties the journal. If that fails, the answer is in redb's memory only, as after a
        // failed journal write.
        self.write(|_| Ok(()))
            .map_err(|e| self.poison(Poison::of(e)))
    }

    /// Makes every journaled save durable in redb, empties the journal and marks it closed
    /// (on closing).
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.finish_save()?;
        if self.unflushed || self.open {
            self.write(|tx| replay::set_open(tx, false))?;
            self.open = false;
        }
        Ok(())
    }

    /// After a durable commit: the journal's records are redundant.
    pub(super) fn journal_reset(&mut self) {
        if let Some(journal) = self.journal.as_mut() {
            journal.reset();
        }
        self.unflushed = false;
    }

    pub(super) fn usable(&self) -> Result<(), StoreError> {
        self.poisoned.as_ref().map_or(Ok(()), |p| Err(p.error()))
    }

    fn journal_failed(&mut self, e: &std::io::Error) -> StoreError {
        if super::error::is_full(e) {
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
    fn of(e: StoreError) -> Poison {
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
