//! One product's section of the council report: the members side by side on every criterion,
//! the part and total rows, the verdict on the mean, the spread, the chart, and what the
//! members raised.

use std::fmt::Write as _;

use super::{Page, decimal, escape, list};
use crate::council::criteria::{self, CriterionRow};
use crate::council::{ProductReview, chart};
use ocop_domain::rubric::Code;
use ocop_words::report::ReportStrings;
use ocop_words::selfassess::claim_words;

/// The product's section; `n` numbers it on the page.
pub fn section(page: &Page<'_>, s: &ReportStrings, p: &ProductReview, n: usize, html: &mut String) {
    let _ = write!(
        html,
        "<section class=\"product\" id=\"product-{n}\"><h2><span class=\"code\">{}</span> {}</h2>\
         <p>{}: {}</p>",
        escape(&code_of(p, s)),
        escape(&p.product_name),
        escape(s.sets),
        set_titles(page, p)
    );
    side_by_side(page, s, p, html);
    let _ = write!(
        html,
        "<p class=\"verdict\">{}</p><p class=\"spread{}\">{}</p>",
        escape(&(s.verdict)(
            &decimal(p.mean_total, s.decimal_mark),
            p.stars_of_mean,
            p.stars,
            p.eliminated
        )),
        if p.flagged { " flag" } else { "" },
        escape(&(s.spread)(p.spread, page.max_spread, p.flagged))
    );
    html.push_str(&chart::svg(p, n, s));
    findings(page, s, p, html);
    html.push_str("</section>\n");
}

/// The product code, or a word saying there is none.
pub fn code_of(p: &ProductReview, s: &ReportStrings) -> String {
    match p.product_code.trim() {
        "" => s.no_code.to_string(),
        code => code.to_string(),
    }
}

fn side_by_side(page: &Page<'_>, s: &ReportStrings, p: &ProductReview, html: &mut String) {
    let _ = write!(
        html,
        "<table class=\"side\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>",
        escape(s.col_code),
        escape(s.col_criterion),
        escape(s.col_max)
    );
    for m in &p.members {
        let mut marks = Vec::new();
        if m.eliminated {
            marks.push(s.eliminated);
        }
        if m.unsigned.is_some() {
            marks.push(s.unsigned);
        }
        let marks = match marks.is_empty() {
            true => String::new(),
            false => format!(
                "<br><span class=\"note\">{}</span>",
                escape(&marks.join("; "))
            ),
        };
        let _ = write!(
            html,
            "<th class=\"member\">{}{marks}</th>",
            escape(&m.seat())
        );
    }
    let _ = write!(html, "<th>{}</th>", escape(s.col_mean));
    let claims = has_claims(p);
    if claims {
        let _ = write!(html, "<th>{}</th>", escape(claim_words(page.lang).column));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &p.criteria {
        criterion_row(page, s, p, (row, claims), html);
    }
    sums(s, p, claims, html);
    html.push_str("</tbody></table>");
}

fn criterion_row(
    page: &Page<'_>,
    s: &ReportStrings,
    p: &ProductReview,
    (row, claims): (&CriterionRow, bool),
    html: &mut String,
) {
    let differ = p.disagreements.iter().any(|d| d.code == row.code);
    let _ = write!(
        html,
        "<tr{}><td class=\"code\">{}</td><td>{}</td><td class=\"n\">{}</td>",
        if differ { " class=\"differ\"" } else { "" },
        escape(&row.code),
        escape(&title(page, p, &row.code)),
        row.max
    );
    for points in &row.points {
        let cell = points.map_or("–".to_string(), |p| p.to_string());
        let _ = write!(html, "<td class=\"n\">{cell}</td>");
    }
    let mean =
        criteria::mean(&row.points).map_or("–".to_string(), |m| decimal(m, s.decimal_mark));
    let _ = write!(html, "<td class=\"n\">{mean}</td>");
    if claims {
        let claimed = row.claimed.map_or(String::new(), |c| c.to_string());
        let _ = write!(html, "<td class=\"n claim\">{claimed}</td>");
    }
    html.push_str("</tr>");
}

/// Whether a member's sheet carries the producer's self-assessment: then it has a column.
fn has_claims(p: &ProductReview) -> bool {
    p.criteria.iter().any(|r| r.claimed.is_some())
}

/// The part rows, the total row and the stars row.
fn sums(s: &ReportStrings, p: &ProductReview, claims: bool, html: &mut String) {
    // Under the claim's column, nothing: a producer claims criteria, not totals.
    let tail = if claims { "<td></td>" } else { "" };
    for part in &p.mean_parts {
        let _ = write!(
            html,
            "<tr class=\"sum\"><td></td><td>{}</td><td></td>",
            escape(&(s.part)(&part.code))
        );
        for m in &p.members {
            let points = m.parts.iter().find(|x| x.code == part.code);
            let cell = points.map_or("–".to_string(), |x| x.points.to_string());
            let _ = write!(html, "<td class=\"n\">{cell}</td>");
        }
        let mean = decimal(part.mean, s.decimal_mark);
        let _ = write!(html, "<td class=\"n\">{mean}</td>{tail}</tr>");
    }
    let _ = write!(
        html,
        "<tr class=\"sum total\"><td></td><td>{}</td><td class=\"n\">100</td>",
        escape(s.total)
    );
    for m in &p.members {
        let _ = write!(html, "<td class=\"n\">{}</td>", m.total);
    }
    let mean = decimal(p.mean_total, s.decimal_mark);
    let _ = write!(html, "<td class=\"n mean-total\">{mean}</td>{tail}</tr>");
    let _ = write!(
        html,
        "<tr class=\"sum\"><td></td><td>{}</td><td></td>",
        escape(s.stars)
    );
    for m in &p.members {
        let _ = write!(html, "<td class=\"n\">{}★</td>", m.stars);
    }
    let stars = match p.eliminated {
        true => s.eliminated.to_string(),
        false => format!("{}★", p.stars),
    };
    let _ = write!(
        html,
        "<td class=\"n stars-of-mean\">{}</td>{tail}</tr>",
        escape(&stars)
    );
}

/// The product's sets by number and title, each id in small print ("11 · Chè tươi, chè chế
/// biến (che-tuoi-che-bien)"); an id the catalog does not know stands alone. Escaped.
pub fn set_titles(page: &Page<'_>, p: &ProductReview) -> String {
    let titled = |id: &String| match page.catalog.get(id).ok().flatten() {
        Some(r) => format!(
            "{} · {} <span class=\"note\">({})</span>",
            r.set_no,
            escape(ocop_domain::rubric::pick(
                &r.title_vi,
                Some(&r.title_en),
                page.lang
            )),
            escape(id)
        ),
        None => escape(id),
    };
    p.set_ids.iter().map(titled).collect::<Vec<_>>().join(", ")
}

/// The criterion's text from the product's set in the catalog; empty when the set is unknown
/// here (a province's own set, or a folder read on another machine).
fn title(page: &Page<'_>, p: &ProductReview, code: &str) -> String {
    let code = Code::new(code);
    p.set_ids
        .iter()
        .filter_map(|set| page.catalog.get(set).ok().flatten())
        .find_map(|rubric| rubric.criterion(&code))
        .map(|c| c.text(page.lang).to_string())
        .unwrap_or_default()
}

fn findings(page: &Page<'_>, s: &ReportStrings, p: &ProductReview, html: &mut String) {
    let differ = p.disagreements.iter().map(|d| {
        let points: Vec<String> = d.points.iter().map(u16::to_string).collect();
        let title = title(page, p, &d.code);
        format!(
            "<b>{}</b> {} ({})",
            escape(&d.code),
            escape(&title),
            points.join(" / ")
        )
    });
    list(html, s.disagree, differ);
    let minimums = p.minimums.iter().map(|m| {
        let who = crate::council::seat(&m.assessor, &m.principal);
        escape(&(s.minimum)(&who, m.stars, &m.code, m.needs, m.has))
    });
    let held = p.held_by.iter().map(|h| {
        let mean = decimal(h.mean, s.decimal_mark);
        escape(&(s.held_mean)(h.stars, &h.code, h.needs, &mean))
    });
    list(html, s.minimums, held.chain(minimums));
    let eliminations = p.eliminations.iter().map(|e| {
        let on = e.code.as_deref().unwrap_or(s.dossier);
        let who = crate::council::seat(&e.assessor, &e.principal);
        escape(&format!("{who}: {on}: {}", e.reason))
    });
    list(html, s.eliminations, eliminations);
    let not_counted = p.not_counted.iter().map(|n| {
        let why = n.reason.said(page.lang);
        let who = crate::council::seat(&n.assessor, &n.principal);
        escape(&format!("{} ({who}): {why}", n.file))
    });
    list(html, s.not_counted, not_counted);
}
