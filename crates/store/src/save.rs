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

use super::Store;
use super::commit::Poison;
use super::error::StoreError;
use super::tx::{self, Encoded, guarded};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::{Sheet, Status};
use ocop_domain::summary::Summary;

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
        self.settle()?;
        self.usable()?;
        tx::agree(sheet, summary, event)?;
        if sheet.status != Status::Draft {
            return Err(StoreError::Finished {
                id: sheet.id.clone(),
            });
        }
        let encoded = Encoded::of(sheet, summary, event)?;
        if self.journal.is_none() {
            return self.commit(|tx| {
                tx::current_draft(tx, sheet)?;
                tx::put_draft(tx, sheet, &encoded)
            });
        }
        self.journaled(sheet, &encoded)
    }

    fn journaled(&mut self, sheet: &Sheet, encoded: &Encoded) -> Result<(), StoreError> {
        if self.journal.as_ref().is_some_and(|j| !j.is_open()) {
            // Before the session's first record: a start after a crash then knows the journal
            // may hold answers, and reports it if it cannot be read.
            self.commit(|tx| tx::set_open(tx, true))?;
            if let Some(journal) = self.journal.as_mut() {
                journal.marked_open(true);
            }
        }
        let seq = self.journal.as_ref().map_or(1, |j| j.next_seq());
        let tx = guarded(|| {
            let mut tx = self.db.begin_write()?;
            tx.set_durability(Durability::None)?;
            tx::current_draft(&tx, sheet)?;
            Ok(tx)
        })?;
        // From here the record may reach the disk: a failure below leaves the store unusable
        // until a restart, which then applies the record.
        let written = match self.journal.as_mut() {
            Some(journal) => journal.write(seq, &encoded.payload()),
            None => Err(std::io::Error::other("a store in memory has no journal")),
        };
        if let Err(e) = written {
            return Err(self.journal_failed(&e));
        }
        let committed = guarded(|| {
            tx::put_draft(&tx, sheet, encoded)?;
            tx::mark(&tx, seq)?;
            Ok(tx.commit()?)
        });
        committed.map_err(|e| self.poison(Poison::of(e)))
    }

    /// The second half of `save`: waits until the journal record of the answer started last
    /// is on disk.
    pub fn finish_save(&mut self) -> Result<(), StoreError> {
        self.settle()
    }

    /// Makes every journaled save durable in redb, empties the journal and marks it closed
    /// (on closing).
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.settle()?;
        if self.journal.as_ref().is_some_and(|j| j.needs_checkpoint()) {
            self.commit(|tx| tx::set_open(tx, false))?;
            if let Some(journal) = self.journal.as_mut() {
                journal.marked_open(false);
            }
        }
        Ok(())
    }
}
