//! The rows of `summary.csv` read back as typed cells for the workbook. The CSV is the one
//! place a sheet file's row is made (and kept, so a file is read once); the workbook takes its
//! rows from there rather than reading every sheet file again. Text cells stay exactly as the
//! CSV neutralised them ([`crate::cell::neutral`]): hidden characters shown, a leading
//! `'` before a formula start.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// One cell, typed by its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A day (`evaluated_on`).
    Date(NaiveDate),
    /// A moment, in the assessor's own time as written (`finished_at`).
    DateTime(NaiveDateTime),
    Bool(bool),
    Empty,
}

/// How a column's cells are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
    DateTime,
    Bool,
}

/// The kind of a `summary.csv` column, by its name.
pub fn kind_of(column: &str) -> Kind {
    match column {
        "revision" | "set_no" | "part_a" | "part_b" | "part_c" | "total" | "stars" => Kind::Number,
        "evaluated_on" => Kind::Date,
        "finished_at" => Kind::DateTime,
        "eliminated" => Kind::Bool,
        _ => Kind::Text,
    }
}

/// A cell of `kind` from its CSV text. A value that does not read as its kind is kept as
/// text, so nothing in the CSV is lost from the workbook.
pub fn typed(kind: Kind, text: &str) -> Cell {
    if text.is_empty() {
        return Cell::Empty;
    }
    let parsed = match kind {
        Kind::Text => None,
        Kind::Number => text.parse::<f64>().ok().map(Cell::Number),
        Kind::Date => date(text).map(Cell::Date),
        Kind::DateTime => datetime(text).map(Cell::DateTime),
        Kind::Bool => text.parse::<bool>().ok().map(Cell::Bool),
    };
    parsed.unwrap_or_else(|| Cell::Text(text.to_string()))
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn datetime(text: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.naive_local())
}

/// The cells of one CSV line as `summary.csv` writes them: comma-separated, a cell holding a
/// comma or a quote quoted with `"` and its quotes doubled. Cells never hold a line break
/// (the CSV shows it as `<U+000A>`).
pub fn split(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell;

    #[test]
    fn a_line_splits_back_into_the_cells_that_made_it() {
        let cells = ["Chè, Mộc Châu", "say \"hi\"", "=HYPERLINK(\"x\")", "", "12"];
        let line: Vec<String> = cells.iter().map(|c| cell::text(c)).collect();
        let back = split(&line.join(","));
        let neutral: Vec<String> = cells.iter().map(|c| cell::neutral(c)).collect();
        assert_eq!(back, neutral);
        assert_eq!(back[2], "'=HYPERLINK(\"x\")");
    }

    #[test]
    fn cells_are_typed_by_their_column() {
        assert_eq!(typed(kind_of("total"), "87"), Cell::Number(87.0));
        assert_eq!(typed(kind_of("eliminated"), "false"), Cell::Bool(false));
        assert_eq!(typed(kind_of("evaluated_on"), ""), Cell::Empty);
        assert!(matches!(
            typed(kind_of("finished_at"), "2026-11-20T08:10:00+07:00"),
            Cell::DateTime(_)
        ));
        assert!(matches!(
            typed(kind_of("evaluated_on"), "2026-11-20"),
            Cell::Date(_)
        ));
        // What does not read as its kind stays text.
        assert_eq!(typed(kind_of("total"), "x"), Cell::Text("x".into()));
        assert_eq!(
            typed(kind_of("product_name"), "87"),
            Cell::Text("87".into())
        );
    }
}
