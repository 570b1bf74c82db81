//! `ocop certify DIR …` records a certificate in the export folder; `ocop due [DIR]` lists the
//! products whose rating falls due: from the folder's council results and certificates (the
//! province: each product's stars as the council gives them, from signed sheets whose
//! figures follow from their answers), or from this data folder's finished sheets (the
//! assessor's own).

use crate::error::{CommandError, said};
use ocop_domain::text::safe::shown;
use ocop_words::due::{DueWords, due_words};

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::json;

use crate::commands::exit;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::due::{
    Basis, DueState, Evaluation, Issued, ProductDue, RERATE_MONTHS, Rounds, products,
};
use ocop_domain::sheet::Status;
use ocop_domain::text;
use ocop_export::certificate::{self, Certificate};
use ocop_export::folder::Put;
use ocop_export::province::Pin;
use ocop_reports::council;
use ocop_sign::Signer;
use ocop_store::Store;
use ocop_words::command::command_words;

use super::Outcome;

/// `ocop due [DIR] [--within DAYS] [--json]`.
pub fn due(
    settings: &Settings,
    (dir, catalog, pin): (Option<&Path>, &Catalog, Option<&Pin>),
    (within, json): (Option<i64>, bool),
    out: &mut dyn Write,
) -> Outcome {
    let w = due_words(settings.lang.value);
    if let Some(days) = within.filter(|d| *d < 0) {
        eprintln!("ocop: {}", (w.negative_within)(days));
        return Ok(exit::USAGE);
    }
    let list = match dir {
        Some(dir) if !dir.is_dir() => {
            eprintln!("ocop: {}", shown(&(w.missing)(dir)));
            return Ok(exit::FAILED);
        }
        Some(dir) => from_folder(dir, (catalog, pin), settings.lang.value)?,
        None => from_store(&Store::open(&settings.data_dir.value)?)?,
    };
    let today = chrono::Local::now().date_naive();
    let list: Vec<ProductDue> = list
        .into_iter()
        .filter(|p| within.is_none_or(|days| !opens_later(p, today, days)))
        .collect();
    print(&list, (today, &settings.rounds), (w, json), out)?;
    Ok(exit::OK)
}

/// `ocop certify DIR …`, signed by the province's key.
pub fn certify(
    dir: &Path,
    (cert, signer): (&Certificate, &Signer),
    lang: Lang,
    out: &mut dyn Write,
) -> Outcome {
    checked(cert, chrono::Local::now().date_naive())?;
    let name = format!("certificates/{}", cert.file_name());
    let line = match certificate::record(dir, cert, signer)? {
        Put::Written => (command_words(lang).recorded)(&name),
        Put::AlreadyThere => (command_words(lang).already_recorded)(&name),
    };
    writeln!(out, "{line}")?;
    Ok(exit::OK)
}

/// A certificate is one the province has issued: dated today or before (its product code is
/// checked where it is recorded, `certificate::record`).
fn checked(cert: &Certificate, today: NaiveDate) -> Result<(), CommandError> {
    if cert.issued_on > today {
        let (date, today) = (cert.issued_on.to_string(), today.to_string());
        return Err(said(|w| (w.certificate_in_future)(&date, &today)));
    }
    Ok(())
}

/// Whether the product's dossier window opens more than `days` from today.
fn opens_later(p: &ProductDue, today: NaiveDate, days: i64) -> bool {
    matches!(p.due.state(today), DueState::NotYet { opens_in } if opens_in > days)
}

/// The whole province: each product's council result (the day of its latest counted sheet),
/// and the certificates.
fn from_folder(
    dir: &Path,
    (catalog, pin): (&Catalog, Option<&Pin>),
    lang: Lang,
) -> Result<Vec<ProductDue>, CommandError> {
    let asked = council::Asked {
        pin,
        ..council::Asked::all(catalog)
    };
    let review = council::review(dir, asked)?;
    super::province::notices(dir, &review, lang);
    let evaluations: Vec<Evaluation> = review
        .products
        .into_iter()
        .filter_map(|p| {
            let on = p.members.iter().filter_map(|m| m.evaluated_on).max()?;
            Some(Evaluation {
                on,
                product_code: p.product_code,
                product_name: p.product_name,
                stars: p.stars,
                eliminated: p.eliminated,
                finished_at: None,
            })
        })
        .collect();
    let (certificates, problems) = certificate::read_all(dir, pin)?;
    for (path, why) in problems {
        eprintln!("ocop: {}: {}", shown(&path), shown(why.said(lang)));
    }
    let issued: Vec<Issued> = certificates
        .into_iter()
        .map(|c| Issued {
            product_code: c.product_code,
            stars: c.stars,
            on: c.issued_on,
        })
        .collect();
    Ok(products(&evaluations, &issued, RERATE_MONTHS))
}

/// The assessor's own finished sheets, from this data folder.
fn from_store(store: &Store) -> Result<Vec<ProductDue>, CommandError> {
    let mut evaluations = Vec::new();
    for row in store.summaries()? {
        if row.summary.status != Status::Finished {
            continue;
        }
        let Some(sheet) = store.sheet(&row.summary.id, None)? else {
            continue;
        };
        let finished = sheet.finished_at.unwrap_or(sheet.updated_at).date_naive();
        evaluations.push(Evaluation {
            product_code: row.summary.product_code,
            product_name: row.summary.product_name,
            stars: row.summary.stars,
            eliminated: row.summary.eliminated,
            on: sheet.header.evaluated_on.unwrap_or(finished),
            finished_at: sheet.finished_at,
        });
    }
    Ok(products(&evaluations, &[], RERATE_MONTHS))
}

fn state_key(state: DueState) -> &'static str {
    match state {
        DueState::NotYet { .. } => "not_yet",
        DueState::Open { .. } => "window_open",
        DueState::Missed { .. } => "window_missed",
        DueState::Expired { .. } => "expired",
    }
}

fn print(
    list: &[ProductDue],
    (today, rounds): (NaiveDate, &Rounds),
    (w, as_json): (&DueWords, bool),
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if as_json {
        let rows: Vec<_> = list
            .iter()
            .map(|p| {
                let state = p.due.state(today);
                json!({
                    "product_code": p.product_code, "product_name": p.product_name,
                    "stars": p.stars, "rated_on": p.due.rated_on,
                    "basis": if p.due.basis == Basis::Certificate { "certificate" } else { "estimated" },
                    "expires": p.due.expires, "window_opens": p.due.window_opens,
                    "window_closes": p.due.window_closes, "state": state_key(state),
                    "rerated": p.rerated.as_ref().map(|r| json!({
                        "on": r.on, "stars": r.stars, "eliminated": r.eliminated,
                    })),
                    "round": p.due.round(today, rounds).map(|r| json!({
                        "number": r.number, "forward_by": r.forward_by,
                        "evaluated_by": r.evaluated_by,
                    })),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let head = w.head;
    let row = |cells: [&str; 6]| {
        format!(
            "{} {} {} {} {} {}",
            text::pad(cells[0], 16),
            text::pad(&text::fit(cells[1], 16), 16),
            text::pad(cells[2], 3),
            text::pad(cells[3], 11),
            text::pad(cells[4], 10),
            cells[5]
        )
    };
    writeln!(out, "{}", row(head).trim_end())?;
    for p in list {
        // "~" marks a date estimated from the latest evaluation, not a recorded certificate.
        let mark = if p.due.basis == Basis::Estimated {
            "~"
        } else {
            " "
        };
        let rated = format!("{}{mark}", p.due.rated_on);
        let stars = format!("{}★", p.stars);
        let expires = p.due.expires.to_string();
        let mut state = (w.state)(p.due.state(today));
        if let Some(r) = p.due.round(today, rounds) {
            let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
            let round = (w.round)(r.number, &day(r.forward_by), &day(r.evaluated_by));
            state = format!("{state} · {round}");
        }
        if let Some(r) = &p.rerated {
            let stars = (!r.eliminated).then_some(r.stars);
            state = format!("{state} · {}", (w.rerated)(&r.on.to_string(), stars));
        }
        let cells = [
            p.product_code.as_str(),
            &p.product_name,
            &stars,
            &rated,
            &expires,
            &state,
        ];
        writeln!(out, "{}", row(cells).trim_end())?;
    }
    if list.iter().any(|p| p.due.basis == Basis::Estimated) {
        writeln!(out, "{}", w.estimated)?;
    }
    Ok(())
}
