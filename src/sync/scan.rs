//! Listing an export folder the way every reader sees it: regular files in real set folders
//! under `sheets/`. Names starting with `.` are a sync in progress and are not listed;
//! anything else out of place (a symbolic link, a stray file) is listed as odd, for `verify`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::document::{self, Document};
use super::folder::SHEETS;

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
    pub odd: Vec<(PathBuf, &'static str)>,
}

impl Listing {
    pub fn sheets(&self) -> impl Iterator<Item = &Entry> {
        self.files.iter().filter(|e| e.is_sheet())
    }
}

/// Lists `DIR/sheets`; a folder with no `sheets/` yet is empty, not an error.
pub fn list(root: &Path) -> io::Result<Listing> {
    let sheets = root.join(SHEETS);
    let mut listing = Listing::default();
    match fs::symlink_metadata(&sheets) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            listing.odd.push((sheets, "is not a real folder"));
            return Ok(listing);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(listing),
        Err(e) => return Err(e),
    }
    for (name, path, kind) in entries(&sheets)? {
        if kind.is_dir() {
            list_set(&name, &path, &mut listing)?;
        } else if kind.is_symlink() {
            listing.odd.push((path, "is a symbolic link"));
        } else {
            listing
                .odd
                .push((path, "does not belong directly in sheets/"));
        }
    }
    listing.files.sort();
    Ok(listing)
}

fn list_set(set: &str, dir: &Path, listing: &mut Listing) -> io::Result<()> {
    let (set, shared): (Arc<str>, Arc<Path>) = (Arc::from(set), Arc::from(dir));
    for (name, path, kind) in entries(dir)? {
        if kind.is_file() {
            listing.files.push(Entry {
                set: Arc::clone(&set),
                name,
                dir: Arc::clone(&shared),
            });
        } else if kind.is_symlink() {
            listing.odd.push((path, "is a symbolic link"));
        } else {
            listing.odd.push((path, "is not a regular file"));
        }
    }
    Ok(())
}

/// The entries of a folder that are not hidden, without following symbolic links.
fn entries(dir: &Path) -> io::Result<Vec<(String, PathBuf, fs::FileType)>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // `DirEntry::file_type` does not follow links: a symlinked folder shows as a link.
        let kind = entry.file_type()?;
        found.push((name, entry.path(), kind));
    }
    Ok(found)
}

/// `f` of every item, in order, on as many threads as there are cores (at most 8): reading
/// a folder's thousands of sheet files is reading, parsing and checking each on its own.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The largest sheet file `verify` and `council` read: a real sheet is some tens of KB, so a
/// file above this is not one, and reading it whole would cost its size several times over.
pub const SHEET_FILE_MAX_BYTES: u64 = 4 << 20;

/// A sheet file read and parsed, or why it could not be.
pub fn load(entry: &Entry) -> Result<(Vec<u8>, Document), String> {
    let bytes = read_at_most(&entry.path(), SHEET_FILE_MAX_BYTES)?;
    let doc = document::parse(&bytes)
        .map_err(|e| format!("does not parse as {}: {e}", document::SCHEMA))?;
    Ok((bytes, doc))
}

/// The file's bytes when it holds at most `max`; else why not, without reading it (nor more
/// than `max + 1` bytes of a file that grows meanwhile).
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let unreadable = |e: io::Error| format!("cannot be read: {e}");
    let file = fs::File::open(path).map_err(unreadable)?;
    let too_large = |n: u64| format!("is {n} bytes, more than the {max} a sheet file may have");
    let len = file.metadata().map_err(unreadable)?.len();
    if len > max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    match bytes.len() as u64 > max {
        true => Err(too_large(bytes.len() as u64)),
        false => Ok(bytes),
    }
}
