//! `ocop show ID [--revision N] [--json]`: a whole sheet with its computed result. The JSON form
//! is the sheet document the export carries (`sync::document`).

use crate::error::CommandError;
use std::io::{self, Write};

use super::Outcome;
use super::sheets::rubric_of;
use crate::commands::exit;
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::claim::points_of;
use ocop_domain::rubric::{Criterion, Rubric, pick};
use ocop_domain::score::{Score, Standing, score, standing};
use ocop_domain::sheet::{HeaderField, Mark, Sheet, SheetId, product_code_fits};
use ocop_domain::text;
use ocop_export::document::sheet_document;
use ocop_store::Store;
use ocop_words::labels::{Labels, labels};
use ocop_words::selfassess::{claim_text, claim_words};

pub fn run(
    store: &Store,
    catalog: &Catalog,
    settings: &Settings,
    key: &str,
    revision: Option<u32>,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let sheet = sheet_at(store, key, revision)?;
    let id = sheet.id.clone();
    let rubric = rubric_of(catalog, store, &sheet)?;
    if json {
        let audit = store.audit(&id)?;
        let doc = sheet_document(&rubric, &sheet, &audit);
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
    } else {
        write_sheet(&rubric, &sheet, labels(settings.lang.value), out)?;
    }
    Ok(exit::OK)
}

/// The sheets an id, or the start of one, names.
pub(super) enum Match {
    One(SheetId),
    NoneFound,
    /// The start of several ids: never taken as any one of them.
    Many(Vec<SheetId>),
}

impl Match {
    /// The one sheet, or the sentence saying there is none or more than one.
    pub(super) fn one(self, key: &str) -> Result<SheetId, CommandError> {
        match self {
            Match::One(id) => Ok(id),
            Match::NoneFound => Err(said(|w| (w.no_sheet)(key))),
            Match::Many(ids) => {
                let shown: Vec<&str> = ids.iter().take(5).map(SheetId::as_str).collect();
                let more = if ids.len() > 5 { ", …" } else { "" };
                let (n, shown) = (ids.len(), shown.join(", "));
                let ids = format!("{shown}{more}");
                Err(said(|w| (w.ambiguous)(key, n, &ids)))
            }
        }
    }
}

/// The sheet `key` names (a whole id or the start of one), at `revision` or its latest; else
/// the sentence saying which is missing.
pub(super) fn sheet_at(
    store: &Store,
    key: &str,
    revision: Option<u32>,
) -> Result<ocop_domain::sheet::Sheet, CommandError> {
    let id = find(store, key)?.one(key)?;
    let Some(sheet) = store.sheet(&id, revision)? else {
        return Err(match revision {
            Some(r) => said(|w| (w.no_revision)(id.as_str(), r)),
            None => said(|w| (w.no_sheet)(id.as_str())),
        });
    };
    Ok(sheet)
}

/// A whole id, or an unambiguous start of one (ids are long to type).
pub(super) fn find(store: &Store, key: &str) -> Result<Match, CommandError> {
    let key = key.trim().to_ascii_uppercase();
    if let Some(id) = SheetId::parse(&key) {
        return Ok(Match::One(id));
    }
    let mut matching: Vec<SheetId> = store
        .ids()?
        .into_iter()
        .filter(|id| !key.is_empty() && id.as_str().starts_with(&key))
        .collect();
    Ok(match matching.len() {
        0 => Match::NoneFound,
        1 => Match::One(matching.remove(0)),
        _ => Match::Many(matching),
    })
}

fn write_sheet(rubric: &Rubric, sheet: &Sheet, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    let s = score(rubric, sheet);
    write_head(rubric, sheet, l, out)?;
    for part in &rubric.parts {
        let got = s.parts.iter().find(|p| p.code == part.code);
        let points = got.map_or(0, |p| p.points.0);
        let title = pick(&part.title_vi, part.title_en.as_deref(), l.lang);
        let head = format!("{}. {title}", part.code.letter());
        writeln!(out, "\n{} {points:>3}/{}", text::pad(&head, 70), part.max.0)?;
        for leaf in rubric.leaves().filter(|c| c.part == part.code) {
            write_answer(rubric, sheet, leaf, l, out)?;
        }
    }
    write_result(&s, l, out)?;
    if !sheet.comment.is_empty() {
        writeln!(out, "\n{}:\n{}", l.comments, sheet.comment)?;
    }
    Ok(())
}

fn write_head(rubric: &Rubric, sheet: &Sheet, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    let at = sheet.finished_at.map(|at| at.format(l.moment).to_string());
    let revision = (l.revision)(sheet.revision, at.as_deref());
    writeln!(out, "{} · {revision}", sheet.id)?;
    if let (Some(from), Some(reason)) = (sheet.supersedes, &sheet.amend_reason) {
        writeln!(out, "{}", (l.amends)(from, reason))?;
    }
    let set = (l.set)(rubric.set_no);
    writeln!(out, "{set}: {} ({})", rubric.title(l.lang), rubric.id)?;
    for field in HeaderField::ORDER {
        let value = sheet.header.get(field);
        let odd =
            field == HeaderField::ProductCode && !value.is_empty() && !product_code_fits(&value);
        let warn = if odd { "  (≠ T-X-STT-YYYY)" } else { "" };
        let label = text::pad(l.field(field), 14);
        writeln!(out, "{label}: {value}{warn}")?;
    }
    if let Some(reason) = &sheet.dossier_rejected {
        writeln!(out, "{}: {reason}", l.dossier_rejected)?;
    }
    if let Some(case) = sheet.case {
        writeln!(out, "{}", (l.case)(case.number()))?;
    }
    if let Some(sa) = &sheet.self_assessment {
        let w = claim_words(l.lang);
        let sha = &sa.sha256[..sa.sha256.len().min(12)];
        writeln!(out, "{}", (w.imported)(&sa.file, sha, sa.claims.len()))?;
    }
    Ok(())
}

/// "◇ Tự đánh giá: mức 3 (4 điểm) — description · Minh chứng: evidence", under the answer.
fn write_claim(
    rubric: &Rubric,
    sheet: &Sheet,
    leaf: &Criterion,
    l: &Labels,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(claim) = sheet
        .self_assessment
        .as_ref()
        .and_then(|sa| sa.claims.get(&leaf.code))
    else {
        return Ok(());
    };
    let points = points_of(rubric, &leaf.code, claim.option).map_or(0, |p| p.0);
    let (what, proof) = (&claim.description, &claim.evidence);
    let said = claim_text(l.lang, (claim.option, points), what, proof);
    for line in text::wrap(&said, 68) {
        writeln!(out, "      {line}")?;
    }
    Ok(())
}

/// One leaf: its code and text, what was chosen and its points, and the note.
fn write_answer(
    rubric: &Rubric,
    sheet: &Sheet,
    leaf: &Criterion,
    l: &Labels,
    out: &mut dyn Write,
) -> io::Result<()> {
    let points = match standing(rubric, sheet, leaf) {
        Standing::Scored(p) => format!("{:>3}", p.0),
        Standing::Unanswered => "  ·".into(),
        Standing::NotApplicable => "n/a".into(),
        Standing::Raised => "  ✗".into(),
    };
    let head = format!("  {} {}", leaf.code, leaf.text(l.lang));
    writeln!(out, "{} {points}", text::pad(&head, 70))?;
    if let Some(mark) = sheet.mark(&leaf.code) {
        write_mark(leaf, mark, l, out)?;
    }
    write_claim(rubric, sheet, leaf, l, out)?;
    // A note is shown on an unanswered criterion too: what was seen is never hidden.
    let note = sheet.note(&leaf.code);
    if !note.is_empty() {
        for line in text::wrap(&format!("✎ {note}"), 68) {
            writeln!(out, "      {line}")?;
        }
    }
    Ok(())
}

/// "→ the option chosen", wrapped under the criterion.
fn write_mark(leaf: &Criterion, mark: &Mark, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    let chosen = match mark {
        Mark::Chose { option } => {
            let o = leaf.options.get(usize::from(*option).wrapping_sub(1));
            o.map_or(format!("#{option}"), |o| {
                pick(&o.text_vi, o.text_en.as_deref(), l.lang).into()
            })
        }
        Mark::NotMet => l.not_met.to_string(),
        Mark::NotApplicable => l.not_applicable.to_string(),
        Mark::Raised { reason } => format!("{}: {reason}", l.raised),
    };
    for line in text::wrap(&format!("→ {chosen}"), 68) {
        writeln!(out, "      {line}")?;
    }
    Ok(())
}

fn write_result(s: &Score, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    // An eliminated product is rated at no level: its stars would mislead.
    if s.eliminated() {
        writeln!(out, "\n{}: {}/100 · {}", l.total, s.total.0, l.not_rated)?;
    } else {
        writeln!(out, "\n{}: {}/100 · {}★", l.total, s.total.0, s.stars)?;
    }
    if s.stars != s.band_stars && !s.eliminated() {
        writeln!(out, "  ({})", (l.band)(s.band_stars))?;
    }
    for h in &s.held_by {
        let held = (l.held)(h.stars, h.code.as_str(), h.needs.0, h.has.0);
        writeln!(out, "  {held}")?;
    }
    for e in &s.eliminations {
        let code = e.code.as_ref().map_or(String::new(), |c| format!("{c} "));
        writeln!(out, "  ✗ {code}{}: {}", l.kind(e.kind), e.reason)?;
    }
    if !s.unanswered.is_empty() {
        writeln!(out, "  {}: {}", l.unanswered, s.unanswered.len())?;
    }
    Ok(())
}
