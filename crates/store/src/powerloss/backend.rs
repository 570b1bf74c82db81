//! The database's disk for a flow under the harness: redb's in-memory backend, with every
//! write, change of length and flush noted in the tap's log, in order with the journal's.

use std::fmt;
use std::io;

use redb::StorageBackend;
use redb::backends::InMemoryBackend;

use crate::tap::{Log, Op, Which};

pub struct Recording {
    inner: InMemoryBackend,
    log: Log,
}

impl Recording {
    /// A disk holding `bytes` (a database file), noting into `log` from now on.
    pub fn new(bytes: &[u8], log: Log) -> io::Result<Recording> {
        let inner = InMemoryBackend::new();
        inner.set_len(bytes.len() as u64)?;
        inner.write(0, bytes)?;
        Ok(Recording { inner, log })
    }
}

// By hand: the log holds every byte written.
impl fmt::Debug for Recording {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recording").finish_non_exhaustive()
    }
}

impl StorageBackend for Recording {
    fn len(&self) -> io::Result<u64> {
        self.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.inner.read(offset, out)
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        self.inner.set_len(len)?;
        self.log.note(Op::SetLen {
            file: Which::Database,
            len,
        });
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        self.inner.sync_data()?;
        self.log.note(Op::Sync {
            file: Which::Database,
        });
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.inner.write(offset, data)?;
        self.log.note(Op::Write {
            file: Which::Database,
            at: offset,
            bytes: data.to_vec(),
        });
        Ok(())
    }
}
