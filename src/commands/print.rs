//! `ocop print ID [--revision N] [-o FILE]`: the printable sheet of any sheet in the data
//! folder, draft included (marked "NHÁP"), as one HTML page on stdout or into FILE. A finished
//! revision prints exactly as the `.html` sync writes beside its file (in Vietnamese).

use std::io::Write;
use std::path::Path;

use super::Outcome;
use super::sheets::rubric_of;
use super::show::sheet_at;
use crate::commands::exit;
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_domain::Lang;
use ocop_export::document::{canonical_bytes, sheet_document};
use ocop_export::printed::printed_html;
use ocop_print::{Printable, sheet_html};
use ocop_store::Store;

pub fn run(
    store: &Store,
    catalog: &Catalog,
    lang: Lang,
    (key, revision): (&str, Option<u32>),
    to: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let sheet = sheet_at(store, key, revision)?;
    let id = sheet.id.clone();
    let rubric = rubric_of(catalog, store, &sheet)?;
    let html = if sheet.is_finished() {
        let document = canonical_bytes(&sheet_document(&rubric, &sheet, &store.audit(&id)?));
        let sig = store.signature(&id, sheet.revision)?;
        printed_html(&rubric, &sheet, &document, sig.as_deref(), lang)
    } else {
        let p = Printable {
            rubric: &rubric,
            sheet: &sheet,
            signature: None,
            source: None,
            prepared: None,
        };
        sheet_html(&p, lang)
    };
    match to {
        None => out.write_all(html.as_bytes())?,
        Some(path) => {
            std::fs::write(path, html.as_bytes()).map_err(|e| said(|w| (w.unwritable)(path, &e)))?
        }
    }
    Ok(exit::OK)
}
