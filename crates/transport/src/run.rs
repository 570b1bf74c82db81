//! One sync: every finished revision the store holds for the export is written to the folder
//! (or recognised there), a round of a few hundred at a time (`Destination::most_at_once`);
//! each round's files are flushed, and only then is each of its revisions marked synced, so a
//! crash at any point leaves the store saying "waiting" for a file that is either absent or
//! complete, and the next sync recognises it.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::destination::{Answered, Destination, LocalFolder, Prepared};
use crate::error::{RemoteError, SyncError};
use crate::remote::Ssh;
use crate::target::Target;
use ocop_catalog::Catalog;
use ocop_domain::audit::{AuditEvent, Change};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::SheetId;
use ocop_export::document::{canonical_bytes, sheet_document};
use ocop_export::folder::{Put, SHEETS, sheet_file_name};
use ocop_export::progress::Counter;
use ocop_store::{Store, SyncState};
use ocop_words::Words;

/// Who the audit trail names for an export.
pub const ACTOR: &str = "ocop sync";

/// What happened to one waiting revision.
#[derive(Debug, Clone)]
pub enum Outcome {
    Written {
        file: String,
        /// Files written now: the document, its `.sha256` and its companions.
        files: usize,
    },
    /// Its file was already there with the same bytes: marked synced, nothing written.
    AlreadyThere { file: String },
    /// Another file holds its name; it stays waiting.
    Conflict { reason: SyncError },
    /// Not written this time, and why (folder missing, unwritable, full, ...).
    Waiting { reason: SyncError },
}

#[derive(Debug, Clone)]
pub struct SheetReport {
    pub id: SheetId,
    pub revision: u32,
    pub product: String,
    pub outcome: Outcome,
}

impl SheetReport {
    pub fn is_synced(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Written { .. } | Outcome::AlreadyThere { .. }
        )
    }

    /// Why it still waits, for the one line per sheet.
    pub fn why(&self) -> Option<&SyncError> {
        match &self.outcome {
            Outcome::Conflict { reason } | Outcome::Waiting { reason } => Some(reason),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub sheets: Vec<SheetReport>,
    /// The store could not even list what waits.
    pub store_error: Option<SyncError>,
    /// `summary.csv` could not be rebuilt (the sheets themselves may be synced).
    pub summary_error: Option<SyncError>,
    /// Over SSH: why the host could not take the sheets, in terms the interface words.
    pub remote: Option<RemoteError>,
}

impl Report {
    pub fn waiting(&self) -> impl Iterator<Item = &SheetReport> {
        self.sheets.iter().filter(|s| !s.is_synced())
    }

    pub fn written(&self) -> usize {
        let written = |s: &&SheetReport| matches!(s.outcome, Outcome::Written { .. });
        self.sheets.iter().filter(written).count()
    }

    /// Every file written now, companions included (a sheet is several files).
    pub fn files_written(&self) -> usize {
        let files = |s: &SheetReport| match s.outcome {
            Outcome::Written { files, .. } => files,
            _ => 0,
        };
        self.sheets.iter().map(files).sum()
    }

    /// Nothing is left waiting and nothing failed.
    pub fn is_clean(&self) -> bool {
        self.waiting().next().is_none() && self.store_error.is_none()
    }

    /// The first reason something still waits, for a status line.
    pub fn last_error(&self) -> Option<&SyncError> {
        self.store_error
            .as_ref()
            .or_else(|| self.waiting().find_map(SheetReport::why))
            .or(self.summary_error.as_ref())
    }
}

/// Syncs to the export folder setting: a folder here, or a host over SSH.
pub fn sync_to(
    store: &mut Store,
    catalog: &Catalog,
    target: &Target,
    now: DateTime<FixedOffset>,
) -> Report {
    sync_to_counted(store, catalog, target, now, &Counter::default())
}

/// `sync_to`, counting the revisions placed in `progress` as it goes.
pub fn sync_to_counted(
    store: &mut Store,
    catalog: &Catalog,
    target: &Target,
    now: DateTime<FixedOffset>,
    progress: &Counter,
) -> Report {
    match target {
        Target::Local(dir) => sync_with(store, catalog, &mut LocalFolder::new(dir), now, progress),
        Target::Ssh(ssh) => sync_with(store, catalog, &mut Ssh::new(ssh.clone()), now, progress),
    }
}

/// Syncs every waiting revision into `dir`. Never fails as a whole: every revision gets an
/// outcome, and those not written stay waiting in the store for the next attempt.
pub fn sync_all(
    store: &mut Store,
    catalog: &Catalog,
    dir: &Path,
    now: DateTime<FixedOffset>,
) -> Report {
    let progress = Counter::default();
    sync_with(store, catalog, &mut LocalFolder::new(dir), now, &progress)
}

/// Syncs every waiting revision to `to`, a local folder or a receiver over SSH, counting in
/// `progress` the revisions placed.
pub fn sync_with(
    store: &mut Store,
    catalog: &Catalog,
    to: &mut dyn Destination,
    now: DateTime<FixedOffset>,
    progress: &Counter,
) -> Report {
    let mut report = sync_batch(store, catalog, to, (now, progress));
    report.remote = to.problem();
    report
}

fn sync_batch(
    store: &mut Store,
    catalog: &Catalog,
    to: &mut dyn Destination,
    (now, progress): (DateTime<FixedOffset>, &Counter),
) -> Report {
    let waiting = match store.waiting() {
        Ok(waiting) => waiting,
        Err(e) => {
            return Report {
                store_error: Some(e.into()),
                ..Report::default()
            };
        }
    };
    if waiting.is_empty() {
        return Report::default();
    }
    progress.begin(waiting.len());
    let mut report = Report::default();
    // The folder first: while it is unreachable, no document is built for nothing.
    match to.open() {
        Ok(()) => {}
        Err(reason) => {
            report.sheets = waiting
                .into_iter()
                .map(|(id, revision)| {
                    let product = product_of(store, &id, revision);
                    waits(id, revision, product, reason.clone())
                })
                .collect();
            return report;
        }
    }
    for round in waiting.chunks(to.most_at_once().max(1)) {
        let prepared: Vec<Prepared> = round
            .iter()
            .filter_map(
                |(id, revision)| match prepare(store, catalog, id, *revision) {
                    Ok(p) => Some(p),
                    Err(reason) => {
                        let product = product_of(store, id, *revision);
                        report
                            .sheets
                            .push(waits(id.clone(), *revision, product, reason));
                        None
                    }
                },
            )
            .collect();
        // A revision that could not be prepared is done with, as far as progress goes.
        progress.add(round.len() - prepared.len());
        write_batch(store, to, prepared, (now, progress), &mut report);
    }
    // Every synced revision is in the folder, written now or before: the summary may lack
    // it (a sync cut short), so it is rebuilt, and written only if it changed.
    if report.sheets.iter().any(SheetReport::is_synced) {
        report.summary_error = to.summary(catalog);
    }
    report
}

/// The product's name, for the line that says why a sheet waits.
fn product_of(store: &Store, id: &SheetId, revision: u32) -> String {
    match store.sheet(id, Some(revision)) {
        Ok(Some(sheet)) => sheet.header.product_name,
        _ => String::new(),
    }
}

fn waits(id: SheetId, revision: u32, product: String, reason: SyncError) -> SheetReport {
    SheetReport {
        id,
        revision,
        product,
        outcome: Outcome::Waiting { reason },
    }
}

/// Writes every file, flushes the folder once, then records each outcome in the store.
fn write_batch(
    store: &mut Store,
    to: &mut dyn Destination,
    prepared: Vec<Prepared>,
    (now, progress): (DateTime<FixedOffset>, &Counter),
    report: &mut Report,
) {
    let delivery = to.deliver(&prepared, progress);
    // A transport cut before every answer came leaves the rest waiting for the same reason.
    let unanswered = delivery
        .durable
        .clone()
        .err()
        .unwrap_or(SyncError::NoAnswer);
    let mut answers = delivery.answers.into_iter();
    let mut placed = Vec::new();
    for p in prepared {
        match answers.next().unwrap_or_else(|| Err(unanswered.clone())) {
            Ok(put) => placed.push((p, put)),
            Err(reason) if reason.is_conflict() => {
                let conflict = SyncState::Conflict {
                    message: reason.to_string(),
                };
                let outcome = match record(store, &p, &conflict, None) {
                    Ok(()) => Outcome::Conflict { reason },
                    Err(reason) => Outcome::Waiting { reason },
                };
                report.sheets.push(p.report(outcome));
            }
            Err(reason) => report
                .sheets
                .push(waits(p.id, p.revision, p.product, reason)),
        }
    }
    if let Err(reason) = delivery.durable {
        let stay = placed.into_iter().map(|(p, _)| p);
        report
            .sheets
            .extend(stay.map(|p| waits(p.id, p.revision, p.product, reason.clone())));
        return;
    }
    mark_synced(store, placed, now, report);
}

/// Marks every placed revision synced in one store transaction; should that fail, one by one,
/// so that each revision gets its own outcome.
fn mark_synced(
    store: &mut Store,
    placed: Vec<(Prepared, Answered)>,
    now: DateTime<FixedOffset>,
    report: &mut Report,
) {
    let synced: Vec<_> = placed.iter().map(|(p, _)| synced_state(p, now)).collect();
    let batch: Vec<_> = placed
        .iter()
        .zip(&synced)
        .map(|((p, _), (state, event))| {
            (p.id.clone(), p.revision, state.clone(), Some(event.clone()))
        })
        .collect();
    let all_at_once = store.set_sync_states(&batch).is_ok();
    for ((p, put), (state, event)) in placed.into_iter().zip(synced) {
        let stored = if all_at_once {
            Ok(())
        } else {
            record(store, &p, &state, Some(&event))
        };
        let file = p.file();
        let outcome = match (stored, put) {
            (Err(reason), _) => Outcome::Waiting { reason },
            (
                Ok(()),
                Answered {
                    put: Put::Written,
                    files,
                },
            ) => Outcome::Written { file, files },
            (
                Ok(()),
                Answered {
                    put: Put::AlreadyThere,
                    ..
                },
            ) => Outcome::AlreadyThere { file },
        };
        report.sheets.push(p.report(outcome));
    }
}

/// The state and the audit event that record a revision as exported.
fn synced_state(p: &Prepared, now: DateTime<FixedOffset>) -> (SyncState, AuditEvent) {
    let file = p.file();
    let event = AuditEvent {
        sheet_id: p.id.clone(),
        revision: p.revision,
        at: now,
        actor: ACTOR.to_string(),
        change: Change::Synced { file: file.clone() },
    };
    (SyncState::Synced { file, at: now }, event)
}

/// Stores a revision's new sync state, unless it is already that (a conflict seen again).
fn record(
    store: &mut Store,
    p: &Prepared,
    state: &SyncState,
    event: Option<&AuditEvent>,
) -> Result<(), SyncError> {
    let unchanged = store
        .sync_state(&p.id, p.revision)
        .is_ok_and(|old| &old == state);
    if unchanged {
        return Ok(());
    }
    Ok(store.set_sync_state(&p.id, p.revision, state, event)?)
}

impl Prepared {
    /// The file's path in the export folder, as the store and the report name it.
    fn file(&self) -> String {
        format!("{SHEETS}/{}/{}", self.set_id, self.name)
    }

    fn report(self, outcome: Outcome) -> SheetReport {
        SheetReport {
            id: self.id,
            revision: self.revision,
            product: self.product,
            outcome,
        }
    }
}

/// The document bytes and file name of one waiting revision.
fn prepare(
    store: &Store,
    catalog: &Catalog,
    id: &SheetId,
    revision: u32,
) -> Result<Prepared, SyncError> {
    let sheet = store
        .sheet(id, Some(revision))?
        .ok_or(SyncError::NotInStore { revision })?;
    let rubric = catalog.rubric_of(&sheet, |sha| store.rubric_text(sha))?;
    let audit = store.audit(id)?;
    let bytes = canonical_bytes(&sheet_document(&rubric, &sheet, &audit));
    let sig = store.signature(id, revision)?;
    let html = printed_copy(&rubric, &bytes, sig.as_deref())?;
    Ok(Prepared {
        sig,
        html,
        id: id.clone(),
        revision,
        product: sheet.header.product_name.clone(),
        set_id: rubric.id.clone(),
        name: sheet_file_name(id, revision),
        bytes,
    })
}

/// The printable copy of a revision, made from its document as `verify` will read it back,
/// so the two cannot differ.
fn printed_copy(rubric: &Rubric, bytes: &[u8], sig: Option<&str>) -> Result<Vec<u8>, SyncError> {
    let unread = |e: serde_json::Error| Words::new(e.to_string(), e.to_string());
    let doc = ocop_export::document::parse(bytes).map_err(|e| SyncError::Printed(unread(e)))?;
    let sheet = ocop_export::verify::sheet_of(&doc).map_err(SyncError::Printed)?;
    let html =
        ocop_export::printed::printed_html(rubric, &sheet, bytes, sig, ocop_domain::Lang::Vi);
    Ok(html.into_bytes())
}

#[cfg(test)]
#[path = "run/tests.rs"]
mod tests;
