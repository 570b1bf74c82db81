//! The few file-system calls that write into the export folder, in one place. In test builds
//! (`testing`) each is also noted for the power-loss harness (`tap`), which builds from them
//! the folders a power cut could leave, and the folder's flush can be made to skip.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(any(test, feature = "testing"))]
use super::tap::{self, Op};

use super::WriteError;

pub(super) fn create_dir(path: &Path) -> io::Result<()> {
    fs::create_dir(path)?;
    #[cfg(any(test, feature = "testing"))]
    tap::note(|| Op::Mkdir(path.to_path_buf()));
    Ok(())
}

/// A new file `.<name>.<unique>.tmp`: the leading dot marks it as a sync in progress to
/// every reader; `create_new` never opens an existing file or follows a link.
pub fn temp_file(dir: &Path, name: &str) -> Result<(PathBuf, File), WriteError> {
    let tmp = dir.join(format!(".{name}.{}.tmp", ulid::Ulid::new()));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| WriteError::io(&tmp, e))?;
    #[cfg(any(test, feature = "testing"))]
    tap::created(&file, &tmp);
    Ok((tmp, file))
}

/// Writes a new file's bytes and flushes them.
pub fn write_all_synced(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    #[cfg(any(test, feature = "testing"))]
    tap::wrote(&file, bytes);
    file.sync_all()?;
    #[cfg(any(test, feature = "testing"))]
    tap::synced(&file);
    Ok(())
}

pub(super) fn hard_link(from: &Path, to: &Path) -> io::Result<()> {
    fs::hard_link(from, to)?;
    #[cfg(any(test, feature = "testing"))]
    tap::note(|| Op::Link {
        from: from.to_path_buf(),
        to: to.to_path_buf(),
    });
    Ok(())
}

pub(super) fn remove_file(path: &Path) -> io::Result<()> {
    fs::remove_file(path)?;
    #[cfg(any(test, feature = "testing"))]
    tap::note(|| Op::Unlink(path.to_path_buf()));
    Ok(())
}

/// Flushes a folder's entries (new names, removed names) to disk.
pub fn sync_dir(dir: &Path) -> Result<(), WriteError> {
    #[cfg(any(test, feature = "testing"))]
    if tap::folder_flush_skipped() {
        return Ok(());
    }
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| WriteError::io(dir, e))?;
    #[cfg(any(test, feature = "testing"))]
    tap::note(|| Op::SyncDir(dir.to_path_buf()));
    Ok(())
}
