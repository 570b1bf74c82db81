//! What the journal writes through: its file, and in test builds a tap beside it that notes
//! every write and flush for the power-loss harness (`tap`), and that can skip the flush.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;

#[cfg(test)]
use super::tap::{self, Break, Log, Op, Which};

pub struct Medium {
    file: File,
    #[cfg(test)]
    tap: Option<Log>,
}

impl Medium {
    pub fn new(file: File) -> Medium {
        Medium {
            file,
            #[cfg(test)]
            tap: None,
        }
    }

    pub fn write_all_at(&self, bytes: &[u8], at: u64) -> io::Result<()> {
        self.file.write_all_at(bytes, at)?;
        #[cfg(test)]
        self.note(|| Op::Write {
            file: Which::Journal,
            at,
            bytes: bytes.to_vec(),
        });
        Ok(())
    }

    /// Waits until everything written is on disk.
    pub fn sync_data(&self) -> io::Result<()> {
        #[cfg(test)]
        if tap::broken(Break::Journal) {
            return Ok(());
        }
        self.file.sync_data()?;
        #[cfg(test)]
        self.note(|| Op::Sync {
            file: Which::Journal,
        });
        Ok(())
    }

    /// Sends the written range to the disk now, so that it travels while the caller commits
    /// to redb and draws the next frame, and the flush that follows finds it done or under
    /// way. Only a head start: on failure the flush does it all. Nothing is durable by it.
    pub fn start_writeback(&self, offset: u64, len: u64) {
        let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
            return;
        };
        // SAFETY: a plain system call on an open descriptor; it reads no memory of ours.
        unsafe {
            libc::sync_file_range(
                self.file.as_raw_fd(),
                offset,
                len,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
    }

    /// The descriptor, for tests that make the disk refuse the journal.
    #[cfg(test)]
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        self.file.as_raw_fd()
    }

    /// Cuts or grows the file, for tests of a journal of the wrong size.
    #[cfg(test)]
    pub fn set_len(&self, len: u64) -> io::Result<()> {
        self.file.set_len(len)
    }

    /// Notes every later write and flush in `log`.
    #[cfg(test)]
    pub fn tap(&mut self, log: Log) {
        self.tap = Some(log);
    }

    #[cfg(test)]
    fn note(&self, op: impl FnOnce() -> Op) {
        if let Some(log) = &self.tap {
            log.note(op());
        }
    }
}
