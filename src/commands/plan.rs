//! `ocop plan ID [--revision N] [--json]`: what the next star needs, for the producer, in the
//! words of the interface's plan page (`ui::plan_page`); `--json` for scripts.

use std::io::Write;

use serde_json::{Value, json};

use super::Outcome;
use super::sheets::rubric_of;
use super::show::sheet_at;
use crate::commands::exit;
use ocop_catalog::Catalog;
use ocop_domain::Lang;
use ocop_domain::differ::{Difference, differences};
use ocop_domain::plan::{Plan, plan};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::Sheet;
use ocop_domain::text;
use ocop_store::Store;
use ocop_words::plan::{Kind, lines, option_text, plan_strings};
use ocop_words::selfassess::claim_words;

/// The width the text is set to, like `ocop rubric show`.
const WIDTH: usize = 78;

pub fn run(
    store: &Store,
    catalog: &Catalog,
    lang: Lang,
    (key, revision): (&str, Option<u32>),
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let sheet = sheet_at(store, key, revision)?;
    let rubric = rubric_of(catalog, store, &sheet)?;
    let plan = plan(&rubric, &sheet);
    if json {
        serde_json::to_writer_pretty(&mut *out, &as_json(&rubric, &sheet, &plan, lang))?;
        writeln!(out)?;
        return Ok(exit::OK);
    }
    let p = plan_strings(lang);
    let head = &sheet.header;
    writeln!(
        out,
        "{} · {} ({}) · {}/100 · {}★",
        p.title, head.product_name, head.product_code, plan.score.total, plan.score.stars
    )?;
    for l in lines(lang, &rubric, &plan) {
        let (first, rest) = if l.kind == Kind::Item {
            ("  ", "      ")
        } else {
            ("", "  ")
        };
        for (i, part) in text::wrap(&l.text, WIDTH - rest.len()).iter().enumerate() {
            writeln!(out, "{}{part}", if i == 0 { first } else { rest })?;
        }
    }
    write_short(&rubric, &sheet, lang, out)?;
    Ok(exit::OK)
}

/// Where the producer's claim was not met, and the claimed option's text: what would meet it.
fn write_short(
    rubric: &Rubric,
    sheet: &Sheet,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let short: Vec<Difference> = differences(rubric, sheet)
        .into_iter()
        .filter(Difference::short)
        .collect();
    if short.is_empty() {
        return Ok(());
    }
    let w = claim_words(lang);
    writeln!(out, "\n{}", (w.short)(short.len()))?;
    for d in &short {
        let Some(c) = rubric.criterion(&d.code) else {
            continue;
        };
        let given = d.given.map_or(0, |g| g.0);
        let needs = option_text(c, usize::from(d.claimed_option), lang);
        let said = (w.short_item)(d.code.as_str(), (d.claimed.0, given), needs);
        for (i, part) in text::wrap(&said, WIDTH - 6).iter().enumerate() {
            writeln!(out, "{}{part}", if i == 0 { "  " } else { "      " })?;
        }
    }
    Ok(())
}

fn as_json(rubric: &Rubric, sheet: &Sheet, plan: &Plan, lang: Lang) -> Value {
    let criterion = |code| rubric.criterion(code);
    let text = |code| criterion(code).map_or("", |c| c.text(lang));
    let option = |code, n| criterion(code).map_or("", |c| option_text(c, n, lang));
    let steps: Vec<Value> = plan
        .steps
        .iter()
        .map(|s| {
            let minimums: Vec<Value> = s
                .minimums
                .iter()
                .map(|m| {
                    json!({"code": m.code, "text": text(&m.code), "needs": m.needs.0,
                    "has": m.has.0, "option": m.option, "option_text": option(&m.code, m.option)})
                })
                .collect();
            json!({"stars": s.stars, "points_missing": s.points_missing.0, "minimums": minimums})
        })
        .collect();
    let gains: Vec<Value> = plan
        .gains
        .iter()
        .map(|g| {
            json!({"code": g.code, "text": text(&g.code), "points": g.points().0,
            "has": g.has.0, "can": g.can.0, "option": g.option,
            "option_text": option(&g.code, g.option),
            "reopens": g.reopens.iter().map(|r| json!({"code": r.code, "can": r.can.0}))
                .collect::<Vec<_>>()})
        })
        .collect();
    let short: Vec<Value> = differences(rubric, sheet)
        .into_iter()
        .filter(Difference::short)
        .map(|d| {
            let needs = rubric
                .criterion(&d.code)
                .map(|c| option_text(c, usize::from(d.claimed_option), lang));
            json!({"code": d.code, "claimed_option": d.claimed_option,
                "claimed_points": d.claimed.0, "points": d.given.map(|g| g.0), "needs": needs})
        })
        .collect();
    json!({
        "claim_short": short,
        "sheet_id": sheet.id, "revision": sheet.revision,
        "product": {"name": sheet.header.product_name, "code": sheet.header.product_code},
        "total": plan.score.total.0, "stars": plan.score.stars,
        "eliminated": plan.score.eliminated(), "steps": steps, "gains": gains,
    })
}
