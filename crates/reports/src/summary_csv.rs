//! `summary.csv`: one row per sheet file in the export folder, every laptop's, for the office's
//! spreadsheet. UTF-8 with a byte-order mark (so spreadsheet programs read Vietnamese right),
//! CRLF lines, written to a temporary file and renamed over the old one, so a reader never
//! sees half a file. Written only when its content changes.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::cell;
use ocop_catalog::Catalog;
use ocop_export::folder::{self, WriteError};
use ocop_export::scan::{self, Entry};

pub const FILE: &str = "summary.csv";

const COLUMNS: [&str; 19] = [
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
    "file",
];

/// Rounds of re-listing after a rename; each round only repeats when another laptop added a
/// file while this one was summarising.
const ROUNDS: usize = 5;

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
    parts: Vec<PartHead>,
    total: u16,
    stars: u8,
    eliminated: bool,
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
}

#[derive(Deserialize)]
struct AssessorHead {
    name: String,
    council: String,
}

#[derive(Deserialize)]
struct PartHead {
    code: String,
    points: u16,
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
        written |= write_if_changed(root, &render(&listed, &known))?;
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
    let Ok(text) = fs::read_to_string(root.join(FILE)) else {
        return HashMap::new();
    };
    text.split("\r\n")
        .skip(1)
        .filter(|line| !line.is_empty() && cell::line_is_neutral(line))
        .filter_map(|line| {
            let file = line.rsplit(',').next()?;
            Some((file.to_string(), line.to_string()))
        })
        .collect()
}

/// The whole file. A sheet file that cannot be read is left out: `ocop verify` names it.
pub fn render(entries: &[Entry], known: &HashMap<String, String>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for entry in entries {
        let line = match known.get(&entry.relative()) {
            Some(line) => line.clone(),
            None => match rendered_row(entry) {
                Some(line) => line,
                None => continue,
            },
        };
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn rendered_row(entry: &Entry) -> Option<String> {
    let head = fs::read(entry.path())
        .ok()
        .and_then(|b| serde_json::from_slice::<Head>(&b).ok())?;
    Some(row(&head, entry).join(","))
}

/// The row's cells, each written by `cell`: text neutralised, numbers kept numbers.
fn row(h: &Head, entry: &Entry) -> Vec<String> {
    let part = |code: &str| {
        h.parts
            .iter()
            .find(|p| p.code == code)
            .map(|p| cell::number(p.points))
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
        cell::number(h.total),
        cell::number(h.stars),
        cell::text(&h.eliminated.to_string()),
        cell::text(&entry.relative()),
    ]
}

fn write_if_changed(root: &Path, bytes: &[u8]) -> Result<bool, WriteError> {
    let target = root.join(FILE);
    let unchanged = fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
        && fs::read(&target).is_ok_and(|old| old == bytes);
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
