//! `ocop show ID [--revision N] [--json]`: a whole sheet with its computed result. The JSON form
//! is the sheet document the export carries (`sync::document`).

use std::io::{self, Write};

use super::{Outcome, rubric_of};
use crate::catalog::Catalog;
use crate::cli::Lang;
use crate::commands::exit;
use crate::config::Settings;
use crate::domain::rubric::{Criterion, Rubric, pick};
use crate::domain::score::{EliminationKind, Score, Standing, score, standing};
use crate::domain::sheet::{HeaderField, Mark, Sheet, SheetId, product_code_fits};
use crate::domain::text;
use crate::store::Store;
use crate::sync::document::sheet_document;

pub fn run(
    store: &Store,
    catalog: &Catalog,
    settings: &Settings,
    key: &str,
    revision: Option<u32>,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let Some(id) = find(store, key)? else {
        eprintln!("ocop: there is no sheet '{key}' (see: ocop list)");
        return Ok(exit::FAILED);
    };
    let Some(sheet) = store.sheet(&id, revision)? else {
        let r = revision.map_or(String::new(), |r| format!(" revision {r}"));
        eprintln!("ocop: there is no sheet {id}{r}");
        return Ok(exit::FAILED);
    };
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

/// A whole id, or an unambiguous start of one (ids are long to type).
fn find(store: &Store, key: &str) -> Result<Option<SheetId>, Box<dyn std::error::Error>> {
    let key = key.trim().to_ascii_uppercase();
    if let Some(id) = SheetId::parse(&key) {
        return Ok(Some(id));
    }
    let mut rows = store.summaries()?;
    rows.extend(store.trashed()?);
    let matching: Vec<SheetId> = rows
        .into_iter()
        .map(|row| row.summary.id)
        .filter(|id| !key.is_empty() && id.as_str().starts_with(&key))
        .collect();
    Ok(match matching.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    })
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
        let label = if en {
            "Evaluator's comments"
        } else {
            "Ý kiến của người đánh giá"
        };
        writeln!(out, "\n{label}:\n{}", sheet.comment)?;
    }
    Ok(())
}

fn write_head(rubric: &Rubric, sheet: &Sheet, en: bool, out: &mut dyn Write) -> io::Result<()> {
    let status = match (sheet.finished_at, en) {
        (Some(at), true) => format!("finished {}", at.format("%Y-%m-%d %H:%M")),
        (Some(at), false) => format!("hoàn thành {}", at.format("%Y-%m-%d %H:%M")),
        (None, true) => "draft".to_string(),
        (None, false) => "bản nháp".to_string(),
    };
    writeln!(out, "{} · rev {} · {status}", sheet.id, sheet.revision)?;
    if let (Some(from), Some(reason)) = (sheet.supersedes, &sheet.amend_reason) {
        writeln!(
            out,
            "{} {from}: {reason}",
            if en {
                "Amends revision"
            } else {
                "Sửa đổi lần"
            }
        )?;
    }
    writeln!(
        out,
        "{} {} · {} ({})",
        if en { "Set" } else { "Bộ" },
        rubric.set_no,
        rubric.title(en),
        rubric.id
    )?;
    for field in HeaderField::ORDER {
        let value = sheet.header.get(field);
        let warn =
            field == HeaderField::ProductCode && !value.is_empty() && !product_code_fits(&value);
        let warn = if warn { "  (≠ T-X-STT-YYYY)" } else { "" };
        writeln!(
            out,
            "{}: {value}{warn}",
            text::pad(field_label(field, en), 14)
        )?;
    }
    if let Some(reason) = &sheet.dossier_rejected {
        writeln!(
            out,
            "{}: {reason}",
            if en {
                "Dossier rejected"
            } else {
                "Hồ sơ bị loại"
            }
        )?;
    }
    if let Some(case) = sheet.case {
        writeln!(
            out,
            "{}: ({})",
            if en { "Case" } else { "Trường hợp" },
            case.number()
        )?;
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
    let chosen = match sheet.mark(&leaf.code) {
        None => return Ok(()),
        Some(Mark::Chose { option }) => leaf
            .options
            .get(usize::from(*option).wrapping_sub(1))
            .map_or(format!("#{option}"), |o| {
                pick(&o.text_vi, o.text_en.as_deref(), en).to_string()
            }),
        Some(Mark::NotMet) => (if en { "not met" } else { "không đạt" }).to_string(),
        Some(Mark::NotApplicable) => (if en {
            "not applicable"
        } else {
            "không áp dụng"
        })
        .to_string(),
        Some(Mark::Raised { reason }) => {
            format!("{}: {reason}", if en { "raised" } else { "loại" })
        }
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
    let total = if en { "Total" } else { "Tổng điểm" };
    writeln!(out, "\n{total}: {}/100 · {}★", s.total.0, s.stars)?;
    if s.stars != s.band_stars {
        let band = if en { "band" } else { "theo điểm" };
        writeln!(out, "  ({band} {}★)", s.band_stars)?;
    }
    for held in &s.held_by {
        let needs = if en { "needs" } else { "cần tiêu chí" };
        let has = if en { "has" } else { "có" };
        writeln!(
            out,
            "  {}★ {needs} {} ≥ {} ({has} {})",
            held.stars, held.code, held.needs.0, held.has.0
        )?;
    }
    for e in &s.eliminations {
        let kind = match (e.kind, en) {
            (EliminationKind::Dossier, _) => {
                if en {
                    "dossier"
                } else {
                    "hồ sơ"
                }
            }
            (EliminationKind::Elimination, true) => "eliminated",
            (EliminationKind::Elimination, false) => "loại",
            (EliminationKind::Stop, true) => "stopped",
            (EliminationKind::Stop, false) => "dừng đánh giá",
            (EliminationKind::Eligibility, true) => "not eligible",
            (EliminationKind::Eligibility, false) => "không đủ điều kiện",
        };
        let code = e.code.as_ref().map_or(String::new(), |c| format!("{c} "));
        writeln!(out, "  ✗ {code}{kind}: {}", e.reason)?;
    }
    let unanswered = s.unanswered.len();
    if unanswered > 0 {
        let label = if en { "unanswered" } else { "chưa chấm" };
        writeln!(out, "  {unanswered} {label}")?;
    }
    Ok(())
}
