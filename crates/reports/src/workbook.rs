//! `summary.xlsx`, beside `summary.csv`: the same rows for the office, as a workbook. One
//! worksheet with every sheet file, one per product set, and "Hội đồng" with the council's
//! means per product (signed sheets only, as `ocop council` counts them). Numbers are
//! numbers, days and moments are dates, text is written as text (never a formula) after the
//! same neutralising as the CSV; the header row is frozen, filtered, and columns have widths.
//!
//! It is rebuilt only when the folder gained files: when it is missing or older than
//! `summary.csv` (which changes exactly then). It is made whole in memory and replaced at
//! once (temporary file, flushed, renamed), so a reader never opens half a workbook. Its
//! words are Vietnamese whatever the syncing laptop's language: every laptop rebuilds the same
//! file, which must not change language with whoever synced last.

mod council_sheet;
pub mod rows;

use ocop_catalog::Catalog;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use chrono::{Datelike, NaiveDateTime, NaiveTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use self::rows::{Cell, Kind};
use crate::{council, summary_csv};
use ocop_export::folder::WriteError;
use ocop_export::replace::replace;

pub const FILE: &str = "summary.xlsx";
pub const ALL: &str = "Tất cả phiếu";
pub const COUNCIL: &str = "Hội đồng";

/// Rounds of rebuilding while another laptop rewrites `summary.csv` meanwhile.
const ROUNDS: usize = 5;
/// The longest text Excel keeps in a cell is 32,767 characters.
const CELL_CHARS: usize = 32_000;

/// Each `summary.csv` column's heading and width in the workbook.
const HEADINGS: [(&str, &str, f64); 21] = [
    ("sheet_id", "Mã phiếu", 28.0),
    ("revision", "Lần", 6.0),
    ("status", "Trạng thái", 10.0),
    ("product_code", "Mã sản phẩm", 17.0),
    ("product_name", "Sản phẩm", 34.0),
    ("producer", "Chủ thể", 30.0),
    ("set_no", "Bộ số", 7.0),
    ("set_id", "Bộ sản phẩm", 26.0),
    ("assessor", "Người đánh giá", 22.0),
    ("council", "Hội đồng", 26.0),
    ("evaluated_on", "Ngày đánh giá", 13.0),
    ("finished_at", "Hoàn thành lúc", 17.0),
    ("part_a", "Phần A", 8.0),
    ("part_b", "Phần B", 8.0),
    ("part_c", "Phần C", 8.0),
    ("total", "Tổng điểm", 10.0),
    ("stars", "Hạng sao", 9.0),
    ("eliminated", "Bị loại", 8.0),
    ("principal", "Principal (khoá ký)", 16.0),
    ("figures", "Điểm không khớp câu trả lời", 30.0),
    ("file", "Tệp", 60.0),
];

/// Rebuilds `DIR/summary.xlsx` when the folder gained files since it was written; true when
/// it was written.
pub fn refresh(root: &Path, catalog: &Catalog) -> Result<bool, WriteError> {
    let csv = root.join(summary_csv::FILE);
    let target = root.join(FILE);
    if !stale(&csv, &target) {
        return Ok(false);
    }
    let unwritable = |e: XlsxError| WriteError::io(&target, std::io::Error::other(e.to_string()));
    for _ in 0..ROUNDS {
        let before = modified(&csv);
        let max = summary_csv::SUMMARY_MAX_BYTES;
        let text = ocop_files::read_to_string(&csv, max, ocop_files::Links::Refuse)
            .map_err(|e| WriteError::io(&csv, e.into_io()))?;
        // The council reads every sheet file while the CSV's worksheets are written.
        let bytes = std::thread::scope(|scope| {
            let review = scope.spawn(|| council::review(root, council::Asked::all(catalog)));
            let book = Book::of_csv(&text, &titles(catalog)).map_err(unwritable)?;
            let review = review
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
                .map_err(|e| WriteError::io(&e.path, e.source))?;
            book.with_council(&review).map_err(unwritable)
        })?;
        replace(&target, &bytes).map_err(|e| WriteError::io(&target, e))?;
        if modified(&csv) == before {
            break;
        }
    }
    Ok(true)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Missing, or older than the CSV it is made from. No CSV, nothing to make it from.
fn stale(csv: &Path, xlsx: &Path) -> bool {
    match (modified(csv), modified(xlsx)) {
        (Some(c), Some(x)) => x < c,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The cell formats, made once per workbook.
struct Formats {
    heading: Format,
    date: Format,
    datetime: Format,
    mean: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            mean: Format::new().set_num_format("0.00"),
        }
    }
}

/// The whole workbook from the text of `summary.csv` and the council's review.
/// Each set's Vietnamese title by its id, for the set column: an office reads "Chè tươi, chè
/// chế biến", not `che-tuoi-che-bien` (a set the catalog does not know keeps its id).
fn titles(catalog: &Catalog) -> BTreeMap<String, String> {
    let sets = catalog.all().unwrap_or_default();
    sets.into_iter()
        .map(|r| (r.id.clone(), r.title_vi.clone()))
        .collect()
}

/// A workbook being made: the CSV's worksheets first, then the council's.
struct Book {
    workbook: Workbook,
    formats: Formats,
}

impl Book {
    /// Every sheet file's row, on the worksheet of all and on its set's.
    fn of_csv(csv: &str, titles: &BTreeMap<String, String>) -> Result<Book, XlsxError> {
        let mut lines = csv
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .filter(|l| !l.is_empty());
        let columns = rows::split(lines.next().unwrap_or_default());
        let table = Table::of(&columns, titles);
        let lines: Vec<&str> = lines.collect();
        let formats = Formats::new();
        let mut workbook = Workbook::new();
        let all = workbook.add_worksheet_with_constant_memory()?;
        all.set_name(ALL)?;
        table.write(all, lines.iter().copied(), &formats)?;
        let mut used: HashSet<String> = [ALL, COUNCIL].iter().map(|n| n.to_lowercase()).collect();
        for ((no, id), lines) in by_set(&table, &lines) {
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(sheet_name(no, &id, &mut used))?;
            table.write(sheet, lines.into_iter(), &formats)?;
        }
        Ok(Book { workbook, formats })
    }

    /// "Hội đồng", the last worksheet; the workbook's bytes.
    fn with_council(mut self, review: &council::Council) -> Result<Vec<u8>, XlsxError> {
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(COUNCIL)?;
        council_sheet::write(sheet, review, &self.formats)?;
        self.workbook.save_to_buffer()
    }
}

/// The columns of the CSV, as the workbook types them.
struct Table<'a> {
    columns: &'a [String],
    kinds: Vec<Kind>,
    titles: &'a BTreeMap<String, String>,
}

impl<'a> Table<'a> {
    fn of(columns: &'a [String], titles: &'a BTreeMap<String, String>) -> Table<'a> {
        let kinds = columns.iter().map(|c| rows::kind_of(c)).collect();
        Table {
            columns,
            kinds,
            titles,
        }
    }

    /// A cell's text as the office reads it: the status in Vietnamese, the set by its title.
    fn worded<'t>(&'t self, column: &str, text: &'t str) -> &'t str {
        let w = ocop_words::command::command_words(ocop_domain::Lang::Vi);
        match (column, text) {
            ("status", "finished") => w.finished,
            ("status", "draft") => w.draft,
            ("set_id", id) => self.titles.get(id).map_or(id, String::as_str),
            _ => text,
        }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The heading row, frozen, then one row per line, under an autofilter.
    fn write<'l>(
        &self,
        sheet: &mut Worksheet,
        lines: impl Iterator<Item = &'l str>,
        formats: &Formats,
    ) -> Result<(), XlsxError> {
        for (col, name) in (0u16..).zip(self.columns) {
            let (heading, width) = HEADINGS
                .iter()
                .find(|(n, _, _)| n == name)
                .map_or((name.as_str(), 14.0), |(_, h, w)| (*h, *w));
            sheet.set_column_width(col, width)?;
            sheet.write_string_with_format(0, col, heading, &formats.heading)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut row = 0u32;
        for line in lines {
            row += 1;
            let cells = rows::split(line);
            let named = self.columns.iter().zip(&cells).zip(&self.kinds);
            for (col, ((name, text), kind)) in (0u16..).zip(named) {
                let text = self.worded(name, text);
                write_cell(sheet, row, col, rows::typed(*kind, text), formats)?;
            }
        }
        let last = u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
        sheet.autofilter(0, 0, row.max(1), last)?;
        Ok(())
    }
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        // A string cell, never a formula, whatever it starts with.
        Cell::Text(text) => sheet.write_string(row, col, within_limit(text))?,
        Cell::Number(n) => sheet.write_number(row, col, n)?,
        Cell::Date(d) => match excel(d.and_time(NaiveTime::MIN)) {
            Some(d) => sheet.write_datetime_with_format(row, col, d, &formats.date)?,
            None => sheet.write_string(row, col, d.to_string())?,
        },
        Cell::DateTime(t) => match excel(t) {
            Some(d) => sheet.write_datetime_with_format(row, col, d, &formats.datetime)?,
            None => sheet.write_string(row, col, t.to_string())?,
        },
        Cell::Bool(b) => sheet.write_boolean(row, col, b)?,
        Cell::Empty => sheet,
    };
    Ok(())
}

/// A moment as Excel counts it; `None` for what Excel cannot hold (before 1900).
fn excel(t: NaiveDateTime) -> Option<ExcelDateTime> {
    let day = ExcelDateTime::from_ymd(
        u16::try_from(t.year()).ok()?,
        u8::try_from(t.month()).ok()?,
        u8::try_from(t.day()).ok()?,
    )
    .ok()?;
    let (h, m, s) = (t.hour(), t.minute(), t.second());
    day.and_hms(u16::try_from(h).ok()?, u8::try_from(m).ok()?, f64::from(s))
        .ok()
}

fn within_limit(text: String) -> String {
    match text.char_indices().nth(CELL_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The lines of each product set, by set number and id.
fn by_set<'l>(table: &Table<'_>, lines: &[&'l str]) -> BTreeMap<(u32, String), Vec<&'l str>> {
    let (no, id) = (table.index("set_no"), table.index("set_id"));
    let mut sets: BTreeMap<(u32, String), Vec<&'l str>> = BTreeMap::new();
    for line in lines {
        let cells = rows::split(line);
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
        let key = (cell(no).parse().unwrap_or(0), cell(id));
        sets.entry(key).or_default().push(line);
    }
    sets
}

/// `11 che-tuoi-che-bien`: at most 31 characters, none Excel refuses, unique in the workbook.
fn sheet_name(no: u32, id: &str, used: &mut HashSet<String>) -> String {
    let clean: String = format!("{no:02} {id}")
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let mut name: String = clean.chars().take(31).collect();
    let mut n = 1;
    while !used.insert(name.to_lowercase()) {
        n += 1;
        let tail = format!("~{n}");
        name = clean.chars().take(31 - tail.len()).collect::<String>() + &tail;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(
            sheet_name(11, "che-tuoi-che-bien", &mut used),
            "11 che-tuoi-che-bien"
        );
        let long = "a-very-long-set-id-that-goes-on-and-on";
        let first = sheet_name(3, long, &mut used);
        let second = sheet_name(3, &format!("{long}-too"), &mut used);
        assert_eq!(first.chars().count(), 31);
        assert!(
            second.ends_with("~2") && second.chars().count() <= 31,
            "{second}"
        );
        assert_eq!(sheet_name(4, "x/y:z", &mut used), "04 x_y_z");
    }
}
