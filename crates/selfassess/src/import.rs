//! Reading a filled template back. Every cell that the set does not allow is refused with its
//! name, all of them at once, so the producer fixes the file in one go; nothing is taken from a
//! file with any refusal. The file is read once, whole, and its SHA-256 kept: a file changed
//! after import is never read again by itself.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use chrono::{DateTime, FixedOffset};
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::claim::{Claim, SelfAssessment, Unfit, check};
use ocop_domain::rubric::{Case, Code, Rubric};
use ocop_domain::sheet::HeaderField;
use ocop_domain::text::{FIELD_MAX_CHARS, NOTE_MAX_CHARS, clean};
use ocop_files::Links;
use ocop_words::{Say, Words, words};

use crate::layout::{self, FIRST_CRITERION, HEADER, HEADER_ROW, REQUIRED, SET_ID, cell_name, col};

/// A workbook of a few hundred rows is some tens of kilobytes; anything past this is not one.
const MAX_BYTES: u64 = 16 << 20;

/// A self-assessment read and checked, with the header fields the producer gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub assessment: SelfAssessment,
    pub header: Vec<(HeaderField, String)>,
}

/// One thing refused: the cell it is in (none for the file as a whole) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub cell: Option<String>,
    pub why: Words,
}

impl Refusal {
    fn at(row: u32, column: u16, why: Words) -> Refusal {
        Refusal {
            cell: Some(cell_name(row, column)),
            why,
        }
    }

    fn file(why: Words) -> Refusal {
        Refusal { cell: None, why }
    }
}

/// Reads the workbook at `path` as a self-assessment of `rubric`, for a sheet of `case`.
pub fn import(
    path: &Path,
    rubric: &Rubric,
    case: Option<Case>,
    now: DateTime<FixedOffset>,
) -> Result<Imported, Vec<Refusal>> {
    let bytes = ocop_files::read(path, MAX_BYTES, Links::Follow).map_err(|e| {
        let shown = path.display();
        let (vi, en) = (e.say(Lang::Vi), e.say(Lang::En));
        vec![Refusal::file(Words::new(
            format!("{shown}: {vi}"),
            format!("{shown}: {en}"),
        ))]
    })?;
    let range = first_sheet(&bytes)?;
    let mut refused = Vec::new();
    check_set(&range, rubric)?;
    let header = header(&range, &mut refused);
    let claims = claims(&range, (rubric, case), &mut refused);
    if !refused.is_empty() {
        return Err(refused);
    }
    let file = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let assessment = SelfAssessment {
        file: clean(&file, FIELD_MAX_CHARS, false),
        sha256: sha256_hex(&bytes),
        imported_at: now,
        claims,
    };
    Ok(Imported { assessment, header })
}

/// The template's sheet (by name, else the first): `.xlsx` or `.ods`, told by the bytes.
fn first_sheet(bytes: &[u8]) -> Result<Range<Data>, Vec<Refusal>> {
    let unreadable = |e: String| {
        vec![Refusal::file(words!(
            "không đọc được bảng tính (.xlsx hoặc .ods): {e}",
            "not a readable workbook (.xlsx or .ods): {e}"
        ))]
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(e.to_string()))?;
    let name = book
        .sheet_names()
        .into_iter()
        .find(|n| n == layout::SHEET)
        .or_else(|| book.sheet_names().into_iter().next())
        .ok_or_else(|| unreadable("no sheet".into()))?;
    book.worksheet_range(&name)
        .map_err(|e| unreadable(e.to_string()))
}

/// A cell's text: numbers as written (a code read as the number 2.1 is "2.1"), none if empty.
fn text_at(range: &Range<Data>, row: u32, column: u16) -> Option<String> {
    let value = match range.get_value((row, u32::from(column)))? {
        Data::Empty => return None,
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    };
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

fn check_set(range: &Range<Data>, rubric: &Rubric) -> Result<(), Vec<Refusal>> {
    let (row, column) = SET_ID;
    let id = rubric.id.as_str();
    match text_at(range, row, column) {
        Some(found) if found == id => Ok(()),
        Some(found) => Err(vec![Refusal::at(
            row,
            column,
            words!(
                "bộ \"{found}\" không phải bộ của phiếu ({id}): lấy mẫu bằng `ocop self template {id}`",
                "set \"{found}\" is not the sheet's set ({id}): get its template with `ocop self template {id}`"
            ),
        )]),
        None => Err(vec![Refusal::at(
            row,
            column,
            words!(
                "không có mã bộ: tệp không phải mẫu tự đánh giá của ocop (`ocop self template {id}`)",
                "no set id: the file is not an ocop self-assessment template (`ocop self template {id}`)"
            ),
        )]),
    }
}

fn header(range: &Range<Data>, refused: &mut Vec<Refusal>) -> Vec<(HeaderField, String)> {
    let mut found = Vec::new();
    for (row, field) in (HEADER_ROW..).zip(HEADER) {
        match text_at(range, row, 1) {
            Some(value) => found.push((field, clean(&value, FIELD_MAX_CHARS, false))),
            None if REQUIRED.contains(&field) => {
                let label = ocop_words::selfassess::template_label(field);
                refused.push(Refusal::at(
                    row,
                    1,
                    words!("thiếu {label}", "{label} is missing"),
                ));
            }
            None => {}
        }
    }
    found
}

/// The claims, row by row until the table ends.
fn claims(
    range: &Range<Data>,
    (rubric, case): (&Rubric, Option<Case>),
    refused: &mut Vec<Refusal>,
) -> BTreeMap<Code, Claim> {
    let mut claims = BTreeMap::new();
    let mut seen: BTreeMap<Code, u32> = BTreeMap::new();
    let end = range.end().map_or(0, |(row, _)| row);
    for row in FIRST_CRITERION..=end {
        let Some(code) = text_at(range, row, col::CODE) else {
            continue;
        };
        let code = Code::new(&code);
        let Some(criterion) = rubric.criterion(&code) else {
            let id = &rubric.id;
            refused.push(Refusal::at(
                row,
                col::CODE,
                words!(
                    "mã {code} không có trong bộ {id}",
                    "code {code} is not in set {id}"
                ),
            ));
            continue;
        };
        if let Some(first) = seen.insert(code.clone(), row + 1) {
            refused.push(Refusal::at(
                row,
                col::CODE,
                words!(
                    "{code} đã có ở dòng {first}",
                    "{code} is already on row {first}"
                ),
            ));
            continue;
        }
        if !criterion.is_leaf() {
            continue;
        }
        if let Some(claim) = claim(range, row, (rubric, &code, case), refused) {
            claims.insert(code, claim);
        }
    }
    claims
}

/// The row's claim: none when the option cell is empty.
fn claim(
    range: &Range<Data>,
    row: u32,
    (rubric, code, case): (&Rubric, &Code, Option<Case>),
    refused: &mut Vec<Refusal>,
) -> Option<Claim> {
    let raw = text_at(range, row, col::CLAIM)?;
    // What is not a number is option 0, which no criterion has: refused as any other.
    let option = raw.parse::<u8>().unwrap_or(0);
    if let Err(unfit) = check(rubric, code, option, case) {
        refused.push(Refusal::at(
            row,
            col::CLAIM,
            refusal(&raw, code, unfit, case),
        ));
        return None;
    }
    let text = |column| {
        text_at(range, row, column).map_or_else(String::new, |t| clean(&t, NOTE_MAX_CHARS, true))
    };
    Some(Claim {
        option,
        description: text(col::DESCRIPTION),
        evidence: text(col::EVIDENCE),
    })
}

fn refusal(raw: &str, code: &Code, unfit: Unfit, case: Option<Case>) -> Words {
    let sheet_case = case.map_or(0, Case::number);
    match unfit {
        Unfit::NoOption { options } => words!(
            "\"{raw}\" không phải một mức của {code} (chọn 1–{options})",
            "\"{raw}\" is not an option of {code} (choose 1–{options})"
        ),
        Unfit::OtherCase { case } => {
            let of = case.number();
            words!(
                "mức {raw} của {code} thuộc trường hợp {of}, phiếu là trường hợp {sheet_case}",
                "option {raw} of {code} is of case {of}; the sheet is case {sheet_case}"
            )
        }
        Unfit::NoCriterion => words!(
            "{code} không phải một tiêu chí được chấm",
            "{code} is not a scored criterion"
        ),
    }
}

impl Say for Refusal {
    fn say(&self, lang: Lang) -> String {
        let why = self.why.said(lang);
        match &self.cell {
            Some(cell) => format!("{cell}: {why}"),
            None => why.to_string(),
        }
    }
}
