//! The end of the sheet: the total and the stars with what holds them down or eliminates the
//! product, the evaluator's comments, what the next star needs (the plan page's own lines), the
//! digital signature, the line the assessor signs on paper, and the file it was made from.

use super::page::Page;
use super::{Labels, Printable};
use ocop_domain::Lang;
use ocop_domain::plan::plan_of;
use ocop_domain::score::Score;
use ocop_words::plan::{Kind, lines};

/// The criteria to gain points on that the page names: the plan lists every one that can
/// gain, most first; the paper keeps to the first few so any set fits four pages.
const GAINS_PRINTED: usize = 5;

pub fn block(
    page: &mut Page,
    p: &Printable,
    score: &Score,
    (l, layout): (&Labels, u32),
    lang: Lang,
) {
    totals(page, score, l);
    if !p.sheet.comment.trim().is_empty() {
        page.open("div", "box").el("h2", "", l.comments);
        page.open("div", "comments").lines(&p.sheet.comment);
        page.close("div").close("div").raw("\n");
    }
    next_star(page, p, score, lang, l);
    let signed = match &p.signature {
        Some(s) => (l.signed)(&s.principal, &s.fingerprint),
        None => l.unsigned.to_string(),
    };
    page.el("div", "signed", &signed).raw("\n");
    signatures(page, p, (l, layout));
    if let Some(source) = &p.source {
        let line = (l.source)(&source.file, &source.sha256);
        page.el("div", "source", &line).raw("\n");
    }
}

fn totals(page: &mut Page, s: &Score, l: &Labels) {
    page.open("div", "result").raw("\n");
    // An eliminated product is rated at no level, whatever its points.
    let rating = match s.eliminated() {
        true => l.not_rated.to_string(),
        false => format!(
            "{} ({})",
            "★".repeat(usize::from(s.stars)),
            (l.stars)(s.stars)
        ),
    };
    let total = format!("{}: {}/100 · {}: {rating}", l.total, s.total.0, l.rating);
    page.el("div", "total", &total).raw("\n");
    let mut items: Vec<String> = Vec::new();
    if s.stars != s.band_stars {
        items.push((l.band)(s.band_stars));
    }
    for h in &s.held_by {
        items.push((l.held)(h.stars, h.code.as_str(), h.needs.0, h.has.0));
    }
    for e in &s.eliminations {
        let kind = l.kind(e.kind);
        let code = e.code.as_ref().map_or(String::new(), |c| format!("{c} "));
        items.push(format!("✗ {}: {code}{kind}: {}", l.eliminated, e.reason));
    }
    if !items.is_empty() {
        page.raw("<ul>");
        for item in &items {
            page.el("li", "", item);
        }
        page.raw("</ul>\n");
    }
    page.close("div").raw("\n");
}

/// The plan's lines, as `ocop plan` prints them, the gains cut to the first few (before
/// they are put in words: `verify` makes thousands of pages).
fn next_star(page: &mut Page, p: &Printable, score: &Score, lang: Lang, l: &Labels) {
    let mut plan = plan_of(p.rubric, p.sheet, score.clone());
    let more = plan.gains.len().saturating_sub(GAINS_PRINTED);
    plan.gains.truncate(GAINS_PRINTED);
    let all = lines(lang, p.rubric, &plan);
    page.open("div", "box plan")
        .el("h2", "", l.plan)
        .raw("<ul>");
    for line in &all {
        match line.kind {
            Kind::Item => page.el("li", "", &line.text),
            _ => page.raw("<li><b>").text(&line.text).raw("</b></li>"),
        };
    }
    if more > 0 {
        page.el("li", "", &(l.more_gains)(more));
    }
    page.raw("</ul></div>\n");
}

/// Where the assessor signs: the date, the title, room for the signature, the name.
fn signatures(page: &mut Page, p: &Printable, (l, layout): (&Labels, u32)) {
    let h = &p.sheet.header;
    // Layout 3 writes the date as official papers do, after the place; earlier layouts are
    // kept as they were so their copies still check.
    let when = if layout >= 3 {
        (l.place_date_line)(h.place.trim(), h.evaluated_on)
    } else {
        (l.date_line)(h.evaluated_on)
    };
    page.raw("<div class=\"signatures\"><div class=\"sign\">");
    page.el("div", "when", &when)
        .el("div", "who", l.signer_title);
    page.el("div", "hint", l.sign_here)
        .raw("<div class=\"space\"></div>");
    page.el("div", "who", &p.sheet.header.assessor);
    page.raw("</div></div>\n");
}
