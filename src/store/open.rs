//! Opening the file: the folder and file permissions, the foreign-file check that happens
//! before redb sees the file, the lock, and the schema version.

use std::fs::{DirBuilder, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use redb::{Database, DatabaseError, Durability, ReadableTable, StorageError};

use super::FILE_NAME;
use super::error::OpenError;
use super::tables::{
    AUDIT, DEMO, LATEST, META, OUTBOX, RUBRICS, SCHEMA_VERSION, SHEETS, SUMMARIES, TRASH,
    VERSION_KEY,
};

/// The first bytes of every redb file (redb's `MAGICNUMBER`).
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

pub(super) fn file(dir: &Path) -> Result<Database, OpenError> {
    let io = |source| OpenError::Io {
        path: dir.to_path_buf(),
        source,
    };
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io)?;
    let path = dir.join(FILE_NAME);
    ensure_file(&path)?;
    check_magic(&path)?;
    // The integrity check verifies every page's checksum: a file damaged after redb wrote it
    // is refused before anything is written to it, where a plain open may trust it or panic.
    let mut builder = redb::Builder::new();
    builder.set_check_integrity_on_open(true);
    match quietly(|| builder.create(&path)) {
        Some(opened) => opened.map_err(|e| from_database(e, dir, &path)),
        None => Err(OpenError::Damaged {
            path,
            detail: "redb stopped reading it".into(),
        }),
    }
}

/// Runs `f`, turning a panic (redb's answer to some malformed files) into `None` without
/// printing it: the caller reports the damage in a sentence instead.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

pub(super) fn memory() -> Result<Database, OpenError> {
    redb::Builder::new()
        .create_with_backend(redb::backends::InMemoryBackend::new())
        .map_err(|e| from_database(e, Path::new(":memory:"), Path::new(":memory:")))
}

/// Creates the file 0600 when absent, so redb never creates it with the umask's mode.
fn ensure_file(path: &Path) -> Result<(), OpenError> {
    let created = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match created {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(OpenError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// An empty file is a database not yet written (a crash right after creating it); any other
/// file must start as a redb file, or redb would be handed, and might rewrite, a foreign file.
fn check_magic(path: &Path) -> Result<(), OpenError> {
    let io = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut head = Vec::with_capacity(REDB_MAGIC.len());
    let file = std::fs::File::open(path).map_err(io)?;
    file.take(REDB_MAGIC.len() as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.is_empty() || head == REDB_MAGIC {
        return Ok(());
    }
    Err(OpenError::Damaged {
        path: path.to_path_buf(),
        detail: "it does not start as a redb database".into(),
    })
}

fn from_database(e: DatabaseError, dir: &Path, path: &Path) -> OpenError {
    let path = path.to_path_buf();
    match e {
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => {
            OpenError::Locked {
                dir: dir.to_path_buf(),
            }
        }
        DatabaseError::UpgradeRequired(v) => OpenError::Damaged {
            path,
            detail: format!("redb file format {v} is not readable by this version"),
        },
        DatabaseError::Storage(StorageError::Io(source)) => OpenError::Io { path, source },
        DatabaseError::Storage(StorageError::Corrupted(detail)) => {
            OpenError::Damaged { path, detail }
        }
        other => OpenError::Storage {
            path,
            message: other.to_string(),
        },
    }
}

/// Creates the tables, then checks (or writes) the schema version, in one transaction. A file
/// from a newer version is refused before anything is committed to it.
pub(super) fn prepare(db: &Database, path: &Path) -> Result<(), OpenError> {
    let fail = |e: redb::Error| OpenError::Storage {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut tx = db.begin_write().map_err(|e| fail(e.into()))?;
    tx.set_durability(Durability::Immediate)
        .map_err(|e| fail(e.into()))?;
    let found = {
        let mut meta = tx.open_table(META).map_err(|e| fail(e.into()))?;
        let found = meta
            .get(VERSION_KEY)
            .map_err(|e| fail(e.into()))?
            .map(|v| v.value());
        if found.is_none_or(|v| v < SCHEMA_VERSION) {
            // Version 1 is the first; an older file is migrated here, inside this transaction.
            meta.insert(VERSION_KEY, SCHEMA_VERSION)
                .map_err(|e| fail(e.into()))?;
        }
        found
    };
    if let Some(found) = found.filter(|v| *v > SCHEMA_VERSION) {
        tx.abort().map_err(|e| fail(e.into()))?;
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    create_tables(&tx).map_err(fail)?;
    tx.commit().map_err(|e| fail(e.into()))
}

fn create_tables(tx: &redb::WriteTransaction) -> Result<(), redb::Error> {
    tx.open_table(SHEETS)?;
    tx.open_table(LATEST)?;
    tx.open_table(SUMMARIES)?;
    tx.open_table(RUBRICS)?;
    tx.open_table(AUDIT)?;
    tx.open_table(OUTBOX)?;
    tx.open_table(TRASH)?;
    tx.open_table(DEMO)?;
    Ok(())
}
