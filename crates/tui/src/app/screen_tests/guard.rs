//! Keys that must not change data: on a screen too small to show it, and the amend of a
//! finished sheet before it is confirmed; and a full disk, told in the interface's language.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{screen_text, view};
use crate::app::harness::Harness;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{Ask, Notice, Popup, Screen, Stopped};
use ocop_domain::Lang;
use ocop_domain::sheet::Status;

fn tea(lang: Lang) -> Harness {
    let mut h = Harness::new(lang).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h
}

#[test]
fn below_80_by_24_no_key_answers_a_criterion() {
    let mut h = tea(Lang::Vi);
    let first = view(&h).current.clone();
    h.state.too_small = true;
    for key in ['1', '2', '0', 'x', 'e', 'r', ':', 'q'] {
        h.key(KeyCode::Char(key));
    }
    h.key(KeyCode::Enter);
    assert!(
        view(&h).sheet.answers.is_empty(),
        "an answer was given blind"
    );
    assert_eq!(view(&h).current, first);
    assert_eq!(h.state.popup, None);
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Edit { .. })),
        "no edit was asked for"
    );
    // Back at 80×24 the same key answers.
    h.state.too_small = false;
    h.key(KeyCode::Char('1'));
    assert!(view(&h).sheet.answers.contains_key(&first));
}

#[test]
fn below_80_by_24_ctrl_c_still_quits() {
    let mut h = tea(Lang::Vi);
    h.state.too_small = true;
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.state.done());
}

/// A finished tea sheet, on its review.
fn finished(lang: Lang) -> Harness {
    let mut h = tea(lang);
    h.answer_all_and_finish();
    assert_eq!(view(&h).sheet.status, Status::Finished);
    h
}

#[test]
fn a_search_typed_on_a_finished_sheet_does_not_amend_it() {
    let mut h = finished(Lang::Vi);
    // Meant for the list's search: `a`, then "tra", then Enter.
    h.key(KeyCode::Char('a'));
    h.type_text("tra");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.state.popup,
        Some(Popup::Confirm(Ask::Amend {
            revision: 2,
            reason: "tra".into()
        }))
    );
    assert!(
        screen_text(&h).contains("Mở phiên bản 2"),
        "{}",
        screen_text(&h)
    );
    assert!(!h.effects.iter().any(|e| matches!(e, Effect::Amend { .. })));
    h.key(KeyCode::Esc);
    let v = view(&h);
    assert_eq!((v.sheet.revision, v.sheet.status), (1, Status::Finished));
    assert_eq!(h.state.popup, None);
}

#[test]
fn an_amend_confirmed_opens_revision_2() {
    let mut h = finished(Lang::En);
    h.key(KeyCode::Char('a'));
    h.type_text("wrong points on 1.1");
    h.key(KeyCode::Enter);
    assert!(screen_text(&h).contains("Open revision 2"));
    h.key(KeyCode::Char('y'));
    let v = view(&h);
    assert_eq!((v.sheet.revision, v.sheet.status), (2, Status::Draft));
}

#[test]
fn a_full_disk_is_said_with_the_folder_and_stops_until_a_restart() {
    let mut h = tea(Lang::Vi);
    let before = view(&h).sheet.clone();
    let first = view(&h).current.clone();
    h.key(KeyCode::Char('1'));
    // What the loop sends when the answer's flush met a full disk.
    h.send(Msg::DiskFull {
        sheet: Some(Box::new(before.clone())),
    });
    assert!(!view(&h).sheet.answers.contains_key(&first));
    assert_eq!(h.state.notice, Some(Notice::DiskFull));
    assert_eq!(h.state.stopped, Some(Stopped::DiskFull));
    let text = screen_text(&h);
    assert!(text.contains("Ổ đĩa đầy (~/ocop-data)"), "{text}");
    // redb's later "Previous I/O error" is the same full disk.
    h.send(Msg::Failed(
        "the database failed: Previous I/O error".into(),
    ));
    assert_eq!(h.state.notice, Some(Notice::DiskFull));
}

#[test]
fn a_full_disk_in_english() {
    let mut h = tea(Lang::En);
    h.send(Msg::DiskFull { sheet: None });
    let text = screen_text(&h);
    assert!(text.contains("Disk full (~/ocop-data)"), "{text}");
}

#[test]
fn an_amended_sheet_finished_again_counts_once_as_waiting() {
    let mut h = finished(Lang::En);
    h.key(KeyCode::Char('a'));
    h.type_text("wrong points");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    assert_eq!(
        (view(&h).sheet.revision, view(&h).sheet.status),
        (2, Status::Finished)
    );
    assert_eq!(
        h.ctx.store.waiting().expect("waiting").len(),
        2,
        "two revisions wait"
    );
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.screen, Screen::List(_)));
    assert_eq!(h.state.rows.len(), 1);
    assert_eq!(h.state.waiting, 1, "one sheet waits, as the list shows");
    assert!(screen_text(&h).contains("1 waiting for sync"));
}

#[test]
fn a_finished_sheet_once_synced_no_longer_says_it_waits() {
    let mut h = finished(Lang::En);
    assert_eq!(h.state.notice, Some(Notice::Finished));
    let export = tempfile::tempdir().expect("export");
    h.ctx.export_dir = Some(export.path().to_path_buf());
    // What the loop's sync timer runs.
    h.run(vec![Effect::Sync { asked: false }]);
    let text = screen_text(&h);
    assert!(text.contains("Synced "), "{text}");
    assert!(!text.contains("waits for sync"), "{text}");
}
