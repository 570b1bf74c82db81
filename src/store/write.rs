//! Writing: each public method is one durable write transaction. A method that returns an error
//! has committed nothing (the transaction is dropped, which aborts it).

use redb::{Durability, ReadableTable, WriteTransaction};

use super::error::{StoreError, storage};
use super::read::guarded;
use super::replay::mark;
use super::tables::{
    AUDIT, DEMO, LATEST, OUTBOX, RUBRICS, SHEETS, SIGNATURES, SUMMARIES, TRASH, decode, encode,
};
use super::{Import, Store, SyncState};
use crate::domain::audit::AuditEvent;
use crate::domain::sheet::{Sheet, SheetId, Status};
use crate::domain::summary::Summary;

impl Store {
    /// Runs `f` in one write transaction and commits it durably; an error commits nothing.
    /// The commit also makes durable every journaled save before it, so the journal is emptied.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.finish_save()?;
        self.usable()?;
        let journaled = self.unflushed;
        let seq = self.seq;
        let value = guarded(|| {
            let mut tx = self.db.begin_write().map_err(storage)?;
            tx.set_durability(Durability::Immediate).map_err(storage)?;
            let value = f(&tx)?;
            if journaled {
                mark(&tx, seq)?;
            }
            tx.commit().map_err(storage)?;
            Ok(value)
        });
        // redb answers every later call with "Previous I/O error": say what it was instead.
        let value = value.map_err(|e| match e {
            StoreError::Full => self.poison(super::save::Poison::Full),
            e => e,
        })?;
        if journaled {
            self.journal_reset();
        }
        Ok(value)
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
            let mut trash = tx.open_table(TRASH).map_err(storage)?;
            trash.insert(id.as_str(), ()).map_err(storage)?;
            drop(trash);
            append(tx, event)
        })
    }

    /// Takes a sheet back out of the trash.
    pub fn restore(&mut self, id: &SheetId, event: &AuditEvent) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut trash = tx.open_table(TRASH).map_err(storage)?;
            if trash.remove(id.as_str()).map_err(storage)?.is_none() {
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
            let outbox = tx.open_table(OUTBOX).map_err(storage)?;
            if outbox
                .get((id.as_str(), revision))
                .map_err(storage)?
                .is_none()
            {
                return Err(StoreError::NoRevision {
                    id: id.clone(),
                    revision,
                });
            }
            drop(outbox);
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
                let outbox = tx.open_table(OUTBOX).map_err(storage)?;
                if outbox
                    .get((id.as_str(), *revision))
                    .map_err(storage)?
                    .is_none()
                {
                    return Err(StoreError::NoRevision {
                        id: id.clone(),
                        revision: *revision,
                    });
                }
                drop(outbox);
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
                    let mut table = tx.open_table(DEMO).map_err(storage)?;
                    table.insert(item.sheet.id.as_str(), ()).map_err(storage)?;
                }
            }
            Ok(())
        })
    }
}

/// The sheet, its summary and its event must speak of the same sheet and revision.
pub(super) fn agree(
    sheet: &Sheet,
    summary: &Summary,
    event: &AuditEvent,
) -> Result<(), StoreError> {
    let same = summary.id == sheet.id
        && summary.revision == sheet.revision
        && summary.status == sheet.status
        && event.sheet_id == sheet.id
        && event.revision == sheet.revision;
    if same {
        Ok(())
    } else {
        Err(StoreError::Refused {
            id: sheet.id.clone(),
            reason: "its summary or audit event is for another sheet or revision",
        })
    }
}

fn latest(tx: &WriteTransaction, id: &SheetId) -> Result<Option<u32>, StoreError> {
    let table = tx.open_table(LATEST).map_err(storage)?;
    let found = table.get(id.as_str()).map_err(storage)?;
    Ok(found.map(|r| r.value()))
}

fn stored_latest(tx: &WriteTransaction, id: &SheetId) -> Result<Sheet, StoreError> {
    let not_found = || StoreError::NotFound { id: id.clone() };
    let revision = latest(tx, id)?.ok_or_else(not_found)?;
    let sheets = tx.open_table(SHEETS).map_err(storage)?;
    let bytes = sheets.get((id.as_str(), revision)).map_err(storage)?;
    decode(bytes.ok_or_else(not_found)?.value())
}

/// The stored latest revision is this sheet's revision, and a draft. Read from its list row,
/// which is a tenth of the sheet's size: this runs on every answer.
pub(super) fn current_draft(tx: &WriteTransaction, sheet: &Sheet) -> Result<(), StoreError> {
    let summaries = tx.open_table(SUMMARIES).map_err(storage)?;
    let row = summaries.get(sheet.id.as_str()).map_err(storage)?;
    let not_found = || StoreError::NotFound {
        id: sheet.id.clone(),
    };
    let stored: Summary = decode(row.ok_or_else(not_found)?.value())?;
    if stored.status == Status::Finished {
        return Err(StoreError::Finished {
            id: sheet.id.clone(),
        });
    }
    if stored.revision != sheet.revision {
        return Err(StoreError::Revision {
            id: sheet.id.clone(),
            given: sheet.revision,
            latest: stored.revision,
        });
    }
    Ok(())
}

/// Writes the revision, makes it the latest, and writes its list row.
fn put(tx: &WriteTransaction, sheet: &Sheet, summary: &Summary) -> Result<(), StoreError> {
    put_json(tx, sheet, &encode(sheet)?, &encode(summary)?)
}

/// `put`, with the sheet and its summary already encoded.
pub(super) fn put_json(
    tx: &WriteTransaction,
    sheet: &Sheet,
    sheet_json: &[u8],
    summary_json: &[u8],
) -> Result<(), StoreError> {
    let id = sheet.id.as_str();
    let mut sheets = tx.open_table(SHEETS).map_err(storage)?;
    sheets
        .insert((id, sheet.revision), sheet_json)
        .map_err(storage)?;
    // An unchanged latest revision is not written again: each table touched costs the commit
    // its copied pages, and an answer is saved on every key.
    let mut latest = tx.open_table(LATEST).map_err(storage)?;
    let known = latest.get(id).map_err(storage)?.map(|v| v.value());
    if known != Some(sheet.revision) {
        latest.insert(id, sheet.revision).map_err(storage)?;
    }
    let mut summaries = tx.open_table(SUMMARIES).map_err(storage)?;
    summaries.insert(id, summary_json).map_err(storage)?;
    Ok(())
}

fn put_rubric(tx: &WriteTransaction, sha256: &str, text: &str) -> Result<(), StoreError> {
    let mut rubrics = tx.open_table(RUBRICS).map_err(storage)?;
    if rubrics.get(sha256).map_err(storage)?.is_none() {
        rubrics.insert(sha256, text).map_err(storage)?;
    }
    Ok(())
}

fn put_sync(
    tx: &WriteTransaction,
    id: &SheetId,
    revision: u32,
    state: &SyncState,
) -> Result<(), StoreError> {
    let mut outbox = tx.open_table(OUTBOX).map_err(storage)?;
    outbox
        .insert((id.as_str(), revision), encode(state)?.as_slice())
        .map_err(storage)?;
    Ok(())
}

fn put_signature(
    tx: &WriteTransaction,
    id: &SheetId,
    revision: u32,
    signature: &str,
) -> Result<(), StoreError> {
    let mut table = tx.open_table(SIGNATURES).map_err(storage)?;
    table
        .insert((id.as_str(), revision), signature)
        .map_err(storage)?;
    Ok(())
}

/// Appends the event after the sheet's last one.
fn append(tx: &WriteTransaction, event: &AuditEvent) -> Result<(), StoreError> {
    append_json(tx, &event.sheet_id, &encode(event)?)
}

/// `append`, with the event already encoded.
pub(super) fn append_json(
    tx: &WriteTransaction,
    id: &SheetId,
    event_json: &[u8],
) -> Result<(), StoreError> {
    let id = id.as_str();
    let mut audit = tx.open_table(AUDIT).map_err(storage)?;
    let last = audit
        .range((id, 0)..=(id, u64::MAX))
        .map_err(storage)?
        .next_back()
        .transpose()
        .map_err(storage)?
        .map(|(key, _)| key.value().1);
    let seq = last.map_or(0, |s| s + 1);
    audit.insert((id, seq), event_json).map_err(storage)?;
    Ok(())
}
