//! The files as a power cut could leave them. What a file held at its last flush is on disk;
//! each change since then reached the disk whole, not at all, or (a write longer than a
//! sector) torn at a sector boundary, its first sectors there or its last. The changes that
//! reached it are applied in order, as a disk's cache writes back the latest bytes of a page.

use std::mem;

use crate::tap::{Op, Which};

pub const SECTOR: u64 = 512;

/// What became of one change at the power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Lost,
    Kept,
    /// A write's first this many bytes reached the disk, the rest did not.
    Head(usize),
    /// A write's bytes from this one on reached the disk, the first did not.
    Tail(usize),
}

/// A write or change of length since the file's last flush.
#[derive(Debug, Clone)]
pub enum Change {
    Write { at: u64, bytes: Vec<u8> },
    SetLen(u64),
}

/// One file: its bytes as of its last flush, and the changes since.
#[derive(Debug, Clone)]
pub struct Disk {
    pub durable: Vec<u8>,
    pub pending: Vec<Change>,
}

impl Disk {
    pub fn new(bytes: Vec<u8>) -> Disk {
        Disk {
            durable: bytes,
            pending: Vec::new(),
        }
    }

    /// The flush: every change so far is on disk.
    pub fn flush(&mut self) {
        for change in mem::take(&mut self.pending) {
            apply(&mut self.durable, &change, Fate::Kept);
        }
    }

    /// The file after a power cut that gave its pending changes these fates.
    pub fn image(&self, fates: &[Fate]) -> Vec<u8> {
        let mut out = self.durable.clone();
        for (change, fate) in self.pending.iter().zip(fates) {
            apply(&mut out, change, *fate);
        }
        out
    }
}

fn apply(image: &mut Vec<u8>, change: &Change, fate: Fate) {
    match (change, fate) {
        (_, Fate::Lost) => {}
        (Change::SetLen(len), _) => image.resize(*len as usize, 0),
        (Change::Write { at, bytes }, fate) => {
            let (from, to) = match fate {
                Fate::Head(n) => (0, n),
                Fate::Tail(n) => (n, bytes.len()),
                _ => (0, bytes.len()),
            };
            let start = *at as usize + from;
            let end = *at as usize + to;
            if image.len() < end {
                image.resize(end, 0);
            }
            image[start..end].copy_from_slice(&bytes[from..to]);
        }
    }
}

/// Where a change may tear: a write's inner sector boundaries, as offsets into it.
pub fn tears(change: &Change) -> Vec<usize> {
    let Change::Write { at, bytes } = change else {
        return Vec::new();
    };
    let end = at + bytes.len() as u64;
    let first = (at / SECTOR + 1) * SECTOR;
    (first..end)
        .step_by(SECTOR as usize)
        .map(|b| (b - at) as usize)
        .collect()
}

/// A moment just before a flush (or at the end of the flow): both files, and how many steps
/// the flow had acknowledged.
pub struct Moment<'a> {
    /// Counted from 1, in the flow's order.
    pub number: usize,
    /// The file whose flush comes next; `None` at the end.
    pub before: Option<Which>,
    pub database: &'a Disk,
    pub journal: &'a Disk,
    pub acked: usize,
}

impl Moment<'_> {
    /// Both files' pending changes, the database's first.
    pub fn pending(&self) -> Vec<&Change> {
        let database = self.database.pending.iter();
        database.chain(&self.journal.pending).collect()
    }
}

/// How many moments `walk` visits.
pub fn count(ops: &[Op]) -> usize {
    1 + ops
        .iter()
        .filter(|op| matches!(op, Op::Sync { .. }))
        .count()
}

/// Visits the moment before every flush of the log, and its end. A power cut anywhere between
/// two flushes leaves a state the later moment also allows (a change made after the cut is
/// one that did not reach the disk), with no more steps acknowledged.
pub fn walk(database: Vec<u8>, journal: Vec<u8>, ops: &[Op], mut visit: impl FnMut(&Moment<'_>)) {
    let mut disks = [Disk::new(database), Disk::new(journal)];
    let index = |file: Which| match file {
        Which::Database => 0,
        Which::Journal => 1,
    };
    let mut acked = 0;
    let mut number = 0;
    for op in ops {
        match op {
            Op::Write { file, at, bytes } => disks[index(*file)].pending.push(Change::Write {
                at: *at,
                bytes: bytes.clone(),
            }),
            Op::SetLen { file, len } => disks[index(*file)].pending.push(Change::SetLen(*len)),
            Op::Acked(n) => acked = *n,
            Op::Sync { file } => {
                number += 1;
                visit(&Moment {
                    number,
                    before: Some(*file),
                    database: &disks[0],
                    journal: &disks[1],
                    acked,
                });
                disks[index(*file)].flush();
            }
        }
    }
    visit(&Moment {
        number: number + 1,
        before: None,
        database: &disks[0],
        journal: &disks[1],
        acked,
    });
}
