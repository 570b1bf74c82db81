//! `ocop show ID [--revision N] [--json]`: a whole sheet with its computed result. The JSON form
//! is the sheet document the export carries (`sync::document`).

use crate::error::CommandError;
use std::io::{self, Write};

use super::{Outcome, rubric_of};
use crate::commands::exit;
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::rubric::{Criterion, Rubric, pick};
use ocop_domain::score::{EliminationKind, Score, Standing, score, standing};
use ocop_domain::sheet::{HeaderField, Mark, Sheet, SheetId, product_code_fits};
use ocop_domain::text;
use ocop_export::document::sheet_document;
use ocop_store::Store;

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
        let en = settings.lang.value == Lang::En;
        write_sheet(&rubric, &sheet, en, out)?;
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
            Match::NoneFound => Err(said(
                format!("không có phiếu nào có mã '{key}' (xem: ocop list)"),
                format!("there is no sheet '{key}' (see: ocop list)"),
            )),
            Match::Many(ids) => {
                let shown: Vec<&str> = ids.iter().take(5).map(SheetId::as_str).collect();
                let more = if ids.len() > 5 { ", …" } else { "" };
                let (n, shown) = (ids.len(), shown.join(", "));
                Err(said(
                    format!(
                        "'{key}' là phần đầu mã của {n} phiếu ({shown}{more}); hãy gõ thêm ký tự \
                         của mã"
                    ),
                    format!(
                        "'{key}' starts the ids of {n} sheets ({shown}{more}); type more of the id"
                    ),
                ))
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
            Some(r) => said(
                format!("phiếu {id} không có phiên bản {r} (xem: ocop show {id})"),
                format!("there is no sheet {id} revision {r} (see: ocop show {id})"),
            ),
            None => said(
                format!("không có phiếu {id} (xem: ocop list)"),
                format!("there is no sheet {id} (see: ocop list)"),
            ),
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

/// The label in the language asked for.
fn tr(en: bool, english: &'static str, vietnamese: &'static str) -> &'static str {
    if en { english } else { vietnamese }
}

fn write_sheet(rubric: &Rubric, sheet: &Sheet, en: bool, out: &mut dyn Write) -> io::Result<()> {
    let s = score(rubric, sheet);
    write_head(rubric, sheet, en, out)?;
    for part in &rubric.parts {
        let got = s.parts.iter().find(|p| p.code == part.code);
        let points = got.map_or(0, |p| p.points.0);
        let title = pick(&part.title_vi, part.title_en.as_deref(), en);
        let head = format!("{}. {title}", part.code.letter());
        writeln!(out, "\n{} {points:>3}/{}", text::pad(&head, 70), part.max.0)?;
        for leaf in rubric.leaves().filter(|c| c.part == part.code) {
            write_answer(rubric, sheet, leaf, en, out)?;
        }
    }
    write_result(&s, en, out)?;
    if !sheet.comment.is_empty() {
        let label = tr(en, "Evaluator's comments", "Ý kiến của người đánh giá");
        writeln!(out, "\n{label}:\n{}", sheet.comment)?;
    }
    Ok(())
}

fn write_head(rubric: &Rubric, sheet: &Sheet, en: bool, out: &mut dyn Write) -> io::Result<()> {
    let status = match sheet.finished_at {
        Some(at) => format!(
            "{} {}",
            tr(en, "finished", "hoàn thành"),
            at.format("%Y-%m-%d %H:%M")
        ),
        None => tr(en, "draft", "bản nháp").to_string(),
    };
    writeln!(out, "{} · rev {} · {status}", sheet.id, sheet.revision)?;
    if let (Some(from), Some(reason)) = (sheet.supersedes, &sheet.amend_reason) {
        let amends = tr(en, "Amends revision", "Sửa đổi lần");
        writeln!(out, "{amends} {from}: {reason}")?;
    }
    let set = tr(en, "Set", "Bộ");
    let title = rubric.title(en);
    writeln!(out, "{set} {} · {title} ({})", rubric.set_no, rubric.id)?;
    for field in HeaderField::ORDER {
        let value = sheet.header.get(field);
        let odd =
            field == HeaderField::ProductCode && !value.is_empty() && !product_code_fits(&value);
        let warn = if odd { "  (≠ T-X-STT-YYYY)" } else { "" };
        let label = text::pad(field_label(field, en), 14);
        writeln!(out, "{label}: {value}{warn}")?;
    }
    if let Some(reason) = &sheet.dossier_rejected {
        writeln!(
            out,
            "{}: {reason}",
            tr(en, "Dossier rejected", "Hồ sơ bị loại")
        )?;
    }
    if let Some(case) = sheet.case {
        writeln!(out, "{}: ({})", tr(en, "Case", "Trường hợp"), case.number())?;
    }
    Ok(())
}

fn field_label(field: HeaderField, en: bool) -> &'static str {
    match (field, en) {
        (HeaderField::ProductName, true) => "Product",
        (HeaderField::ProductName, false) => "Sản phẩm",
        (HeaderField::Producer, true) => "Producer",
        (HeaderField::Producer, false) => "Chủ thể",
        (HeaderField::ProductCode, true) => "Product code",
        (HeaderField::ProductCode, false) => "Mã sản phẩm",
        (HeaderField::Phone, true) => "Phone",
        (HeaderField::Phone, false) => "Điện thoại",
        (HeaderField::Address, true) => "Address",
        (HeaderField::Address, false) => "Địa chỉ",
        (HeaderField::Assessor, true) => "Assessor",
        (HeaderField::Assessor, false) => "Người đánh giá",
        (HeaderField::Council, true) => "Council",
        (HeaderField::Council, false) => "Hội đồng",
        (HeaderField::Date, true) => "Date",
        (HeaderField::Date, false) => "Ngày",
    }
}

/// One leaf: its code and text, what was chosen and its points, and the note.
fn write_answer(
    rubric: &Rubric,
    sheet: &Sheet,
    leaf: &Criterion,
    en: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let points = match standing(rubric, sheet, leaf) {
        Standing::Scored(p) => format!("{:>3}", p.0),
        Standing::Unanswered => "  ·".into(),
        Standing::NotApplicable => "n/a".into(),
        Standing::Raised => "  ✗".into(),
    };
    let head = format!("  {} {}", leaf.code, leaf.text(en));
    writeln!(out, "{} {points}", text::pad(&head, 70))?;
    let Some(mark) = sheet.mark(&leaf.code) else {
        return Ok(());
    };
    let chosen = match mark {
        Mark::Chose { option } => {
            let o = leaf.options.get(usize::from(*option).wrapping_sub(1));
            o.map_or(format!("#{option}"), |o| {
                pick(&o.text_vi, o.text_en.as_deref(), en).into()
            })
        }
        Mark::NotMet => tr(en, "not met", "không đạt").to_string(),
        Mark::NotApplicable => tr(en, "not applicable", "không áp dụng").to_string(),
        Mark::Raised { reason } => format!("{}: {reason}", tr(en, "raised", "loại")),
    };
    for line in text::wrap(&format!("→ {chosen}"), 68) {
        writeln!(out, "      {line}")?;
    }
    let note = sheet.note(&leaf.code);
    if !note.is_empty() {
        for line in text::wrap(&format!("✎ {note}"), 68) {
            writeln!(out, "      {line}")?;
        }
    }
    Ok(())
}

fn write_result(s: &Score, en: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\n{}: {}/100 · {}★",
        tr(en, "Total", "Tổng điểm"),
        s.total.0,
        s.stars
    )?;
    if s.stars != s.band_stars {
        writeln!(out, "  ({} {}★)", tr(en, "band", "theo điểm"), s.band_stars)?;
    }
    let (needs, has) = (tr(en, "needs", "cần tiêu chí"), tr(en, "has", "có"));
    for h in &s.held_by {
        let (stars, code, min, got) = (h.stars, &h.code, h.needs.0, h.has.0);
        writeln!(out, "  {stars}★ {needs} {code} ≥ {min} ({has} {got})")?;
    }
    for e in &s.eliminations {
        let kind = match e.kind {
            EliminationKind::Dossier => tr(en, "dossier", "hồ sơ"),
            EliminationKind::Elimination => tr(en, "eliminated", "loại"),
            EliminationKind::Stop => tr(en, "stopped", "dừng đánh giá"),
            EliminationKind::Eligibility => tr(en, "not eligible", "không đủ điều kiện"),
            EliminationKind::StopOnZero => tr(en, "0 points, stopped", "0 điểm, dừng đánh giá"),
        };
        let code = e.code.as_ref().map_or(String::new(), |c| format!("{c} "));
        writeln!(out, "  ✗ {code}{kind}: {}", e.reason)?;
    }
    if !s.unanswered.is_empty() {
        let label = tr(en, "unanswered", "chưa chấm");
        writeln!(out, "  {} {label}", s.unanswered.len())?;
    }
    Ok(())
}
