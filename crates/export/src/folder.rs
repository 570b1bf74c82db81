//! Writing into the export folder, which many laptops share. A file is written whole to a
//! temporary name starting with `.`, flushed, then hard-linked to its real name: the link
//! fails when the name exists, so no file is ever replaced, and a reader sees either no file
//! or a complete one. Names come only from validated ids, and every folder the writer creates
//! or writes into below the export folder is checked to be a real folder, not a symbolic link.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::sheet::SheetId;
use ocop_words::Say;

mod disk;
#[cfg(any(test, feature = "testing"))]
pub mod tap;

pub use disk::{sync_dir, temp_file, write_all_synced};

/// The folder of sheet files inside the export folder.
pub const SHEETS: &str = "sheets";
/// The folder of certificates recorded by the province (`ocop certify`).
pub const CERTIFICATES: &str = "certificates";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("the export folder {} is missing or not reachable", dir.display())]
    Missing { dir: PathBuf },
    #[error("{} is not a folder", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{} is a symbolic link; sync writes only into real folders and files", path.display())]
    Symlink { path: PathBuf },
    #[error("'{name}' cannot name a file in the export folder")]
    BadName { name: String },
    #[error(
        "{} already holds other content (sha256 {theirs}; what would be written has {ours}); nothing was overwritten",
        path.display()
    )]
    Conflict {
        path: PathBuf,
        ours: String,
        theirs: String,
    },
    #[error("the export folder is not writable at {}: {source}", path.display())]
    Unwritable { path: PathBuf, source: io::Error },
    #[error("the export folder is full at {}: {source}", path.display())]
    Full { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl WriteError {
    /// Sorts an I/O error into the reasons an assessor can act on.
    pub fn io(path: &Path, source: io::Error) -> WriteError {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                WriteError::Unwritable { path, source }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                WriteError::Full { path, source }
            }
            _ => WriteError::Io { path, source },
        }
    }

    /// Whether retrying later, with nothing changed in the folder, could succeed.
    pub fn is_conflict(&self) -> bool {
        matches!(self, WriteError::Conflict { .. })
    }
}

/// Whether the export folder is there to write into: cheap enough for the interface to ask
/// before every attempt. The folder itself may be a symbolic link (a mount point often is).
pub fn folder_reachable(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| m.is_dir())
}

/// A set id as it may name a folder: lowercase letters, digits and inner hyphens.
pub fn valid_set_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `<sheet id>.r<revision>.json`, from a validated id only.
pub fn sheet_file_name(id: &SheetId, revision: u32) -> String {
    format!("{id}.r{revision}.json")
}

/// The `sha256sum` line for a file: `sha256sum -c` run in its folder checks it.
pub fn digest_line(digest: &str, name: &str) -> String {
    format!("{digest}  {name}\n")
}

/// What `put` found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Written,
    /// The same bytes were already there (an earlier sync, perhaps one cut short).
    AlreadyThere,
}

/// A writer into one export folder for one batch; `flush` makes the batch's names durable.
#[derive(Debug)]
pub struct Folder {
    root: PathBuf,
    /// Folders whose entries changed in this batch, to be flushed once at the end.
    dirty: BTreeSet<PathBuf>,
    /// Set folders already swept of stale temporary files in this batch.
    swept: BTreeSet<PathBuf>,
}

impl Folder {
    pub fn open(root: &Path) -> Result<Folder, WriteError> {
        if !folder_reachable(root) {
            return Err(WriteError::Missing {
                dir: root.to_path_buf(),
            });
        }
        Ok(Folder {
            root: root.to_path_buf(),
            dirty: BTreeSet::new(),
            swept: BTreeSet::new(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `sheets/<set>/<name>` and its `.sha256` once; returns the relative path.
    pub fn put(&mut self, set_id: &str, name: &str, bytes: &[u8]) -> Result<Put, WriteError> {
        if !valid_set_id(set_id) || !valid_file_name(name) {
            return Err(WriteError::BadName {
                name: format!("{set_id}/{name}"),
            });
        }
        let dir = self.set_dir(set_id)?;
        self.put_with_digest(&dir, name, bytes)
    }

    /// Writes `certificates/<name>`, its `.sha256` and its `.sig` once, as sheets are written.
    pub fn put_certificate(
        &mut self,
        name: &str,
        bytes: &[u8],
        sig: &str,
    ) -> Result<Put, WriteError> {
        if !valid_file_name(name) {
            return Err(WriteError::BadName {
                name: name.to_string(),
            });
        }
        let dir = self.root.join(CERTIFICATES);
        if ensure_dir(&dir)? {
            self.dirty.insert(self.root.clone());
        }
        if self.swept.insert(dir.clone()) {
            sweep_stale(&dir);
        }
        let put = self.put_with_digest(&dir, name, bytes)?;
        // Ed25519 signs the same bytes the same way: the same key certifying again finds its
        // signature there; a certificate recorded before they were signed gets one now.
        let sig_name = format!("{name}.sig");
        self.put_one(&dir, &sig_name, sig.as_bytes(), &sha256_hex(sig.as_bytes()))?;
        Ok(put)
    }

    fn put_with_digest(&mut self, dir: &Path, name: &str, bytes: &[u8]) -> Result<Put, WriteError> {
        let digest = sha256_hex(bytes);
        let put = self.put_one(dir, name, bytes, &digest)?;
        let line = digest_line(&digest, name);
        let sum_name = format!("{name}.sha256");
        let sum_digest = sha256_hex(line.as_bytes());
        self.put_one(dir, &sum_name, line.as_bytes(), &sum_digest)?;
        Ok(put)
    }

    /// Writes one file `sheets/<set>/<name>` once, as `put` writes each of its two: for a
    /// receiver that answers per file, and for a revision's companion files.
    pub fn put_file(&mut self, set_id: &str, name: &str, bytes: &[u8]) -> Result<Put, WriteError> {
        if !valid_set_id(set_id) || !valid_file_name(name) {
            return Err(WriteError::BadName {
                name: format!("{set_id}/{name}"),
            });
        }
        let dir = self.set_dir(set_id)?;
        self.put_one(&dir, name, bytes, &sha256_hex(bytes))
    }

    /// Writes `name` at the top of the export folder unless a file of that name is there
    /// already, whatever it holds (it is someone's to keep); true when written now.
    pub fn put_top_once(&mut self, name: &str, bytes: &[u8]) -> Result<bool, WriteError> {
        // The roster's name has an underscore, which sheet file names never do.
        if !valid_file_name(&name.replace('_', "-")) {
            return Err(WriteError::BadName { name: name.into() });
        }
        if existing_digest(&self.root.join(name))?.is_some() {
            return Ok(false);
        }
        let root = self.root.clone();
        let linked = link_new(&root, name, bytes)?;
        self.dirty.insert(root);
        Ok(linked)
    }

    /// Flushes every folder changed in this batch, so that the names written survive a crash
    /// before the store records them as synced.
    pub fn flush(&mut self) -> Result<(), WriteError> {
        for dir in std::mem::take(&mut self.dirty) {
            sync_dir(&dir)?;
        }
        Ok(())
    }

    /// `sheets/<set>/`, created if needed; both must be real folders.
    fn set_dir(&mut self, set_id: &str) -> Result<PathBuf, WriteError> {
        let sheets = self.root.join(SHEETS);
        if ensure_dir(&sheets)? {
            self.dirty.insert(self.root.clone());
        }
        let dir = sheets.join(set_id);
        if ensure_dir(&dir)? {
            self.dirty.insert(sheets);
        }
        if self.swept.insert(dir.clone()) {
            sweep_stale(&dir);
        }
        Ok(dir)
    }

    fn put_one(
        &mut self,
        dir: &Path,
        name: &str,
        bytes: &[u8],
        digest: &str,
    ) -> Result<Put, WriteError> {
        let target = dir.join(name);
        if existing_digest(&target)?.is_none() {
            let linked = link_new(dir, name, bytes)?;
            self.dirty.insert(dir.to_path_buf());
            if linked {
                return Ok(Put::Written);
            }
        }
        // There already, or another laptop linked it first: the same bytes are a success.
        match existing_digest(&target)? {
            Some(theirs) if theirs == digest => Ok(Put::AlreadyThere),
            Some(theirs) => Err(WriteError::Conflict {
                path: target,
                ours: digest.to_string(),
                theirs,
            }),
            None => Err(WriteError::Io {
                path: target,
                source: io::Error::other("the file vanished while it was being written"),
            }),
        }
    }
}

/// A plain file name: no separators, no leading dot, nothing but the characters ids use.
fn valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Makes sure `path` is a real folder, creating it when missing; true when it was created.
fn ensure_dir(path: &Path) -> Result<bool, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(WriteError::Symlink {
            path: path.to_path_buf(),
        }),
        Ok(m) if m.is_dir() => Ok(false),
        Ok(_) => Err(WriteError::NotAFolder {
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match disk::create_dir(path) {
            Ok(()) => Ok(true),
            // Another laptop made it a moment ago: check what it made.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => ensure_dir(path).map(|_| false),
            Err(e) => Err(WriteError::io(path, e)),
        },
        Err(e) => Err(WriteError::io(path, e)),
    }
}

/// The SHA-256 of the regular file at `path`, or none when nothing is there.
fn existing_digest(path: &Path) -> Result<Option<String>, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(WriteError::Symlink {
            path: path.to_path_buf(),
        }),
        Ok(m) if m.is_file() => fs::read(path)
            .map(|bytes| Some(sha256_hex(&bytes)))
            .map_err(|e| WriteError::io(path, e)),
        Ok(_) => Err(WriteError::NotAFolder {
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(WriteError::io(path, e)),
    }
}

/// Writes `bytes` to a fresh temporary file in `dir`, flushes it, and links it as `name`.
/// True when linked; false when `name` appeared meanwhile (it is never replaced). The
/// temporary file is removed in every case.
fn link_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<bool, WriteError> {
    let (tmp, file) = temp_file(dir, name)?;
    let written = write_all_synced(file, bytes);
    let linked = written.and_then(|()| disk::hard_link(&tmp, &dir.join(name)));
    let removed = disk::remove_file(&tmp);
    match linked {
        Ok(()) => removed.map(|()| true).map_err(|e| WriteError::io(&tmp, e)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(WriteError::io(&dir.join(name), e)),
    }
}

/// How old a temporary file must be before a sync takes it for the leftover of a crash. Far
/// longer than any write, and than the clock skew between laptops sharing the folder.
pub const STALE: Duration = Duration::from_secs(24 * 3600);

/// Removes temporary files (`.…tmp`) older than `STALE` from `dir`: a sync cut short by a
/// crash or a power cut leaves one, and no reader ever takes it for a sheet. Best effort.
pub fn sweep_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if name.starts_with('.') && name.ends_with(".tmp") && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[path = "folder/tests.rs"]
mod tests;

impl Say for WriteError {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => write_vi(self),
            Lang::En => self.to_string(),
        }
    }
}

fn write_vi(e: &WriteError) -> String {
    match e {
        WriteError::Missing { dir } => {
            format!(
                "thư mục xuất {} không có hoặc không tới được",
                dir.display()
            )
        }
        WriteError::NotAFolder { path } => format!("{} không phải là thư mục", path.display()),
        WriteError::Symlink { path } => format!(
            "{} là một liên kết tượng trưng; đồng bộ chỉ ghi vào thư mục và tệp thật",
            path.display()
        ),
        WriteError::BadName { name } => {
            format!("'{name}' không thể là tên một tệp trong thư mục xuất")
        }
        WriteError::Conflict { path, ours, theirs } => format!(
            "{} đã có nội dung khác (sha256 {theirs}; nội dung định ghi có {ours}); không ghi đè gì",
            path.display()
        ),
        WriteError::Unwritable { path, source } => format!(
            "thư mục xuất không ghi được tại {}: {source}",
            path.display()
        ),
        WriteError::Full { path, source } => {
            format!("thư mục xuất đã đầy tại {}: {source}", path.display())
        }
        WriteError::Io { path, source } => {
            format!("không ghi được {}: {source}", path.display())
        }
    }
}
