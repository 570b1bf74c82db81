//! The journal's bookkeeping in one place: the open journal file, the last sequence number on
//! disk, whether redb holds journaled records it has not flushed, whether redb marks the
//! journal open, and the save whose record is on its way to disk.
//!
//! Invariants: a record's sequence number is one more than the last; `unflushed` is set only
//! once a record is on disk (`settle`), and cleared only by a durable commit that marks it
//! (`checkpointed`).

use std::io;
use std::path::Path;

use super::journal::Journal;

pub(super) struct JournalState {
    file: Journal,
    /// The journal's last flushed sequence number.
    seq: u64,
    /// The journal holds records redb has not flushed.
    unflushed: bool,
    /// redb marks the journal open (`tx::set_open`): set before the first record of a
    /// session, cleared by the checkpoint of a clean close.
    open: bool,
    /// A save whose journal record is on its way to disk (`Store::start_save`, then
    /// `Store::finish_save`).
    in_flight: Option<InFlight>,
}

/// A record written and started to disk, not yet known to be there.
#[derive(Clone, Copy)]
struct InFlight {
    seq: u64,
    /// It fitted in the journal; if not, redb flushes instead.
    fitted: bool,
}

impl JournalState {
    /// The journal after opening: `seq` is the last record redb holds, `open` whether redb
    /// marks the journal open.
    pub fn new(file: Journal, seq: u64, open: bool) -> JournalState {
        JournalState {
            file,
            seq,
            unflushed: false,
            open,
            in_flight: None,
        }
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Whether redb marks the journal open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// redb now marks the journal open (true) or closed (false), durably.
    pub fn marked_open(&mut self, open: bool) {
        self.open = open;
    }

    /// The sequence number a durable commit must mark, when the journal holds records redb
    /// has not flushed.
    pub fn to_mark(&self) -> Option<u64> {
        self.unflushed.then_some(self.seq)
    }

    /// Whether a clean close has something to clear: unflushed records or the open mark.
    pub fn needs_checkpoint(&self) -> bool {
        self.unflushed || self.open
    }

    /// The sequence number the next record takes.
    pub fn next_seq(&self) -> u64 {
        self.seq + 1
    }

    /// Writes record `seq` and starts it on its way to disk (`settle` waits for it).
    pub fn write(&mut self, seq: u64, payload: &[u8]) -> io::Result<()> {
        let fitted = self.file.write(seq, payload)?;
        self.in_flight = Some(InFlight { seq, fitted });
        Ok(())
    }

    /// Waits until the record in flight, if any, is on disk. `Ok(Some(fitted))` when there
    /// was one; when it did not fit, a durable commit must follow.
    pub fn settle(&mut self) -> io::Result<Option<bool>> {
        let Some(InFlight { seq, fitted }) = self.in_flight.take() else {
            return Ok(None);
        };
        self.file.sync()?;
        self.seq = seq;
        self.unflushed = true;
        Ok(Some(fitted))
    }

    /// After a durable commit that marked `to_mark`: the records are redundant.
    pub fn checkpointed(&mut self) {
        self.file.reset();
        self.unflushed = false;
    }

    /// The descriptor, for tests that make the disk refuse the journal.
    #[cfg(test)]
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        self.file.raw_fd()
    }

    /// Notes every later write and flush of the journal in `log` (the power-loss harness).
    #[cfg(test)]
    pub fn tap(&mut self, log: super::tap::Log) {
        self.file.tap(log);
    }
}
