//! The workbook a producer fills: Vietnamese, A4, protected so that only the answer cells
//! change, with a drop-down of the options on every claim cell (the workbook's own data
//! validation, which Excel and LibreOffice both show).

use std::collections::BTreeMap;

use ocop_domain::Lang;
use ocop_domain::rubric::{Code, Criterion, Rubric};
use ocop_domain::sheet::HeaderField;
use ocop_words::selfassess::{self as w, option_line, template_label};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use crate::layout::{self, FIRST_CRITERION, HEADER, HEADER_ROW, SET_ID, TABLE_ROW, col};

/// Column widths, in characters: code, criterion, options, claim, description, evidence.
const WIDTHS: [f64; 6] = [6.0, 34.0, 42.0, 9.0, 30.0, 22.0];
/// A4 in the workbook's paper sizes.
const A4: u8 = 9;

/// What a producer writes into the answer cells: header fields, and per criterion the claim
/// cell (a number, as a spreadsheet stores a pick from the list, or any text typed over it),
/// the description and the evidence.
#[derive(Debug, Clone, Default)]
pub struct Fill {
    pub header: Vec<(HeaderField, String)>,
    pub rows: BTreeMap<Code, FilledRow>,
}

#[derive(Debug, Clone)]
pub struct FilledRow {
    pub claim: Picked,
    pub description: String,
    pub evidence: String,
}

#[derive(Debug, Clone)]
pub enum Picked {
    Number(f64),
    Text(String),
}

/// The template of `rubric`, as the bytes of an `.xlsx` file.
pub fn template(rubric: &Rubric) -> Result<Vec<u8>, XlsxError> {
    filled(rubric, &Fill::default())
}

/// The template with its answer cells filled, as a producer saves it (demo data, tests).
pub fn filled(rubric: &Rubric, fill: &Fill) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(layout::SHEET)?;
    page_setup(sheet)?;
    let f = Formats::new();
    title(sheet, rubric, &f)?;
    header(sheet, &fill.header, &f)?;
    table_head(sheet, &f)?;
    for (row, c) in (FIRST_CRITERION..).zip(&rubric.criteria) {
        criterion(sheet, row, c, &f)?;
        if let Some(answer) = fill.rows.get(&c.code) {
            answered(sheet, row, answer, &f)?;
        }
    }
    sheet.protect();
    book.save_to_buffer()
}

struct Formats {
    title: Format,
    bold: Format,
    head: Format,
    group: Format,
    text: Format,
    answer: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            bold: Format::new().set_bold(),
            head: cell.clone().set_bold().set_background_color(0xDDEBF7),
            group: cell.clone().set_bold().set_background_color(0xF2F2F2),
            answer: cell.clone().set_unlocked().set_background_color(0xFFF2CC),
            text: cell,
        }
    }
}

fn page_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(TABLE_ROW, TABLE_ROW)?;
    for (i, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(i, width)?;
    }
    Ok(())
}

fn title(sheet: &mut Worksheet, rubric: &Rubric, f: &Formats) -> Result<(), XlsxError> {
    sheet.merge_range(0, 0, 0, 5, w::TITLE, &f.title)?;
    let set = format!(
        "Bộ {}: {} · {}",
        rubric.set_no,
        rubric.title(Lang::Vi),
        w::FORM
    );
    sheet.merge_range(1, 0, 1, 5, &set, &Format::new().set_text_wrap())?;
    sheet.set_row_height(1, 30)?;
    sheet.write_string_with_format(SET_ID.0, 0, w::SET_ID, &f.bold)?;
    sheet.write_string(SET_ID.0, SET_ID.1, &rubric.id)?;
    Ok(())
}

fn header(
    sheet: &mut Worksheet,
    given: &[(HeaderField, String)],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (row, field) in (HEADER_ROW..).zip(HEADER) {
        sheet.write_string_with_format(row, 0, template_label(field), &f.bold)?;
        let value = given
            .iter()
            .find(|(g, _)| *g == field)
            .map_or("", |(_, v)| v.as_str());
        sheet.merge_range(row, 1, row, 5, value, &f.answer)?;
    }
    Ok(())
}

fn answered(sheet: &mut Worksheet, row: u32, a: &FilledRow, f: &Formats) -> Result<(), XlsxError> {
    match &a.claim {
        Picked::Number(n) => sheet.write_number_with_format(row, col::CLAIM, *n, &f.answer)?,
        Picked::Text(t) => sheet.write_string_with_format(row, col::CLAIM, t, &f.answer)?,
    };
    sheet.write_string_with_format(row, col::DESCRIPTION, &a.description, &f.answer)?;
    sheet.write_string_with_format(row, col::EVIDENCE, &a.evidence, &f.answer)?;
    Ok(())
}

fn table_head(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    for (i, name) in (0u16..).zip(w::COLUMNS) {
        sheet.write_string_with_format(TABLE_ROW, i, name, &f.head)?;
    }
    sheet.set_freeze_panes(TABLE_ROW + 1, 0)?;
    Ok(())
}

/// A group is a grey row to read by; a scored criterion has its options and three answer
/// cells, the first a drop-down of the option numbers.
fn criterion(sheet: &mut Worksheet, row: u32, c: &Criterion, f: &Formats) -> Result<(), XlsxError> {
    let text = format!("{} (tối đa {} điểm)", c.text_vi, c.max.0);
    if !c.is_leaf() {
        sheet.write_string_with_format(row, col::CODE, c.code.as_str(), &f.group)?;
        sheet.merge_range(row, col::CRITERION, row, col::EVIDENCE, &text, &f.group)?;
        return Ok(());
    }
    let options: Vec<String> = c
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| option_line(i + 1, &o.text_vi, o.points.0, o.case.map(|c| c.number())))
        .collect();
    sheet.write_string_with_format(row, col::CODE, c.code.as_str(), &f.text)?;
    sheet.write_string_with_format(row, col::CRITERION, &text, &f.text)?;
    sheet.write_string_with_format(row, col::OPTIONS, options.join("\n"), &f.text)?;
    for answer in [col::CLAIM, col::DESCRIPTION, col::EVIDENCE] {
        sheet.write_string_with_format(row, answer, "", &f.answer)?;
    }
    let numbers: Vec<String> = (1..=c.options.len()).map(|n| n.to_string()).collect();
    let pick = DataValidation::new()
        .allow_list_strings(&numbers)?
        .set_input_title(w::PICK_TITLE)?
        .set_input_message(w::PICK_MESSAGE)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_message(w::PICK_ERROR)?;
    sheet.add_data_validation(row, col::CLAIM, row, col::CLAIM, &pick)?;
    Ok(())
}
