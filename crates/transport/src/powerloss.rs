//! The power-loss harness for the export folder (test builds only). A flow writes into an
//! empty folder through the real writer, whose every file-system call is noted
//! (`ocop_export::folder::tap`); then, at the moment before every flush of a file or a folder
//! and at the end, the folder is built as a power cut could leave it (`model`) and checked:
//! every visible file is whole, exactly as written (so a `.json` matches its `.sha256` and
//! its `.sig`); once the laptop was told the batch is durable every file is there; and
//! before that, the next attempt completes the rest exactly once.
//!
//! `OCOP_POWERLOSS_STATES` (states per flow, default 300), `OCOP_POWERLOSS_SEED` and
//! `OCOP_POWERLOSS_BREAK=folder` (skip the folder's flush after a link) tune it.

mod flows;
mod model;
mod tests;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ocop_catalog::check::sha256_hex;
use ocop_export::folder::tap::{self, Op};

use self::flows::Flow;
use self::model::{Fate, Tree};

#[derive(Debug, Clone)]
pub struct Settings {
    /// About this many states per flow; at least one per moment.
    pub states: usize,
    pub seed: u64,
    /// Skip the folder's flush while the flow runs.
    pub skip_folder_flush: bool,
}

impl Settings {
    pub fn from_env() -> Settings {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        Settings {
            states: number("OCOP_POWERLOSS_STATES", 300) as usize,
            seed: number("OCOP_POWERLOSS_SEED", 1),
            skip_folder_flush: std::env::var("OCOP_POWERLOSS_BREAK").as_deref() == Ok("folder"),
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub flow: &'static str,
    pub moments: usize,
    pub states: usize,
    pub failed: usize,
    pub failures: Vec<String>,
}

pub fn run(flow: &Flow, settings: &Settings) -> Report {
    let scratch = scratch();
    let export = scratch.path().join("export");
    fs::create_dir(&export).expect("export folder");
    tap::start(settings.skip_folder_flush);
    (flow.run)(&export);
    let ops = tap::stop();
    let written = written(&ops, &export);
    let moments = 1 + ops.iter().filter(|op| is_flush(op)).count();
    let budget = settings.states.div_ceil(moments).max(1);
    let mut rng = Rng(settings.seed);
    let mut report = Report {
        flow: flow.name,
        moments,
        ..Report::default()
    };
    let mut tree = Tree::new(&export);
    let mut acked = false;
    let state = scratch.path().join("state");
    let mut moment = |tree: &Tree, acked: bool, number: usize| {
        for fates in fates(&tree.pending(), budget, &mut rng) {
            report.states += 1;
            let _ = fs::remove_dir_all(&state);
            fs::create_dir(&state).expect("state folder");
            tree.materialize(&fates, &state).expect("write the state");
            if let Err(why) = check(&state, &written, acked, flow) {
                report.failed += 1;
                if report.failures.len() < 3 {
                    report.failures.push(format!(
                        "{}: a power cut at moment {number} ({} changes pending): {why}",
                        flow.name,
                        fates.len()
                    ));
                }
            }
        }
    };
    let mut number = 0;
    for op in &ops {
        if is_flush(op) {
            number += 1;
            moment(&tree, acked, number);
        }
        acked |= matches!(op, Op::Acked(_));
        tree.apply(op);
    }
    moment(&tree, acked, number + 1);
    report
}

fn is_flush(op: &Op) -> bool {
    matches!(op, Op::SyncFile(_) | Op::SyncDir(_))
}

/// Every file the flow linked into place, by its path in the folder, with its bytes.
fn written(ops: &[Op], root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut bytes: BTreeMap<&Path, &[u8]> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for op in ops {
        match op {
            Op::Write { path, bytes: b } => {
                bytes.insert(path, b);
            }
            Op::Link { from, to } => {
                let b = bytes.get(from.as_path()).copied().unwrap_or_default();
                let to = to.strip_prefix(root).unwrap_or(to);
                out.insert(to.to_path_buf(), b.to_vec());
            }
            _ => {}
        }
    }
    out
}

/// The checks on one folder a power cut left.
fn check(
    dir: &Path,
    written: &BTreeMap<PathBuf, Vec<u8>>,
    acked: bool,
    flow: &Flow,
) -> Result<(), String> {
    whole(dir, written)?;
    if !acked {
        (flow.again)(dir)?;
    }
    let visible = visible(dir);
    // A sheet's document names the loss best; its companions after it.
    let mut missing: Vec<&PathBuf> = written
        .keys()
        .filter(|path| !visible.contains_key(*path))
        .collect();
    missing.sort_by_key(|path| !path.to_string_lossy().ends_with(".json"));
    match missing.first() {
        Some(path) if acked => Err(format!(
            "lost {}, in a batch the laptop was told is durable",
            path.display()
        )),
        Some(path) => Err(format!("{} is missing after the next sync", path.display())),
        None => whole(dir, written),
    }
}

/// Every visible file is one the flow wrote, whole; a sheet matches its `.sha256`.
fn whole(dir: &Path, written: &BTreeMap<PathBuf, Vec<u8>>) -> Result<(), String> {
    let visible = visible(dir);
    for (path, bytes) in &visible {
        let shown = path.display();
        match written.get(path) {
            Some(w) if w == bytes => {}
            Some(w) => {
                return Err(format!(
                    "a torn file is visible: {shown} ({} bytes, {} written)",
                    bytes.len(),
                    w.len()
                ));
            }
            // The summaries are rebuilt whole by another path; anything else is a stray.
            None if path.to_string_lossy().starts_with("summary.") => {}
            None => return Err(format!("a file nobody wrote is visible: {shown}")),
        }
        let sum = visible.get(&PathBuf::from(format!("{shown}.sha256")));
        let is_sheet = shown.to_string().ends_with(".json");
        if sum.is_some_and(|line| is_sheet && !line.starts_with(sha256_hex(bytes).as_bytes())) {
            return Err(format!("{shown} does not match its .sha256"));
        }
    }
    Ok(())
}

/// The files a reader sees: every name not starting with `.`, by path in the folder.
fn visible(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let Ok(entries) = fs::read_dir(dir.join(&rel)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = rel.join(&name);
            match entry.file_type().is_ok_and(|t| t.is_dir()) {
                true => todo.push(path),
                false => {
                    out.insert(path, fs::read(entry.path()).unwrap_or_default());
                }
            }
        }
    }
    out
}

/// Every combination of fates while at most `budget` (a write torn at each sector boundary
/// when that fits, else at its middle one); else all kept, all lost, and draws.
fn fates(pending: &[Vec<usize>], budget: usize, rng: &mut Rng) -> Vec<Vec<Fate>> {
    for every_tear in [true, false] {
        let options: Vec<Vec<Fate>> = pending.iter().map(|t| options(t, every_tear)).collect();
        let total = options
            .iter()
            .try_fold(1usize, |n, o| n.checked_mul(o.len()));
        if let Some(total) = total.filter(|t| *t <= budget) {
            return every(&options, total);
        }
    }
    let n = pending.len();
    let mut out = vec![vec![Fate::Kept; n], vec![Fate::Lost; n]];
    while out.len() < budget.max(2) {
        out.push(pending.iter().map(|tears| drawn(tears, rng)).collect());
    }
    out
}

fn options(tears: &[usize], every_tear: bool) -> Vec<Fate> {
    let mut out = vec![Fate::Lost, Fate::Kept];
    match every_tear {
        true => {
            out.extend(tears.iter().map(|t| Fate::Head(*t)));
            out.extend(tears.iter().map(|t| Fate::Tail(*t)));
        }
        false => out.extend(tears.get(tears.len() / 2).map(|t| Fate::Head(*t))),
    }
    out
}

fn every(options: &[Vec<Fate>], total: usize) -> Vec<Vec<Fate>> {
    (0..total)
        .map(|mut n| {
            let mut pick = |o: &Vec<Fate>| {
                let fate = o[n % o.len()];
                n /= o.len();
                fate
            };
            options.iter().map(&mut pick).collect()
        })
        .collect()
}

fn drawn(tears: &[usize], rng: &mut Rng) -> Fate {
    let choices = if tears.is_empty() { 2 } else { 4 };
    let choice = rng.below(choices);
    let mut tear = || tears[rng.below(tears.len() as u64) as usize];
    match choice {
        0 => Fate::Lost,
        1 => Fate::Kept,
        2 => Fate::Head(tear()),
        _ => Fate::Tail(tear()),
    }
}

/// SplitMix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}

/// A folder for the states, in memory where the system has one.
fn scratch() -> tempfile::TempDir {
    let builder = tempfile::Builder::new().prefix("ocop-powerloss").clone();
    match Path::new("/dev/shm").is_dir() {
        true => builder.tempdir_in("/dev/shm"),
        false => builder.tempdir(),
    }
    .expect("scratch folder")
}
