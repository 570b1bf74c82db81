//! `ocop verify DIR`: proves that what the office reads is what the assessors finished. Every
//! sheet file must match its `.sha256`, parse as `ocop-sheet/1`, sit under its own name, and
//! score to what it says from its answers and its rubric (found by SHA-256); every amendment
//! must point at an earlier revision that is there. Temporary files are not problems.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::document::{AnswerState, Document, SCHEMA};
use super::folder::valid_set_id;
use super::scan::{self, Entry};
use crate::catalog::Catalog;
use crate::catalog::check::sha256_hex;
use crate::domain::rubric::{Case, Rubric};
use crate::domain::sheet::{Answer, Header, Mark, Sheet, SheetId, Status};

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

/// Checks every file under `DIR/sheets`.
pub fn verify(root: &Path, catalog: &Catalog) -> std::io::Result<Verdict> {
    let listing = scan::list(root)?;
    let mut verdict = Verdict::default();
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
    let mut docs = Vec::new();
    for entry in &listing.files {
        if let Some(json) = entry.name.strip_suffix(".sha256") {
            if !json.ends_with(".json") || !entry_path(entry, json).is_file() {
                say(&entry.path, "has no sheet file beside it".into());
            }
        } else if !entry.is_sheet() {
            say(&entry.path, "is not a sheet file or its digest".into());
        } else {
            let (messages, doc) = check_file(entry, catalog);
            messages.into_iter().for_each(|m| say(&entry.path, m));
            if let Some(doc) = doc {
                chains
                    .entry(doc.sheet_id.clone())
                    .or_default()
                    .insert(doc.revision);
                docs.push((entry.path.clone(), doc));
            }
        }
    }
    for (path, doc) in &docs {
        if let Some(m) = chain_problem(doc, &chains) {
            say(path, m);
        }
    }
    verdict.sheets = listing.sheets().count();
    Ok(verdict)
}

fn entry_path(entry: &Entry, name: &str) -> PathBuf {
    entry.path.with_file_name(name)
}

/// Every problem with one sheet file, and its document when it parses.
fn check_file(entry: &Entry, catalog: &Catalog) -> (Vec<String>, Option<Document>) {
    let (bytes, doc) = match scan::load(entry) {
        Ok(loaded) => loaded,
        Err(message) => return (vec![message], None),
    };
    let mut problems = digest_problems(entry, &bytes);
    if doc.schema != SCHEMA {
        problems.push(format!("has schema '{}', not {SCHEMA}", doc.schema));
        return (problems, None);
    }
    problems.extend(place_problems(entry, &doc));
    if doc.status != Status::Finished || doc.finished_at.is_none() {
        problems.push("is not a finished sheet".into());
    }
    match catalog.by_sha256(&doc.rubric.sha256) {
        Some(rubric) => problems.extend(recompute(&doc, rubric)),
        None => problems.push(format!(
            "its rubric (sha256 {}) is neither built in nor in --rubrics",
            doc.rubric.sha256
        )),
    }
    (problems, Some(doc))
}

fn digest_problems(entry: &Entry, bytes: &[u8]) -> Vec<String> {
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
    let have = sha256_hex(bytes);
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
    if !valid_set_id(&doc.rubric.set_id) || doc.rubric.set_id != entry.set {
        problems.push(format!("its set '{}' is not its folder", doc.rubric.set_id));
    }
    if doc.file_name() != entry.name {
        problems.push(format!("should be named {}", doc.file_name()));
    }
    problems
}

/// Amendments chain: revision 1 supersedes nothing; revision N supersedes an earlier one that
/// is in the folder.
fn chain_problem(doc: &Document, chains: &BTreeMap<String, BTreeSet<u32>>) -> Option<String> {
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

/// Rebuilds the document from its own answers on its rubric, and names every field that
/// comes out different.
fn recompute(doc: &Document, rubric: &Rubric) -> Vec<String> {
    let sheet = match sheet_of(doc) {
        Ok(sheet) => sheet,
        Err(message) => return vec![message],
    };
    let again = Document::of(rubric, &sheet, &doc.audit);
    let (Ok(Value::Object(have)), Ok(Value::Object(want))) =
        (serde_json::to_value(doc), serde_json::to_value(&again))
    else {
        return vec!["cannot be recomputed".into()];
    };
    want.iter()
        .filter(|(key, value)| have.get(*key) != Some(value))
        .map(|(key, value)| match value {
            Value::Array(_) | Value::Object(_) => {
                format!("its {key} do not follow from its answers and rubric")
            }
            _ => format!(
                "says {key} {}, its answers and rubric give {value}",
                have.get(key).unwrap_or(&Value::Null)
            ),
        })
        .collect()
}

/// The sheet a document was made from, as far as scoring and the document need it.
fn sheet_of(doc: &Document) -> Result<Sheet, String> {
    let id = SheetId::parse(&doc.sheet_id).ok_or("its sheet_id is not a ULID")?;
    let case = match doc.case {
        None => None,
        Some(n) => Some(Case::from_number(n).ok_or("its case is not 1 or 2")?),
    };
    let answers = doc
        .answers
        .iter()
        .map(|a| {
            let mark = match a.state {
                AnswerState::Answered => a.option.map(|option| Mark::Chose { option }),
                AnswerState::NotMet => Some(Mark::NotMet),
                AnswerState::NotApplicable => Some(Mark::NotApplicable),
                AnswerState::Eliminated => Some(Mark::Raised {
                    reason: a.reason.clone().unwrap_or_default(),
                }),
                AnswerState::Unanswered => None,
            };
            let answer = Answer {
                mark,
                note: a.note.clone(),
                answered_at: a.answered_at,
            };
            (a.code.clone(), answer)
        })
        .collect();
    Ok(Sheet {
        id,
        revision: doc.revision,
        supersedes: doc.supersedes,
        amend_reason: doc.amend_reason.clone(),
        set_id: doc.rubric.set_id.clone(),
        rubric_sha256: doc.rubric.sha256.clone(),
        header: Header {
            product_name: doc.product.name.clone(),
            producer: doc.product.producer.clone(),
            product_code: doc.product.code.clone(),
            phone: doc.product.phone.clone(),
            address: doc.product.address.clone(),
            assessor: doc.assessor.name.clone(),
            council: doc.assessor.council.clone(),
            evaluated_on: doc.evaluated_on,
        },
        answers,
        case,
        dossier_rejected: doc.dossier_rejected.clone(),
        comment: doc.comment.clone(),
        status: doc.status,
        started_at: doc.started_at,
        updated_at: doc.finished_at.unwrap_or(doc.started_at),
        finished_at: doc.finished_at,
    })
}
