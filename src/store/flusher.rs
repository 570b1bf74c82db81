//! The journal's flushes on a thread of their own. The record of an answer is written and its
//! writeback started on the calling thread; the flush goes to this thread, while the caller
//! commits the answer to redb and the interface draws the next frame. `flushed` then waits for
//! the flush. One record is in flight at a time.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::journal::Journal;

/// The record sent last, and where it stands.
enum Last {
    Flushing,
    DidNotFit,
    Failed(io::Error),
}

pub struct Flusher {
    journal: Journal,
    last: Option<Last>,
    flush: Option<Sender<()>>,
    done: Receiver<io::Result<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Flusher {
    pub fn start(journal: Journal) -> io::Result<Flusher> {
        let file = journal.file();
        let (flush, inbox) = mpsc::channel();
        let (outbox, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("ocop-journal".into())
            .spawn(move || flushing(&file, &inbox, &outbox))?;
        Ok(Flusher {
            journal,
            last: None,
            flush: Some(flush),
            done,
            thread: Some(thread),
        })
    }

    pub fn path(&self) -> &Path {
        self.journal.path()
    }

    /// Writes a record and sends it to be flushed; `flushed` tells how that went.
    pub fn append(&mut self, seq: u64, payload: &[u8]) {
        let last = match self.journal.write(seq, payload) {
            Ok(true) => match self.flush.as_ref().map(|f| f.send(())) {
                Some(Ok(())) => Last::Flushing,
                _ => Last::Failed(stopped()),
            },
            Ok(false) => Last::DidNotFit,
            Err(e) => Last::Failed(e),
        };
        self.last = Some(last);
    }

    /// Waits for the record sent last: `Ok(true)` flushed, `Ok(false)` it did not fit.
    pub fn flushed(&mut self) -> io::Result<bool> {
        match self.last.take() {
            None => Ok(true),
            Some(Last::DidNotFit) => Ok(false),
            Some(Last::Failed(e)) => Err(e),
            Some(Last::Flushing) => self
                .done
                .recv()
                .unwrap_or_else(|_| Err(stopped()))
                .map(|()| true),
        }
    }

    /// The journal's descriptor, for tests that make the disk refuse it.
    #[cfg(test)]
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&*self.journal.file())
    }

    /// After a durable commit: the next record goes first.
    pub fn reset(&mut self) {
        self.journal.reset();
    }
}

fn flushing(file: &File, inbox: &Receiver<()>, outbox: &Sender<io::Result<()>>) {
    for () in inbox {
        if outbox.send(file.sync_data()).is_err() {
            break;
        }
    }
}

fn stopped() -> io::Error {
    io::Error::other("the journal's thread has stopped")
}

impl Drop for Flusher {
    fn drop(&mut self) {
        let _ = self.flushed();
        self.flush = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
