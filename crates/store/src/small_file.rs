//! A small file rewritten in place: one `pwrite` at its start, padded with spaces over a
//! longer content before, no fsync, no rename. A rename over a file costs ext4 a flush of the
//! file (about a millisecond here, measured), a write in place a couple of microseconds, so
//! the holder and the place can be rewritten from the key path. A killed process loses none of
//! it (the page cache holds it); readers ignore the padding (JSON allows trailing spaces).

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::Path;

/// A holder or a place is a few hundred bytes, a note in it a few thousand: one larger is not
/// ours to pad to, and is emptied before it is written (and not read: `ocop_files`).
pub const SMALL_MAX_BYTES: u64 = 64 * 1024;

pub struct SmallFile {
    file: File,
    /// The file's length: shorter content is padded to it.
    len: usize,
}

impl SmallFile {
    /// Opens (or creates, 0600) the file without emptying it; a FIFO, a device or a link
    /// there is refused at once, and a file past `SMALL_MAX_BYTES` is emptied first, so a
    /// rewrite never pads to gigabytes.
    pub fn open(path: &Path) -> std::io::Result<SmallFile> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
            .open(path)?;
        let mut len = ocop_files::regular(&file).map_err(ocop_files::FileError::into_io)?;
        if len > SMALL_MAX_BYTES {
            file.set_len(0)?;
            len = 0;
        }
        Ok(SmallFile {
            file,
            len: len as usize,
        })
    }

    /// Replaces the content with `bytes` (padded with spaces to the old length).
    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut bytes = bytes.to_vec();
        if bytes.len() < self.len {
            bytes.resize(self.len, b' ');
        }
        self.file.write_all_at(&bytes, 0)?;
        self.len = bytes.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.expect("mkfifo runs").success());
    }

    #[test]
    fn a_huge_holder_is_emptied_before_it_is_written_and_never_read() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join("ocop.holder");
        // `truncate -s 20G`: a rewrite padded to its length would fill memory.
        File::create(&path)
            .and_then(|f| f.set_len(20 << 30))
            .expect("sparse");
        assert!(crate::holder::read(tmp.path()).is_none(), "not read");
        let mut file = SmallFile::open(&path).expect("opened");
        file.write(b"{}").expect("written");
        assert_eq!(std::fs::metadata(&path).expect("meta").len(), 2);
    }

    #[test]
    fn a_fifo_holder_or_place_is_no_holder_and_no_place_at_once() {
        let tmp = tempfile::tempdir().expect("tmp");
        fifo(&tmp.path().join("ocop.holder"));
        fifo(&tmp.path().join(crate::place::PLACE_FILE));
        assert!(crate::holder::read(tmp.path()).is_none());
        assert!(crate::place::read(tmp.path()).is_none());
        assert!(SmallFile::open(&tmp.path().join("ocop.holder")).is_err());
    }
}
