//! Replacing a whole file at once (`summary.xlsx`, a report written with `-o`): the bytes go
//! to a temporary file beside it, are flushed to disk, and the temporary file is renamed over
//! the name, so a reader sees the old file or the new one, never half of one. The folder is
//! flushed after the rename so the new name survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `target` with `bytes`. A symbolic link at `target` is replaced, never followed.
pub fn replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        ulid::Ulid::new()
    ));
    let written = write_new(&tmp, bytes).and_then(|()| fs::rename(&tmp, target));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(&dir).and_then(|d| d.sync_all())
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
