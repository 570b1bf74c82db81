//! The per-transaction primitives every write path is made of: the checks and puts inside one
//! redb write transaction, the journal's marks in the meta table, a save encoded once for redb
//! and the journal, and the durable commit. `write`, `save` and `replay` call down to these;
//! nothing here knows the `Store`, the journal file or its bookkeeping.
//!
//! Each function leaves the transaction's fate to its caller: an error commits nothing only
//! because the caller drops the transaction.

use redb::{Database, Durability, ReadableTable, WriteTransaction};

use super::SyncState;
use super::error::StoreError;
use super::open::quietly;
use super::tables::{
    AUDIT, JOURNAL_KEY, LATEST, META, OPEN_KEY, OUTBOX, RUBRICS, SHEETS, SIGNATURES, SUMMARIES,
    decode, encode,
};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::{Sheet, SheetId, Status};
use ocop_domain::summary::Summary;

/// Runs `f` in one write transaction and commits it durably (`Durability::Immediate`); an
/// error commits nothing.
pub(super) fn durably<T>(
    db: &Database,
    f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut tx = db.begin_write()?;
    tx.set_durability(durable())?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// `Durability::Immediate`; in tests, `None` where the power-loss harness has this flush
/// skipped (`tap::Break::Database`).
fn durable() -> Durability {
    #[cfg(test)]
    if super::tap::skip_database_flush() {
        return Durability::None;
    }
    Durability::Immediate
}

/// redb may panic on a page damaged after it was written; that becomes an error the caller
/// can show, not a crash.
pub(super) fn guarded<T>(f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    quietly(f).unwrap_or_else(|| {
        Err(StoreError::Storage(
            "the database file is damaged where this was read".into(),
        ))
    })
}

/// What a draft's save stores, encoded once for both redb and the journal.
pub(super) struct Encoded {
    pub sheet: Vec<u8>,
    pub summary: Vec<u8>,
    pub event: Vec<u8>,
}

impl Encoded {
    pub fn of(sheet: &Sheet, summary: &Summary, event: &AuditEvent) -> Result<Encoded, StoreError> {
        Ok(Encoded {
            sheet: encode(sheet)?,
            summary: encode(summary)?,
            event: encode(event)?,
        })
    }

    /// A journal record's payload: `{"sheet":…,"summary":…,"event":…}`, which replay reads.
    pub fn payload(&self) -> Vec<u8> {
        let parts: [(&[u8], &[u8]); 3] = [
            (b"{\"sheet\":", &self.sheet),
            (b",\"summary\":", &self.summary),
            (b",\"event\":", &self.event),
        ];
        let mut out = Vec::with_capacity(64 + parts.iter().map(|(_, v)| v.len()).sum::<usize>());
        for (key, value) in parts {
            out.extend_from_slice(key);
            out.extend_from_slice(value);
        }
        out.push(b'}');
        out
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

/// Records the journal's sequence number `seq` as held by this transaction.
pub(super) fn mark(tx: &WriteTransaction, seq: u64) -> Result<(), StoreError> {
    tx.open_table(META)?.insert(JOURNAL_KEY, seq)?;
    Ok(())
}

/// Marks durably whether the journal may hold answers redb has not flushed (`OPEN_KEY`).
pub(super) fn set_open(tx: &WriteTransaction, open: bool) -> Result<(), StoreError> {
    tx.open_table(META)?.insert(OPEN_KEY, u64::from(open))?;
    Ok(())
}

pub(super) fn latest(tx: &WriteTransaction, id: &SheetId) -> Result<Option<u32>, StoreError> {
    let table = tx.open_table(LATEST)?;
    let found = table.get(id.as_str())?;
    Ok(found.map(|r| r.value()))
}

pub(super) fn stored_latest(tx: &WriteTransaction, id: &SheetId) -> Result<Sheet, StoreError> {
    let not_found = || StoreError::NotFound { id: id.clone() };
    let revision = latest(tx, id)?.ok_or_else(not_found)?;
    let sheets = tx.open_table(SHEETS)?;
    let bytes = sheets.get((id.as_str(), revision))?;
    decode(bytes.ok_or_else(not_found)?.value())
}

/// The stored latest revision is this sheet's revision, and a draft. Read from its list row,
/// which is a tenth of the sheet's size: this runs on every answer.
pub(super) fn current_draft(tx: &WriteTransaction, sheet: &Sheet) -> Result<(), StoreError> {
    let summaries = tx.open_table(SUMMARIES)?;
    let row = summaries.get(sheet.id.as_str())?;
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

/// The revision is queued for the export (it has an outbox entry).
pub(super) fn queued(tx: &WriteTransaction, id: &SheetId, revision: u32) -> Result<(), StoreError> {
    match tx.open_table(OUTBOX)?.get((id.as_str(), revision))? {
        Some(_) => Ok(()),
        None => Err(StoreError::NoRevision {
            id: id.clone(),
            revision,
        }),
    }
}

/// The three writes of one draft save (checked against the stored draft by the caller).
pub(super) fn put_draft(
    tx: &WriteTransaction,
    sheet: &Sheet,
    encoded: &Encoded,
) -> Result<(), StoreError> {
    put_json(tx, sheet, &encoded.sheet, &encoded.summary)?;
    append_json(tx, &sheet.id, &encoded.event)
}

/// Writes the revision, makes it the latest, and writes its list row.
pub(super) fn put(
    tx: &WriteTransaction,
    sheet: &Sheet,
    summary: &Summary,
) -> Result<(), StoreError> {
    put_json(tx, sheet, &encode(sheet)?, &encode(summary)?)
}

/// `put`, with the sheet and its summary already encoded.
fn put_json(
    tx: &WriteTransaction,
    sheet: &Sheet,
    sheet_json: &[u8],
    summary_json: &[u8],
) -> Result<(), StoreError> {
    let id = sheet.id.as_str();
    tx.open_table(SHEETS)?
        .insert((id, sheet.revision), sheet_json)?;
    // An unchanged latest revision is not written again: each table touched costs the commit
    // its copied pages, and an answer is saved on every key.
    let mut latest = tx.open_table(LATEST)?;
    let known = latest.get(id)?.map(|v| v.value());
    if known != Some(sheet.revision) {
        latest.insert(id, sheet.revision)?;
    }
    tx.open_table(SUMMARIES)?.insert(id, summary_json)?;
    Ok(())
}

pub(super) fn put_rubric(
    tx: &WriteTransaction,
    sha256: &str,
    text: &str,
) -> Result<(), StoreError> {
    let mut rubrics = tx.open_table(RUBRICS)?;
    if rubrics.get(sha256)?.is_none() {
        rubrics.insert(sha256, text)?;
    }
    Ok(())
}

pub(super) fn put_sync(
    tx: &WriteTransaction,
    id: &SheetId,
    revision: u32,
    state: &SyncState,
) -> Result<(), StoreError> {
    tx.open_table(OUTBOX)?
        .insert((id.as_str(), revision), encode(state)?.as_slice())?;
    Ok(())
}

pub(super) fn put_signature(
    tx: &WriteTransaction,
    id: &SheetId,
    revision: u32,
    signature: &str,
) -> Result<(), StoreError> {
    tx.open_table(SIGNATURES)?
        .insert((id.as_str(), revision), signature)?;
    Ok(())
}

/// Appends the event after the sheet's last one.
pub(super) fn append(tx: &WriteTransaction, event: &AuditEvent) -> Result<(), StoreError> {
    append_json(tx, &event.sheet_id, &encode(event)?)
}

/// `append`, with the event already encoded.
fn append_json(tx: &WriteTransaction, id: &SheetId, event_json: &[u8]) -> Result<(), StoreError> {
    let id = id.as_str();
    let mut audit = tx.open_table(AUDIT)?;
    let last = audit
        .range((id, 0)..=(id, u64::MAX))?
        .next_back()
        .transpose()?
        .map(|(key, _)| key.value().1);
    let seq = last.map_or(0, |s| s + 1);
    audit.insert((id, seq), event_json)?;
    Ok(())
}
