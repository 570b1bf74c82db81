//! Between the journal and redb: the payload of a journaled save, the mark of the last record
//! redb holds durably, and the replay at opening of the records after that mark.

use std::path::Path;

use redb::{Database, Durability, WriteTransaction};
use serde::Deserialize;

use super::error::{OpenError, StoreError, storage};
use super::journal::{self, Damage, Found, Journal, Record};
use super::tables::{JOURNAL_KEY, META, OPEN_KEY, decode, encode};
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

/// Marks durably whether the journal may hold answers redb has not flushed (`OPEN_KEY`).
pub(super) fn set_open(tx: &WriteTransaction, open: bool) -> Result<(), StoreError> {
    let mut meta = tx.open_table(META).map_err(storage)?;
    meta.insert(OPEN_KEY, u64::from(open)).map_err(storage)?;
    Ok(())
}

/// The journal after opening: emptied, the last sequence number used, and whether redb marks
/// it open (a session that did not close cleanly, until the next checkpoint clears it).
pub(super) struct Opened {
    pub journal: Journal,
    pub seq: u64,
    pub open: bool,
}

/// Opens the journal of `dir` and stores durably the answers it holds that redb does not:
/// those flushed to the journal before a crash whose redb commit was not yet durable.
///
/// A journal unreadable as a whole (see `journal::Damage`) after a clean close held nothing
/// redb lacks: it is kept aside and made anew. After a session that did not close, it may
/// have held answers: it is kept aside, the mark cleared, and the start stopped with
/// `OpenError::JournalLost`, so the loss is told once and the next start opens.
pub(super) fn open(db: &Database, dir: &Path) -> Result<Opened, OpenError> {
    let path = dir.join(journal::JOURNAL_NAME);
    let io = |source| OpenError::Io {
        path: path.clone(),
        source,
    };
    let damaged = |detail: String| OpenError::Damaged {
        path: path.clone(),
        detail,
    };
    let (applied, open) = marks(db).map_err(|e| damaged(e.to_string()))?;
    let (records, anew) = match journal::read(dir).map_err(io)? {
        Found::Sound(records) => (records, false),
        // Written by version 1, which had no header and no open mark.
        Found::Unheaded(records) if open.is_none() => (records, true),
        Found::Missing => (Vec::new(), true),
        Found::Unheaded(_) => return lost(db, dir, open, Damage::Header),
        Found::Damaged(damage) => return lost(db, dir, open, damage),
    };
    let pending = journal::pending(records, applied).ok_or_else(|| {
        damaged(
            "an answer between two others does not check out; moved aside, it is \
             made anew and the database opens without the answers it holds"
                .into(),
        )
    })?;
    let seq = replay(db, dir, &pending, &path)?.unwrap_or(applied);
    let journal = match anew {
        true => Journal::create(dir),
        false => Journal::resume(dir),
    };
    Ok(Opened {
        journal: journal.map_err(io)?,
        seq,
        open: open == Some(1),
    })
}

/// Stores the pending records durably; the last one's sequence number, if any.
fn replay(
    db: &Database,
    dir: &Path,
    pending: &[Record],
    path: &Path,
) -> Result<Option<u64>, OpenError> {
    let Some(last) = pending.last().map(|r| r.seq) else {
        return Ok(None);
    };
    apply(db, pending, last).map_err(|e| match e {
        // Nothing is wrong with the files: the disk is full, or the database failed.
        StoreError::Full => OpenError::Io {
            path: dir.join(super::FILE_NAME),
            source: std::io::Error::from_raw_os_error(libc::ENOSPC),
        },
        StoreError::Storage(message) => OpenError::Storage {
            path: dir.join(super::FILE_NAME),
            message,
        },
        e => OpenError::Damaged {
            path: path.to_path_buf(),
            detail: format!("its answers do not fit the database: {e}"),
        },
    })?;
    Ok(Some(last))
}

/// A journal unreadable as a whole: kept aside; after a clean close made anew in silence,
/// after a session that did not close reported (see `open`).
fn lost(db: &Database, dir: &Path, open: Option<u64>, damage: Damage) -> Result<Opened, OpenError> {
    let path = dir.join(journal::JOURNAL_NAME);
    let io = |source| OpenError::Io {
        path: path.clone(),
        source,
    };
    let kept = journal::keep_aside(dir).map_err(io)?;
    if open == Some(1) {
        let cleared = db.begin_write().map_err(storage).and_then(|mut tx| {
            tx.set_durability(Durability::Immediate).map_err(storage)?;
            set_open(&tx, false)?;
            tx.commit().map_err(storage)
        });
        // Uncleared, the next start finds no journal and opens all the same.
        let _ = cleared;
        return Err(OpenError::JournalLost { path, kept, damage });
    }
    let (seq, _) = marks(db).map_err(|e| OpenError::Storage {
        path: dir.join(super::FILE_NAME),
        message: e.to_string(),
    })?;
    Ok(Opened {
        journal: Journal::create(dir).map_err(io)?,
        seq,
        open: false,
    })
}

/// The sequence number of the last record redb holds (0: none yet), and the open mark.
fn marks(db: &Database) -> Result<(u64, Option<u64>), StoreError> {
    let tx = redb::ReadableDatabase::begin_read(db).map_err(storage)?;
    let meta = tx.open_table(META).map_err(storage)?;
    let get = |key| -> Result<Option<u64>, StoreError> {
        Ok(meta.get(key).map_err(storage)?.map(|v| v.value()))
    };
    Ok((get(JOURNAL_KEY)?.unwrap_or(0), get(OPEN_KEY)?))
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
