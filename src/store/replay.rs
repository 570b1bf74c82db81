//! Between the journal and redb: the payload of a journaled save, the mark of the last record
//! redb holds durably, and the replay at opening of the records after that mark.

use std::path::Path;

use redb::{Database, Durability, WriteTransaction};
use serde::Deserialize;

use super::error::{OpenError, StoreError, storage};
use super::journal::{self, Journal, Record};
use super::tables::{JOURNAL_KEY, META, decode, encode};
use super::write::{append_json, current_draft, put_json};
use crate::domain::audit::AuditEvent;
use crate::domain::sheet::Sheet;
use crate::domain::summary::Summary;

/// What `Store::save` stores, encoded once for both redb and the journal.
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

    /// A journal record's payload: `{"sheet":…,"summary":…,"event":…}`, which `Save` reads.
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

#[derive(Deserialize)]
struct Save {
    sheet: Sheet,
    summary: Summary,
    event: AuditEvent,
}

/// Records the journal's sequence number `seq` as held by this transaction.
pub(super) fn mark(tx: &WriteTransaction, seq: u64) -> Result<(), StoreError> {
    let mut meta = tx.open_table(META).map_err(storage)?;
    meta.insert(JOURNAL_KEY, seq).map_err(storage)?;
    Ok(())
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

/// Opens the journal of `dir` and stores durably the answers it holds that redb does not:
/// those flushed to the journal before a crash whose redb commit was not yet durable. Returns
/// the journal, emptied, and the last sequence number used.
pub(super) fn open(db: &Database, dir: &Path) -> Result<(Journal, u64), OpenError> {
    let path = dir.join(journal::JOURNAL_NAME);
    let (mut journal, records) = Journal::open(dir).map_err(|source| OpenError::Io {
        path: path.clone(),
        source,
    })?;
    let damaged = |detail: String| OpenError::Damaged {
        path: path.clone(),
        detail,
    };
    let applied = applied(db).map_err(|e| damaged(e.to_string()))?;
    let pending = journal::pending(records, applied).ok_or_else(|| {
        damaged(
            "an answer between two others does not check out; moved aside, it is \
             made anew and the database opens without the answers it holds"
                .into(),
        )
    })?;
    let Some(last) = pending.last().map(|r| r.seq) else {
        return Ok((journal, applied));
    };
    apply(db, &pending, last).map_err(|e| match e {
        // A full disk, say: nothing is wrong with the files.
        StoreError::Storage(message) => OpenError::Storage {
            path: dir.join(super::FILE_NAME),
            message,
        },
        e => damaged(format!("its answers do not fit the database: {e}")),
    })?;
    journal.reset();
    Ok((journal, last))
}

/// The sequence number of the last record redb holds (0: none yet).
fn applied(db: &Database) -> Result<u64, StoreError> {
    let tx = redb::ReadableDatabase::begin_read(db).map_err(storage)?;
    let meta = tx.open_table(META).map_err(storage)?;
    Ok(meta
        .get(JOURNAL_KEY)
        .map_err(storage)?
        .map_or(0, |v| v.value()))
}

fn apply(db: &Database, pending: &[Record], last: u64) -> Result<(), StoreError> {
    let mut tx = db.begin_write().map_err(storage)?;
    tx.set_durability(Durability::Immediate).map_err(storage)?;
    for record in pending {
        let save: Save = decode(&record.payload)?;
        let encoded = Encoded::of(&save.sheet, &save.summary, &save.event)?;
        current_draft(&tx, &save.sheet)?;
        put_draft(&tx, &save.sheet, &encoded)?;
    }
    mark(&tx, last)?;
    tx.commit().map_err(storage)
}
