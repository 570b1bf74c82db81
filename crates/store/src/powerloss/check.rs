//! What every state a power cut leaves must satisfy: the store opens, and what it holds is
//! what the flow had acknowledged, or that plus the step in flight: never less, never a
//! part of a step (a finished sheet without its signature or outbox entry).

use crate::{Listed, Store, StoreError, SyncState};
use ocop_domain::audit::AuditEvent;
use ocop_domain::sheet::{Sheet, SheetId};

/// Everything the store shows of the flow's sheets, through its public reading API.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    listed: Vec<Listed>,
    trashed: Vec<Listed>,
    sheets: Vec<Held>,
}

/// A revision, its sync state (its outbox entry) and its signature.
type Revision = (Sheet, SyncState, Option<String>);

/// One sheet: each revision with its sync state and signature, and its audit trail.
#[derive(Debug, Clone, PartialEq)]
struct Held {
    id: SheetId,
    revisions: Vec<Revision>,
    audit: Vec<AuditEvent>,
}

impl Snapshot {
    /// The sheets of `ids` the store has (a sheet the flow creates later is not there yet).
    pub fn of(store: &Store, ids: &[SheetId]) -> Result<Snapshot, StoreError> {
        let mut sheets = Vec::new();
        for id in ids {
            let held = held(store, id)?;
            if !held.revisions.is_empty() || !held.audit.is_empty() {
                sheets.push(held);
            }
        }
        Ok(Snapshot {
            listed: store.summaries()?,
            trashed: store.trashed()?,
            sheets,
        })
    }
}

fn held(store: &Store, id: &SheetId) -> Result<Held, StoreError> {
    let mut revisions = Vec::new();
    for revision in store.revisions(id)? {
        let Some(sheet) = store.sheet(id, Some(revision))? else {
            continue;
        };
        let sync = store.sync_state(id, revision)?;
        revisions.push((sheet, sync, store.signature(id, revision)?));
    }
    Ok(Held {
        id: id.clone(),
        revisions,
        audit: store.audit(id)?,
    })
}

/// Judges what a reopened store holds, `found`, against the flow's states: `states[n]` after
/// step `n` (0: before the first), `labels[n - 1]` naming step `n`, `acked` steps
/// acknowledged before the power cut. Err names what was lost.
pub fn judge(
    found: &Snapshot,
    states: &[Snapshot],
    labels: &[String],
    acked: usize,
) -> Result<(), String> {
    let allowed = acked..=(acked + 1).min(states.len() - 1);
    if allowed.clone().any(|n| states[n] == *found) {
        return Ok(());
    }
    if let Some(n) = (0..acked).rev().find(|n| states[*n] == *found) {
        return Err(format!(
            "lost what was acknowledged: {}",
            steps(&labels[n..acked])
        ));
    }
    Err(format!(
        "the store holds a state no step left; after '{}' it differs in {}",
        acked
            .checked_sub(1)
            .map_or("the start", |n| labels[n].as_str()),
        difference(found, &states[acked])
    ))
}

/// Steps in words: the first three, and how many more.
fn steps(labels: &[String]) -> String {
    let first = labels[..labels.len().min(3)].join("; ");
    match labels.len() {
        0..=3 => first,
        n => format!("{first}; and {} steps more", n - 3),
    }
}

/// The first thing that differs between two snapshots, in words.
fn difference(found: &Snapshot, expected: &Snapshot) -> String {
    let missing = expected
        .sheets
        .iter()
        .find(|e| !found.sheets.iter().any(|f| f.id == e.id));
    if let Some(e) = missing {
        return format!("sheet {}: missing", e.id);
    }
    for (f, e) in found.sheets.iter().zip(&expected.sheets) {
        if f.audit.len() != e.audit.len() {
            return format!(
                "sheet {}: {} audit events, {} acknowledged",
                e.id,
                f.audit.len(),
                e.audit.len()
            );
        }
        if f.revisions != e.revisions {
            return format!("sheet {}: {}", e.id, revisions(&f.revisions, &e.revisions));
        }
        if f.audit != e.audit {
            return format!("sheet {}: its audit events", e.id);
        }
    }
    match found.listed == expected.listed {
        true => "the trash".into(),
        false => "the list of sheets".into(),
    }
}

/// How two lists of revisions differ, in words: the first revision, then the first part of it.
fn revisions(found: &[Revision], expected: &[Revision]) -> String {
    if found.len() != expected.len() {
        return format!("{} revisions, {} acknowledged", found.len(), expected.len());
    }
    let Some(((f, fs, fsig), (e, es, esig))) = found.iter().zip(expected).find(|(f, e)| f != e)
    else {
        return "nothing".into();
    };
    let r = e.revision;
    if f.status != e.status {
        format!("r{r} is {:?}, {:?} acknowledged", f.status, e.status)
    } else if fs != es {
        format!("r{r}'s outbox entry is {fs:?}, {es:?} acknowledged")
    } else if fsig != esig {
        format!("r{r}'s signature is {fsig:?}, {esig:?} acknowledged")
    } else {
        format!(
            "r{r} has {} answers, {} acknowledged",
            f.answers.len(),
            e.answers.len()
        )
    }
}
