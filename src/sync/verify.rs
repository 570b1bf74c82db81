//! `ocop verify DIR`: proves that what the office reads is what the assessors finished. Every
//! sheet file must match its `.sha256`, parse as `ocop-sheet/1`, sit under its own name, and
//! score to what it says from its answers and its rubric (found by SHA-256); every amendment
//! must point at an earlier revision that is there, and carry that revision's SHA-256; every
//! sheet must be signed by the key the folder's `allowed_signers` gives to its assessor
//! (`signature`, `roster`); a printable copy beside a sheet must be the page made from it
//! (`printed`). Temporary files are not problems.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::document::{Document, PreviousDoc, SCHEMA};
use super::folder::valid_set_id;
use super::progress::Counter;
use super::roster::{Roster, roster_problems};
use super::scan::{self, Entry};
use super::signature;
use crate::catalog::Catalog;
use crate::catalog::check::sha256_hex;
use crate::domain::sheet::{SheetId, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Default)]
pub struct Verdict {
    pub sheets: usize,
    pub problems: Vec<Problem>,
}

/// Checks every file under `DIR/sheets`, and the folder's roster.
pub fn verify(root: &Path, catalog: &Catalog) -> std::io::Result<Verdict> {
    verify_counted(root, catalog, &Counter::default())
}

/// `verify`, counting in `progress` the files checked.
pub fn verify_counted(
    root: &Path,
    catalog: &Catalog,
    progress: &Counter,
) -> std::io::Result<Verdict> {
    let listing = scan::list(root)?;
    let roster = Roster::read(root)?;
    let mut verdict = Verdict {
        problems: roster_problems(root, roster.as_ref()),
        ..Verdict::default()
    };
    let mut say = |path: &Path, message: String| {
        verdict.problems.push(Problem {
            path: path.to_path_buf(),
            message,
        })
    };
    for (path, what) in &listing.odd {
        say(path, (*what).to_string());
    }
    let mut chains: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut digests: BTreeMap<(String, u32), String> = BTreeMap::new();
    let mut links = Vec::new();
    // One answer per sheet file, in folder order; the other files are looked at here.
    let mut checked = check_all(&listing, catalog, (roster.as_ref(), progress)).into_iter();
    for entry in &listing.files {
        let beside = entry.name.strip_suffix(".sha256");
        let beside = beside
            .or_else(|| entry.name.strip_suffix(".sig"))
            .map(String::from);
        let printed = entry.name.strip_suffix(super::printed::SUFFIX);
        if let Some(json) = beside.or_else(|| printed.map(|stem| format!("{stem}.json"))) {
            if !json.ends_with(".json") || !entry_path(entry, &json).is_file() {
                say(&entry.path(), "has no sheet file beside it".into());
            }
        } else if entry.is_sheet() {
            let (messages, link) = checked.next().unwrap_or_default();
            messages.into_iter().for_each(|m| say(&entry.path(), m));
            if let Some(link) = link {
                digests.insert(link.key(link.revision), link.sha256.clone());
                chains
                    .entry(link.sheet_id.clone())
                    .or_default()
                    .insert(link.revision);
                links.push(*link);
            }
        } else {
            say(&entry.path(), "is not a sheet file or its digest".into());
        }
    }
    // Each file's product code and digest, by sheet and revision: a re-rating is checked
    // against the sheet it follows.
    let earlier: BTreeMap<(&str, u32), (&str, Option<&String>)> = links
        .iter()
        .map(|l| {
            let digest = digests.get(&l.key(l.revision));
            (
                (l.sheet_id.as_str(), l.revision),
                (l.product_code.as_str(), digest),
            )
        })
        .collect();
    for link in &links {
        if let Some(m) = chain_problem(link, &chains) {
            say(&link.path, m);
        }
        if let Some(m) = previous_problem(link, &earlier) {
            say(&link.path, m);
        }
    }
    for (path, message) in super::certificate::read_all(root)?.1 {
        say(&root.join(path), message);
    }
    let by_content = signature::chain_problems(&links, &digests);
    verdict.problems.extend(by_content);
    verdict.sheets = listing.sheets().count();
    Ok(verdict)
}

fn entry_path(entry: &Entry, name: &str) -> PathBuf {
    entry.path().with_file_name(name)
}

/// What the folder-wide checks (amendment chains, re-ratings) need of a sheet file, kept
/// instead of its whole document: a province's 100,000 documents do not fit in memory.
#[derive(Debug, Clone)]
pub struct Link {
    pub path: PathBuf,
    pub sheet_id: String,
    pub revision: u32,
    pub supersedes: Option<u32>,
    pub supersedes_sha256: Option<String>,
    /// It names an `assessor_id`: it was signed, so an amendment must carry its digest.
    pub signed_as: bool,
    pub product_code: String,
    pub previous: Option<PreviousDoc>,
    /// The SHA-256 of the file.
    pub sha256: String,
}

impl Link {
    fn of(path: &Path, doc: Document, sha256: String) -> Link {
        Link {
            path: path.to_path_buf(),
            sheet_id: doc.sheet_id,
            revision: doc.revision,
            supersedes: doc.supersedes,
            supersedes_sha256: doc.supersedes_sha256,
            signed_as: doc.assessor.id.is_some(),
            product_code: doc.product.code,
            previous: doc.previous,
            sha256,
        }
    }

    /// The same key as `Document::key`.
    pub fn key(&self, revision: u32) -> (String, u32) {
        (self.sheet_id.clone(), revision)
    }
}

/// What `check_file` says of one sheet file: its problems, and its link when it parses
/// (boxed: a province's answers are held at once, most of them without a link).
type Checked = (Vec<String>, Option<Box<Link>>);

/// `check_file` of every sheet file, in order, on every core: reading, parsing, rescoring
/// and checking signatures of thousands of files is the whole of verify's time, and each file
/// stands alone.
fn check_all(
    listing: &scan::Listing,
    catalog: &Catalog,
    (roster, progress): (Option<&Roster>, &Counter),
) -> Vec<Checked> {
    let sheets: Vec<&Entry> = listing.sheets().collect();
    progress.begin(sheets.len());
    scan::par_map(&sheets, |e| {
        let checked = check_file(e, catalog, roster);
        progress.add(1);
        checked
    })
}

fn check_file(entry: &Entry, catalog: &Catalog, roster: Option<&Roster>) -> Checked {
    let (bytes, mut doc) = match scan::load(entry) {
        Ok(loaded) => loaded,
        Err(message) => return (vec![message], None),
    };
    let sha256 = sha256_hex(&bytes);
    let mut problems = digest_problems(entry, &sha256);
    problems.extend(signature::file_problem(&entry.path(), &bytes, &doc, roster));
    if doc.schema != SCHEMA {
        problems.push(format!("has schema '{}', not {SCHEMA}", doc.schema));
        return (problems, None);
    }
    problems.extend(place_problems(entry, &doc));
    if doc.status != Status::Finished || doc.finished_at.is_none() {
        problems.push("is not a finished sheet".into());
    }
    match catalog.by_sha256(&doc.rubric.sha256) {
        Some(rubric) => {
            let path = entry.path();
            problems.extend(super::printed::copy_problem(&path, &bytes, &doc, rubric));
            problems.extend(recompute(&mut doc, rubric));
        }
        None => problems.push(format!(
            "its rubric (sha256 {}) is neither built in nor in --rubrics",
            doc.rubric.sha256
        )),
    }
    (
        problems,
        Some(Box::new(Link::of(&entry.path(), doc, sha256))),
    )
}

/// Whether the `.sha256` beside the file names it and holds `have`, the file's SHA-256.
fn digest_problems(entry: &Entry, have: &str) -> Vec<String> {
    let sum_path = entry_path(entry, &format!("{}.sha256", entry.name));
    // A `.sha256` line is under 400 bytes; a larger one is not read whole.
    let read = scan::read_at_most(&sum_path, 4096).map(String::from_utf8);
    let Ok(Ok(line)) = read else {
        return vec!["has no readable .sha256 beside it".into()];
    };
    let mut words = line.split_whitespace();
    let (want, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let mut problems = Vec::new();
    if name.trim_start_matches('*') != entry.name {
        problems.push(format!("its .sha256 names '{name}', not this file"));
    }
    if want != have {
        problems.push(format!(
            "its content has changed: sha256 {have}, its .sha256 says {want}"
        ));
    }
    problems
}

fn place_problems(entry: &Entry, doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    if SheetId::parse(&doc.sheet_id).is_none() {
        problems.push(format!("its sheet_id '{}' is not a ULID", doc.sheet_id));
    }
    if !valid_set_id(&doc.rubric.set_id) || *doc.rubric.set_id != *entry.set {
        problems.push(format!("its set '{}' is not its folder", doc.rubric.set_id));
    }
    if doc.file_name() != entry.name {
        problems.push(format!("should be named {}", doc.file_name()));
    }
    problems
}

/// A re-rating follows an earlier sheet of the same product code, in the folder, unchanged
/// since the re-rating named its digest.
fn previous_problem(
    doc: &Link,
    earlier: &BTreeMap<(&str, u32), (&str, Option<&String>)>,
) -> Option<String> {
    let p = doc.previous.as_ref()?;
    let name = format!("{}.r{}", p.sheet_id, p.revision);
    let Some((code, have)) = earlier.get(&(p.sheet_id.as_str(), p.revision)) else {
        return Some(format!("it re-rates {name}, which is not in the folder"));
    };
    if *code != doc.product_code {
        return Some(format!(
            "it re-rates {name}, a sheet of product code '{code}', not '{}'",
            doc.product_code
        ));
    }
    match &p.sha256 {
        Some(want) if *have != Some(want) => Some(format!(
            "it re-rates {name}, whose file has changed since (sha256 {want} when re-rated)"
        )),
        _ => None,
    }
}

/// Amendments chain: revision 1 supersedes nothing; revision N supersedes an earlier one that
/// is in the folder.
fn chain_problem(doc: &Link, chains: &BTreeMap<String, BTreeSet<u32>>) -> Option<String> {
    let present = |r: u32| chains.get(&doc.sheet_id).is_some_and(|s| s.contains(&r));
    match doc.supersedes {
        None if doc.revision == 1 => None,
        None => Some(format!("revision {} supersedes nothing", doc.revision)),
        Some(r) if r >= doc.revision => Some(format!(
            "revision {} supersedes revision {r}, which is not earlier",
            doc.revision
        )),
        Some(r) if !present(r) => Some(format!(
            "revision {} supersedes revision {r}, which is not in the folder",
            doc.revision
        )),
        Some(_) => None,
    }
}

#[path = "verify/recompute.rs"]
mod recompute;
use recompute::recompute;
pub(crate) use recompute::sheet_of;
