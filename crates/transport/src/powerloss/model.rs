//! The export folder as a power cut could leave it, built from the writer's noted calls
//! (`ocop_export::folder::tap`). A file's bytes are on disk once the file is flushed; a name
//! (a new file, a link, a removal, a new folder) once its folder is flushed. Before that, each
//! reached the disk or not, independently: so a link may be there while its file's bytes are
//! not (a rename persisted before its data), and a write may be torn at a sector boundary.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::mem;
use std::path::{Path, PathBuf};

use ocop_export::folder::tap::Op;

const SECTOR: usize = 512;

/// What became of one pending change at the power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Lost,
    Kept,
    /// The first this many bytes of a write; the rest reads as the hole it was.
    Head(usize),
    /// The bytes from this one on; the first read as zeros.
    Tail(usize),
}

#[derive(Debug, Clone)]
enum Entry {
    File(usize),
    Dir(PathBuf),
}

/// A file: its bytes on disk, and its one write since, if not flushed.
#[derive(Debug, Clone, Default)]
struct Inode {
    durable: Vec<u8>,
    pending: Option<Vec<u8>>,
}

/// A folder: its names on disk, and the changes to them since (`None`: removed).
#[derive(Debug, Clone, Default)]
struct Dir {
    durable: BTreeMap<String, Entry>,
    pending: Vec<(String, Option<Entry>)>,
}

/// The folder tree as the writer left it so far, on disk and pending.
#[derive(Debug, Clone)]
pub struct Tree {
    root: PathBuf,
    inodes: Vec<Inode>,
    dirs: HashMap<PathBuf, Dir>,
    /// What each live path names, to follow a link or a write to its file.
    names: HashMap<PathBuf, usize>,
}

impl Tree {
    /// An empty folder at `root`, on disk.
    pub fn new(root: &Path) -> Tree {
        Tree {
            root: root.to_path_buf(),
            inodes: Vec::new(),
            dirs: HashMap::from([(root.to_path_buf(), Dir::default())]),
            names: HashMap::new(),
        }
    }

    /// Applies one call, as it happened (`Acked` is not a call).
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Mkdir(path) => {
                self.dirs.insert(path.clone(), Dir::default());
                self.name(path, Some(Entry::Dir(path.clone())));
            }
            Op::Create(path) => {
                self.inodes.push(Inode::default());
                self.names.insert(path.clone(), self.inodes.len() - 1);
                self.name(path, Some(Entry::File(self.inodes.len() - 1)));
            }
            Op::Write { path, bytes } => {
                if let Some(ino) = self.names.get(path) {
                    self.inodes[*ino].pending = Some(bytes.clone());
                }
            }
            Op::SyncFile(path) => {
                if let Some(ino) = self.names.get(path) {
                    let inode = &mut self.inodes[*ino];
                    if let Some(bytes) = inode.pending.take() {
                        inode.durable = bytes;
                    }
                }
            }
            Op::Link { from, to } => {
                if let Some(ino) = self.names.get(from).copied() {
                    self.names.insert(to.clone(), ino);
                    self.name(to, Some(Entry::File(ino)));
                }
            }
            Op::Unlink(path) => {
                self.names.remove(path);
                self.name(path, None);
            }
            Op::SyncDir(path) => {
                if let Some(dir) = self.dirs.get_mut(path) {
                    for (name, entry) in mem::take(&mut dir.pending) {
                        set(&mut dir.durable, name, entry);
                    }
                }
            }
            Op::Acked(_) => {}
        }
    }

    fn name(&mut self, path: &Path, entry: Option<Entry>) {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return;
        };
        let name = name.to_string_lossy().into_owned();
        self.dirs
            .entry(parent.to_path_buf())
            .or_default()
            .pending
            .push((name, entry));
    }

    /// The pending changes a power cut decides: each unflushed write (by inode), then each
    /// folder's unflushed names (folders in path order); and where each write may tear.
    pub fn pending(&self) -> Vec<Vec<usize>> {
        let writes = self.inodes.iter().filter_map(|i| i.pending.as_ref());
        let writes = writes.map(|bytes| tears(bytes.len()));
        let names = self.sorted_dirs().into_iter().flat_map(|d| &d.pending);
        writes.chain(names.map(|_| Vec::new())).collect()
    }

    fn sorted_dirs(&self) -> Vec<&Dir> {
        let mut paths: Vec<&PathBuf> = self.dirs.keys().collect();
        paths.sort();
        paths.into_iter().map(|p| &self.dirs[p]).collect()
    }

    /// Writes the folder as the power cut with these `fates` (in `pending`'s order) left it
    /// into `out`, which exists and is empty.
    pub fn materialize(&self, fates: &[Fate], out: &Path) -> std::io::Result<()> {
        let mut fates = fates.iter().copied();
        let contents: Vec<Vec<u8>> = self
            .inodes
            .iter()
            .map(|inode| match &inode.pending {
                Some(bytes) => after(&inode.durable, bytes, fates.next().unwrap_or(Fate::Kept)),
                None => inode.durable.clone(),
            })
            .collect();
        let mut paths: Vec<&PathBuf> = self.dirs.keys().collect();
        paths.sort();
        let mut listed = HashMap::new();
        for path in paths {
            let dir = &self.dirs[path];
            let mut names = dir.durable.clone();
            for (name, entry) in &dir.pending {
                if fates.next().unwrap_or(Fate::Kept) == Fate::Kept {
                    set(&mut names, name.clone(), entry.clone());
                }
            }
            listed.insert(path.clone(), names);
        }
        write_dir(&listed, &contents, &self.root, out)
    }
}

fn set(names: &mut BTreeMap<String, Entry>, name: String, entry: Option<Entry>) {
    match entry {
        Some(entry) => names.insert(name, entry),
        None => names.remove(&name),
    };
}

/// Where a write of `len` bytes from a file's start may tear.
fn tears(len: usize) -> Vec<usize> {
    (SECTOR..len).step_by(SECTOR).collect()
}

fn after(durable: &[u8], bytes: &[u8], fate: Fate) -> Vec<u8> {
    match fate {
        Fate::Lost => durable.to_vec(),
        Fate::Kept => bytes.to_vec(),
        Fate::Head(n) => bytes[..n].to_vec(),
        Fate::Tail(n) => [vec![0; n], bytes[n..].to_vec()].concat(),
    }
}

fn write_dir(
    listed: &HashMap<PathBuf, BTreeMap<String, Entry>>,
    contents: &[Vec<u8>],
    dir: &Path,
    out: &Path,
) -> std::io::Result<()> {
    let Some(names) = listed.get(dir) else {
        return Ok(());
    };
    for (name, entry) in names {
        match entry {
            Entry::File(ino) => fs::write(out.join(name), &contents[*ino])?,
            Entry::Dir(path) => {
                fs::create_dir(out.join(name))?;
                write_dir(listed, contents, path, &out.join(name))?;
            }
        }
    }
    Ok(())
}
