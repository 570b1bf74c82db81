//! `ocop debug-record-answers` (hidden): the crash test's child. It creates a sheet and records
//! answers one at a time, each in its own durable transaction, and prints a line for each only
//! after the store has committed it. The parent kills it at random and checks every printed
//! answer is in the store.

use crate::error::said;
use std::io::Write;

use chrono::Local;

use super::Outcome;
use crate::commands::exit;
use ocop_catalog::Catalog;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Criterion;
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_store::Store;

/// Prints `sheet ID`, then `answer ID SEQ CODE OPTION` per committed answer, where SEQ is the
/// answer's event's position in the sheet's audit trail. With `hold`, after `count` answers
/// it waits, the store open, for the parent to kill it: the crash then comes with exactly
/// those answers since the store opened, none of them yet checkpointed.
pub fn record_answers(
    store: &mut Store,
    catalog: &Catalog,
    (count, hold): (usize, bool),
    out: &mut dyn Write,
) -> Outcome {
    let rubrics = catalog.all()?;
    let rubric = rubrics
        .first()
        .ok_or_else(|| said(|w| w.no_rubric.into()))?;
    let text = catalog
        .text(&rubric.id)
        .ok_or_else(|| said(|w| w.no_rubric_text.into()))?;
    let header = Header {
        product_name: "Chè Shan tuyết (crash test)".into(),
        producer: "HTX Thử nghiệm".into(),
        ..Header::default()
    };
    let id = SheetId::parse(&ulid::Ulid::new().to_string())
        .ok_or_else(|| said(|w| w.no_sheet_id.into()))?;
    let mut sheet = Sheet::new(id, rubric, header, Local::now().fixed_offset());
    let by = || By {
        actor: "crash-test",
        at: Local::now().fixed_offset(),
    };
    let event = edit::created(&mut sheet, by());
    store.create(&sheet, text, &Summary::of(rubric, &sheet), &event)?;
    writeln!(out, "sheet {}", sheet.id)?;
    out.flush()?;
    let leaves: Vec<&Criterion> = rubric.leaves().collect();
    for n in 0..count {
        let leaf = leaves[n % leaves.len()];
        // Cycle through the options so a later answer differs from the earlier one.
        let option = 1 + (n / leaves.len()) % leaf.options.len().max(1);
        let mark = Mark::Chose {
            option: u8::try_from(option).unwrap_or(1),
        };
        let event = edit::set_mark(&mut sheet, &leaf.code, Some(mark), by())?;
        store.save(&sheet, &Summary::of(rubric, &sheet), &event)?;
        writeln!(out, "answer {} {} {} {option}", sheet.id, n + 1, leaf.code)?;
        out.flush()?;
    }
    if hold {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    Ok(exit::OK)
}
