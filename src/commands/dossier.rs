//! `ocop dossier ID --reject WHY | --withdraw`: records on a draft that the product's dossier
//! is rejected (the product is then eliminated), or withdraws that, with its audit event, as
//! `D` on the interface's review does.

use std::io::Write;

use super::Outcome;
use super::sheets::rubric_of;
use crate::commands::exit;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::edit::{self, By};
use ocop_domain::summary::Summary;
use ocop_store::Store;

pub fn run(
    (store, catalog): (&mut Store, &Catalog),
    settings: &Settings,
    key: &str,
    rejected: Option<String>,
    out: &mut dyn Write,
) -> Outcome {
    let mut sheet = super::show::sheet_at(store, key, None)?;
    let rubric = rubric_of(catalog, store, &sheet)?;
    let by = By {
        actor: settings.assessor_name().unwrap_or("ocop"),
        at: chrono::Local::now().fixed_offset(),
    };
    let event = edit::set_dossier(&mut sheet, rejected, by)?;
    store.save(&sheet, &Summary::of(&rubric, &sheet), &event)?;
    let labels = ocop_words::labels::labels(settings.lang.value);
    let state = match &sheet.dossier_rejected {
        Some(why) => format!("{}: {why}", labels.dossier_rejected),
        None => labels.dossier_accepted.to_string(),
    };
    writeln!(out, "{} {}: {state}", sheet.id, sheet.header.product_name)?;
    Ok(exit::OK)
}
