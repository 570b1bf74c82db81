//! Between the journal and redb: the payload of a journaled save, the mark of the last record
//! redb holds durably, and the replay at opening of the records after that mark.

use std::path::Path;

use redb::Database;
use serde::Deserialize;

use super::error::{OpenError, StoreError};
use super::journal::{self, Damage, Found, Journal, Record};
use super::journal_state::JournalState;
use super::tables::{JOURNAL_KEY, META, OPEN_KEY, decode};
use super::tx::{self, Encoded};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::Sheet;
use ocop_domain::summary::Summary;

#[derive(Deserialize)]
struct Save {
    sheet: Sheet,
    summary: Summary,
    event: AuditEvent,
}

/// Opens the journal of `dir` (its bookkeeping: emptied, the last sequence number used, and
/// whether redb marks it open) and stores durably the answers it holds that redb does not:
/// those flushed to the journal before a crash whose redb commit was not yet durable.
///
/// A journal unreadable as a whole (see `journal::Damage`) after a clean close held nothing
/// redb lacks: it is kept aside and made anew. After a session that did not close, it may
/// have held answers: it is kept aside, the mark cleared, and the start stopped with
/// `OpenError::JournalLost`, so the loss is told once and the next start opens.
pub(super) fn open(db: &Database, dir: &Path) -> Result<JournalState, OpenError> {
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
    Ok(JournalState::new(
        journal.map_err(io)?,
        seq,
        open == Some(1),
    ))
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
fn lost(
    db: &Database,
    dir: &Path,
    open: Option<u64>,
    damage: Damage,
) -> Result<JournalState, OpenError> {
    let path = dir.join(journal::JOURNAL_NAME);
    let io = |source| OpenError::Io {
        path: path.clone(),
        source,
    };
    let kept = journal::keep_aside(dir).map_err(io)?;
    if open == Some(1) {
        let cleared = tx::durably(db, |tx| tx::set_open(tx, false));
        // Uncleared, the next start finds no journal and opens all the same.
        let _ = cleared;
        return Err(OpenError::JournalLost { path, kept, damage });
    }
    let (seq, _) = marks(db).map_err(|e| OpenError::Storage {
        path: dir.join(super::FILE_NAME),
        message: e.to_string(),
    })?;
    Ok(JournalState::new(
        Journal::create(dir).map_err(io)?,
        seq,
        false,
    ))
}

/// The sequence number of the last record redb holds (0: none yet), and the open mark.
fn marks(db: &Database) -> Result<(u64, Option<u64>), StoreError> {
    let tx = redb::ReadableDatabase::begin_read(db)?;
    let meta = tx.open_table(META)?;
    let get = |key| -> Result<Option<u64>, StoreError> { Ok(meta.get(key)?.map(|v| v.value())) };
    Ok((get(JOURNAL_KEY)?.unwrap_or(0), get(OPEN_KEY)?))
}

fn apply(db: &Database, pending: &[Record], last: u64) -> Result<(), StoreError> {
    tx::durably(db, |tx| {
        for record in pending {
            let save: Save = decode(&record.payload)?;
            let encoded = Encoded::of(&save.sheet, &save.summary, &save.event)?;
            tx::current_draft(tx, &save.sheet)?;
            tx::put_draft(tx, &save.sheet, &encoded)?;
        }
        tx::mark(tx, last)
    })
}
