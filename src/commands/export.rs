//! `ocop sync | verify | council`: the export folder from scripts and cron. Each prints to the
//! writer it is given and returns the exit code: sync 0 when nothing is left waiting and 3
//! while some sheets wait; verify 0 when the folder is sound and 1 otherwise.

use std::io::Write;
use std::path::Path;

use crate::cli::CouncilFormat;
use crate::commands::exit;
use crate::commands::progress;
use crate::error::{CommandError, Voice, said};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::text::safe::shown;
use ocop_export::verify;
use ocop_reports::council;
use ocop_store::Store;
use ocop_transport::{Target, sync_to_counted};
use ocop_words::command::command_words;

mod council_report;
pub use council_report::council_to_file;

pub fn sync(
    settings: &Settings,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    let Some(dir) = &settings.export_dir.value else {
        return Err(said(|w| w.no_export_dir.into()));
    };
    let target = Target::of(dir)?;
    let mut store = Store::open(&settings.data_dir.value)?;
    let lang = settings.lang.value;
    let now = chrono::Local::now().fixed_offset();
    let label = command_words(lang).syncing;
    let report = progress::shown(lang, label, |counted| {
        sync_to_counted(&mut store, catalog, &target, now, counted)
    });
    if let Some(e) = report.store_error {
        return Err(e.into());
    }
    // Each reason is worded in the interface's language (a host's over SSH too).
    let voice = Voice {
        lang,
        data_dir: Some(&settings.data_dir.value),
    };
    for sheet in report.waiting() {
        let why = sheet.why().map(|e| voice.sentence(e)).unwrap_or_default();
        let product = match sheet.product.as_str() {
            "" => String::new(),
            name => format!(" ({name})"),
        };
        writeln!(out, "{} r{}{product}: {why}", sheet.id, sheet.revision)?;
    }
    if let Some(e) = &report.summary_error {
        writeln!(out, "summary.csv: {}", voice.sentence(e))?;
    }
    let waiting = report.waiting().count();
    let synced = report.sheets.len() - waiting;
    // With nothing waiting the folder is not looked at; a missing one is still said, not
    // hidden behind "0 waiting".
    let local_missing =
        matches!(&target, Target::Local(d) if !ocop_export::folder::folder_reachable(d));
    if waiting == 0 && local_missing {
        return Err(missing_export(dir));
    }
    let written = report.written();
    eprintln!("{}", (command_words(lang).synced)(synced, written, waiting));
    Ok(if waiting == 0 {
        exit::OK
    } else {
        exit::WAITING
    })
}

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
    let verdict = progress::shown(lang, label, |counted| {
        verify::verify_counted(dir, catalog, counted)
    })?;
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

/// What `ocop council` was asked for.
pub struct Ask<'a> {
    pub product: Option<&'a str>,
    pub format: CouncilFormat,
    pub max_spread: u16,
    pub include_unsigned: bool,
}

/// The review in the format asked for. Files that could not be read are each told on stderr,
/// with the fact that the figures leave them out, and the exit is 1: a member may be missing.
/// A product code that matches nothing is told as that, not as an empty folder.
pub fn council(
    settings: &Settings,
    catalog: &Catalog,
    dir: &Path,
    ask: Ask<'_>,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    if !dir.is_dir() {
        return Err(not_a_folder(dir));
    }
    let lang = settings.lang.value;
    let label = command_words(lang).reading;
    let (review, tendencies) = progress::shown(lang, label, |counted| match ask.format {
        CouncilFormat::Html => council_report::review_of(dir, &ask, counted),
        _ => {
            let (product, unsigned) = (ask.product, ask.include_unsigned);
            let review = council::review_counted(dir, product, ask.max_spread, unsigned, counted)?;
            Ok((review, Vec::new()))
        }
    })?;
    if let (Some(code), true) = (ask.product, review.products.is_empty()) {
        return Err(said(|w| (w.no_product)(code, dir)));
    }
    council::render::not_counted(&review, (ask.format, ask.include_unsigned), lang)?;
    match ask.format {
        CouncilFormat::Table => council::render::table(&review, ask.max_spread, lang, out)?,
        CouncilFormat::Csv => council::render::csv(&review, out)?,
        CouncilFormat::Json => council::render::json(&review, out)?,
        CouncilFormat::Html => {
            let report = council_report::Report {
                review: &review,
                tendencies: &tendencies,
            };
            council_report::write(settings, catalog, report, &ask, out)?
        }
    }
    if review.unreadable.is_empty() {
        return Ok(exit::OK);
    }
    for why in &review.unreadable {
        eprintln!("ocop: {}: {}", dir.display(), shown(why.said(lang)));
    }
    let n = review.unreadable.len();
    eprintln!("ocop: {}", (command_words(lang).left_out)(n, dir));
    Ok(exit::FAILED)
}

fn missing_export(dir: &Path) -> CommandError {
    said(|w| (w.export_missing)(dir))
}

fn not_a_folder(dir: &Path) -> CommandError {
    said(|w| (w.not_a_folder)(dir))
}
