//! The council screen and the finished sheet's sync line, through `update` and the harness
//! (in-memory store, no terminal).

use crossterm::event::KeyCode;

use crate::app::harness::{Harness, sample_council};
use crate::app::msg::{Effect, Msg};
use crate::app::state::{CouncilView, Notice, Screen, SheetView, SyncProblem};
use crate::app::update::update;
use ocop_domain::Lang;
use ocop_store::SyncState;

fn harness() -> Harness {
    Harness::new(Lang::Vi).expect("harness")
}

/// A tea sheet with a product code, back on the list.
fn sheet_with_code(h: &mut Harness, code: &str) {
    h.new_sheet_filled(
        "che tuoi",
        &["Chè Shan tuyết Xuân Sơn", "HTX Xuân Sơn", code],
    );
    h.key(KeyCode::Esc);
}

fn council(h: &Harness) -> &CouncilView {
    match &h.state.screen {
        Screen::Council(v) => v,
        other => panic!("not on the council screen: {other:?}"),
    }
}

fn sheet(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

#[test]
fn c_asks_for_the_council_of_the_code_under_the_cursor() {
    let mut h = harness();
    sheet_with_code(&mut h, "25-7912-01-2026");
    assert!(matches!(h.state.screen, Screen::List(_)));
    let effects = update(&mut h.state, Msg::Council);
    assert_eq!(effects, vec![Effect::Council("25-7912-01-2026".into())]);
}

#[test]
fn without_an_export_folder_the_council_is_a_notice_not_a_screen() {
    let mut h = harness();
    sheet_with_code(&mut h, "25-7912-01-2026");
    h.key(KeyCode::Char('c'));
    assert_eq!(h.state.notice, Some(Notice::NoExportDir));
    assert!(matches!(h.state.screen, Screen::List(_)));
}

#[test]
fn a_sheet_without_a_product_code_has_no_council() {
    let mut h = harness();
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.key(KeyCode::Esc);
    let effects = update(&mut h.state, Msg::Council);
    assert!(effects.is_empty());
    assert_eq!(h.state.notice, Some(Notice::NoProductCode));
    assert!(matches!(h.state.screen, Screen::List(_)));
}

#[test]
fn nothing_in_the_folder_for_the_code_is_a_notice() {
    let mut h = harness();
    let code = "25-7912-01-2026".to_string();
    let reply = Msg::CouncilReviewed {
        code: code.clone(),
        review: None,
    };
    assert!(update(&mut h.state, reply).is_empty());
    assert_eq!(h.state.notice, Some(Notice::NoCouncil(code)));
    assert!(matches!(h.state.screen, Screen::List(_)));
}

#[test]
fn the_council_screen_scrolls_within_its_rows_and_esc_returns_to_the_same_row() {
    let mut h = harness();
    sheet_with_code(&mut h, "25-7912-01-2026");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Down);
    let list_before = h.state.screen.clone();
    let mut review = sample_council();
    // Enough disagreements that the rows do not fit at 80×24.
    let extra = review.disagreements.clone();
    for _ in 0..4 {
        review.disagreements.extend(extra.clone());
    }
    let reply = Msg::CouncilReviewed {
        code: review.product_code.clone(),
        review: Some(Box::new(review)),
    };
    update(&mut h.state, reply);
    assert_eq!(council(&h).scroll, 0);
    let last = council(&h).body_rows() - 21;
    for _ in 0..40 {
        h.key(KeyCode::Down);
    }
    assert_eq!(council(&h).scroll, last, "stops where the last row shows");
    h.key(KeyCode::Up);
    assert_eq!(council(&h).scroll, last - 1);
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.state.screen, Screen::Council(_)),
        "help closes first"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, list_before);
}

#[test]
fn a_council_that_fits_does_not_scroll() {
    let mut h = harness();
    let review = sample_council();
    update(
        &mut h.state,
        Msg::CouncilReviewed {
            code: review.product_code.clone(),
            review: Some(Box::new(review)),
        },
    );
    h.key(KeyCode::Down);
    assert_eq!(council(&h).scroll, 0);
}

/// A tea sheet answered in full and finished: the finished view is open.
fn finished(h: &mut Harness) {
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.answer_all_and_finish();
}

#[test]
fn a_finished_sheet_shows_its_sync_state_from_open_to_synced() {
    let mut h = harness();
    finished(&mut h);
    assert!(sheet(&h).read_only());
    assert_eq!(sheet(&h).sync, SyncState::Waiting, "loaded after finishing");
    let (id, revision) = (sheet(&h).sheet.id.clone(), sheet(&h).sheet.revision);
    let folder = tempfile::tempdir().expect("tempdir");
    h.ctx.export_dir = Some(folder.path().to_path_buf());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Enter);
    assert_eq!(sheet(&h).sync, SyncState::Waiting, "loaded on open");
    // The background timer's sync, while the sheet stays open.
    h.run(vec![Effect::Sync { asked: false }]);
    assert!(h.effects.contains(&Effect::LoadSyncState { id, revision }));
    let SyncState::Synced { file, at } = &sheet(&h).sync else {
        panic!("not synced: {:?}", sheet(&h).sync);
    };
    assert_eq!(*at, h.now);
    assert!(
        file.starts_with("sheets/") && file.ends_with(".r1.json"),
        "{file}"
    );
    assert!(folder.path().join(file).is_file(), "relative to the folder");
}

#[test]
fn a_sync_state_for_another_revision_is_ignored() {
    let mut h = harness();
    finished(&mut h);
    let id = sheet(&h).sheet.id.clone();
    let other = Msg::SyncStateLoaded {
        id,
        revision: 2,
        sync: SyncState::Conflict {
            message: "x".into(),
        },
        signed: None,
    };
    update(&mut h.state, other);
    assert_eq!(sheet(&h).sync, SyncState::Waiting);
}

#[test]
fn a_sync_while_a_draft_is_open_reloads_only_the_list() {
    let mut h = harness();
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    let done = Msg::Synced {
        written: 0,
        waiting: 0,
        problem: None,
        asked: false,
    };
    assert_eq!(update(&mut h.state, done), vec![Effect::LoadList]);
    assert_eq!(sheet(&h).sync, SyncState::Draft);
}

#[test]
fn a_host_that_cannot_be_reached_over_ssh_is_named_in_the_status_line() {
    let mut h = harness();
    finished(&mut h);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let target = format!("ssh://127.0.0.1:{port}/srv/ocop-export");
    h.ctx.export_dir = Some(std::path::PathBuf::from(target));
    h.run(vec![Effect::Sync { asked: true }]);
    let Some(SyncProblem::Remote(problem)) = &h.state.sync_problem else {
        panic!("{:?}", h.state.sync_problem);
    };
    // Without ssh installed the reason is that; either way it is the interface's words.
    let words = ocop_words::Say::say(problem, Lang::Vi);
    assert!(
        words.contains("127.0.0.1") || words.contains("ssh"),
        "{words}"
    );
    assert_eq!(h.state.waiting, 1, "the sheet still waits");
    assert_eq!(sheet(&h).sync, SyncState::Waiting);
}
