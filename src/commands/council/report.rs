//! `ocop council --format html` and `--output FILE`: the printable council report, and any
//! format written to a file whole (temporary file, flushed, renamed) instead of standard
//! output.

use crate::error::CommandError;

use std::io::{self, Write};
use std::path::Path;

use super::{Ask, council};
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_export::progress::Counter;
use ocop_export::replace::replace;
use ocop_export::scan::ReadError;
use ocop_reports::council::tendency::{self, Tendency};
use ocop_reports::council::{self as review, Council, html};
use ocop_words::command::command_words;
use ocop_words::labels::labels;

/// A review and the members' tendencies measured across the whole folder.
pub(super) struct Report<'a> {
    pub review: &'a Council,
    pub tendencies: &'a [Tendency],
}

/// The whole folder's review, for the tendencies, then only the product asked for, if any.
pub(super) fn review_of(
    dir: &Path,
    asked: review::Asked<'_>,
    counted: &Counter,
) -> Result<(Council, Vec<Tendency>), ReadError> {
    let whole_folder = review::Asked {
        product: None,
        ..asked
    };
    let mut whole = review::review_counted(dir, whole_folder, counted)?;
    let tendencies = tendency::tendencies(&whole);
    if let Some(code) = asked.product {
        whole.products.retain(|p| p.product_code == code);
        whole.not_counted.retain(|n| n.product_code == code);
    }
    Ok((whole, tendencies))
}

pub(super) fn write(
    settings: &Settings,
    catalog: &Catalog,
    report: Report<'_>,
    ask: &Ask<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = settings.lang.value;
    let today = chrono::Local::now().date_naive();
    let made_on = today.format(labels(lang).day).to_string();
    let page = html::Page {
        council: report.review,
        tendencies: report.tendencies,
        catalog,
        lang,
        max_spread: ask.max_spread,
        include_unsigned: ask.include_unsigned,
        made_on: &made_on,
    };
    html::write(&page, out)
}

/// The review made whole in memory, then put in place at `file`: an interrupted run leaves
/// the file that was there before, never half a report.
pub fn council_to_file(
    settings: &Settings,
    catalog: &Catalog,
    dir: &Path,
    ask: Ask<'_>,
    file: &Path,
) -> Result<u8, CommandError> {
    let mut bytes = Vec::new();
    let code = council(settings, catalog, dir, ask, &mut bytes)?;
    if let Err(e) = replace(file, &bytes) {
        return Err(said(|w| (w.unwritable)(file, &e)));
    }
    let wrote = (command_words(settings.lang.value).wrote)(file);
    eprintln!("ocop: {}", ocop_domain::text::safe::shown(&wrote));
    Ok(code)
}
