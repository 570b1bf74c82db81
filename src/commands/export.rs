//! `ocop sync | verify | council`: the export folder from scripts and cron. Each prints to the
//! writer it is given and returns the exit code: sync 0 when nothing is left waiting and 3
//! while some sheets wait; verify 0 when the folder is sound and 1 otherwise.

use std::error::Error;
use std::io::Write;
use std::path::Path;

use crate::catalog::Catalog;
use crate::cli::{Command, CouncilFormat};
use crate::commands::exit;
use crate::commands::say::Say;
use crate::config::Settings;
use crate::store::{OpenError, Store};
use crate::sync::{council, sync_all, verify};

/// Why `ocop sync` cannot start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncCommandError {
    #[error(
        "no export folder is set: give it with --export-dir DIR, the OCOP_EXPORT_DIR \
         environment variable, or export_dir in the config file"
    )]
    NoExportDir,
}

pub fn run(
    settings: &Settings,
    catalog: Catalog,
    command: &Command,
    out: &mut dyn Write,
) -> Result<u8, Box<dyn Error>> {
    match command {
        Command::Sync => sync(settings, &catalog, out),
        Command::Verify { dir } => verify(dir, &catalog, out),
        Command::Council {
            dir,
            product,
            format,
            max_spread,
        } => council(dir, product.as_deref(), *format, *max_spread, out),
        _ => Err("not an export command".into()),
    }
}

fn sync(settings: &Settings, catalog: &Catalog, out: &mut dyn Write) -> Result<u8, Box<dyn Error>> {
    let Some(dir) = &settings.export_dir.value else {
        return Err(SyncCommandError::NoExportDir.into());
    };
    let mut store = match Store::open(&settings.data_dir.value) {
        Ok(store) => store,
        Err(e @ OpenError::Locked { .. }) => {
            Say::of(settings).error(&e);
            return Ok(exit::USAGE);
        }
        Err(e) => return Err(e.into()),
    };
    let report = sync_all(
        &mut store,
        catalog,
        dir,
        chrono::Local::now().fixed_offset(),
    );
    if let Some(e) = &report.store_error {
        return Err(e.clone().into());
    }
    for sheet in report.waiting() {
        let why = sheet.why().unwrap_or_default();
        let product = match sheet.product.as_str() {
            "" => String::new(),
            name => format!(" ({name})"),
        };
        writeln!(out, "{} r{}{product}: {why}", sheet.id, sheet.revision)?;
    }
    if let Some(e) = &report.summary_error {
        writeln!(out, "summary.csv: {e}")?;
    }
    let waiting = report.waiting().count();
    let synced = report.sheets.len() - waiting;
    eprintln!(
        "synced {synced} ({} written), {waiting} waiting",
        report.written()
    );
    Ok(if waiting == 0 {
        exit::OK
    } else {
        exit::WAITING
    })
}

fn verify(dir: &Path, catalog: &Catalog, out: &mut dyn Write) -> Result<u8, Box<dyn Error>> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", dir.display()).into());
    }
    let verdict = verify::verify(dir, catalog)?;
    for problem in &verdict.problems {
        writeln!(out, "{problem}")?;
    }
    eprintln!(
        "{} sheet files checked, {} problems",
        verdict.sheets,
        verdict.problems.len()
    );
    Ok(if verdict.problems.is_empty() {
        exit::OK
    } else {
        exit::FAILED
    })
}

fn council(
    dir: &Path,
    product: Option<&str>,
    format: CouncilFormat,
    max_spread: u16,
    out: &mut dyn Write,
) -> Result<u8, Box<dyn Error>> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", dir.display()).into());
    }
    let review = council::review(dir, product, max_spread)?;
    match format {
        CouncilFormat::Table => council::render::table(&review, max_spread, out)?,
        CouncilFormat::Csv => council::render::csv(&review, out)?,
        CouncilFormat::Json => council::render::json(&review, out)?,
    }
    Ok(exit::OK)
}
