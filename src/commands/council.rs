//! `ocop council DIR`: each product's members, means, spread and stars, in the format asked
//! for; `report` writes it to a file, or prints the HTML report.

use std::io::Write;
use std::path::Path;

use super::sync::not_a_folder;
use crate::cli::CouncilFormat;
use crate::commands::exit;
use crate::commands::progress;
use crate::error::{CommandError, said};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::text::safe::shown;
use ocop_reports::council;
use ocop_words::command::command_words;

mod report;
pub use report::council_to_file;

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
    let pin = super::province::pin(settings)?;
    let asked = council::Asked {
        product: ask.product,
        max_spread: ask.max_spread,
        include_unsigned: ask.include_unsigned,
        catalog,
        pin: pin.as_ref(),
    };
    let (review, tendencies) = progress::shown(lang, label, |counted| match ask.format {
        CouncilFormat::Html => report::review_of(dir, asked, counted),
        _ => Ok((council::review_counted(dir, asked, counted)?, Vec::new())),
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
            let report = report::Report {
                review: &review,
                tendencies: &tendencies,
            };
            report::write(settings, catalog, report, &ask, out)?
        }
    }
    if review.unreadable.is_empty() {
        return Ok(exit::OK);
    }
    for why in &review.unreadable {
        let dir = dir.display().to_string();
        eprintln!("ocop: {}: {}", shown(&dir), shown(why.said(lang)));
    }
    let n = review.unreadable.len();
    eprintln!("ocop: {}", shown(&(command_words(lang).left_out)(n, dir)));
    Ok(exit::FAILED)
}
