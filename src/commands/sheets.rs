//! `ocop list | restore`: the sheets of the data folder, given the store `dispatch` opens; and
//! `rubric_of`, the rubric a sheet was scored on, for every command that shows a sheet.

use crate::error::CommandError;
use std::borrow::Cow;
use std::io::Write;

use serde_json::json;

use crate::cli::StatusFilter;
use crate::commands::exit;
use crate::error::said;
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::audit::{AuditEvent, Change};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Sheet, Status};
use ocop_domain::summary::Summary;
use ocop_domain::text;
use ocop_domain::text::safe::shown;
use ocop_store::{Listed, Store, SyncState};

use super::Outcome;
use ocop_domain::Lang;
use ocop_words::command::{CommandWords, command_words};

/// `ocop config`, which needs neither the store nor the rubrics.
/// The rubric a sheet was scored on (see `Catalog::rubric_of`).
pub fn rubric_of<'a>(
    catalog: &'a Catalog,
    store: &Store,
    sheet: &Sheet,
) -> Result<Cow<'a, Rubric>, CommandError> {
    Ok(catalog.rubric_of(sheet, |sha| store.rubric_text(sha))?)
}

pub fn list(
    store: &Store,
    (filter, as_json): (StatusFilter, bool),
    lang: Lang,
    out: &mut dyn Write,
) -> Outcome {
    let listed = match filter {
        StatusFilter::Trash => store.trashed()?,
        _ => store.summaries()?,
    };
    let rows: Vec<Listed> = listed
        .into_iter()
        .filter(|row| match filter {
            StatusFilter::All | StatusFilter::Trash => true,
            StatusFilter::Draft => row.summary.status == Status::Draft,
            StatusFilter::Finished => row.summary.status == Status::Finished,
        })
        .collect();
    if as_json {
        let rows: Vec<_> = rows.iter().map(row_json).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        write_table(&rows, command_words(lang), out)?;
    }
    Ok(exit::OK)
}

/// Takes a draft out of the trash, recording who did it and when.
pub fn restore(store: &mut Store, settings: &Settings, key: &str, out: &mut dyn Write) -> Outcome {
    let trashed = store.trashed()?;
    let found = match super::show::find(store, key)? {
        super::show::Match::One(id) => trashed.into_iter().find(|row| row.summary.id == id),
        super::show::Match::NoneFound => None,
        // Several: `one` says which, as an error.
        many @ super::show::Match::Many(_) => {
            many.one(key)?;
            None
        }
    };
    let Some(row) = found else {
        return Err(said(|w| (w.no_trashed)(key)));
    };
    let event = AuditEvent {
        sheet_id: row.summary.id.clone(),
        revision: row.summary.revision,
        at: chrono::Local::now().fixed_offset(),
        actor: settings.assessor_name().unwrap_or("ocop").to_string(),
        change: Change::Restored,
    };
    store.restore(&row.summary.id, &event)?;
    writeln!(out, "{} {}", row.summary.id, row.summary.product_name)?;
    Ok(exit::OK)
}

fn row_json(row: &Listed) -> serde_json::Value {
    let s = &row.summary;
    json!({
        "id": s.id.as_str(),
        "revision": s.revision,
        "status": s.status,
        "set_id": s.set_id,
        "set_no": s.set_no,
        "product_name": s.product_name,
        "product_code": s.product_code,
        "producer": s.producer,
        "answered": s.answered,
        "applicable": s.applicable,
        "total": s.total,
        "stars": s.stars,
        "eliminated": s.eliminated,
        "updated_at": s.updated_at.to_rfc3339(),
        "sync": sync_word(&row.sync),
    })
}

pub(crate) fn sync_word(sync: &SyncState) -> &'static str {
    match sync {
        SyncState::Draft => "draft",
        SyncState::Waiting => "waiting",
        SyncState::Synced { .. } => "synced",
        SyncState::Conflict { .. } => "conflict",
    }
}

fn write_table(rows: &[Listed], w: &CommandWords, out: &mut dyn Write) -> std::io::Result<()> {
    let h = w.list_head;
    let head = columns([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]]);
    writeln!(out, "{}", head.trim_end())?;
    for row in rows {
        writeln!(out, "{}", table_row(&row.summary, w))?;
    }
    Ok(())
}

/// One row, cut and padded by display cells so Vietnamese text keeps the columns.
fn table_row(s: &Summary, w: &CommandWords) -> String {
    let status = match s.status {
        Status::Draft => w.draft,
        Status::Finished => w.finished,
    };
    let stars = match s.eliminated {
        true => w.eliminated.to_string(),
        false => "★".repeat(usize::from(s.stars)),
    };
    let (revision, set) = (s.revision.to_string(), s.set_no.to_string());
    let (done, total) = (
        format!("{}/{}", s.answered, s.applicable),
        s.total.to_string(),
    );
    let updated = s.updated_at.format("%Y-%m-%d %H:%M").to_string();
    let (product, code) = (shown(&s.product_name), shown(&s.product_code));
    columns([
        s.id.as_str(),
        &revision,
        status,
        &product,
        &code,
        &set,
        &done,
        &total,
        &stars,
        &updated,
    ])
}

/// The list's columns, each cut or padded to its width in display cells; numbers to the right.
fn columns(c: [&str; 10]) -> String {
    format!(
        "{} {} {} {} {} {} {} {} {} {}",
        text::pad(c[0], 26),
        text::pad_left(c[1], 3),
        text::pad(c[2], 8),
        text::pad(c[3], 30),
        text::pad(c[4], 16),
        text::pad_left(c[5], 3),
        text::pad_left(c[6], 7),
        text::pad_left(c[7], 5),
        text::pad(c[8], 5),
        c[9],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_catalog::check;
    use ocop_domain::edit::{self, By};
    use ocop_domain::sheet::{Header, SheetId};

    /// A sheet started on a rubric the catalog no longer ships is scored on the stored text.
    #[test]
    fn rubric_of_falls_back_to_the_stored_text() {
        let catalog = Catalog::builtin();
        let text = catalog.text("rau-cu-qua-hat-tuoi").expect("text").replace(
            "title_vi = \"Rau, củ, quả, hạt tươi\"",
            "title_vi = \"Rau, củ, quả, hạt tươi (bản tỉnh)\"",
        );
        let old = check::parse(&text).expect("parse");
        assert!(catalog.by_sha256(&old.sha256).is_none());
        let mut store = Store::in_memory().expect("store");
        let at = chrono::Local::now().fixed_offset();
        let id = SheetId::parse("01JF0000000000000000000000").expect("id");
        let mut sheet = Sheet::new(id, &old, Header::default(), at);
        let event = edit::created(&mut sheet, By { actor: "An", at });
        let summary = Summary::of(&old, &sheet);
        store
            .create(&sheet, &text, &summary, &event)
            .expect("create");
        let rubric = rubric_of(&catalog, &store, &sheet).expect("rubric");
        assert_eq!(rubric.title_vi, "Rau, củ, quả, hạt tươi (bản tỉnh)");
        assert!(matches!(rubric, Cow::Owned(_)));
    }
}
