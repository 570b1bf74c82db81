//! The power-loss harness for the export folder (test builds only). A flow writes into an
//! empty folder through the real writer, whose every file-system call is noted
//! (`ocop_export::folder::tap`); then, at the moment before every flush of a file or a folder
//! and at the end, the folder is built as a power cut could leave it (`model`) and checked:
//! every visible file is whole, exactly as written (so a `.json` matches its `.sha256` and
//! its `.sig`); once the laptop was told the batch is durable every file is there; and
//! before that, the next attempt completes the rest exactly once.
//!
//! `OCOP_POWERLOSS_STATES` (states per flow, default 200), `OCOP_POWERLOSS_SEED` and
//! `OCOP_POWERLOSS_BREAK=folder` (skip the folder's flush after a link) tune it.

mod fates;
mod flows;
mod model;
mod tests;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ocop_catalog::check::sha256_hex;
use ocop_export::folder::tap::{self, Op};

use self::fates::{Rng, fates, possible, shares};
use self::flows::Flow;
use self::model::{Fate, Tree};

#[derive(Debug, Clone)]
pub struct Settings {
    /// About this many states per flow, shared out over its moments (at least one each; a
    /// moment with fewer possible states takes them all).
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
            states: number("OCOP_POWERLOSS_STATES", 200) as usize,
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
    let mut caps = Vec::new();
    walk(&ops, &export, |tree, _, _| {
        caps.push(possible(&tree.pending()))
    });
    let budgets = shares(&caps, settings.states);
    let mut rng = Rng(settings.seed);
    let mut report = Report {
        flow: flow.name,
        moments: caps.len(),
        ..Report::default()
    };
    let state = scratch.path().join("state");
    walk(&ops, &export, |tree, acked, number| {
        for fates in fates(&tree.pending(), budgets[number - 1], &mut rng) {
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
    });
    report
}

/// Visits the folder at the moment before every flush of a file or a folder, and at the end:
/// the tree, whether the laptop had been told the batch is durable, the moment's number (from
/// 1). A power cut between two flushes leaves a state the later moment also allows.
fn walk(ops: &[Op], root: &Path, mut visit: impl FnMut(&Tree, bool, usize)) {
    let mut tree = Tree::new(root);
    let (mut acked, mut number) = (false, 0);
    for op in ops {
        if matches!(op, Op::SyncFile(_) | Op::SyncDir(_)) {
            number += 1;
            visit(&tree, acked, number);
        }
        acked |= matches!(op, Op::Acked(_));
        tree.apply(op);
    }
    visit(&tree, acked, number + 1);
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

/// A folder for the states, in memory where the system has one.
fn scratch() -> tempfile::TempDir {
    let builder = tempfile::Builder::new().prefix("ocop-powerloss").clone();
    match Path::new("/dev/shm").is_dir() {
        true => builder.tempdir_in("/dev/shm"),
        false => builder.tempdir(),
    }
    .expect("scratch folder")
}
