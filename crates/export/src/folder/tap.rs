//! What the power-loss harness sees of the export writer (test builds only): every
//! file-system call of `disk`, noted on this thread while a recording runs, and the switch
//! that makes the folder's flush skip (`OCOP_POWERLOSS_BREAK=folder`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs::File;
use std::os::fd::{AsRawFd, RawFd};
use std::path::{Path, PathBuf};

/// One call as a power cut could undo it, or the moment the flow was told step `n` (from 1)
/// was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Mkdir(PathBuf),
    /// A new, empty file.
    Create(PathBuf),
    /// A new file's bytes, from its start.
    Write {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    SyncFile(PathBuf),
    Link {
        from: PathBuf,
        to: PathBuf,
    },
    Unlink(PathBuf),
    SyncDir(PathBuf),
    Acked(usize),
}

thread_local! {
    static LOG: RefCell<Option<Vec<Op>>> = const { RefCell::new(None) };
    /// The files open for writing, by descriptor, to name them in the log.
    static OPEN: RefCell<HashMap<RawFd, PathBuf>> = RefCell::new(HashMap::new());
    static SKIP_FOLDER_FLUSH: Cell<bool> = const { Cell::new(false) };
}

/// Notes every call on this thread from now on; `skip_folder_flush` makes the folder's
/// flush a no-op meanwhile.
pub fn start(skip_folder_flush: bool) {
    LOG.with(|l| *l.borrow_mut() = Some(Vec::new()));
    SKIP_FOLDER_FLUSH.with(|c| c.set(skip_folder_flush));
}

/// Ends the recording: every call noted since `start`.
pub fn stop() -> Vec<Op> {
    SKIP_FOLDER_FLUSH.with(|c| c.set(false));
    OPEN.with(|o| o.borrow_mut().clear());
    LOG.with(|l| l.borrow_mut().take()).unwrap_or_default()
}

pub fn note(op: impl FnOnce() -> Op) {
    LOG.with(|l| {
        if let Some(log) = l.borrow_mut().as_mut() {
            log.push(op());
        }
    });
}

pub(super) fn folder_flush_skipped() -> bool {
    SKIP_FOLDER_FLUSH.with(Cell::get)
}

pub(super) fn created(file: &File, path: &Path) {
    OPEN.with(|o| o.borrow_mut().insert(file.as_raw_fd(), path.to_path_buf()));
    note(|| Op::Create(path.to_path_buf()));
}

fn path_of(file: &File) -> Option<PathBuf> {
    OPEN.with(|o| o.borrow().get(&file.as_raw_fd()).cloned())
}

pub(super) fn wrote(file: &File, bytes: &[u8]) {
    if let Some(path) = path_of(file) {
        note(|| Op::Write {
            path,
            bytes: bytes.to_vec(),
        });
    }
}

pub(super) fn synced(file: &File) {
    if let Some(path) = path_of(file) {
        note(|| Op::SyncFile(path));
    }
}
