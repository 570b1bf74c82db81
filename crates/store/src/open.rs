//! Opening the file: the folder and file permissions, the foreign-file check that happens
//! before redb sees the file, the lock, and the schema version.

use std::cell::Cell;
use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;

use ocop_files::{FileError, Links};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Once;

use redb::{Database, DatabaseError, Durability, ReadableDatabase, StorageError, TableError};

use super::FILE_NAME;
use super::error::OpenError;
use super::tables::{
    AUDIT, DEMO, LATEST, META, OUTBOX, RUBRICS, SCHEMA_VERSION, SHEETS, SUMMARIES, TRASH,
    VERSION_KEY,
};

/// redb's page cache: enough for the list of 10,000 sheets and the open sheet, well inside the
/// memory budget (redb's default is 1 GiB).
const CACHE_BYTES: usize = 16 << 20;

/// The first bytes of every redb file (redb's `MAGICNUMBER`).
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

pub(super) fn file(dir: &Path) -> Result<Database, OpenError> {
    let io = |source| OpenError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(OpenError::NotAFolder {
            dir: dir.to_path_buf(),
        });
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io)?;
    let path = dir.join(FILE_NAME);
    if !exists(&path)? {
        create_new(dir, &path)?;
    }
    check_magic(&path)?;
    precheck(dir, &path)?;
    // No integrity check at open: it reads the whole file (140 MB for 10,000 sheets), far
    // beyond the start budget. redb checks the header itself and repairs after a crash; deeper
    // damage to a cleanly closed file shows when the damaged page is read.
    let mut builder = redb::Builder::new();
    builder.set_cache_size(CACHE_BYTES);
    match quietly(|| builder.create(&path)) {
        Some(opened) => opened.map_err(|e| from_database(e, dir, &path)),
        None => Err(OpenError::Damaged {
            path,
            detail: "redb stopped reading it".into(),
        }),
    }
}

/// Runs `f`, turning a panic (redb's answer to some malformed files) into `None` without
/// printing it: the caller reports the damage in a sentence instead. The panic hook is wrapped
/// once and silenced per thread, so other threads' panics still print.
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static WRAP: Once = Once::new();
    WRAP.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(false));
    result
}

/// Looks at the file read-only before opening it for writing, since redb writes to a file it
/// opens for writing: a damaged file, or one from a newer ocop, is refused untouched. A file
/// left by a crash needs redb's repair, which only the writing open does.
fn precheck(dir: &Path, path: &Path) -> Result<(), OpenError> {
    let found = quietly(|| -> Result<Found, DatabaseError> {
        let db = redb::Builder::new().open_read_only(path)?;
        contents(&db).map_err(|e| DatabaseError::Storage(StorageError::Corrupted(e.to_string())))
    });
    match found.ok_or_else(|| damaged(path, "redb stopped reading it"))? {
        Ok(found) => judge(found, path),
        Err(DatabaseError::RepairAborted) => Ok(()),
        Err(e) => Err(from_database(e, dir, path)),
    }
}

/// What a redb file holds, as far as ocop is concerned.
enum Found {
    /// No table at all: a new file.
    Empty,
    /// An ocop database of this schema version.
    Version(u64),
    /// Tables, but not ocop's.
    Foreign,
}

fn contents(db: &impl ReadableDatabase) -> Result<Found, redb::Error> {
    let tx = db.begin_read()?;
    let meta = match tx.open_table(META) {
        Ok(meta) => meta,
        Err(TableError::TableDoesNotExist(_)) if tx.list_tables()?.next().is_none() => {
            return Ok(Found::Empty);
        }
        Err(TableError::TableDoesNotExist(_)) => return Ok(Found::Foreign),
        Err(e) => return Err(e.into()),
    };
    // The version is written with the tables, so a meta table without it is not ours.
    Ok(meta
        .get(VERSION_KEY)?
        .map_or(Found::Foreign, |v| Found::Version(v.value())))
}

/// Ok when the file may be opened for writing: it is new, or ocop's of this version or older.
fn judge(found: Found, path: &Path) -> Result<(), OpenError> {
    match found {
        Found::Version(found) if found > SCHEMA_VERSION => Err(OpenError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        }),
        Found::Foreign => Err(damaged(path, "it is a redb database of another program")),
        Found::Empty | Found::Version(_) => Ok(()),
    }
}

fn damaged(path: &Path, detail: &str) -> OpenError {
    OpenError::Damaged {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

pub(super) fn memory() -> Result<Database, OpenError> {
    let memory = Path::new(":memory:");
    redb::Builder::new()
        .create_with_backend(redb::backends::InMemoryBackend::new())
        .map_err(|e| from_database(e, memory, memory))
}

/// Whether anything is at `path` (a link, a FIFO, an empty file: anything but nothing).
fn exists(path: &Path) -> Result<bool, OpenError> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(source) => Err(OpenError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// A new database, made whole under a name of its own, then linked into place: `path` is
/// never an empty file of ours, so an empty `ocop.redb` is always someone else's (a bad copy,
/// a restore, a full disk) and is refused. A second start making one at the same moment
/// links first or finds the other's.
fn create_new(dir: &Path, path: &Path) -> Result<(), OpenError> {
    let io = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let fresh = dir.join(format!(".{FILE_NAME}.{}.new", std::process::id()));
    let _ = std::fs::remove_file(&fresh);
    ensure_file(&fresh)?;
    let made = redb::Builder::new()
        .create(&fresh)
        .map_err(|e| from_database(e, dir, &fresh));
    drop(made?);
    let linked = match std::fs::hard_link(&fresh, path) {
        Err(e) if e.kind() != ErrorKind::AlreadyExists => Err(io(e)),
        _ => Ok(()),
    };
    let _ = std::fs::remove_file(&fresh);
    linked?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)
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

/// The file must be a regular file that starts as a redb file, or redb would be handed (and
/// might rewrite, or wait forever on) a foreign file. An empty one is refused too: a new
/// database is never empty (`create_new`), so an empty file is a bad copy, and the answers of
/// the old one may be in the journal.
fn check_magic(path: &Path) -> Result<(), OpenError> {
    let damaged = |detail: String| OpenError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let head = match ocop_files::read_head(path, REDB_MAGIC.len() as u64, Links::Refuse) {
        Ok(head) => head,
        Err(FileError::Io(source)) => {
            return Err(OpenError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
        Err(e) => return Err(damaged(e.to_string())),
    };
    match head.as_slice() {
        [] => Err(damaged("it is empty (0 bytes)".into())),
        magic if magic == REDB_MAGIC => Ok(()),
        _ => Err(damaged("it does not start as a redb database".into())),
    }
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

/// Checks the schema version with a read transaction, so an ordinary start writes nothing.
/// A new file (or an older schema) gets its tables and version in one write transaction.
pub(super) fn prepare(db: &Database, path: &Path) -> Result<(), OpenError> {
    let fail = |e: redb::Error| OpenError::Storage {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let stopped = || damaged(path, "redb stopped reading its tables");
    let found = quietly(|| contents(db))
        .ok_or_else(stopped)?
        .map_err(fail)?;
    let current = matches!(found, Found::Version(SCHEMA_VERSION));
    judge(found, path)?;
    if current {
        return Ok(());
    }
    quietly(|| initialise(db))
        .ok_or_else(stopped)?
        .map_err(fail)
}

/// Creates every table and writes the version. Version 1 is the first schema, so there is
/// nothing older to convert yet; a future migration goes here, inside this transaction.
fn initialise(db: &Database) -> Result<(), redb::Error> {
    let mut tx = db.begin_write()?;
    tx.set_durability(Durability::Immediate)?;
    create_tables(&tx)?;
    tx.open_table(META)?.insert(VERSION_KEY, SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
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
