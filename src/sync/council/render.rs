//! The council review as a table for the terminal, CSV for a spreadsheet (one row per member,
//! the product's figures repeated), or JSON for other tools.

use std::io::{self, Write};

use super::{Council, ProductReview};
use crate::cli::CouncilFormat;
use crate::domain::text;
use crate::domain::text::safe::shown;
use crate::sync::cell;

pub fn json(council: &Council, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, council)?;
    writeln!(out)
}

const CSV_COLUMNS: &str = "product_code,product_name,set_id,assessor,council,sheet_id,revision,\
part_a,part_b,part_c,total,stars,eliminated,mean_total,stars_of_mean,spread,flagged,unsigned";

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
                cell::number(p.spread),
                cell::text(&p.flagged.to_string()),
                cell::text(m.unsigned.as_ref().map_or("", |w| w.en.as_str())),
            ];
            writeln!(out, "{}", cells.join(","))?;
        }
    }
    Ok(())
}

pub fn table(council: &Council, max_spread: u16, out: &mut dyn Write) -> io::Result<()> {
    for why in &council.unreadable {
        writeln!(out, "unreadable: {}", shown(&why.en))?;
    }
    if council.products.is_empty() {
        writeln!(out, "No finished sheets in this folder.")?;
    }
    for (i, p) in council.products.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        product(p, max_spread, out)?;
    }
    if !council.not_counted.is_empty() {
        writeln!(out)?;
    }
    for n in &council.not_counted {
        writeln!(out, "{}", not_counted_line(n))?;
    }
    Ok(())
}

fn not_counted_line(n: &super::NotCounted) -> String {
    let code = if n.product_code.is_empty() {
        "(no code)"
    } else {
        &n.product_code
    };
    format!(
        "not counted: {code} {} ({}): {}",
        n.file, n.assessor, n.reason.en
    )
}

/// On standard error, whatever the format: a folder without a roster, and (for CSV, which
/// has no room for them) the sheets not counted.
pub fn not_counted(
    council: &Council,
    format: CouncilFormat,
    include_unsigned: bool,
) -> io::Result<()> {
    let mut err = io::stderr().lock();
    if council.no_roster {
        let counts = if include_unsigned {
            "sheets are counted unsigned, as --include-unsigned asks"
        } else {
            "no sheet counts until the secretary adds it (--include-unsigned counts them, marked)"
        };
        writeln!(
            err,
            "ocop: the folder has no allowed_signers, so no signature can be tied to a council \
             member: {counts}"
        )?;
    }
    if format == CouncilFormat::Csv {
        for n in &council.not_counted {
            writeln!(err, "{}", not_counted_line(n))?;
        }
    }
    Ok(())
}

const NAME: usize = 28;

fn product(p: &ProductReview, max_spread: u16, out: &mut dyn Write) -> io::Result<()> {
    let code = if p.product_code.is_empty() {
        "(no code)".into()
    } else {
        shown(&p.product_code)
    };
    writeln!(
        out,
        "{code}  {}  [{}]",
        shown(&p.product_name),
        shown(&p.set_ids.join(", "))
    )?;
    let head = text::pad("  member", NAME + 2);
    writeln!(out, "{head}     A     B     C  total  stars")?;
    for m in &p.members {
        let name = text::pad(&text::fit(&shown(&m.assessor), NAME), NAME);
        let pts: Vec<String> = m.parts.iter().map(|p| format!("{:>5}", p.points)).collect();
        let out_of = if m.eliminated { "  eliminated" } else { "" };
        let unsigned = if m.unsigned.is_some() {
            "  UNSIGNED (counted by --include-unsigned)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {name} {}  {:>5}  {}★{out_of}{unsigned}",
            pts.join(" "),
            m.total,
            m.stars
        )?;
    }
    let means: Vec<String> = p
        .mean_parts
        .iter()
        .map(|m| format!("{:>5.1}", m.mean))
        .collect();
    writeln!(
        out,
        "  {} {}  {:>5.1}  {}★ (band of the mean)",
        text::pad("mean", NAME),
        means.join(" "),
        p.mean_total,
        p.stars_of_mean
    )?;
    let flag = if p.flagged {
        format!(" > {max_spread}: discuss and re-score")
    } else {
        String::new()
    };
    writeln!(out, "  spread {}{flag}", p.spread)?;
    findings(p, out)
}

fn findings(p: &ProductReview, out: &mut dyn Write) -> io::Result<()> {
    if !p.disagreements.is_empty() {
        let list: Vec<String> = p
            .disagreements
            .iter()
            .map(|d| {
                let pts: Vec<String> = d.points.iter().map(u16::to_string).collect();
                format!("{} ({})", shown(&d.code), pts.join("/"))
            })
            .collect();
        writeln!(out, "  disagree most on: {}", list.join(", "))?;
    }
    for m in &p.minimums {
        writeln!(
            out,
            "  minimum: {} — {}★ needs {} ≥ {} (has {})",
            shown(&m.assessor),
            m.stars,
            shown(&m.code),
            m.needs,
            m.has
        )?;
    }
    for e in &p.eliminations {
        let on = shown(e.code.as_deref().unwrap_or("dossier"));
        let (who, why) = (shown(&e.assessor), shown(&e.reason));
        writeln!(out, "  eliminated: {who} — {on}: {why}")?;
    }
    Ok(())
}
