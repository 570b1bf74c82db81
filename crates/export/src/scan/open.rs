//! A set's folder held open while its files are read: each file is opened by its name in the
//! folder, and read to its end without first asking its size. A province's folder is 400,000
//! files; opened by their whole path, each open walked every folder above it again.

use std::io;
use std::path::Path;
use std::sync::Arc;

use ocop_files::FileError;

use rustix::fs::{Mode, OFlags};

use super::Entry;
use ocop_words::Words;

pub struct Folder {
    fd: rustix::fd::OwnedFd,
    dir: Arc<Path>,
}

impl Folder {
    /// The folder `entry` is in.
    pub fn of(entry: &Entry) -> io::Result<Folder> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(&*entry.dir, flags, Mode::empty())?;
        Ok(Folder {
            fd,
            dir: Arc::clone(&entry.dir),
        })
    }

    /// Whether `entry` is in this folder.
    pub fn holds(&self, entry: &Entry) -> bool {
        Arc::ptr_eq(&self.dir, &entry.dir)
    }

    /// The bytes of its regular file `name`, at most `max` of them (`ocop_files::read_at`:
    /// a FIFO, a device or a link there is refused at once, never waited on).
    pub fn read(&self, name: &str, max: u64) -> Result<Vec<u8>, FileError> {
        ocop_files::read_at(&self.fd, name, max)
    }

    /// `read`, with what `scan::read_at_most` says of a file it cannot read.
    pub fn read_at_most(&self, name: &str, max: u64) -> Result<Vec<u8>, Words> {
        self.read(name, max).map_err(|e| match e {
            FileError::TooLarge { max, .. } => super::too_large_than(max),
            e => super::refused(e),
        })
    }
}
