//! What signing adds to finishing a sheet: the finished document built and signed (with the
//! SHA-256 of the revision it amends, the heavier case), against the durable transaction that
//! stores it. Measured on amendments of full demo sheets, each finished as the interface does.

use std::io;
use std::time::Instant;

use ocop_assess::commands::sheets::rubric_of;
use ocop_catalog::Catalog;
use ocop_domain::edit::{self, By};
use ocop_domain::summary::Summary;
use ocop_export::signature::seal_sheet;
use ocop_store::Store;

use crate::measure::{Bench, Row, median, ms, row, worst};
use crate::steps::copy_data;

pub fn finishing(bench: &Bench) -> io::Result<Vec<Row>> {
    let data = copy_data(bench, &bench.finished, "finish-signed")?;
    let mut store = Store::open(&data).map_err(io::Error::other)?;
    let catalog = Catalog::builtin();
    let signer = ocop_sign::seeded(&[3; 32], "bench");
    let (mut signing, mut storing) = (Vec::new(), Vec::new());
    let ids: Vec<_> = store.summaries().map_err(io::Error::other)?;
    for listed in ids.iter().take(40) {
        let first = store
            .sheet(&listed.summary.id, None)
            .map_err(io::Error::other)?
            .ok_or_else(|| io::Error::other("sheet not found"))?;
        let rubric = rubric_of(&catalog, &store, &first)
            .map_err(|e| io::Error::other(e.to_string()))?
            .into_owned();
        let by = By {
            actor: "bench",
            at: chrono::Local::now().fixed_offset(),
        };
        let (mut draft, event) = edit::amend(&first, "bench", by);
        let summary = Summary::of(&rubric, &draft);
        store
            .amend(&draft, &summary, &event)
            .map_err(io::Error::other)?;
        let event = edit::finish(&mut draft, by).map_err(io::Error::other)?;
        let started = Instant::now();
        let mut audit = store.audit(&draft.id).map_err(io::Error::other)?;
        audit.push(event.clone());
        let sig = seal_sheet(&signer, "bench", &rubric, &mut draft, Some(&first), &audit)
            .map_err(io::Error::other)?;
        signing.push(ms(started.elapsed()));
        let started = Instant::now();
        let summary = Summary::of(&rubric, &draft);
        store
            .finish(&draft, &summary, &event, Some(&sig))
            .map_err(io::Error::other)?;
        storing.push(ms(started.elapsed()));
    }
    drop(store);
    std::fs::remove_dir_all(data)?;
    Ok(vec![row(
        "finish an amendment: what signing adds (documents of N and N+1, Ed25519) (the durable finish itself)",
        format!("{:.2} ms ({:.2} ms)", median(&signing), median(&storing)),
        format!("{:.2} ms ({:.2} ms)", worst(&signing), worst(&storing)),
        "≤ 1 ms median",
        Some(median(&signing) <= 1.0),
    )])
}
