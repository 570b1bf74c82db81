//! `ocop self template SET [-o FILE]` and `ocop self import FILE --sheet ID [--replace]`: the
//! producer's self-assessment (Mẫu số 02) as a workbook to fill, and the filled workbook read
//! back onto a draft, every refused cell named.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use super::rubric::find;
use super::sheets::rubric_of;
use crate::commands::exit;
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::audit::AuditEvent;
use ocop_domain::edit::{self, By};
use ocop_domain::sheet::Sheet;
use ocop_domain::summary::Summary;
use ocop_selfassess::Imported;
use ocop_store::Store;
use ocop_words::command::command_words;
use ocop_words::{Say, pick};

/// Writes the template of a set into `to`, or `tu-danh-gia-<set>.xlsx` here.
pub fn template(
    catalog: &Catalog,
    lang: Lang,
    (key, to): (&str, Option<&Path>),
    out: &mut dyn Write,
) -> Outcome {
    let Some(rubric) = find(catalog, key) else {
        writeln!(out, "{}", (command_words(lang).no_set)(key))?;
        return Ok(exit::FAILED);
    };
    let path = to.map_or_else(
        || PathBuf::from(format!("tu-danh-gia-{}.xlsx", rubric.id)),
        Path::to_path_buf,
    );
    let bytes = ocop_selfassess::template(rubric).map_err(|e| {
        let e = std::io::Error::other(e.to_string());
        said(|w| (w.unwritable)(&path, &e))
    })?;
    ocop_export::replace::replace(&path, &bytes)
        .map_err(|e| said(|w| (w.unwritable)(&path, &e)))?;
    let criteria = rubric.leaves().count();
    let (no, title, shown) = (rubric.set_no, rubric.title(lang), path.display());
    let line = pick(
        lang,
        format!("đã ghi mẫu tự đánh giá bộ {no} ({title}), {criteria} tiêu chí: {shown}"),
        format!(
            "wrote the self-assessment template of set {no} ({title}), {criteria} criteria: {shown}"
        ),
    );
    writeln!(out, "{line}")?;
    Ok(exit::OK)
}

/// Reads `file` onto the draft `key`; with a self-assessment already there, only when
/// `replace`.
pub fn import(
    (store, catalog): (&mut Store, &Catalog),
    settings: &Settings,
    (file, key, replace): (&Path, &str, bool),
    out: &mut dyn Write,
) -> Outcome {
    let lang = settings.lang.value;
    let mut sheet = super::show::sheet_at(store, key, None)?;
    let rubric = rubric_of(catalog, store, &sheet)?;
    let now = chrono::Local::now().fixed_offset();
    let imported = match ocop_selfassess::import(file, &rubric, sheet.case, now) {
        Ok(imported) => imported,
        Err(refused) => {
            for r in &refused {
                eprintln!("ocop: {}: {}", file.display(), r.say(lang));
            }
            return Ok(exit::FAILED);
        }
    };
    if let Some(kept) = &sheet.self_assessment {
        if kept.sha256 == imported.assessment.sha256 {
            writeln!(out, "{}", same(lang, &kept.file))?;
            return Ok(exit::OK);
        }
        if !replace {
            eprintln!("ocop: {}", held(lang, &kept.file, &kept.sha256));
            return Ok(exit::FAILED);
        }
    }
    let by = By {
        actor: settings.assessor_name().unwrap_or("ocop"),
        at: now,
    };
    let n = imported.assessment.claims.len();
    for event in attach(&mut sheet, imported, by, out, lang)? {
        store.save(&sheet, &Summary::of(&rubric, &sheet), &event)?;
    }
    let product = &sheet.header.product_name;
    let line = pick(
        lang,
        format!(
            "{} {product}: đã nhận tự đánh giá của chủ thể, {n} tiêu chí",
            sheet.id
        ),
        format!(
            "{} {product}: the producer's self-assessment taken, {n} criteria",
            sheet.id
        ),
    );
    writeln!(out, "{line}")?;
    Ok(exit::OK)
}

/// The edits: the self-assessment, then each header field the sheet left empty. A field the
/// sheet already holds is kept, and a different value in the file is said.
fn attach(
    sheet: &mut Sheet,
    imported: Imported,
    by: By<'_>,
    out: &mut dyn Write,
    lang: Lang,
) -> Result<Vec<AuditEvent>, crate::error::CommandError> {
    let mut events = vec![edit::set_self_assessment(
        sheet,
        Some(imported.assessment),
        by,
    )?];
    let labels = ocop_words::labels::labels(lang);
    for (field, value) in imported.header {
        let held = sheet.header.get(field);
        if held.trim().is_empty() {
            events.push(edit::set_header(sheet, field, &value, by)?);
        } else if held != value {
            let name = labels.field(field);
            let line = pick(
                lang,
                format!("{name}: tệp ghi \"{value}\", phiếu giữ \"{held}\""),
                format!("{name}: the file says \"{value}\", the sheet keeps \"{held}\""),
            );
            writeln!(out, "{line}")?;
        }
    }
    Ok(events)
}

fn same(lang: Lang, file: &str) -> String {
    pick(
        lang,
        format!("phiếu đã có đúng tệp này ({file}): không đổi"),
        format!("the sheet already holds this very file ({file}): nothing changed"),
    )
}

fn held(lang: Lang, file: &str, sha: &str) -> String {
    let sha = &sha[..sha.len().min(12)];
    pick(
        lang,
        format!(
            "phiếu đã có tự đánh giá từ {file} (SHA-256 {sha}…), khác tệp này: thêm --replace để thay"
        ),
        format!(
            "the sheet already holds a self-assessment from {file} (SHA-256 {sha}…), another file: add --replace to replace it"
        ),
    )
}
