//! The answer journal, `ocop.journal` beside the database. A redb commit of one answer copies
//! some fifteen pages across three B-trees before its flush; a journal record is one or two
//! contiguous pages. So an answer is appended here and flushed, and redb commits it without a
//! flush of its own (`Durability::None`). A durable redb commit (a checkpoint) makes the
//! records before it redundant; opening applies those redb does not hold.
//!
//! The file identifies itself: its first sector is a header ("OCOPJRNL", the format version
//! (u32 LE), the file's size (u64 LE), the first 8 bytes of the SHA-256 of those), and it is
//! exactly `JOURNAL_BYTES` long, made so once (written aside, flushed, renamed), so a flush
//! writes data and never the file's size. Records start at the following 512-byte boundaries,
//! so a torn write never reaches into the sectors of a record already flushed: "OCJ1",
//! sequence (u64 LE), payload length (u32 LE), the first 8 bytes of the SHA-256 of sequence,
//! length and payload, then the payload. A file of another size, or whose header does not
//! check out, is damaged as a whole (`Damage`); what that costs depends on whether ocop closed
//! cleanly, which the database knows (`replay`).

use ocop_files::{FileError, Links};
use std::fs::{File, OpenOptions};
use std::io::{self, ErrorKind};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::medium::Medium;

use sha2::{Digest, Sha256};

pub const JOURNAL_NAME: &str = "ocop.journal";
/// The journal's size, and so the most a start ever reads of it: about 200 answers between
/// checkpoints, so replay stays instant and redb's unflushed pages few. A journal file of any
/// other size is damaged.
pub const JOURNAL_BYTES: u64 = 1 << 20;
const FILE_MAGIC: &[u8; 8] = b"OCOPJRNL";
/// The format: 2 is the first with a header (version 1 had records from the first byte).
const VERSION: u32 = 2;
const MAGIC: &[u8; 4] = b"OCJ1";
const SECTOR: u64 = 512;
/// Both headers end with the first bytes of a SHA-256, this many.
const SUM_BYTES: usize = 8;

/// Where each field of the file's header lies, in its first sector.
mod file_at {
    use std::ops::Range;
    pub const MAGIC: Range<usize> = 0..8;
    /// The format version, u32 LE.
    pub const VERSION: Range<usize> = 8..12;
    /// The file's size, u64 LE.
    pub const SIZE: Range<usize> = 12..20;
    /// The first 8 bytes of the SHA-256 of the fields before it.
    pub const SUM: Range<usize> = 20..28;
}
const FILE_HEADER: usize = file_at::SUM.end;

/// Where each field of a record's header lies, from the record's first byte.
mod record_at {
    use std::ops::Range;
    pub const MAGIC: Range<usize> = 0..4;
    /// The sequence number, u64 LE.
    pub const SEQ: Range<usize> = 4..12;
    /// The payload's length, u32 LE.
    pub const LEN: Range<usize> = 12..16;
    /// The first 8 bytes of the SHA-256 of sequence, length and payload.
    pub const SUM: Range<usize> = 16..24;
}
const HEADER: usize = record_at::SUM.end;

pub struct Journal {
    file: Medium,
    path: PathBuf,
    /// Where the next record goes.
    end: u64,
}

/// A record read back: its sequence number and payload.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    pub seq: u64,
    pub payload: Vec<u8>,
}

/// What a start finds in the data folder's journal file.
#[derive(Debug)]
pub enum Found {
    Missing,
    /// The header checks out: every record that does, in file order.
    Sound(Vec<Record>),
    /// The right size, but the header does not check out: zeroed, overwritten, or written by
    /// a version 1 ocop, whose records (here, read from the first byte) a start still applies.
    Unheaded(Vec<Record>),
    /// Not the journal's size: cut short, or something else put there.
    Damaged(Damage),
}

/// Why a journal file cannot be read as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Its first sector is not a journal header (zeros, random bytes, another file).
    Header,
    /// It is shorter than a journal (this many bytes).
    Short(u64),
    /// It is larger than a journal (this many bytes); it is not read.
    TooLarge(u64),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::Header => write!(f, "its header does not check out"),
            Damage::Short(n) => write!(f, "it is {n} bytes long instead of {JOURNAL_BYTES}"),
            Damage::TooLarge(n) => {
                write!(
                    f,
                    "it is {n} bytes long, more than a journal's {JOURNAL_BYTES}"
                )
            }
        }
    }
}

/// Reads the journal of `dir`, never more than `JOURNAL_BYTES` of it.
pub fn read(dir: &Path) -> io::Result<Found> {
    let path = dir.join(JOURNAL_NAME);
    // A FIFO or a device there is refused at once (`ocop_files`), never waited on.
    let bytes = match ocop_files::read(&path, JOURNAL_BYTES, Links::Refuse) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(Found::Missing),
        Err(FileError::TooLarge { len, .. }) => return Ok(Found::Damaged(Damage::TooLarge(len))),
        Err(e) => return Err(e.into_io()),
    };
    let len = bytes.len() as u64;
    if len < JOURNAL_BYTES {
        return Ok(Found::Damaged(Damage::Short(len)));
    }
    Ok(parse(&bytes))
}

/// A journal file's bytes, judged (the parser the fuzz target drives).
pub fn parse(bytes: &[u8]) -> Found {
    let len = bytes.len() as u64;
    if len != JOURNAL_BYTES {
        return Found::Damaged(match len < JOURNAL_BYTES {
            true => Damage::Short(len),
            false => Damage::TooLarge(len),
        });
    }
    match bytes.get(..FILE_HEADER) == Some(&file_header()[..]) {
        true => Found::Sound(scan(&bytes[SECTOR as usize..])),
        false => Found::Unheaded(scan(bytes)),
    }
}

/// Moves the journal of `dir` aside as `ocop.journal.damaged` (or `.damaged-2`, …), never
/// over another file. Returns its new path.
pub fn keep_aside(dir: &Path) -> io::Result<PathBuf> {
    let from = dir.join(JOURNAL_NAME);
    for n in 1u32.. {
        let name = match n {
            1 => format!("{JOURNAL_NAME}.damaged"),
            n => format!("{JOURNAL_NAME}.damaged-{n}"),
        };
        let to = dir.join(name);
        match std::fs::hard_link(&from, &to) {
            Ok(()) => {
                std::fs::remove_file(&from)?;
                File::open(dir)?.sync_all()?;
                return Ok(to);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name to keep the journal aside"))
}

impl Journal {
    /// Makes a new, empty journal in `dir`: written whole beside it, flushed, then renamed
    /// over the old one, so a crash never leaves a journal of the wrong size.
    pub fn create(dir: &Path) -> io::Result<Journal> {
        let path = dir.join(JOURNAL_NAME);
        let new = dir.join(format!("{JOURNAL_NAME}.new"));
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&new)?;
        let mut bytes = vec![0u8; JOURNAL_BYTES as usize];
        bytes[..FILE_HEADER].copy_from_slice(&file_header());
        file.write_all_at(&bytes, 0)?;
        file.sync_all()?;
        std::fs::rename(&new, &path)?;
        File::open(dir)?.sync_all()?;
        Journal::resume(dir)
    }

    /// Opens the sound journal of `dir` for writing; the next record goes first.
    pub fn resume(dir: &Path) -> io::Result<Journal> {
        let path = dir.join(JOURNAL_NAME);
        let file = OpenOptions::new().read(true).write(true).open(&path)?;
        Ok(Journal {
            file: Medium::new(file),
            path,
            end: SECTOR,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record and flushes it; `Ok(false)` when it does not fit before the end
    /// (the caller then commits durably and calls `reset`).
    #[cfg(test)]
    pub fn append(&mut self, seq: u64, payload: &[u8]) -> io::Result<bool> {
        let fitted = self.write(seq, payload)?;
        if fitted {
            self.file.sync_data()?;
        }
        Ok(fitted)
    }

    /// Writes one record and starts its way to the disk, without waiting for it: it is saved
    /// once `sync` returns. `Ok(false)` when it does not fit.
    pub fn write(&mut self, seq: u64, payload: &[u8]) -> io::Result<bool> {
        let record = encode(seq, payload);
        let len = record.len() as u64;
        if self.end + len > JOURNAL_BYTES {
            return Ok(false);
        }
        self.file.write_all_at(&record, self.end)?;
        self.file.start_writeback(self.end, len);
        self.end = (self.end + len).next_multiple_of(SECTOR);
        Ok(true)
    }

    /// Waits until every record written is on disk.
    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// The descriptor, for tests that make the disk refuse the journal.
    #[cfg(test)]
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        self.file.raw_fd()
    }

    /// Notes every later write and flush in `log` (the power-loss harness).
    #[cfg(test)]
    pub fn tap(&mut self, log: super::tap::Log) {
        self.file.tap(log);
    }

    /// After a durable commit: the records are redundant, and the next one goes first. They
    /// are not erased; their sequence numbers, at or below the committed one, mark them stale.
    pub fn reset(&mut self) {
        self.end = SECTOR;
    }
}

fn file_header() -> [u8; FILE_HEADER] {
    let mut out = [0u8; FILE_HEADER];
    out[file_at::MAGIC].copy_from_slice(FILE_MAGIC);
    out[file_at::VERSION].copy_from_slice(&VERSION.to_le_bytes());
    out[file_at::SIZE].copy_from_slice(&JOURNAL_BYTES.to_le_bytes());
    let sum = Sha256::digest(&out[..file_at::SUM.start]);
    out[file_at::SUM].copy_from_slice(&sum[..SUM_BYTES]);
    out
}

fn digest(seq: u64, payload: &[u8]) -> [u8; SUM_BYTES] {
    let mut hash = Sha256::new();
    hash.update(seq.to_le_bytes());
    hash.update((payload.len() as u32).to_le_bytes());
    hash.update(payload);
    let full = hash.finalize();
    let mut first = [0u8; record_at::SUM.end - record_at::SUM.start];
    first.copy_from_slice(&full[..SUM_BYTES]);
    first
}

fn encode(seq: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.resize(HEADER, 0);
    out[record_at::MAGIC].copy_from_slice(MAGIC);
    out[record_at::SEQ].copy_from_slice(&seq.to_le_bytes());
    out[record_at::LEN].copy_from_slice(&(payload.len() as u32).to_le_bytes());
    out[record_at::SUM].copy_from_slice(&digest(seq, payload));
    out.extend_from_slice(payload);
    out
}

/// Every record that checks out, at any sector boundary: after a reset, new records overwrite
/// old ones from the start, and what follows them may be old records or their remains.
fn scan(bytes: &[u8]) -> Vec<Record> {
    (0..bytes.len())
        .step_by(SECTOR as usize)
        .filter_map(|at| decode(&bytes[at..]))
        .collect()
}

fn decode(bytes: &[u8]) -> Option<Record> {
    let header = bytes.get(..HEADER)?;
    if &header[record_at::MAGIC] != MAGIC {
        return None;
    }
    let seq = u64::from_le_bytes(header[record_at::SEQ].try_into().ok()?);
    let len = u32::from_le_bytes(header[record_at::LEN].try_into().ok()?) as usize;
    let payload = bytes.get(HEADER..HEADER.checked_add(len)?)?;
    (header[record_at::SUM] == digest(seq, payload)).then(|| Record {
        seq,
        payload: payload.to_vec(),
    })
}

/// The records after `applied`, in order; `None` when one is missing between them (a record
/// damaged in place, not a torn last write).
pub fn pending(records: Vec<Record>, applied: u64) -> Option<Vec<Record>> {
    let mut after: Vec<Record> = records.into_iter().filter(|r| r.seq > applied).collect();
    after.sort_by_key(|r| r.seq);
    let unbroken = after
        .iter()
        .zip(applied + 1..)
        .all(|(r, expected)| r.seq == expected);
    unbroken.then_some(after)
}

#[cfg(test)]
mod tests;
