//! A set's folder held open while its files are read: each file is opened by its name in the
//! folder, and read to its end without first asking its size. A province's folder is 400,000
//! files; opened by their whole path, each open walked every folder above it again.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use rustix::fs::{Mode, OFlags};

use super::Entry;
use ocop_words::Words;

/// Room for a whole sheet file or printable page (tens of kilobytes), so most are read in
/// one call.
const ROOM: usize = 48 * 1024;

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

    /// The bytes of its file `name`, read to at most `max + 1` (so a file larger than `max`
    /// is told without reading all of it).
    pub fn read(&self, name: &str, max: u64) -> io::Result<Vec<u8>> {
        let flags = OFlags::RDONLY | OFlags::CLOEXEC;
        let file = File::from(rustix::fs::openat(&self.fd, name, flags, Mode::empty())?);
        let mut bytes = Vec::with_capacity(ROOM.min(max as usize + 1));
        file.take(max + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// `read`, with what `scan::read_at_most` says of a file it cannot read or that holds
    /// more than `max` bytes.
    pub fn read_at_most(&self, name: &str, max: u64) -> Result<Vec<u8>, Words> {
        let bytes = self.read(name, max).map_err(super::unreadable)?;
        match bytes.len() as u64 > max {
            true => Err(super::too_large(bytes.len() as u64, max)),
            false => Ok(bytes),
        }
    }
}
