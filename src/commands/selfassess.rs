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
use ocop_domain::edit::By;
use ocop_domain::summary::Summary;
use ocop_store::Store;
use ocop_words::Say;
use ocop_words::command::command_words;
use ocop_words::selfassess::claim_words;

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
    let w = claim_words(lang);
    let line = (w.template_written)(no, title, criteria, &shown.to_string());
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
            writeln!(out, "{}", (claim_words(lang).same_file)(&kept.file))?;
            return Ok(exit::OK);
        }
        if !replace {
            let sha = &kept.sha256[..kept.sha256.len().min(12)];
            eprintln!("ocop: {}", (claim_words(lang).held_file)(&kept.file, sha));
            return Ok(exit::FAILED);
        }
    }
    let by = By {
        actor: settings.assessor_name().unwrap_or("ocop"),
        at: now,
    };
    let n = imported.assessment.claims.len();
    let attached = ocop_selfassess::attach(&mut sheet, imported, by)?;
    for event in &attached.events {
        store.save(&sheet, &Summary::of(&rubric, &sheet), event)?;
    }
    let (w, labels) = (claim_words(lang), ocop_words::labels::labels(lang));
    for (field, file, held) in &attached.kept {
        writeln!(out, "{}", (w.header_kept)(labels.field(*field), file, held))?;
    }
    let line = (w.taken)(sheet.id.as_str(), &sheet.header.product_name, n);
    writeln!(out, "{line}")?;
    Ok(exit::OK)
}
