//! Listing an export folder the way every reader sees it: regular files in real set folders
//! under `sheets/`. Names starting with `.` are a sync in progress and are not listed;
//! anything else out of place (a symbolic link, a stray file) is listed as odd, for `verify`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use crate::document::{self, Document};
use crate::folder::SHEETS;
use ocop_domain::Lang;
use ocop_files::{FileError, Links};
use ocop_words::Say;
use ocop_words::Words;
use ocop_words::words;

#[path = "scan/open.rs"]
mod open;
pub use open::Folder;

/// A regular file in `sheets/<set>/`. A province's folder lists 300,000 of them: the set and
/// its folder are shared by the set's files, and the path is made when asked for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub set: Arc<str>,
    pub name: String,
    /// `DIR/sheets/<set>`.
    dir: Arc<Path>,
}

impl Entry {
    /// The file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.name)
    }

    /// The path as `summary.csv` and messages give it, relative to the export folder.
    pub fn relative(&self) -> String {
        format!("{SHEETS}/{}/{}", self.set, self.name)
    }

    pub fn is_sheet(&self) -> bool {
        self.name.ends_with(".json")
    }
}

#[derive(Debug, Default)]
pub struct Listing {
    /// Sorted by set, then name.
    pub files: Vec<Entry>,
    /// Things that do not belong, with what they are.
    pub odd: Vec<(PathBuf, Words)>,
}

impl Listing {
    pub fn sheets(&self) -> impl Iterator<Item = &Entry> {
        self.files.iter().filter(|e| e.is_sheet())
    }

    /// Whether the folder of `set` holds a file `name`: looked up in the sorted listing, not
    /// asked of the file system, once for each of a province's 400,000 files.
    pub fn has(&self, set: &str, name: &str) -> bool {
        self.files
            .binary_search_by(|e| (&*e.set, e.name.as_str()).cmp(&(set, name)))
            .is_ok()
    }
}

/// A file or folder of the export folder that could not be read, and the system's reason.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {source}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub source: io::Error,
}

impl ReadError {
    /// The error of reading `path`.
    pub fn at(path: &Path) -> impl FnOnce(io::Error) -> ReadError + '_ {
        move |source| ReadError {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl Say for ReadError {
    fn say(&self, lang: Lang) -> String {
        let vi = format!("không đọc được {}: {}", self.path.display(), self.source);
        ocop_words::pick(lang, vi, self.to_string())
    }
}

/// Lists `DIR/sheets`; a folder with no `sheets/` yet is empty, not an error.
pub fn list(root: &Path) -> Result<Listing, ReadError> {
    let sheets = root.join(SHEETS);
    let mut listing = Listing::default();
    match fs::symlink_metadata(&sheets) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let why = words!("không phải một thư mục thật", "is not a real folder");
            listing.odd.push((sheets, why));
            return Ok(listing);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(listing),
        Err(e) => return Err(ReadError::at(&sheets)(e)),
    }
    let mut sets = Vec::new();
    let (found, unnamed) = entries(&sheets)?;
    listing.odd.extend(unnamed);
    for (name, kind) in found {
        let path = sheets.join(&name);
        if kind.is_dir() {
            sets.push((name, path));
        } else if kind.is_symlink() {
            listing.odd.push((path, link()));
        } else {
            let why = words!(
                "không được nằm ngay trong sheets/",
                "does not belong directly in sheets/"
            );
            listing.odd.push((path, why));
        }
    }
    // Each set's folder listed and sorted on its own core; in the order of the sets' names,
    // their lists follow one another sorted.
    sets.sort();
    for set in par_map(&sets, |(name, path)| list_set(name, path)) {
        let set = set?;
        listing.files.extend(set.files);
        listing.odd.extend(set.odd);
    }
    Ok(listing)
}

/// The regular files of one set's folder, sorted, and what does not belong there.
fn list_set(set: &str, dir: &Path) -> Result<Listing, ReadError> {
    let (set, shared): (Arc<str>, Arc<Path>) = (Arc::from(set), Arc::from(dir));
    let (found, mut odd) = entries(dir)?;
    let mut files = Vec::new();
    for (name, kind) in found {
        if kind.is_file() {
            files.push(Entry {
                set: Arc::clone(&set),
                name,
                dir: Arc::clone(&shared),
            });
        } else if kind.is_symlink() {
            odd.push((dir.join(name), link()));
        } else {
            let why = words!("không phải một tệp thường", "is not a regular file");
            odd.push((dir.join(name), why));
        }
    }
    files.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(Listing { files, odd })
}

fn link() -> Words {
    words!("là một liên kết tượng trưng", "is a symbolic link")
}

/// What a folder of the export holds: the entries by name and kind, and those whose name is
/// not UTF-8 (no sheet's is: each is named as such, never looked up by a lossy name that is
/// not there).
type Entries = (Vec<(String, fs::FileType)>, Vec<(PathBuf, Words)>);

fn entries(dir: &Path) -> Result<Entries, ReadError> {
    let (mut found, mut unnamed) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(dir).map_err(ReadError::at(dir))? {
        let entry = entry.map_err(ReadError::at(dir))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            let why = words!(
                "có tên không phải UTF-8: không phải tệp nào ocop ghi",
                "has a name that is not UTF-8: no file ocop writes"
            );
            unnamed.push((entry.path(), why));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        // `DirEntry::file_type` does not follow links: a symlinked folder shows as a link.
        let kind = entry.file_type().map_err(ReadError::at(dir))?;
        found.push((name, kind));
    }
    Ok((found, unnamed))
}

/// `f` of every item, in order, on as many threads as there are cores (at most 8): reading
/// a folder's thousands of sheet files is reading, parsing and checking each on its own.
/// Each thread takes the next item when it is done with one, so a thread given the larger
/// files does not keep the others waiting at the end.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The largest sheet file `verify` and `council` read: a real sheet is some tens of KB, so a
/// file above this is not one, and reading it whole would cost its size several times over.
pub const SHEET_FILE_MAX_BYTES: u64 = 4 << 20;
/// A signature (`.sig`, of a sheet, the roster or a certificate) is a few hundred bytes: one
/// larger is read no further, and does not count.
pub const SIG_MAX_BYTES: u64 = 64 * 1024;

/// A sheet file read and parsed, or why it could not be.
pub fn load(entry: &Entry) -> Result<(Vec<u8>, Document), Words> {
    load_as(entry)
}

/// A sheet file read and parsed as `T`, the part of its document a reader needs (`council`
/// reads less of it than `verify`), or why it could not be, said as `load` says it.
pub fn load_as<T: DeserializeOwned>(entry: &Entry) -> Result<(Vec<u8>, T), Words> {
    parsed(read_at_most(&entry.path(), SHEET_FILE_MAX_BYTES)?)
}

/// A sheet file, read from its open folder, and parsed; or why it could not be.
pub fn load_in(folder: &Folder, entry: &Entry) -> Result<(Vec<u8>, Document), Words> {
    parsed(folder.read_at_most(&entry.name, SHEET_FILE_MAX_BYTES)?)
}

fn parsed<T: DeserializeOwned>(bytes: Vec<u8>) -> Result<(Vec<u8>, T), Words> {
    let doc = serde_json::from_slice(&bytes).map_err(not_parsed)?;
    Ok((bytes, doc))
}

fn not_parsed(e: serde_json::Error) -> Words {
    let schema = document::SCHEMA;
    words!(
        "không đọc được theo {schema}: {e}",
        "does not parse as {schema}: {e}"
    )
}

/// Past the limit, its size not read (a file said larger than `max` by its `fstat`).
fn too_large_than(max: u64) -> Words {
    words!(
        "quá {max} byte mà một tệp phiếu được phép",
        "is more than the {max} bytes a sheet file may have"
    )
}

/// Why a file cannot be read.
pub(crate) fn unreadable(e: io::Error) -> Words {
    words!("không đọc được: {e}", "cannot be read: {e}")
}

/// Why an outside file was not read (`ocop_files`), in both languages.
pub fn refused(e: FileError) -> Words {
    match e {
        FileError::Io(e) => unreadable(e),
        other => Words::new(other.say(Lang::Vi), other.say(Lang::En)),
    }
}

/// The file's bytes when it is a regular file of at most `max`; else why not, without reading
/// it (nor more than `max + 1` bytes of a file that grows meanwhile), and without waiting on
/// a FIFO.
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, Words> {
    ocop_files::read(path, max, Links::Refuse).map_err(|e| match e {
        FileError::TooLarge { max, .. } => too_large_than(max),
        e => refused(e),
    })
}
