//! The printable sheet: one finished (or draft) sheet as one self-contained HTML page, laid out
//! like the decision's "Phiếu đánh giá", for the province to print, sign and file. No script,
//! no link, no font or image from elsewhere: the CSS is inside, with `@page` rules for A4.
//!
//! Pure: from the rubric, the sheet, its signature and the file it was exported as, to a
//! string; the same inputs always give the same bytes, which is how `verify` checks the copy
//! sync writes beside each sheet file (`<id>.r<rev>.html`). Changing the layout therefore
//! changes what `verify` expects: keep the earlier layout for files already written.
//!
//! - the words, Vietnamese and English, are `ocop_words::labels`.
//! - `page`: the HTML string, with every outside text escaped.
//! - `criteria`: the table of parts, criteria and answers.
//! - `result`: total, stars, minimums, eliminations, comments, plan, signatures.

mod criteria;
mod page;
mod prepared;
mod result;

use ocop_domain::Lang;
use ocop_domain::Named;
use ocop_domain::rubric::Rubric;
use ocop_domain::score::{Score, score};
use ocop_domain::sheet::Sheet;
pub use ocop_words::labels::{Labels, labels};
use page::Page;
pub use prepared::Prepared;

/// The layout's number, in every page's `generator`: a page made by another layout is told
/// apart from one changed by hand (`sync::printed`). Any change to the page's bytes for the
/// same sheet is a new layout.
pub const LAYOUT: u32 = 3;

/// The layouts this build still makes, so that `verify` checks a copy printed by an earlier
/// release against the layout it says it was made by: 1, without group subtotals; 2, with;
/// 3, the date line after the place, its day and month written as official papers write them.
pub const LAYOUTS: [u32; 3] = [1, 2, 3];

/// The marker of a page's layout, `<meta name="generator" content="ocop print N">`.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"ocop print ";

/// The CSS of every printed sheet.
const STYLE: &str = include_str!("sheet.css");

/// Who signed a finished sheet, as its `.sig` names the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The sheet's `assessor.id`, the principal the roster gives the key to.
    pub principal: String,
    pub fingerprint: String,
}

/// The exported file a printed sheet was made from, so a paper copy names its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: String,
    pub sha256: String,
}

/// Everything printed besides the language.
#[derive(Clone)]
pub struct Printable<'a> {
    pub rubric: &'a Rubric,
    pub sheet: &'a Sheet,
    pub signature: Option<Signature>,
    pub source: Option<Source>,
    /// The rubric's text escaped once for many pages; made for this page when `None` (or
    /// made for another rubric or language).
    pub prepared: Option<&'a Prepared>,
}

/// The whole page.
pub fn sheet_html(p: &Printable, lang: Lang) -> String {
    sheet_html_scored(p, &score(p.rubric, p.sheet), lang)
}

/// The whole page, of a sheet whose score on its rubric is `score`.
pub fn sheet_html_scored(p: &Printable, score: &Score, lang: Lang) -> String {
    sheet_html_as(p, score, lang, LAYOUT)
}

/// `sheet_html_scored` in one of the `LAYOUTS` (the latest for any other number).
pub fn sheet_html_as(p: &Printable, score: &Score, lang: Lang, layout: u32) -> String {
    let layout = if LAYOUTS.contains(&layout) {
        layout
    } else {
        LAYOUT
    };
    let l = labels(lang);
    let mut page = Page::new();
    head(&mut page, p, l, layout);
    page.raw("<body>\n");
    if !p.sheet.is_finished() {
        page.el("div", "draft-mark", l.draft).raw("\n");
    }
    title(&mut page, p, l);
    header_table(&mut page, p, l);
    criteria::table(&mut page, p, score, (l, layout));
    result::block(&mut page, p, score, (l, layout), lang);
    page.raw("</body>\n</html>\n");
    page.into_string()
}

fn head(page: &mut Page, p: &Printable, l: &Labels, layout: u32) {
    page.raw(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        l.lang.name()
    ));
    page.raw(&format!("{GENERATOR}{layout}\">\n<title>"));
    let product = &p.sheet.header.product_name;
    page.text(&format!("{} · {} · {}", l.title, product, p.sheet.id));
    page.raw("</title>\n<style>\n@page { size: A4; margin: 14mm 13mm 15mm 17mm;\n");
    // The label is this crate's own literal: it may stand in the CSS.
    page.raw(&format!(
        "  @bottom-right {{ content: \"{} \" counter(page) \"/\" counter(pages); \
         font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 8pt; }}\n",
        l.page
    ));
    page.raw("  @bottom-left { content: \"");
    page.raw(&format!("{} r{}", p.sheet.id, p.sheet.revision));
    page.raw("\"; font-family: monospace; font-size: 7pt; } }\n");
    page.raw(STYLE).raw("</style>\n</head>\n");
}

fn title(page: &mut Page, p: &Printable, l: &Labels) {
    let lang = l.lang;
    page.el("div", "nation", l.nation).raw("\n");
    page.open("div", "motto")
        .el("span", "", l.motto)
        .close("div")
        .raw("\n");
    page.el("h1", "", l.title).raw("\n");
    let set = format!("{}: {}", (l.set)(p.rubric.set_no), p.rubric.title(lang));
    page.el("div", "set", &set).raw("\n");
    let edition = format!("{} {}", l.edition, p.rubric.edition);
    page.el("div", "edition", &edition).raw("\n");
    if !p.sheet.is_finished() {
        page.el("div", "draft-note", l.draft_note).raw("\n");
    }
}

/// The header, two pairs of label and value a row, then what sets the sheet apart.
fn header_table(page: &mut Page, p: &Printable, l: &Labels) {
    let s = p.sheet;
    let h = &s.header;
    let day = h.evaluated_on.map(|d| d.format(l.day).to_string());
    let at = s.finished_at.map(|t| t.format(l.moment).to_string());
    let sheet = format!("{} · {}", s.id, (l.revision)(s.revision, at.as_deref()));
    let rows: [[(&str, &str); 2]; 4] = [
        [
            (l.product, &h.product_name),
            (l.product_code, &h.product_code),
        ],
        [(l.producer, &h.producer), (l.phone, &h.phone)],
        [(l.assessor, &h.assessor), (l.council, &h.council)],
        [
            (l.evaluated_on, day.as_deref().unwrap_or("")),
            (l.sheet, &sheet),
        ],
    ];
    page.open("table", "head").raw("\n");
    for (i, row) in rows.iter().enumerate() {
        page.raw("<tr>");
        for (label, value) in row {
            page.el("td", "k", &format!("{label}:"))
                .el("td", "v", value);
        }
        page.raw("</tr>\n");
        if i == 1 {
            page.raw("<tr>").el("td", "k", &format!("{}:", l.address));
            page.raw("<td class=\"v\" colspan=\"3\">")
                .text(&h.address)
                .raw("</td></tr>\n");
        }
    }
    page.close("table").raw("\n");
    flags(page, p, l);
}

/// An amendment's reason, the tourism case, a rejected dossier: each on a line of its own.
fn flags(page: &mut Page, p: &Printable, l: &Labels) {
    let s = p.sheet;
    if let (Some(from), Some(why)) = (s.supersedes, &s.amend_reason) {
        page.el("div", "flag", &(l.amends)(from, why)).raw("\n");
    }
    if let Some(case) = s.case {
        let n = case.number();
        let label = p
            .rubric
            .criteria
            .iter()
            .find_map(|c| c.cases.get(usize::from(n) - 1));
        // The rubric's label names the case itself ("Trường hợp 1: …").
        let line = label.cloned().unwrap_or_else(|| (l.case)(n));
        page.el("div", "flag", &line).raw("\n");
    }
    if let Some(why) = &s.dossier_rejected {
        let line = format!("{}: {why}", l.dossier_rejected);
        page.el("div", "flag", &line).raw("\n");
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
