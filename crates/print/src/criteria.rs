//! The table of the sheet: each part with its total, then every criterion in sheet order with
//! its full text; a leaf with the option chosen (or not met, not applicable, eliminated), the
//! assessor's note, and its points against its maximum.

use super::page::Page;
use super::{Labels, Prepared, Printable};
use ocop_domain::claim::{SelfAssessment, points_of};
use ocop_domain::rubric::{Criterion, Part, Points, pick};
use ocop_domain::score::{Score, Standing, points_under, standing};
use ocop_domain::sheet::Mark;
use ocop_words::selfassess::claim_words;

pub fn table(page: &mut Page, p: &Printable, score: &Score, (l, layout): (&Labels, u32)) {
    let lang = l.lang;
    let made;
    let text = match p.prepared.filter(|t| t.fits(p.rubric, lang)) {
        Some(text) => text,
        None => {
            made = Prepared::of(p.rubric, lang);
            &made
        }
    };
    // Layout 3 on: the producer's claimed points beside the assessor's, when there is a claim.
    let claims = p.sheet.self_assessment.as_ref().filter(|_| layout >= 3);
    page.raw("<table class=\"sheet\">\n<thead><tr>");
    page.el("th", "", l.code).el("th", "", l.criterion);
    if claims.is_some() {
        page.el("th", "", claim_words(lang).column);
    }
    page.el("th", "", l.points).el("th", "", l.max);
    page.raw("</tr></thead>\n<tbody>\n");
    for part in &p.rubric.parts {
        part_row(page, part, score, (l, claims.is_some()));
        let rows = p.rubric.criteria.iter().enumerate();
        for (i, c) in rows.filter(|(_, c)| c.part == part.code) {
            match c.is_leaf() {
                true => leaf_row(page, p, (c, text, i), (l, claims)),
                false => {
                    // Layout 2 on: the group's subtotal, as on the paper form.
                    let got = (layout >= 2).then(|| points_under(p.rubric, p.sheet, &c.code));
                    group_row(page, c, (text.criterion(i), claims.is_some()), got)
                }
            }
        }
    }
    page.raw("</tbody>\n</table>\n");
}

fn part_row(page: &mut Page, part: &Part, score: &Score, (l, claims): (&Labels, bool)) {
    let lang = l.lang;
    let got = score.parts.iter().find(|s| s.code == part.code);
    let points = got.map_or(0, |s| s.points.0);
    let title = pick(&part.title_vi, part.title_en.as_deref(), lang);
    let head = format!("{} {}. {title}", l.part, part.code.letter());
    page.raw("<tr class=\"part\"><td colspan=\"2\">")
        .text(&head);
    page.raw("</td>");
    if claims {
        page.raw("<td class=\"num\"></td>");
    }
    page.el("td", "num", &points.to_string());
    page.el("td", "num", &part.max.0.to_string());
    page.raw("</tr>\n");
}

/// A group's row; `text`, its text as `Prepared` holds it; `got`, its subtotal.
fn group_row(page: &mut Page, c: &Criterion, (text, claims): (&str, bool), got: Option<Points>) {
    page.raw("<tr class=\"group\">")
        .el("td", "code", c.code.as_str());
    page.raw("<td>").escaped(text).raw("</td>");
    if claims {
        page.raw("<td class=\"num\"></td>");
    }
    match got {
        Some(points) => page.el("td", "num", &points.0.to_string()),
        None => page.raw("<td class=\"num\"></td>"),
    };
    page.el("td", "num", &c.max.0.to_string()).raw("</tr>\n");
}

/// A leaf's row: the criterion, the rubric's text of it, its number there.
fn leaf_row(
    page: &mut Page,
    p: &Printable,
    (c, text, i): (&Criterion, &Prepared, usize),
    (l, claims): (&Labels, Option<&SelfAssessment>),
) {
    let points = match standing(p.rubric, p.sheet, c) {
        Standing::Scored(points) => points.0.to_string(),
        Standing::Unanswered => "·".into(),
        Standing::NotApplicable => "–".into(),
        Standing::Raised => "✗".into(),
    };
    page.raw("<tr>").el("td", "code", c.code.as_str());
    page.raw("<td>").escaped(text.criterion(i));
    page.raw("<span class=\"pick\">→ ");
    match chosen_option(p, c, (text, i)) {
        Some(option) => page.escaped(option),
        None => page.text(&chosen(p, c, l)),
    };
    page.raw("</span>");
    let note = p.sheet.note(&c.code);
    if !note.is_empty() {
        page.open("span", "memo").text(l.note).raw(": ").lines(note);
        page.close("span");
    }
    page.raw("</td>");
    if let Some(sa) = claims {
        let claimed = sa.claims.get(&c.code);
        let points = claimed.and_then(|k| points_of(p.rubric, &c.code, k.option));
        page.el(
            "td",
            "num",
            &points.map_or(String::new(), |p| p.0.to_string()),
        );
    }
    page.el("td", "num", &points);
    page.el("td", "num", &c.max.0.to_string()).raw("</tr>\n");
}

/// The rubric's text of the option chosen on a leaf (criterion number `i`), if one was.
fn chosen_option<'a>(
    p: &Printable,
    c: &Criterion,
    (text, i): (&'a Prepared, usize),
) -> Option<&'a str> {
    match p.sheet.mark(&c.code) {
        Some(Mark::Chose { option }) => text.option(i, *option),
        _ => None,
    }
}

/// What the assessor decided on a leaf, in words, where it is not an option of the rubric.
fn chosen(p: &Printable, c: &Criterion, l: &Labels) -> String {
    match p.sheet.mark(&c.code) {
        // An option the rubric does not have (`chosen_option` prints those it has).
        Some(Mark::Chose { option }) => format!("#{option}"),
        Some(Mark::NotMet) => l.not_met.to_string(),
        Some(Mark::NotApplicable) => l.not_applicable.to_string(),
        Some(Mark::Raised { reason }) => format!("{}: {reason}", l.raised),
        None => l.unanswered.to_string(),
    }
}
