//! What a field does not keep is told: a note cut at its bound (at the bound nothing is said),
//! line breaks made spaces, and invisible or bidirectional characters refused at entry, each
//! with a notice in the interface's language on the status line.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::field::{Loss, TextEdit};
use crate::app::harness::{Harness, sample_council};
use crate::app::msg::Msg;
use crate::app::state::{Notice, Screen};
use crate::app::update::update;
use ocop_domain::Lang;
use ocop_domain::rubric::Code;
use ocop_domain::sheet::HeaderField;
use ocop_domain::text::NOTE_MAX_CHARS;

fn screen(h: &Harness) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::ui::view(&h.state, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

fn note(h: &Harness) -> String {
    match &h.state.screen {
        Screen::Sheet(v) => v.sheet.note(&Code::new("1.1")).to_string(),
        other => panic!("not on a sheet: {other:?}"),
    }
}

/// A new tea sheet with its note editor open on the first criterion, and `text` pasted.
fn paste_note(lang: Lang, text: &str) -> Harness {
    let mut h = Harness::new(lang).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.key(KeyCode::Char('e'));
    h.send(Msg::Text(TextEdit::Paste(text.to_string())));
    h
}

#[test]
fn a_note_at_its_limit_is_kept_whole_without_a_word() {
    let mut h = paste_note(Lang::Vi, &"ạ".repeat(NOTE_MAX_CHARS));
    assert_eq!(h.state.notice, None);
    h.key(KeyCode::Esc);
    assert_eq!(note(&h).chars().count(), NOTE_MAX_CHARS);
}

#[test]
fn a_note_one_past_its_limit_is_cut_and_the_assessor_told() {
    let mut h = paste_note(Lang::Vi, &"ạ".repeat(NOTE_MAX_CHARS + 1));
    let cut = Loss {
        cut_at: Some(NOTE_MAX_CHARS),
        ..Loss::default()
    };
    assert_eq!(h.state.notice, Some(Notice::TextLost(cut)));
    assert!(
        screen(&h).contains("Tối đa 4000 ký tự: phần thừa đã bị cắt."),
        "{}",
        screen(&h)
    );
    h.key(KeyCode::Esc);
    assert_eq!(note(&h).chars().count(), NOTE_MAX_CHARS);
}

#[test]
fn pasted_line_breaks_and_hidden_characters_are_told_in_english_too() {
    // A note is paragraphs: its line breaks stay; the hidden character is told.
    let mut h = paste_note(Lang::En, "một\r\nhai\u{202E}ba");
    let Some(Notice::TextLost(loss)) = h.state.notice else {
        panic!("no notice: {:?}", h.state.notice)
    };
    assert!(!loss.flattened && loss.dropped == Some('\u{202E}'));
    h.key(KeyCode::Esc);
    assert_eq!(note(&h), "một\nhaiba");
    // A one-line field (the product's name) makes them spaces, and says so.
    let mut h = Harness::new(Lang::En).expect("harness");
    h.key(KeyCode::Char('n'));
    h.type_text("11");
    h.key(KeyCode::Enter);
    h.send(Msg::Text(TextEdit::Paste("một\r\nhai\u{202E}ba".into())));
    let Some(Notice::TextLost(loss)) = h.state.notice else {
        panic!("no notice: {:?}", h.state.notice)
    };
    assert!(loss.flattened && loss.dropped == Some('\u{202E}'));
    let shown = screen(&h);
    assert!(
        shown.contains("Hidden characters left out (U+202E…). Line breaks became spaces."),
        "{shown}"
    );
}

#[test]
fn a_name_refuses_bidirectional_and_invisible_characters_at_entry() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.key(KeyCode::Char('n'));
    h.type_text("11");
    h.key(KeyCode::Enter);
    h.type_text("Chè\u{202E}gnoM\u{200D}");
    let Screen::Header(form) = &h.state.screen else {
        panic!("no form")
    };
    assert_eq!(form.value(HeaderField::ProductName), "ChègnoM");
    let Some(Notice::TextLost(loss)) = h.state.notice else {
        panic!("the last key was refused without a word")
    };
    assert_eq!(loss.dropped, Some('\u{200D}'));
    assert!(screen(&h).contains("Đã bỏ ký tự ẩn"), "{}", screen(&h));
}

#[test]
fn the_council_screen_shows_planted_text_visibly() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    let mut review = sample_council();
    review.product_name = "Chè\u{1b}]0;pwned\u{7}".into();
    review.members[0].assessor = "An\u{202E}nA\u{200D}".into();
    let code = review.product_code.clone();
    let review = Some(Box::new(review));
    update(&mut h.state, Msg::CouncilReviewed { code, review });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::ui::view(&h.state, f))
        .expect("draw");
    let cells = terminal.backend().buffer().content();
    assert!(
        cells
            .iter()
            .all(|c| !c.symbol().chars().any(ocop_domain::text::safe::is_hidden)),
        "a hidden character reached a cell"
    );
    let shown = screen(&h);
    assert!(shown.contains("Chè<U+001B>]0;pwned<U+0007>"), "{shown}");
    assert!(shown.contains("An<U+202E>nA<U+200D>"), "{shown}");
}
