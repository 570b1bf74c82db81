//! `ocop verify DIR`: proves that what the office reads is what the assessors finished. Every
//! sheet file must match its `.sha256`, parse as `ocop-sheet/1`, sit under its own name, and
//! score to what it says from its answers and its rubric (found by SHA-256); every amendment
//! must point at an earlier revision that is there, and carry that revision's SHA-256; every
//! sheet must be signed by the key the folder's `allowed_signers` gives to its assessor
//! (`signature`, `roster`); a printable copy beside a sheet must be the page made from it
//! (`printed`). Temporary files are not problems.

use std::collections::HashMap;

use std::path::Path;

use crate::document::{Document, SCHEMA};
pub use crate::finding::{Link, Problem};
use crate::folder::valid_set_id;
use crate::printed;
use crate::progress::Counter;
use crate::province::Pin;
use crate::roster::{Roster, roster_problems};
use crate::scan::{self, Entry, Folder, ReadError};
use crate::signature::{self, SIG_MAX_BYTES, SigFile};
use ocop_catalog::Catalog;
use ocop_catalog::check::{hex, sha256};

use ocop_domain::Lang;
use ocop_domain::score::score;
use ocop_domain::sheet::{SheetId, Status};
use ocop_print::Prepared;
use ocop_words::words;

use ocop_words::Words;

#[derive(Debug, Default)]
pub struct Verdict {
    pub sheets: usize,
    pub problems: Vec<Problem>,
}

/// Checks every file under `DIR/sheets`, the folder's roster and its certificates; with
/// `pin`, the roster and the certificates must be signed by the pinned province key.
pub fn verify(root: &Path, catalog: &Catalog, pin: Option<&Pin>) -> Result<Verdict, ReadError> {
    verify_counted(root, (catalog, pin), &Counter::default())
}

/// `verify`, counting in `progress` the files checked.
pub fn verify_counted(
    root: &Path,
    (catalog, pin): (&Catalog, Option<&Pin>),
    progress: &Counter,
) -> Result<Verdict, ReadError> {
    let listing = scan::list(root)?;
    let roster = Roster::read(root, pin)?;
    let mut verdict = Verdict {
        problems: roster_problems(root, roster.as_ref()),
        ..Verdict::default()
    };
    let mut say = |path: &Path, message: Words| {
        verdict.problems.push(Problem {
            path: path.to_path_buf(),
            message,
        })
    };
    for (path, what) in &listing.odd {
        say(path, what.clone());
    }
    let mut links = Vec::new();
    // One answer per sheet file, in folder order; the other files are looked at here.
    let context = Context::new(catalog, roster.as_ref(), &listing);
    let mut checked = check_all(&context, progress).into_iter();
    for entry in &listing.files {
        let beside = entry.name.strip_suffix(".sha256");
        let beside = beside
            .or_else(|| entry.name.strip_suffix(".sig"))
            .map(String::from);
        let printed = entry.name.strip_suffix(crate::printed::SUFFIX);
        if let Some(json) = beside.or_else(|| printed.map(|stem| format!("{stem}.json"))) {
            if !json.ends_with(".json") || !listing.has(&entry.set, &json) {
                let why = words!("không có tệp phiếu bên cạnh", "has no sheet file beside it");
                say(&entry.path(), why);
            }
        } else if entry.is_sheet() {
            let (messages, link) = checked.next().unwrap_or_default();
            messages.into_iter().for_each(|m| say(&entry.path(), m));
            links.extend(link.map(|link| *link));
        } else {
            let why = words!(
                "không phải tệp phiếu hay tệp mã băm của phiếu",
                "is not a sheet file or its digest"
            );
            say(&entry.path(), why);
        }
    }
    // Each file by sheet and revision: an amendment and a re-rating are checked against the
    // files they name.
    let folder: Revisions = links
        .iter()
        .map(|l| ((l.sheet_id.as_str(), l.revision), l))
        .collect();
    for link in &links {
        if let Some(m) = chain_problem(link, &folder) {
            say(&link.path, m);
        }
        if let Some(m) = previous_problem(link, &folder) {
            say(&link.path, m);
        }
    }
    for (path, message) in crate::certificate::read_all(root, pin)?.1 {
        say(&root.join(path), message);
    }
    let digest_of = |link: &Link, r: u32| {
        let revision = folder.get(&(link.sheet_id.as_str(), r));
        revision.map(|l| l.sha256.as_str())
    };
    let by_content = signature::chain_problems(&links, digest_of);
    verdict.problems.extend(by_content);
    verdict
        .problems
        .extend(crate::finding::code_conflicts(&links));
    verdict.sheets = listing.sheets().count();
    Ok(verdict)
}

/// The sheet files of a folder by sheet id and revision.
type Revisions<'a> = HashMap<(&'a str, u32), &'a Link>;

/// What `check_file` says of one sheet file: its problems, and its link when it parses
/// (boxed: a province's answers are held at once, most of them without a link).
type Checked = (Vec<Words>, Option<Box<Link>>);

/// Sheet files checked together: their signatures are checked in one `signature::Batch`.
const BATCH: usize = 64;

/// `check_file` of every sheet file, in order, on every core: reading, parsing, rescoring
/// and checking signatures of thousands of files is the whole of verify's time, and each file
/// stands alone.
fn check_all(context: &Context, progress: &Counter) -> Vec<Checked> {
    let sheets: Vec<&Entry> = context.listing.sheets().collect();
    progress.begin(sheets.len());
    let batches: Vec<&[&Entry]> = sheets.chunks(BATCH).collect();
    let checked = scan::par_map(&batches, |batch| {
        let checked = check_batch(batch, context);
        progress.add(batch.len());
        checked
    });
    checked.into_iter().flatten().collect()
}

/// `check_file` of each file, one after the other (one document held at a time), then the
/// signatures they left to the batch.
fn check_batch(entries: &[&Entry], context: &Context) -> Vec<Checked> {
    let mut batch = signature::Batch::default();
    let mut folder: Option<Folder> = None;
    let mut partial = Vec::with_capacity(entries.len());
    for entry in entries {
        // The set's folder stays open while the batch is in it.
        let open = match folder.take() {
            Some(f) if f.holds(entry) => Ok(f),
            _ => Folder::of(entry),
        };
        match open {
            Ok(f) => {
                partial.push(check_file((entry, &f), context, &mut batch));
                folder = Some(f);
            }
            Err(e) => partial.push((vec![scan::unreadable(e)], None, None)),
        }
    }
    let holds = batch.check();
    let finish = |(mut problems, link, waits): Partial| {
        if let Some(w) = waits {
            let file = signature::Content::told(holds[w.number]);
            let id = w.assessor_id.as_deref();
            let said = signature::file_problem(file, id, &w.sig, context.roster);
            problems.splice(w.at..w.at, said);
        }
        (problems, link)
    };
    partial.into_iter().map(finish).collect()
}

/// A file's check, but for its signature when that waits for its batch.
type Partial = (Vec<Words>, Option<Box<Link>>, Option<Waiting>);

/// A signature in the batch: its number there, and what its problem needs once it is told.
struct Waiting {
    number: usize,
    /// Where its problem goes among the file's.
    at: usize,
    assessor_id: Option<String>,
    sig: SigFile,
}

/// A sheet file, and its set's folder held open to read it and the files beside it.
type Place<'a> = (&'a Entry, &'a Folder);

fn check_file(place: Place, context: &Context, batch: &mut signature::Batch) -> Partial {
    let (entry, folder) = place;
    let (bytes, mut doc) = match scan::load_in(folder, entry) {
        Ok(loaded) => loaded,
        Err(message) => return (vec![message], None, None),
    };
    let digest = sha256(&bytes);
    let sha256 = hex(&digest);
    let mut problems = digest_problems(place, &sha256);
    let sig_name = format!("{}.sig", entry.name);
    let sig = SigFile::of_read(folder.read(&sig_name, SIG_MAX_BYTES));
    let number = batch.add(&sig, &digest);
    if number.is_none() {
        let content = signature::Content {
            bytes: &bytes,
            sha256: Some(&digest),
            holds: None,
        };
        let id = doc.assessor.id.as_deref();
        problems.extend(signature::file_problem(content, id, &sig, context.roster));
    }
    let at = problems.len();
    let assessor_id = doc.assessor.id.clone();
    let mut link = None;
    if doc.schema != SCHEMA {
        let schema = &doc.schema;
        problems.push(words!(
            "có lược đồ '{schema}', không phải {SCHEMA}",
            "has schema '{schema}', not {SCHEMA}"
        ));
    } else {
        problems.extend(content_problems(place, &mut doc, (&sha256, &sig), context));
        link = Some(Box::new(Link::of(&entry.path(), doc, sha256)));
    }
    let waits = number.map(|number| Waiting {
        number,
        at,
        assessor_id,
        sig,
    });
    (problems, link, waits)
}

/// What is wrong with a sheet file of the known schema: its place, its status, its printable
/// copy and its computed fields.
fn content_problems(
    (entry, folder): Place,
    doc: &mut Document,
    (sha256, sig): (&str, &SigFile),
    context: &Context,
) -> Vec<Words> {
    let mut problems = place_problems(entry, doc);
    if doc.status != Status::Finished || doc.finished_at.is_none() {
        problems.push(words!(
            "không phải phiếu đã hoàn thành",
            "is not a finished sheet"
        ));
    }
    let Some(rubric) = context.catalog.by_sha256(&doc.rubric.sha256) else {
        let sha = &doc.rubric.sha256;
        problems.push(words!(
            "bộ tiêu chí của nó (sha256 {sha}) không có sẵn trong chương trình, cũng không có trong --rubrics",
            "its rubric (sha256 {sha}) is neither built in nor in --rubrics"
        ));
        return problems;
    };
    let sheet = match sheet_of(doc) {
        Ok(sheet) => sheet,
        Err(message) => {
            problems.push(message);
            return problems;
        }
    };
    // Scored once, for the page and for the fields the file says.
    let score = score(rubric, &sheet);
    let scored = printed::Scored {
        rubric,
        sheet: &sheet,
        score: &score,
        prepared: context.prepared.get(rubric.sha256.as_str()),
    };
    let made = printed::Made { sha256, sig };
    if let Some(name) = context.page_of(entry, doc) {
        let read = |max| folder.read_at_most(&name, max);
        problems.extend(printed::copy_problem((&name, read), made, scored));
    }
    problems.extend(recompute(doc, &sheet, rubric, &score));
    problems
}

/// What every file's check reads but does not change.
struct Context<'a> {
    catalog: &'a Catalog,
    roster: Option<&'a Roster>,
    listing: &'a scan::Listing,
    /// The text of each of the catalog's sets, by SHA-256, as the printable copies (in
    /// Vietnamese) print it; an earlier edition's is made for each page that needs it.
    prepared: HashMap<&'a str, Prepared>,
}

impl<'a> Context<'a> {
    fn new(catalog: &'a Catalog, roster: Option<&'a Roster>, listing: &'a scan::Listing) -> Self {
        // A set that does not load is said by the sheets on it, one by one.
        let rubrics = catalog.all().unwrap_or_default();
        let prepared = rubrics
            .into_iter()
            .map(|r| (r.sha256.as_str(), Prepared::of(r, Lang::Vi)))
            .collect();
        Context {
            catalog,
            roster,
            listing,
            prepared,
        }
    }

    /// The name of the printable copy beside a sheet file, when the folder holds one.
    fn page_of(&self, entry: &Entry, doc: &Document) -> Option<String> {
        let name = printed::html_name(&doc.file_name());
        self.listing.has(&entry.set, &name).then_some(name)
    }
}

/// Whether the `.sha256` beside the file names it and holds `have`, the file's SHA-256.
fn digest_problems((entry, folder): Place, have: &str) -> Vec<Words> {
    let sum_name = format!("{}.sha256", entry.name);
    // A `.sha256` line is under 400 bytes; a larger one is not read whole.
    let read = folder.read_at_most(&sum_name, 4096).map(String::from_utf8);
    let Ok(Ok(line)) = read else {
        return vec![words!(
            "không có tệp .sha256 đọc được bên cạnh",
            "has no readable .sha256 beside it"
        )];
    };
    let mut words = line.split_whitespace();
    let (want, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let mut problems = Vec::new();
    if name.trim_start_matches('*') != entry.name {
        problems.push(words!(
            "tệp .sha256 của nó ghi tên '{name}', không phải tệp này",
            "its .sha256 names '{name}', not this file"
        ));
    }
    if want != have {
        problems.push(words!(
            "nội dung đã bị thay đổi: sha256 là {have}, tệp .sha256 ghi {want}",
            "its content has changed: sha256 {have}, its .sha256 says {want}"
        ));
    }
    problems
}

fn place_problems(entry: &Entry, doc: &Document) -> Vec<Words> {
    let mut problems = Vec::new();
    let id = &doc.sheet_id;
    if SheetId::parse(id).is_none() {
        problems.push(words!(
            "sheet_id '{id}' của nó không phải một ULID",
            "its sheet_id '{id}' is not a ULID"
        ));
    }
    let set = &doc.rubric.set_id;
    if !valid_set_id(set) || **set != *entry.set {
        problems.push(words!(
            "bộ sản phẩm '{set}' của nó không phải thư mục chứa nó",
            "its set '{set}' is not its folder"
        ));
    }
    let name = doc.file_name();
    if name != entry.name {
        problems.push(words!("lẽ ra phải tên là {name}", "should be named {name}"));
    }
    problems
}

/// A re-rating follows an earlier sheet of the same product code, in the folder, unchanged
/// since the re-rating named its digest.
fn previous_problem(doc: &Link, folder: &Revisions) -> Option<Words> {
    let p = doc.previous.as_ref()?;
    let name = format!("{}.r{}", p.sheet_id, p.revision);
    let Some(earlier) = folder.get(&(p.sheet_id.as_str(), p.revision)) else {
        return Some(words!(
            "nó đánh giá lại {name}, phiếu không có trong thư mục",
            "it re-rates {name}, which is not in the folder"
        ));
    };
    let (theirs, ours) = (&earlier.product_code, &doc.product_code);
    if theirs != ours {
        return Some(words!(
            "nó đánh giá lại {name}, một phiếu của mã sản phẩm '{theirs}', không phải '{ours}'",
            "it re-rates {name}, a sheet of product code '{theirs}', not '{ours}'"
        ));
    }
    match &p.sha256 {
        Some(want) if earlier.sha256 != *want => Some(words!(
            "nó đánh giá lại {name}, tệp này đã bị thay đổi từ đó (sha256 {want} khi đánh giá lại)",
            "it re-rates {name}, whose file has changed since (sha256 {want} when re-rated)"
        )),
        _ => None,
    }
}

/// Amendments chain: revision 1 supersedes nothing; revision N supersedes an earlier one that
/// is in the folder.
fn chain_problem(doc: &Link, folder: &Revisions) -> Option<Words> {
    let present = |r: u32| folder.contains_key(&(doc.sheet_id.as_str(), r));
    let n = doc.revision;
    match doc.supersedes {
        None if n == 1 => None,
        None => Some(words!(
            "phiên bản {n} không thay thế phiên bản nào",
            "revision {n} supersedes nothing"
        )),
        Some(r) if r >= n => Some(words!(
            "phiên bản {n} thay thế phiên bản {r}, không phải một phiên bản trước nó",
            "revision {n} supersedes revision {r}, which is not earlier"
        )),
        Some(r) if !present(r) => Some(words!(
            "phiên bản {n} thay thế phiên bản {r}, phiên bản này không có trong thư mục",
            "revision {n} supersedes revision {r}, which is not in the folder"
        )),
        Some(_) => None,
    }
}

#[path = "verify/recompute.rs"]
pub mod recompute;
use recompute::recompute;
pub use recompute::sheet_of;
