//! Where a sync's batch goes: the seam between `run` (the store's side) and the two ways of
//! placing files: a folder on this machine (`LocalFolder`, the `Folder` writer) or a receiver
//! over SSH (`remote::Ssh`). Either answers per revision, then whether the batch is durable;
//! `run` marks a revision synced only when both say so.

use ocop_catalog::Catalog;
use std::path::{Path, PathBuf};

use crate::error::RemoteError;
use crate::error::SyncError;
use ocop_domain::sheet::SheetId;
use ocop_export::folder::{Folder, Put};
use ocop_export::progress::Counter;
use ocop_reports::summary_csv;

/// The answers for a batch, in the batch's order (fewer when the transport was cut), and
/// whether what was placed is on disk for good; the error says why not, for every revision.
/// A revision not placed says why; a conflict (`SyncError::is_conflict`) is recorded in the
/// store as one.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub answers: Vec<Result<Answered, SyncError>>,
    pub durable: Result<(), SyncError>,
}

/// One revision placed: whether its document was written now or already there, and how
/// many files (the document, its `.sha256`, its companions) were written now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub put: Put,
    pub files: usize,
}

pub trait Destination {
    /// Reaches the folder before any document is built; the error says why it cannot.
    fn open(&mut self) -> Result<(), SyncError>;
    /// Places every revision with its `.sha256` and companion files, counting each answered.
    fn deliver(&mut self, batch: &[Prepared], progress: &Counter) -> Delivery;
    /// Rebuilds `summary.csv` beside the sheets; the error, if any.
    fn summary(&mut self, catalog: &Catalog) -> Option<SyncError>;
    /// Over SSH, the typed reason nothing (or not everything) got through.
    fn problem(&self) -> Option<RemoteError> {
        None
    }
    /// How many revisions one delivery carries. A sync prepares that many, delivers them and
    /// records them before it prepares more, so its memory does not grow with the number of
    /// sheets waiting. An SSH session carries one delivery, of every revision.
    fn most_at_once(&self) -> usize {
        usize::MAX
    }
}

/// The companion files of a revision besides its `.sha256`, by kind (see
/// `wire::companion_name`), for either destination: its signature, when it was signed at
/// finishing, then its printable copy, when the destination takes it (`printed`).
pub fn companions(revision: &Prepared, printed: bool) -> Vec<(String, Vec<u8>)> {
    let sig = revision.sig.as_ref();
    let sig = sig.map(|s| ("sig".to_string(), s.as_bytes().to_vec()));
    let html = printed.then(|| ("html".to_string(), revision.html.clone()));
    sig.into_iter().chain(html).collect()
}

/// A revision ready to write; a `Destination` places it from these fields.
pub struct Prepared {
    pub id: SheetId,
    pub revision: u32,
    pub(crate) product: String,
    pub set_id: String,
    pub name: String,
    pub bytes: Vec<u8>,
    /// The armored signature stored when it was finished; none before sheets were signed.
    pub sig: Option<String>,
    /// The printable copy, made from `bytes` (see `printed`).
    pub html: Vec<u8>,
}

/// The export folder on this machine (a mounted share, or a folder another tool carries).
pub struct LocalFolder {
    dir: PathBuf,
    folder: Option<Folder>,
}

impl LocalFolder {
    pub fn new(dir: &Path) -> LocalFolder {
        LocalFolder {
            dir: dir.to_path_buf(),
            folder: None,
        }
    }
}

impl Destination for LocalFolder {
    fn open(&mut self) -> Result<(), SyncError> {
        self.folder = Some(Folder::open(&self.dir)?);
        Ok(())
    }

    fn deliver(&mut self, batch: &[Prepared], progress: &Counter) -> Delivery {
        let Some(folder) = self.folder.as_mut() else {
            let dir = self.dir.clone();
            return Delivery {
                answers: Vec::new(),
                durable: Err(SyncError::NotOpen { dir }),
            };
        };
        demo_roster(folder, batch);
        let mut put_one = |p: &Prepared| {
            let answer = put(folder, p);
            progress.add(1);
            answer
        };
        let answers = batch.iter().map(&mut put_one).collect();
        let durable = folder.flush().map_err(|e| SyncError::Flush {
            source: std::sync::Arc::new(e),
        });
        Delivery { answers, durable }
    }

    fn summary(&mut self, catalog: &Catalog) -> Option<SyncError> {
        summary_csv::rebuild(&self.dir, catalog)
            .err()
            .map(SyncError::from)
    }

    /// A few hundred documents with their printable copies are tens of megabytes; a
    /// province's 100,000 at once were gigabytes. Each round ends with a flush and one store
    /// transaction, a few milliseconds against the seconds its files take.
    fn most_at_once(&self) -> usize {
        LOCAL_ROUND
    }
}

/// Revisions a sync places in a local folder per round (see `Destination::most_at_once`).
const LOCAL_ROUND: usize = 500;

/// Demo sheets are signed with the demo key; the first export of them into a folder without
/// a roster writes one that names it, so that `verify` and `council` show the whole flow. A
/// folder's own `allowed_signers` is never touched. A failure here only leaves the roster out.
fn demo_roster(folder: &mut Folder, prepared: &[Prepared]) {
    let demo = ocop_sign::demo_signer();
    let demo_fp = demo.fingerprint();
    let is_demo = |p: &&Prepared| {
        p.sig
            .as_deref()
            .and_then(ocop_sign::signer_fingerprint)
            .is_some_and(|fp| fp == demo_fp)
    };
    if prepared.iter().any(|p| is_demo(&p)) {
        let roster = ocop_sign::demo_roster(&demo);
        let _ = folder.put_top_once(ocop_export::roster::ALLOWED_SIGNERS, roster.as_bytes());
    }
}

/// The document and its `.sha256`, then its companions, each written once.
fn put(folder: &mut Folder, p: &Prepared) -> Result<Answered, SyncError> {
    let put = folder.put(&p.set_id, &p.name, &p.bytes)?;
    // The document and its `.sha256` are written together.
    let mut files = if put == Put::Written { 2 } else { 0 };
    for (kind, bytes) in companions(p, true) {
        let name = crate::wire::companion_name(&p.name, &kind)
            .unwrap_or_else(|| format!("{}.unknown", p.name));
        if folder.put_file(&p.set_id, &name, &bytes)? == Put::Written {
            files += 1;
        }
    }
    Ok(Answered { put, files })
}
