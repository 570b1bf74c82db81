//! `ocop verify DIR`: every check of an export folder, each problem on a line; the exit is 0
//! when the folder is sound and 1 otherwise.

use std::io::Write;
use std::path::Path;

use super::sync::not_a_folder;
use crate::commands::exit;
use crate::commands::progress;
use crate::error::CommandError;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_export::verify;
use ocop_words::command::command_words;

pub fn verify(
    settings: &Settings,
    dir: &Path,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    if !dir.is_dir() {
        return Err(not_a_folder(dir));
    }
    let lang = settings.lang.value;
    let label = command_words(lang).verifying;
    let pin = super::province::pin(settings)?;
    let verdict = progress::shown(lang, label, |counted| {
        verify::verify_counted(dir, (catalog, pin.as_ref()), counted)
    })?;
    if pin.is_none() {
        super::province::unpinned(dir, lang);
    }
    for problem in &verdict.problems {
        writeln!(out, "{}", problem.said(lang))?;
    }
    let (n, p) = (verdict.sheets, verdict.problems.len());
    eprintln!("{}", (command_words(lang).verified)(n, p));
    Ok(if verdict.problems.is_empty() {
        exit::OK
    } else {
        exit::FAILED
    })
}
