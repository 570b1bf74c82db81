//! The answer journal, `ocop.journal` beside the database. A redb commit of one answer copies
//! some fifteen pages across three B-trees before its flush; a journal record is one or two
//! contiguous pages. So an answer is appended here and flushed, and redb commits it without a
//! flush of its own (`Durability::None`). A durable redb commit (a checkpoint) makes the
//! records before it redundant; opening applies those redb does not hold.
//!
//! Records start at 512-byte boundaries, so a torn write never reaches into the sectors of a
//! record already flushed: "OCJ1", sequence (u64 LE), payload length (u32 LE), the first 8
//! bytes of the SHA-256 of sequence, length and payload, then the payload. The file is made
//! full size with zeros once, so a flush writes data and never the file's size.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub const JOURNAL_NAME: &str = "ocop.journal";
/// About 200 answers between checkpoints: replay stays instant and redb's unflushed pages few.
const CAPACITY: u64 = 1 << 20;
const MAGIC: &[u8; 4] = b"OCJ1";
const HEADER: usize = 24;
const SECTOR: u64 = 512;

pub struct Journal {
    file: File,
    path: PathBuf,
    /// Where the next record goes.
    end: u64,
    capacity: u64,
}

/// A record read back: its sequence number and payload.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    pub seq: u64,
    pub payload: Vec<u8>,
}

impl Journal {
    /// Opens the journal in `dir`, creating it full size when missing, and reads every record
    /// that checks out, in file order.
    pub fn open(dir: &Path) -> io::Result<(Journal, Vec<Record>)> {
        let path = dir.join(JOURNAL_NAME);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if (bytes.len() as u64) < CAPACITY {
            grow(&file, bytes.len() as u64, dir)?;
        }
        let capacity = (bytes.len() as u64).max(CAPACITY);
        let records = scan(&bytes);
        let journal = Journal {
            file,
            path,
            end: 0,
            capacity,
        };
        Ok((journal, records))
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
        if self.end + len > self.capacity {
            return Ok(false);
        }
        self.file.write_all_at(&record, self.end)?;
        start_writeback(&self.file, self.end, len);
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
        self.file.as_raw_fd()
    }

    /// After a durable commit: the records are redundant, and the next one goes first. They
    /// are not erased; their sequence numbers, at or below the committed one, mark them stale.
    pub fn reset(&mut self) {
        self.end = 0;
    }
}

/// Sends the written range to the disk now, so that it travels while the caller commits to
/// redb and draws the next frame, and the flush that follows finds it done or under way. Only
/// a head start: on failure the flush does it all.
fn start_writeback(file: &File, offset: u64, len: u64) {
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: a plain system call on an open descriptor; it reads no memory of ours.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
    }
}

/// Fills the file with zeros up to its capacity and flushes it and its folder, once.
fn grow(file: &File, from: u64, dir: &Path) -> io::Result<()> {
    let zeros = vec![0u8; (CAPACITY - from) as usize];
    file.write_all_at(&zeros, from)?;
    file.sync_all()?;
    File::open(dir)?.sync_all()
}

fn digest(seq: u64, payload: &[u8]) -> [u8; 8] {
    let mut hash = Sha256::new();
    hash.update(seq.to_le_bytes());
    hash.update((payload.len() as u32).to_le_bytes());
    hash.update(payload);
    let full = hash.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&full[..8]);
    first
}

fn encode(seq: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&digest(seq, payload));
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
    if &header[..4] != MAGIC {
        return None;
    }
    let seq = u64::from_le_bytes(header[4..12].try_into().ok()?);
    let len = u32::from_le_bytes(header[12..16].try_into().ok()?) as usize;
    let payload = bytes.get(HEADER..HEADER.checked_add(len)?)?;
    (header[16..24] == digest(seq, payload)).then(|| Record {
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
mod tests {
    use super::*;

    fn journal_with(records: &[(u64, &[u8])]) -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().expect("dir");
        let (mut j, found) = Journal::open(dir.path()).expect("open");
        assert!(found.is_empty());
        for (seq, payload) in records {
            assert!(j.append(*seq, payload).expect("append"));
        }
        (dir, j)
    }

    #[test]
    fn records_come_back_in_order_and_the_file_keeps_its_size() {
        let big = vec![b'x'; 3000];
        let (dir, _j) = journal_with(&[(1, b"one"), (2, &big), (3, b"three")]);
        let (_, found) = Journal::open(dir.path()).expect("reopen");
        let seqs: Vec<u64> = found.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(found[1].payload, big);
        let len = std::fs::metadata(dir.path().join(JOURNAL_NAME))
            .expect("meta")
            .len();
        assert_eq!(len, CAPACITY);
    }

    #[test]
    fn a_torn_last_record_is_not_read() {
        let (dir, j) = journal_with(&[(1, b"kept"), (2, b"torn in the middle of its write")]);
        // The second record's payload lost its last bytes (zeros, as on the fresh file).
        j.file
            .write_all_at(&[0u8; 8], SECTOR + HEADER as u64 + 20)
            .expect("tear");
        let (_, found) = Journal::open(dir.path()).expect("reopen");
        assert_eq!(pending(found, 0).expect("unbroken").len(), 1);
    }

    #[test]
    fn after_a_reset_old_records_are_stale_and_new_ones_win() {
        let (dir, mut j) = journal_with(&[(1, b"old one"), (2, b"old two"), (3, b"old three")]);
        j.reset();
        assert!(j.append(4, b"new four").expect("append"));
        let (_, found) = Journal::open(dir.path()).expect("reopen");
        let after: Vec<u64> = pending(found, 3)
            .expect("unbroken")
            .iter()
            .map(|r| r.seq)
            .collect();
        assert_eq!(after, [4]);
    }

    #[test]
    fn a_missing_record_between_two_is_damage() {
        let (dir, j) = journal_with(&[(1, b"one"), (2, b"two"), (3, b"three")]);
        j.file.write_all_at(b"XXXX", SECTOR).expect("damage");
        let (_, found) = Journal::open(dir.path()).expect("reopen");
        assert!(pending(found, 0).is_none());
    }

    #[test]
    fn a_full_journal_says_so_instead_of_writing() {
        let (_dir, mut j) = journal_with(&[]);
        let big = vec![b'x'; (CAPACITY / 2) as usize];
        assert!(j.append(1, &big).expect("first half"));
        assert!(!j.append(2, &big).expect("no room"));
        j.reset();
        assert!(j.append(2, &big).expect("after reset"));
    }
}
