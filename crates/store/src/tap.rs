//! What the power-loss harness (`powerloss`) sees of the real code, in test builds only: the
//! log every write and flush of the database and the journal is noted in, and the switch that
//! makes one flush site skip its flush, to show that the harness notices.
//!
//! It sits below the journal's medium and the transactions, which note into it, and the
//! harness reads it; nothing here knows either.

use std::cell::Cell;
use std::sync::{Arc, Mutex, MutexGuard};

/// The file an operation went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Database,
    Journal,
}

/// One operation as a power cut could undo it: a write, a change of length, a flush; or the
/// moment the flow told its caller that step `n` (from 1) was done.
#[derive(Debug, Clone)]
pub enum Op {
    Write {
        file: Which,
        at: u64,
        bytes: Vec<u8>,
    },
    SetLen {
        file: Which,
        len: u64,
    },
    Sync {
        file: Which,
    },
    Acked(usize),
}

/// The operations of one flow, in the order they happened, across both files.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<Op>>>);

impl Log {
    pub fn note(&self, op: Op) {
        self.ops().push(op);
    }

    /// The operations; a panic while noting (a failed test) still leaves them readable.
    pub fn ops(&self) -> MutexGuard<'_, Vec<Op>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A flush the real code is made to skip (`OCOP_POWERLOSS_BREAK`): the harness must then
/// report what a power cut loses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// The journal's flush before an answer is acknowledged.
    Journal,
    /// The database's flush when a sheet is finished.
    Database,
}

thread_local! {
    static BROKEN: Cell<Option<Break>> = const { Cell::new(None) };
    /// Set while `Store::finish` commits.
    static FINISHING: Cell<bool> = const { Cell::new(false) };
}

/// Makes this thread's flush site `b` skip its flush from now on (`None`: none does).
pub fn set_break(b: Option<Break>) {
    BROKEN.with(|c| c.set(b));
}

pub fn broken(b: Break) -> bool {
    BROKEN.with(Cell::get) == Some(b)
}

/// While held, durable commits are those of a finished sheet, which `Break::Database` makes
/// skip their flush.
pub struct Finishing(());

impl Finishing {
    pub fn start() -> Finishing {
        FINISHING.with(|c| c.set(true));
        Finishing(())
    }
}

impl Drop for Finishing {
    fn drop(&mut self) {
        FINISHING.with(|c| c.set(false));
    }
}

/// Whether the durable commit starting now is to skip its flush.
pub fn skip_database_flush() -> bool {
    broken(Break::Database) && FINISHING.with(Cell::get)
}
