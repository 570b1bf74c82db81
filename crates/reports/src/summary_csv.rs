//! `summary.csv`: one row per sheet file in the export folder, every laptop's, for the office's
//! spreadsheet. UTF-8 with a byte-order mark (so spreadsheet programs read Vietnamese right),
//! CRLF lines, written to a temporary file and renamed over the old one, so a reader never
//! sees half a file. Written only when its content changes. Parts, total, stars and
//! elimination are recomputed from each file's answers on its rubric, never copied from
//! what it states; `figures` says (in Vietnamese) where the file states otherwise, or that
//! its rubric is not known here (its stated figures are then shown). `principal` is the
//! `assessor_id` its signature is checked under.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::cell;
use ocop_catalog::Catalog;
use ocop_export::document::PartDoc;
use ocop_export::figures::{self, AnswerOf, Checked, Marks, Stated};
use ocop_export::folder::{self, WriteError};
use ocop_export::scan::{self, Entry};
use ocop_files::Links;

pub const FILE: &str = "summary.csv";
/// The largest `summary.csv` read back: a province's 100,000 rows are about 30 MB.
pub const SUMMARY_MAX_BYTES: u64 = 512 << 20;

const COLUMNS: [&str; 21] = [
    "sheet_id",
    "revision",
    "status",
    "product_code",
    "product_name",
    "producer",
    "set_no",
    "set_id",
    "assessor",
    "council",
    "evaluated_on",
    "finished_at",
    "part_a",
    "part_b",
    "part_c",
    "total",
    "stars",
    "eliminated",
    "principal",
    "figures",
    "file",
];

/// Rounds of re-listing after a rename; each round only repeats when another laptop added a
/// file while this one was summarising, and reads only the files added since (the rows of
/// the others are kept). Rows are recomputed from each file's answers, so a round takes
/// longer than it did: five rounds were used up while a second laptop was still delivering,
/// and the summary left behind missed its last files.
const ROUNDS: usize = 50;

/// The fields of a sheet document a row needs; the rest of the file is skipped unparsed.
#[derive(Deserialize)]
struct Head {
    sheet_id: String,
    revision: u32,
    status: serde_json::Value,
    product: Product,
    rubric: RubricHead,
    assessor: AssessorHead,
    evaluated_on: Option<String>,
    finished_at: Option<String>,
    parts: Vec<PartDoc>,
    total: u16,
    stars: u8,
    eliminated: bool,
    case: Option<u8>,
    dossier_rejected: Option<String>,
    answers: Vec<AnswerOf>,
}

#[derive(Deserialize)]
struct Product {
    name: String,
    code: String,
    producer: String,
}

#[derive(Deserialize)]
struct RubricHead {
    set_id: String,
    set_no: u8,
    sha256: String,
}

#[derive(Deserialize)]
struct AssessorHead {
    name: String,
    council: String,
    id: Option<String>,
}

/// Rebuilds `DIR/summary.csv`; true when it was written. Two laptops may rebuild at once:
/// whichever renames last re-lists the folder afterwards and rebuilds again if a file
/// appeared, so the summary left behind holds every file linked before its last listing.
pub fn rebuild(root: &Path, catalog: &Catalog) -> Result<bool, WriteError> {
    folder::sweep_stale(root);
    let mut written = false;
    for _ in 0..ROUNDS {
        let listed = sheet_entries(root)?;
        let known = known_rows(root);
        written |= write_if_changed(root, &render(&listed, &known, catalog))?;
        if sheet_entries(root)? == listed {
            break;
        }
    }
    // The workbook follows the CSV: rebuilt when the CSV changed since it was made.
    crate::workbook::refresh(root, catalog)?;
    Ok(written)
}

fn sheet_entries(root: &Path) -> Result<Vec<Entry>, WriteError> {
    let listing = scan::list(root).map_err(|e| WriteError::io(&e.path, e.source))?;
    Ok(listing.sheets().cloned().collect())
}

/// The rows of the summary already in the folder, by the sheet file they came from. A sheet
/// file never changes once linked, so its row is reused instead of read again: a sync that
/// adds one sheet to a folder of thousands reads one sheet file, not all of them. A row with a
/// quoted cell is not reused (it might span lines), nor one a spreadsheet could evaluate (left
/// by an older version); either is rendered again from its file.
fn known_rows(root: &Path) -> HashMap<String, String> {
    let read = ocop_files::read_to_string(&root.join(FILE), SUMMARY_MAX_BYTES, Links::Refuse);
    let Ok(text) = read else {
        return HashMap::new();
    };
    let mut lines = text.split("\r\n");
    // Rows of another set of columns (an earlier release's) are all made again.
    if lines.next() != Some(&format!("\u{feff}{}", COLUMNS.join(","))) {
        return HashMap::new();
    }
    lines
        .filter(|line| !line.is_empty() && cell::line_is_neutral(line))
        .filter_map(|line| {
            let file = line.rsplit(',').next()?;
            Some((file.to_string(), line.to_string()))
        })
        .collect()
}

/// The whole file. A sheet file that cannot be read is left out: `ocop verify` names it.
/// Rows not known from the last summary are made on every core (each is read and rescored).
pub fn render(entries: &[Entry], known: &HashMap<String, String>, catalog: &Catalog) -> Vec<u8> {
    let new: Vec<&Entry> = entries
        .iter()
        .filter(|e| !known.contains_key(&e.relative()))
        .collect();
    let made = scan::par_map(&new, |entry| rendered_row(entry, catalog));
    let mut made: HashMap<String, Option<String>> =
        new.iter().map(|e| e.relative()).zip(made).collect();
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for entry in entries {
        let file = entry.relative();
        let line = match known.get(&file) {
            Some(line) => line.clone(),
            None => match made.remove(&file).flatten() {
                Some(line) => line,
                None => continue,
            },
        };
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn rendered_row(entry: &Entry, catalog: &Catalog) -> Option<String> {
    let max = scan::SHEET_FILE_MAX_BYTES;
    let head = ocop_files::read(&entry.path(), max, Links::Refuse)
        .ok()
        .and_then(|b| serde_json::from_slice::<Head>(&b).ok())?;
    Some(row(&head, entry, catalog).join(","))
}

/// What a row shows of the result: recomputed, with why the file states otherwise, or (its
/// rubric not known here) as stated, saying so.
struct Figures {
    parts: Vec<(String, u16)>,
    total: u16,
    stars: u8,
    eliminated: bool,
    figures: String,
}

fn result_of(h: &Head, catalog: &Catalog) -> Figures {
    let marks = Marks {
        answers: &h.answers,
        case: h.case,
        dossier_rejected: h.dossier_rejected.as_deref(),
    };
    let claimed = Stated {
        answers: &h.answers,
        parts: &h.parts,
        total: h.total,
        stars: h.stars,
        eliminated: h.eliminated,
    };
    let (recounted, why) = match figures::check(catalog, &h.rubric.sha256, marks, claimed) {
        Checked::Agrees(r) => (r, None),
        Checked::Disagrees(r, why) => (r, Some(why)),
        Checked::Unscored(why) => {
            return Figures {
                parts: h.parts.iter().map(|p| (p.code.clone(), p.points)).collect(),
                total: h.total,
                stars: h.stars,
                eliminated: h.eliminated,
                figures: format!("{}; điểm như tệp ghi", why.vi),
            };
        }
    };
    let s = &recounted.score;
    Figures {
        parts: s
            .parts
            .iter()
            .map(|p| (p.code.letter().to_string(), p.points.0))
            .collect(),
        total: s.total.0,
        stars: s.stars,
        eliminated: s.eliminated(),
        figures: why.map_or(String::new(), |w| w.vi.to_string()),
    }
}

/// The row's cells, each written by `cell`: text neutralised, numbers kept numbers.
fn row(h: &Head, entry: &Entry, catalog: &Catalog) -> Vec<String> {
    let r = result_of(h, catalog);
    let part = |code: &str| {
        r.parts
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, points)| cell::number(*points))
            .unwrap_or_default()
    };
    vec![
        cell::text(&h.sheet_id),
        cell::number(h.revision),
        cell::text(h.status.as_str().unwrap_or_default()),
        cell::text(&h.product.code),
        cell::text(&h.product.name),
        cell::text(&h.product.producer),
        cell::number(h.rubric.set_no),
        cell::text(&h.rubric.set_id),
        cell::text(&h.assessor.name),
        cell::text(&h.assessor.council),
        cell::text(h.evaluated_on.as_deref().unwrap_or_default()),
        cell::text(h.finished_at.as_deref().unwrap_or_default()),
        part("A"),
        part("B"),
        part("C"),
        cell::number(r.total),
        cell::number(r.stars),
        cell::text(&r.eliminated.to_string()),
        cell::text(h.assessor.id.as_deref().unwrap_or_default()),
        cell::text(&r.figures),
        cell::text(&entry.relative()),
    ]
}

fn write_if_changed(root: &Path, bytes: &[u8]) -> Result<bool, WriteError> {
    let target = root.join(FILE);
    let unchanged = fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
        && ocop_files::read(&target, SUMMARY_MAX_BYTES, Links::Refuse)
            .is_ok_and(|old| old == bytes);
    if unchanged {
        return Ok(false);
    }
    let (tmp, file) = folder::temp_file(root, FILE)?;
    // `rename` replaces the name itself: a symbolic link at `summary.csv` is replaced, never
    // followed.
    let done = folder::write_all_synced(file, bytes).and_then(|()| fs::rename(&tmp, &target));
    if let Err(e) = done {
        let _ = fs::remove_file(&tmp);
        return Err(WriteError::io(&target, e));
    }
    folder::sync_dir(root)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_export::document::{Document, canonical_bytes};
    use ocop_export::testing::{TEA, finished, rubric};

    #[test]
    fn a_row_shows_the_figures_the_answers_give_and_says_where_the_file_lies() {
        let tmp = tempfile::tempdir().expect("tmp");
        let r = rubric(TEA);
        let (sheet, trail) = finished(&r, "01JD0000000000000000000001", "Chè", 2);
        let mut doc = Document::of(&r, &sheet, &trail);
        let real = doc.total;
        doc.total = 99;
        let set = tmp.path().join("sheets").join(TEA);
        fs::create_dir_all(&set).expect("set");
        let value = serde_json::to_value(&doc).expect("json");
        fs::write(set.join(doc.file_name()), canonical_bytes(&value)).expect("write");
        let entries = sheet_entries(tmp.path()).expect("listed");
        let csv = render(&entries, &HashMap::new(), &Catalog::builtin());
        let text = String::from_utf8(csv).expect("utf-8");
        let line = text.split("\r\n").nth(1).expect("a row");
        let row = crate::workbook::rows::split(line);
        assert_eq!(row[15], real.to_string(), "the total its answers give");
        assert_eq!(
            row[19],
            format!("ghi tổng điểm 99, các câu trả lời cho {real}")
        );
    }
}
