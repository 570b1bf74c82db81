//! Writing: each public method is one durable write transaction. A method that returns an error
//! has committed nothing (the transaction is dropped, which aborts it).

use redb::WriteTransaction;

use super::error::StoreError;
use super::tables::{DEMO, TRASH};
use super::tx::{
    agree, append, current_draft, latest, put, put_rubric, put_signature, put_sync, queued,
    stored_latest,
};
use super::{Import, Store, SyncState};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::{Sheet, SheetId, Status};
use ocop_domain::summary::Summary;

impl Store {
    /// Runs `f` in one write transaction and commits it durably, after the save in flight;
    /// an error commits nothing.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.settle()?;
        self.commit(f)
    }

    /// Stores revision 1 of a new sheet, its rubric's text and its `Created` event.
    pub fn create(
        &mut self,
        sheet: &Sheet,
        rubric_text: &str,
        summary: &Summary,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        agree(sheet, summary, event)?;
        self.write(|tx| {
            if latest(tx, &sheet.id)?.is_some() {
                return Err(StoreError::Exists {
                    id: sheet.id.clone(),
                });
            }
            put_rubric(tx, &sheet.rubric_sha256, rubric_text)?;
            put(tx, sheet, summary)?;
            append(tx, event)
        })
    }

    /// Stores the finished revision, its event, its outbox entry and its signature (the
    /// armored SSH signature of its document): all or nothing.
    pub fn finish(
        &mut self,
        sheet: &Sheet,
        summary: &Summary,
        event: &AuditEvent,
        signature: Option<&str>,
    ) -> Result<(), StoreError> {
        agree(sheet, summary, event)?;
        if sheet.status != Status::Finished {
            return Err(StoreError::Refused {
                id: sheet.id.clone(),
                reason: "finish was given a sheet that is not finished",
            });
        }
        // The power-loss harness may make this commit skip its flush (`tap::Break`).
        #[cfg(test)]
        let _finishing = super::tap::Finishing::start();
        self.write(|tx| {
            current_draft(tx, sheet)?;
            put(tx, sheet, summary)?;
            put_sync(tx, &sheet.id, sheet.revision, &SyncState::Waiting)?;
            if let Some(signature) = signature {
                put_signature(tx, &sheet.id, sheet.revision, signature)?;
            }
            append(tx, event)
        })
    }

    /// Stores revision N+1 (a draft superseding finished revision N) as the latest; N is left
    /// exactly as it was.
    pub fn amend(
        &mut self,
        draft: &Sheet,
        summary: &Summary,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        agree(draft, summary, event)?;
        let id = draft.id.clone();
        let previous = draft.revision.checked_sub(1).filter(|p| *p >= 1);
        if draft.status != Status::Draft || previous.is_none() || draft.supersedes != previous {
            return Err(StoreError::Refused {
                id,
                reason: "an amendment is a draft of revision N+1 that supersedes N",
            });
        }
        self.write(|tx| {
            let old = stored_latest(tx, &draft.id)?;
            if Some(old.revision) != previous {
                return Err(StoreError::Revision {
                    id,
                    given: draft.revision,
                    latest: old.revision,
                });
            }
            if old.status != Status::Finished {
                return Err(StoreError::Refused {
                    id,
                    reason: "only a finished revision is amended",
                });
            }
            put(tx, draft, summary)?;
            append(tx, event)
        })
    }

    /// Moves a draft to the trash. Finished sheets, and amendments of them, are never trashed.
    pub fn trash(&mut self, id: &SheetId, event: &AuditEvent) -> Result<(), StoreError> {
        self.write(|tx| {
            let sheet = stored_latest(tx, id)?;
            if sheet.status == Status::Finished || sheet.supersedes.is_some() {
                return Err(StoreError::Finished { id: id.clone() });
            }
            let mut trash = tx.open_table(TRASH)?;
            trash.insert(id.as_str(), ())?;
            drop(trash);
            append(tx, event)
        })
    }

    /// Takes a sheet back out of the trash.
    pub fn restore(&mut self, id: &SheetId, event: &AuditEvent) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut trash = tx.open_table(TRASH)?;
            if trash.remove(id.as_str())?.is_none() {
                return Err(StoreError::NotFound { id: id.clone() });
            }
            drop(trash);
            append(tx, event)
        })
    }

    /// Records what the export did with a finished revision, with an optional audit event.
    pub fn set_sync_state(
        &mut self,
        id: &SheetId,
        revision: u32,
        state: &SyncState,
        event: Option<&AuditEvent>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            queued(tx, id, revision)?;
            put_sync(tx, id, revision, state)?;
            event.map_or(Ok(()), |e| append(tx, e))
        })
    }

    /// Records what the export did with many revisions in one transaction, each as
    /// `set_sync_state` would: a batch of a thousand sheets costs one flush to disk, not a
    /// thousand. A revision that is not queued for the export fails the whole batch.
    pub fn set_sync_states(
        &mut self,
        batch: &[(SheetId, u32, SyncState, Option<AuditEvent>)],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            for (id, revision, state, event) in batch {
                queued(tx, id, *revision)?;
                put_sync(tx, id, *revision, state)?;
                event.as_ref().map_or(Ok(()), |e| append(tx, e))?;
            }
            Ok(())
        })
    }

    /// Stores many new sheets in one transaction (`ocop demo`); `demo` marks them as made by
    /// it, so a later `ocop demo` knows the folder holds no real sheets.
    pub fn import(&mut self, batch: &[Import<'_>], demo: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            for item in batch {
                // All or nothing: a taken id refuses the whole batch.
                if latest(tx, &item.sheet.id)?.is_some() {
                    return Err(StoreError::Exists {
                        id: item.sheet.id.clone(),
                    });
                }
                put_rubric(tx, &item.sheet.rubric_sha256, item.rubric_text)?;
                put(tx, &item.sheet, &item.summary)?;
                if item.finished {
                    put_sync(tx, &item.sheet.id, item.sheet.revision, &SyncState::Waiting)?;
                }
                if let Some(signature) = &item.signature {
                    put_signature(tx, &item.sheet.id, item.sheet.revision, signature)?;
                }
                for event in &item.events {
                    append(tx, event)?;
                }
                if demo {
                    let mut table = tx.open_table(DEMO)?;
                    table.insert(item.sheet.id.as_str(), ())?;
                }
            }
            Ok(())
        })
    }
}
