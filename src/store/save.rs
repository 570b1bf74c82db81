//! A draft's save, in two halves so that the disk's flush overlaps other work. `start_save`
//! checks the draft, sends its journal record to be flushed, and commits it to redb without a
//! flush of its own; `finish_save` waits for the journal's flush. Only then is the answer
//! saved, and only then may the interface show it.
//!
//! When a flush fails, redb's commit of that answer is in memory only, and stays so: the store
//! refuses every later write, and no checkpoint runs, so a restart finds redb as last flushed
//! plus the journal's flushed records, which is exactly what was saved.

use redb::Durability;

use super::error::{StoreError, storage};
use super::read::guarded;
use super::replay::{SaveRef, mark, put_draft};
use super::tables::encode;
use super::write::current_draft;
use super::{Store, write};
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
    /// and its journal record is being flushed. `finish_save` must follow before the answer is
    /// shown; every other write runs it first.
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
        if self.journal.is_none() {
            return self.write(|tx| put_draft(tx, sheet, summary, event));
        }
        let seq = self.seq + 1;
        let payload = encode(&SaveRef {
            sheet,
            summary,
            event,
        })?;
        self.journaled(seq, payload, sheet, summary, event)
    }

    fn journaled(
        &mut self,
        seq: u64,
        payload: Vec<u8>,
        sheet: &Sheet,
        summary: &Summary,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        let tx = guarded(|| {
            let mut tx = self.db.begin_write().map_err(storage)?;
            tx.set_durability(Durability::None).map_err(storage)?;
            current_draft(&tx, sheet)?;
            Ok(tx)
        })?;
        // From here the record may reach the disk: a failure below leaves the store unusable
        // until a restart, which then applies the record.
        if let Some(journal) = self.journal.as_mut() {
            journal.append(seq, &payload);
        }
        self.in_flight = Some(seq);
        let committed = guarded(|| {
            put_draft(&tx, sheet, summary, event)?;
            mark(&tx, seq)?;
            tx.commit().map_err(storage)
        });
        if let Err(e) = committed {
            let _ = self.finish_save();
            return Err(self.poison(e.to_string()));
        }
        Ok(())
    }

    /// The second half of `save`: waits for the journal's flush of the answer started last.
    pub fn finish_save(&mut self) -> Result<(), StoreError> {
        let (Some(seq), Some(journal)) = (self.in_flight.take(), self.journal.as_mut()) else {
            return Ok(());
        };
        match journal.flushed() {
            Ok(true) => {
                self.seq = seq;
                self.unflushed = true;
                Ok(())
            }
            // The journal is full: redb flushes instead, which empties it.
            Ok(false) => {
                self.seq = seq;
                self.unflushed = true;
                self.write(|_| Ok(()))
            }
            Err(e) => {
                let path = journal.path().display().to_string();
                Err(self.poison(format!("cannot write {path}: {e}")))
            }
        }
    }

    /// Makes every journaled save durable in redb and empties the journal (on closing).
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.finish_save()?;
        if self.unflushed {
            self.write(|_| Ok(()))?;
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
        match &self.poisoned {
            Some(why) => Err(unsaved(why)),
            None => Ok(()),
        }
    }

    fn poison(&mut self, why: String) -> StoreError {
        let error = unsaved(&why);
        self.poisoned = Some(why);
        error
    }
}

fn unsaved(why: &str) -> StoreError {
    StoreError::Storage(format!(
        "an answer could not be saved ({why}); restart ocop, which then shows what was saved"
    ))
}
