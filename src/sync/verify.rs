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

use serde_json::Value;

use super::document::{AnswerState, Document, SCHEMA};
use super::folder::valid_set_id;
use super::roster::{Roster, roster_problems};
use super::scan::{self, Entry};
use super::signature;
use crate::catalog::Catalog;
use crate::catalog::check::sha256_hex;
use crate::domain::rubric::{Case, Rubric};
use crate::domain::sheet::{Answer, Header, Mark, Previous, Sheet, SheetId, Status};

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
    let mut docs = Vec::new();
    let mut checked = check_all(&listing.files, catalog, roster.as_ref()).into_iter();
    for entry in &listing.files {
        let sheet = checked.next().flatten();
        let beside = entry.name.strip_suffix(".sha256");
        let beside = beside
            .or_else(|| entry.name.strip_suffix(".sig"))
            .map(String::from);
        let printed = entry.name.strip_suffix(super::printed::SUFFIX);
        if let Some(json) = beside.or_else(|| printed.map(|stem| format!("{stem}.json"))) {
            if !json.ends_with(".json") || !entry_path(entry, &json).is_file() {
                say(&entry.path, "has no sheet file beside it".into());
            }
        } else if let Some((messages, doc)) = sheet {
            messages.into_iter().for_each(|m| say(&entry.path, m));
            if let Some((doc, digest)) = doc {
                digests.insert(doc.key(doc.revision), digest);
                chains
                    .entry(doc.sheet_id.clone())
                    .or_default()
                    .insert(doc.revision);
                docs.push((entry.path.clone(), doc));
            }
        } else {
            say(&entry.path, "is not a sheet file or its digest".into());
        }
    }
    // Each file's product code and digest, by sheet and revision: a re-rating is checked
    // against the sheet it follows.
    let earlier: BTreeMap<(&str, u32), (&str, Option<&String>)> = docs
        .iter()
        .map(|(_, d)| {
            let digest = digests.get(&d.key(d.revision));
            (
                (d.sheet_id.as_str(), d.revision),
                (d.product.code.as_str(), digest),
            )
        })
        .collect();
    for (path, doc) in &docs {
        if let Some(m) = chain_problem(doc, &chains) {
            say(path, m);
        }
        if let Some(m) = previous_problem(doc, &earlier) {
            say(path, m);
        }
    }
    for (path, message) in super::certificate::read_all(root)?.1 {
        say(&root.join(path), message);
    }
    let by_content = signature::chain_problems(&docs, &digests);
    verdict.problems.extend(by_content);
    verdict.sheets = listing.sheets().count();
    Ok(verdict)
}

fn entry_path(entry: &Entry, name: &str) -> PathBuf {
    entry.path.with_file_name(name)
}

/// Every problem with one sheet file, and its document and SHA-256 when it parses.
/// What `check_file` says of one sheet file.
type Checked = (Vec<String>, Option<(Document, String)>);

/// `check_file` of every sheet file, in order (`None` for the other files), on as many
/// threads as there are cores: reading, parsing, rescoring and checking signatures of
/// thousands of files is the whole of verify's time, and each file stands alone.
fn check_all(files: &[Entry], catalog: &Catalog, roster: Option<&Roster>) -> Vec<Option<Checked>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let one = |e: &Entry| e.is_sheet().then(|| check_file(e, catalog, roster));
                    part.iter().map(one).collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn check_file(
    entry: &Entry,
    catalog: &Catalog,
    roster: Option<&Roster>,
) -> (Vec<String>, Option<(Document, String)>) {
    let (bytes, doc) = match scan::load(entry) {
        Ok(loaded) => loaded,
        Err(message) => return (vec![message], None),
    };
    let mut problems = digest_problems(entry, &bytes);
    problems.extend(signature::file_problem(&entry.path, &bytes, &doc, roster));
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
            problems.extend(recompute(&doc, rubric));
            problems.extend(super::printed::copy_problem(
                &entry.path,
                &bytes,
                &doc,
                rubric,
            ));
        }
        None => problems.push(format!(
            "its rubric (sha256 {}) is neither built in nor in --rubrics",
            doc.rubric.sha256
        )),
    }
    (problems, Some((doc, sha256_hex(&bytes))))
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

/// A re-rating follows an earlier sheet of the same product code, in the folder, unchanged
/// since the re-rating named its digest.
fn previous_problem(
    doc: &Document,
    earlier: &BTreeMap<(&str, u32), (&str, Option<&String>)>,
) -> Option<String> {
    let p = doc.previous.as_ref()?;
    let name = format!("{}.r{}", p.sheet_id, p.revision);
    let Some((code, have)) = earlier.get(&(p.sheet_id.as_str(), p.revision)) else {
        return Some(format!("it re-rates {name}, which is not in the folder"));
    };
    if *code != doc.product.code {
        return Some(format!(
            "it re-rates {name}, a sheet of product code '{code}', not '{}'",
            doc.product.code
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
    let doc = &earlier_not_applicable(doc, &again);
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

/// Files written before not-applicable answers were told apart say `answered`, with the option
/// and 0 points, where the rule made the criterion not apply: read them as the newer form says.
fn earlier_not_applicable(doc: &Document, again: &Document) -> Document {
    let mut doc = doc.clone();
    for (have, want) in doc.answers.iter_mut().zip(&again.answers) {
        let same = have.code == want.code && have.option == want.option && have.points == 0;
        if same && (have.state, want.state) == (AnswerState::Answered, AnswerState::NotApplicable) {
            have.state = AnswerState::NotApplicable;
        }
    }
    doc
}

/// The sheet a document was made from, as far as scoring and the document need it.
pub(crate) fn sheet_of(doc: &Document) -> Result<Sheet, String> {
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
                AnswerState::NotApplicable => match a.option {
                    Some(option) => Some(Mark::Chose { option }),
                    None => Some(Mark::NotApplicable),
                },
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
        previous: match &doc.previous {
            None => None,
            Some(p) => Some(Previous {
                sheet_id: SheetId::parse(&p.sheet_id)
                    .ok_or("its previous sheet_id is not a ULID")?,
                revision: p.revision,
                sha256: p.sha256.clone(),
            }),
        },
        assessor_id: doc.assessor.id.clone(),
        supersedes_sha256: doc.supersedes_sha256.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::document::Document;
    use crate::sync::testing::{TEA, finished, rubric};

    #[test]
    fn a_file_from_before_not_applicable_answers_were_told_apart_still_recomputes() {
        let r = rubric(TEA);
        let (sheet, trail) = finished(&r, "01JD0000000000000000000001", "Chè", 1);
        let doc = Document::of(&r, &sheet, &trail);
        assert!(recompute(&doc, &r).is_empty());
        let mut earlier = doc.clone();
        let old = earlier
            .answers
            .iter_mut()
            .find(|a| a.code.as_str() == "5.2")
            .expect("5.2");
        assert_eq!(old.state, AnswerState::NotApplicable);
        old.state = AnswerState::Answered;
        assert!(recompute(&earlier, &r).is_empty(), "read as the newer form");
        let mut forged = doc.clone();
        if let Some(a) = forged.answers.iter_mut().find(|a| a.code.as_str() == "5.2") {
            a.points = 2;
        }
        assert!(
            !recompute(&forged, &r).is_empty(),
            "points on it are still caught"
        );
    }
}
