//! The place file is outside data: anyone with the account can write `ocop.place`. Whatever
//! it holds, a start resumes a sheet the list has, on a criterion that is scored, with a clean
//! note of bounded length, or opens the list; and the screen draws.

use crossterm::event::KeyCode;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::harness::Harness;
use crate::app::session::Session;
use crate::app::state::Screen;
use ocop_domain::Lang;
use ocop_domain::text::NOTE_MAX_CHARS;
use ocop_store::place::{PLACE_FILE, Place, PlaceFile};

/// A tea sheet made and left for the list, and its id.
fn tea_on_the_list() -> (Harness, String) {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    let Screen::Sheet(v) = &h.state.screen else {
        panic!("not on the sheet");
    };
    let id = v.sheet.id.to_string();
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.screen, Screen::List(_)));
    (h, id)
}

/// Starts a session on `dir` as the loop does: reopen, then resume; then draws at 80×24.
fn start_on(h: &mut Harness, dir: &std::path::Path) {
    let session = Session::start(dir, "Nguyễn Văn An");
    if let Some(reopen) = session.reopen(&h.state) {
        h.run(vec![reopen]);
        session.resume(&mut h.state);
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::ui::view(&h.state, f))
        .expect("draw");
}

fn checked(h: &Harness) {
    let Screen::Sheet(v) = &h.state.screen else {
        return;
    };
    let leaf = v.rubric.criterion(&v.current).is_some_and(|c| c.is_leaf());
    assert!(leaf, "resumed on {}", v.current);
    if let Some(note) = &v.note {
        let text = note.field.value();
        assert!(text.chars().count() <= NOTE_MAX_CHARS);
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
}

fn criterion() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1.2".to_string()),
        Just("A".to_string()),
        Just("1".to_string()),
        Just("99.9".to_string()),
        Just(String::new()),
        ".{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_place_resumes_a_scored_criterion_with_a_clean_note_or_opens_the_list(
        real_sheet in any::<bool>(),
        junk_sheet in ".{0,30}",
        criterion in criterion(),
        note in proptest::option::of(".{0,3000}"),
    ) {
        let (mut h, id) = tea_on_the_list();
        let dir = tempfile::tempdir().expect("tempdir");
        let place = Place {
            sheet: if real_sheet { id } else { junk_sheet },
            criterion,
            note,
        };
        PlaceFile::open(dir.path()).expect("open").write(Some(&place)).expect("write");
        start_on(&mut h, dir.path());
        checked(&h);
    }

    #[test]
    fn any_bytes_as_the_place_file_open_the_list_or_a_sheet(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let (mut h, _) = tea_on_the_list();
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(PLACE_FILE), bytes).expect("write");
        start_on(&mut h, dir.path());
        checked(&h);
    }
}
