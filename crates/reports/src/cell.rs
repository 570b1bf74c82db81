//! One cell of a CSV file a spreadsheet opens (`summary.csv`, the council CSV, any later
//! workbook): the one place that decides how outside text is written there, so that nothing in
//! a cell is evaluated and nothing hidden in it changes what an official reads.

use std::fmt::Display;

use ocop_domain::text::safe;

/// What a spreadsheet takes as the start of a formula: `=`, `+`, `-`, `@`, a tab or a carriage
/// return, and their full-width forms, which some spreadsheets fold to the ASCII ones.
const FORMULA_START: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// A text cell. Hidden characters (controls, bidirectional overrides, invisible format
/// characters) are shown as `<U+XXXX>` ([`safe::shown`]); a text that a spreadsheet would
/// evaluate (a formula start first, even after spaces: `-2+3`, ` =1+1`) gets a leading `'`,
/// which spreadsheets read as "this is text" and do not show; then the cell is quoted when it
/// holds a separator or a quote.
pub fn text(s: &str) -> String {
    let text = neutral(s);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A text cell's content before any CSV quoting: hidden characters shown, and a leading `'`
/// before a formula start. The workbook writes this same text as a string cell, so the CSV and
/// the workbook show an official the same thing.
pub fn neutral(s: &str) -> String {
    let shown = safe::shown(s);
    if shown.trim_start().starts_with(FORMULA_START) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    }
}

/// A number cell (points, totals, counts): written as it is, so a spreadsheet keeps it a
/// number, a negative one included. Only numbers reach here: the type says so.
pub fn number(n: impl Display + Copy + Into<f64>) -> String {
    n.to_string()
}

/// A number cell with `places` decimals (a mean).
pub fn decimal(n: f64, places: usize) -> String {
    format!("{n:.places$}")
}

/// Whether a line of CSV written by an older version holds only cells [`text`] would write the
/// same today; a line that does not is rendered again, not reused.
pub fn line_is_neutral(line: &str) -> bool {
    !line.contains('"') && line.split(',').all(|c| text(c) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised() {
        for s in [
            "-2+3", "=1+1", "+1", "@SUM(A1)", " =1", "＝1+1", "＋1", "－2+3", "＠x",
        ] {
            let c = text(s);
            assert!(c.starts_with('\'') || c.starts_with("\"'"), "{s:?} → {c:?}");
        }
        assert_eq!(text("-2+3"), "'-2+3");
        // A leading tab or carriage return is shown, so no longer starts anything.
        assert_eq!(text("\t=1"), "<U+0009>=1");
        assert_eq!(text("\r=1"), "<U+000D>=1");
    }

    #[test]
    fn plain_text_and_numbers_are_kept() {
        assert_eq!(text("T-PT-001-2026"), "T-PT-001-2026");
        assert_eq!(text("Chè, Mộc Châu"), "\"Chè, Mộc Châu\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(number(-5i16), "-5");
        assert_eq!(number(87.5f64), "87.5");
    }

    #[test]
    fn hidden_characters_are_shown_in_a_cell() {
        assert_eq!(text("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(text("a\nb"), "a<U+000A>b");
        assert!(line_is_neutral("x,'-2+3,12"));
        assert!(!line_is_neutral("x,-2+3,12"));
    }
}
