//! The council review as a table for the terminal, CSV for a spreadsheet (one row per member,
//! the product's figures repeated), or JSON for other tools.

use std::io::{self, Write};

use super::{Council, ProductReview};
use crate::cell;
use ocop_domain::Lang;
use ocop_domain::text;
use ocop_domain::text::safe::shown;
use ocop_words::report::{ReportStrings, report_strings};

/// How `ocop council` prints a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum CouncilFormat {
    Table,
    Csv,
    Json,
    /// One page to print: members side by side, a chart, tendencies and the minutes
    Html,
}

pub fn json(council: &Council, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, council)?;
    writeln!(out)
}

const CSV_COLUMNS: &str = "product_code,product_name,set_id,principal,assessor,council,sheet_id,\
revision,part_a,part_b,part_c,total,stars,eliminated,mean_total,stars_of_mean,council_stars,\
council_eliminated,spread,flagged,unsigned";

pub fn csv(council: &Council, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{CSV_COLUMNS}")?;
    for p in &council.products {
        for m in &p.members {
            let part = |c: &str| {
                m.parts
                    .iter()
                    .find(|p| p.code == c)
                    .map(|p| cell::number(p.points))
                    .unwrap_or_default()
            };
            let cells = [
                cell::text(&p.product_code),
                cell::text(&p.product_name),
                cell::text(&p.set_ids.join(" ")),
                cell::text(&m.principal),
                cell::text(&m.assessor),
                cell::text(&m.council),
                cell::text(&m.sheet_id),
                cell::number(m.revision),
                part("A"),
                part("B"),
                part("C"),
                cell::number(m.total),
                cell::number(m.stars),
                cell::text(&m.eliminated.to_string()),
                cell::decimal(p.mean_total, 2),
                cell::number(p.stars_of_mean),
                cell::number(p.stars),
                cell::text(&p.eliminated.to_string()),
                cell::number(p.spread),
                cell::text(&p.flagged.to_string()),
                cell::text(m.unsigned.as_ref().map_or("", |w| w.en.as_str())),
            ];
            writeln!(out, "{}", cells.join(","))?;
        }
    }
    Ok(())
}

/// The review for the terminal, in the words of `lang`.
pub fn table(
    council: &Council,
    max_spread: u16,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = report_strings(lang);
    for why in &council.unreadable {
        writeln!(out, "{}: {}", s.unreadable, shown(why.said(lang)))?;
    }
    if council.products.is_empty() {
        writeln!(out, "{}", s.nothing)?;
    }
    for (i, p) in council.products.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        product(p, (max_spread, s), out)?;
    }
    if !council.not_counted.is_empty() {
        writeln!(out)?;
    }
    for n in &council.not_counted {
        writeln!(out, "{}", not_counted_line(n, lang))?;
    }
    for c in &council.conflicts {
        writeln!(out, "{}", conflict_line(c, lang))?;
    }
    Ok(())
}

/// A product code that names several products, each variant with its set and its members.
pub fn conflict_line(c: &super::conflict::Conflict, lang: Lang) -> String {
    let s = report_strings(lang);
    let variants: Vec<String> = c
        .variants
        .iter()
        .map(|v| {
            let who: Vec<&str> = v.sheets.iter().map(|(p, _)| p.as_str()).collect();
            format!("{} [{}]: {}", v.product_name, v.set_id, who.join(", "))
        })
        .collect();
    let line = (s.conflict)(&c.product_code, &variants.join("; "));
    shown(&line).into_owned()
}

fn not_counted_line(n: &super::NotCounted, lang: Lang) -> String {
    let s = report_strings(lang);
    let code = match n.product_code.is_empty() {
        true => s.no_code.to_string(),
        false => shown(&n.product_code).into_owned(),
    };
    let who = super::seat(&n.assessor, &n.principal);
    let (file, who) = (shown(&n.file), shown(&who));
    let why = shown(n.reason.said(lang)).into_owned();
    format!("{}: {code} {file} ({who}): {why}", s.not_counted)
}

/// On standard error, whatever the format: a folder without a roster, and (for CSV, which
/// has no room for them) the sheets not counted.
pub fn not_counted(
    council: &Council,
    (format, include_unsigned): (CouncilFormat, bool),
    lang: Lang,
) -> io::Result<()> {
    let mut err = io::stderr().lock();
    if council.no_roster {
        let s = report_strings(lang);
        writeln!(err, "ocop: {}", (s.no_roster)(include_unsigned))?;
    } else if !council.pinned {
        let said = ocop_export::province::unpinned();
        writeln!(err, "ocop: {}", shown(said.said(lang)))?;
    }
    for why in &council.roster_problems {
        writeln!(err, "ocop: {}", shown(why.said(lang)))?;
    }
    if format == CouncilFormat::Csv {
        for n in &council.not_counted {
            writeln!(err, "{}", not_counted_line(n, lang))?;
        }
        for c in &council.conflicts {
            writeln!(err, "{}", conflict_line(c, lang))?;
        }
    }
    Ok(())
}

const NAME: usize = 40;

/// One product: its members' rows under a header, the mean, the spread, what they differ on.
fn product(
    p: &ProductReview,
    (max_spread, s): (u16, &ReportStrings),
    out: &mut dyn Write,
) -> io::Result<()> {
    let code = match p.product_code.is_empty() {
        true => s.no_code.into(),
        false => shown(&p.product_code),
    };
    let sets = p.set_ids.join(", ");
    let (name, sets) = (shown(&p.product_name), shown(&sets));
    writeln!(out, "{code}  {name}  [{sets}]")?;
    // The total's column is as wide as its heading, in either language.
    let wide = text::width(s.total).max(5);
    let head = text::pad(&format!("  {}", s.col_member), NAME + 2);
    let total = text::pad_left(s.total, wide);
    writeln!(out, "{head}     A     B     C  {total}  {}", s.stars)?;
    for m in &p.members {
        let name = text::pad(&text::fit(&shown(&m.seat()), NAME), NAME);
        let pts: Vec<String> = m.parts.iter().map(|p| format!("{:>5}", p.points)).collect();
        let total = text::pad_left(&m.total.to_string(), wide);
        let mut tail = String::new();
        if m.eliminated {
            tail = format!("  {}", s.eliminated);
        }
        if m.unsigned.is_some() {
            tail.push_str(&format!("  ({})", s.unsigned));
        }
        writeln!(
            out,
            "  {name} {}  {total}  {}★{tail}",
            pts.join(" "),
            m.stars
        )?;
    }
    // A mean with the language's decimal mark (`79,5` in Vietnamese).
    let one = |x: f64| format!("{x:.1}").replace('.', &s.decimal_mark.to_string());
    let means: Vec<String> = p
        .mean_parts
        .iter()
        .map(|m| text::pad_left(&one(m.mean), 5))
        .collect();
    let mean = text::pad_left(&one(p.mean_total), wide);
    let label = text::pad(s.col_mean, NAME);
    writeln!(out, "  {label} {}  {mean}", means.join(" "))?;
    let verdict = (s.verdict)(&one(p.mean_total), p.stars_of_mean, p.stars, p.eliminated);
    writeln!(out, "  {verdict}")?;
    for h in &p.held_by {
        let line = (s.held_mean)(h.stars, &shown(&h.code), h.needs, &one(h.mean));
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "  {}", (s.spread)(p.spread, max_spread, p.flagged))?;
    findings(p, s, out)
}

fn findings(p: &ProductReview, s: &ReportStrings, out: &mut dyn Write) -> io::Result<()> {
    if !p.disagreements.is_empty() {
        let list: Vec<String> = p
            .disagreements
            .iter()
            .map(|d| {
                let pts: Vec<String> = d.points.iter().map(u16::to_string).collect();
                format!("{} ({})", shown(&d.code), pts.join("/"))
            })
            .collect();
        writeln!(out, "  {}: {}", s.disagree, list.join(", "))?;
    }
    for m in &p.minimums {
        let who = super::seat(&m.assessor, &m.principal);
        let (who, code) = (shown(&who), shown(&m.code));
        let line = (s.minimum)(&who, m.stars, &code, m.needs, m.has);
        writeln!(out, "  {}: {line}", s.minimums)?;
    }
    for e in &p.eliminations {
        let on = shown(e.code.as_deref().unwrap_or(s.dossier));
        let who = super::seat(&e.assessor, &e.principal);
        let (who, why) = (shown(&who), shown(&e.reason));
        writeln!(out, "  {}: {who} — {on}: {why}", s.eliminations)?;
    }
    Ok(())
}
