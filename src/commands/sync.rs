//! `ocop sync`: the waiting sheets into the export folder, from scripts and cron. The exit is
//! 0 when nothing is left waiting and 3 while some sheets wait.

use std::io::Write;
use std::path::Path;

use crate::commands::exit;
use crate::commands::progress;
use crate::error::{CommandError, Voice, said};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_store::Store;
use ocop_transport::{Target, sync_to_counted};
use ocop_words::command::command_words;

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
    let (written, files) = (report.written(), report.files_written());
    eprintln!(
        "{}",
        (command_words(lang).synced)(synced, written, files, waiting)
    );
    Ok(if waiting == 0 {
        exit::OK
    } else {
        exit::WAITING
    })
}

fn missing_export(dir: &Path) -> CommandError {
    said(|w| (w.export_missing)(dir))
}

pub(super) fn not_a_folder(dir: &Path) -> CommandError {
    said(|w| (w.not_a_folder)(dir))
}
