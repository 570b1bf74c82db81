//! Reading: each method is one read transaction, a consistent snapshot.

use redb::{ReadTransaction, ReadableDatabase, ReadableTable};

use super::error::StoreError;
use super::tables::{
    AUDIT, DEMO, LATEST, OUTBOX, RUBRICS, SHEETS, SIGNATURES, SUMMARIES, TRASH, decode,
};
use super::tx::guarded;
use super::{Listed, Store, SyncState};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::{Sheet, SheetId};
use ocop_domain::summary::Summary;

impl Store {
    pub(super) fn reader(&self) -> Result<ReadTransaction, StoreError> {
        Ok(self.db.begin_read()?)
    }

    /// Every sheet not in the trash, latest revision each, newest first.
    pub fn summaries(&self) -> Result<Vec<Listed>, StoreError> {
        self.listed(false)
    }

    /// The drafts in the trash, newest first.
    pub fn trashed(&self) -> Result<Vec<Listed>, StoreError> {
        self.listed(true)
    }

    fn listed(&self, in_trash: bool) -> Result<Vec<Listed>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let summaries = tx.open_table(SUMMARIES)?;
            let trash = tx.open_table(TRASH)?;
            let outbox = tx.open_table(OUTBOX)?;
            let mut rows = Vec::new();
            let mut add = |bytes: &[u8]| -> Result<(), StoreError> {
                let summary: Summary = decode(bytes)?;
                let key = (summary.id.as_str(), summary.revision);
                let sync = match outbox.get(key)? {
                    Some(state) => decode(state.value())?,
                    None => SyncState::Draft,
                };
                rows.push(Listed { summary, sync });
                Ok(())
            };
            // The trash is small: walk it rather than every summary.
            if in_trash {
                for entry in trash.iter()? {
                    let (id, _) = entry?;
                    if let Some(bytes) = summaries.get(id.value())? {
                        add(bytes.value())?;
                    }
                }
            } else {
                for entry in summaries.iter()? {
                    let (id, bytes) = entry?;
                    if trash.get(id.value())?.is_none() {
                        add(bytes.value())?;
                    }
                }
            }
            rows.sort_by(|a, b| {
                (b.summary.updated_at, &b.summary.id).cmp(&(a.summary.updated_at, &a.summary.id))
            });
            Ok(rows)
        })
    }

    /// Every sheet's id, trash included, in id (creation) order; decodes nothing.
    pub fn ids(&self) -> Result<Vec<SheetId>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let latest = tx.open_table(LATEST)?;
            let mut ids = Vec::new();
            for entry in latest.iter()? {
                ids.push(parse_id(entry?.0.value())?);
            }
            Ok(ids)
        })
    }

    /// A revision of a sheet; `None` for the latest. `Ok(None)` when there is no such sheet or
    /// revision.
    pub fn sheet(&self, id: &SheetId, revision: Option<u32>) -> Result<Option<Sheet>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let revision = match revision {
                Some(r) => r,
                None => match latest(&tx, id)? {
                    Some(r) => r,
                    None => return Ok(None),
                },
            };
            let sheets = tx.open_table(SHEETS)?;
            let found = sheets.get((id.as_str(), revision))?;
            found.map(|bytes| decode(bytes.value())).transpose()
        })
    }

    /// The revision numbers of a sheet, oldest first; empty when there is no such sheet.
    pub fn revisions(&self, id: &SheetId) -> Result<Vec<u32>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let sheets = tx.open_table(SHEETS)?;
            let range = sheets.range((id.as_str(), 0)..=(id.as_str(), u32::MAX))?;
            range.map(|entry| Ok(entry?.0.value().1)).collect()
        })
    }

    /// The text of the rubric file with this SHA-256, as a sheet was started on it.
    pub fn rubric_text(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let rubrics = tx.open_table(RUBRICS)?;
            let found = rubrics.get(sha256)?;
            Ok(found.map(|text| text.value().to_string()))
        })
    }

    /// Every audit event of a sheet, all revisions, in the order they were stored.
    pub fn audit(&self, id: &SheetId) -> Result<Vec<AuditEvent>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let audit = tx.open_table(AUDIT)?;
            let range = audit.range((id.as_str(), 0)..=(id.as_str(), u64::MAX))?;
            range.map(|entry| decode(entry?.1.value())).collect()
        })
    }

    /// Finished revisions the export has not taken yet, conflicts included, oldest id first.
    pub fn waiting(&self) -> Result<Vec<(SheetId, u32)>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let outbox = tx.open_table(OUTBOX)?;
            let mut waiting = Vec::new();
            for entry in outbox.iter()? {
                let (key, state) = entry?;
                let state: SyncState = decode(state.value())?;
                if matches!(state, SyncState::Waiting | SyncState::Conflict { .. }) {
                    let (id, revision) = key.value();
                    waiting.push((parse_id(id)?, revision));
                }
            }
            Ok(waiting)
        })
    }

    /// A revision's sync state; `Draft` for a stored revision that is not finished.
    pub fn sync_state(&self, id: &SheetId, revision: u32) -> Result<SyncState, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let outbox = tx.open_table(OUTBOX)?;
            if let Some(state) = outbox.get((id.as_str(), revision))? {
                return decode(state.value());
            }
            let sheets = tx.open_table(SHEETS)?;
            match sheets.get((id.as_str(), revision))? {
                Some(_) => Ok(SyncState::Draft),
                None => Err(StoreError::NoRevision {
                    id: id.clone(),
                    revision,
                }),
            }
        })
    }

    /// The armored signature of a finished revision; `None` for a revision finished before
    /// sheets were signed (a database of that time has no signatures table at all).
    pub fn signature(&self, id: &SheetId, revision: u32) -> Result<Option<String>, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let table = match tx.open_table(SIGNATURES) {
                Ok(table) => table,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                Err(e) => return Err(e.into()),
            };
            let found = table.get((id.as_str(), revision))?;
            Ok(found.map(|s| s.value().to_string()))
        })
    }

    /// How many sheets `ocop demo` did not make, trash included.
    pub fn real_sheets(&self) -> Result<usize, StoreError> {
        guarded(|| {
            let tx = self.reader()?;
            let latest = tx.open_table(LATEST)?;
            let demo = tx.open_table(DEMO)?;
            let mut real = 0;
            for entry in latest.iter()? {
                let (id, _) = entry?;
                if demo.get(id.value())?.is_none() {
                    real += 1;
                }
            }
            Ok(real)
        })
    }
}

fn latest(tx: &ReadTransaction, id: &SheetId) -> Result<Option<u32>, StoreError> {
    let latest = tx.open_table(LATEST)?;
    let found = latest.get(id.as_str())?;
    Ok(found.map(|r| r.value()))
}

fn parse_id(id: &str) -> Result<SheetId, StoreError> {
    SheetId::parse(id).ok_or_else(|| StoreError::Storage(format!("a stored id is invalid: {id}")))
}
