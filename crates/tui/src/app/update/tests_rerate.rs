//! Re-rating: `R` on a finished sheet opens a new sheet for the same product, the header
//! copied; each criterion shows the earlier answer, `=` takes it over, and the review shows
//! earlier → now.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::app::harness::Harness;
use crate::app::state::{Notice, Page, Screen, SheetView};
use ocop_domain::Lang;
use ocop_domain::rerate::compare;
use ocop_domain::sheet::{HeaderField, Mark, Status};

fn view(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

/// A tea sheet with a product code, every criterion on option 2 (or 1), finished.
fn finished_tea(h: &mut Harness) {
    finished_tea_with(h, false);
}

/// The same, every criterion on its best option when `best`.
fn finished_tea_with(h: &mut Harness, best: bool) {
    h.new_sheet_filled(
        "che tuoi",
        &["Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ", "25-7912-03-2023"],
    );
    for _ in 0..60 {
        let Screen::Sheet(v) = &h.state.screen else {
            break;
        };
        if v.page != Page::Scoring {
            break;
        }
        let at = v.current.clone();
        let top = v.criterion().map_or(1, |c| c.options.len()).min(9);
        let digit = if best { top } else { 2 };
        h.key(KeyCode::Char(char::from(b'0' + digit as u8)));
        if view(h).current == at && view(h).page == Page::Scoring {
            h.key(KeyCode::Char('1')); // a criterion with one option
        }
    }
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    assert_eq!(view(h).sheet.status, Status::Finished);
}

#[test]
fn r_on_a_finished_sheet_opens_a_new_sheet_for_the_product_with_its_header_copied() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    finished_tea(&mut h);
    let earlier = view(&h).sheet.clone();
    h.key(KeyCode::Char('R'));
    let Screen::Header(form) = &h.state.screen else {
        panic!("the header form opens: {:?}", h.state.screen);
    };
    assert_eq!(form.value(HeaderField::ProductCode), "25-7912-03-2023");
    assert_eq!(form.value(HeaderField::Producer), "HTX Chè Cẩm Mỹ");
    assert_eq!(form.value(HeaderField::Date), "2026-03-14");
    let previous = form.previous.clone().expect("linked");
    assert_eq!(
        (previous.sheet_id.clone(), previous.revision),
        (earlier.id.clone(), 1)
    );
    assert_eq!(previous.sha256, None, "not synced yet");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let v = view(&h);
    assert_ne!(v.sheet.id, earlier.id);
    assert_eq!(v.sheet.previous.as_ref(), Some(&previous));
    assert_eq!(v.sheet.header.product_name, "Chè Cẩm Mỹ");
    assert!(v.earlier.is_some(), "the earlier sheet stands beside it");
    assert!(
        v.sheet.answers.is_empty(),
        "nothing is taken over by default"
    );
}

#[test]
fn equals_takes_over_the_earlier_answer_and_the_review_compares() {
    let mut h = Harness::new(Lang::En).expect("harness");
    finished_tea(&mut h);
    h.key(KeyCode::Char('R'));
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let first = view(&h).current.clone();
    let was = view(&h)
        .earlier
        .as_ref()
        .and_then(|e| e.sheet.mark(&first).cloned())
        .expect("answered last time");
    h.key(KeyCode::Char('='));
    let v = view(&h);
    assert_eq!(v.sheet.mark(&first), Some(&was), "taken over");
    assert_ne!(v.current, first, "and the walk moves on");
    // The next one scored lower than last time: it is listed as fallen.
    let next = v.current.clone();
    h.key(KeyCode::Char('1'));
    let v = view(&h);
    let e = v.earlier.as_ref().expect("earlier");
    let c = compare((&e.rubric, &e.sheet), &v.rubric, &v.sheet);
    let fell_expected = e.sheet.mark(&next) != Some(&Mark::Chose { option: 1 });
    assert_eq!(c.fell.contains(&next), fell_expected);
    assert_eq!(
        c.earlier.total,
        ocop_domain::score::score(&e.rubric, &e.sheet).total
    );
}

#[test]
fn a_draft_cannot_be_re_rated_and_equals_without_an_earlier_sheet_says_so() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè", "HTX");
    h.key(KeyCode::Char('='));
    assert_eq!(h.state.notice, Some(Notice::NoEarlierAnswer));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('R'));
    assert_eq!(h.state.notice, Some(Notice::RerateFinishedOnly));
    assert!(matches!(h.state.screen, Screen::List(_)));
}

#[test]
fn r_in_the_list_re_rates_the_finished_sheet_under_the_cursor() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    finished_tea(&mut h);
    let id = view(&h).sheet.id.clone();
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.screen, Screen::List(_)));
    h.key(KeyCode::Char('R'));
    let Screen::Header(form) = &h.state.screen else {
        panic!("the header form opens");
    };
    assert_eq!(form.previous.as_ref().map(|p| &p.sheet_id), Some(&id));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.state.screen, Screen::List(_)),
        "Esc goes back to the list"
    );
}

#[test]
fn the_due_filter_keeps_a_product_whose_dossier_window_is_open() {
    use crate::app::state::Filter;
    let mut h = Harness::new(Lang::Vi).expect("harness");
    finished_tea_with(&mut h, true);
    h.key(KeyCode::Esc);
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    let Screen::List(view) = h.state.screen.clone() else {
        panic!("the list");
    };
    assert_eq!(view.filter, Filter::Due);
    let row = &h.state.rows[0];
    let due = row.due.expect("a 3★ or better finished sheet falls due");
    assert_eq!(due.rated_on.to_string(), "2026-03-14");
    assert_eq!(due.expires.to_string(), "2029-03-14");
    assert!(h.state.visible_rows(&view).is_empty(), "not due today");
    h.state.session.today = chrono::NaiveDate::from_ymd_opt(2028, 10, 1);
    assert_eq!(h.state.visible_rows(&view).len(), 1, "its window is open");
    h.state.session.today = chrono::NaiveDate::from_ymd_opt(2029, 1, 1);
    assert!(
        h.state.visible_rows(&view).is_empty(),
        "the window was missed"
    );
}

/// The screen at 80×24, line by line.
fn screen_lines(h: &Harness) -> Vec<String> {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::ui::view(&h.state, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    cells.chunks(80).map(|row| row.concat()).collect()
}

#[test]
fn the_due_filter_names_the_round_the_selected_dossier_must_reach() {
    use ocop_domain::due::{RoundDay, Rounds};
    let mut h = Harness::new(Lang::Vi).expect("harness");
    finished_tea_with(&mut h, true);
    h.key(KeyCode::Esc);
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    // Rated 2026-03-14: the window opens 2028-09-15, after round 1's deadline (30/4).
    h.state.session.today = chrono::NaiveDate::from_ymd_opt(2028, 10, 1);
    let lines = screen_lines(&h);
    let said = "Đợt 2: xã chuyển hồ sơ trước 30/10/2028, tỉnh đánh giá trước 30/12/2028";
    assert!(
        lines.iter().any(|l| l.trim() == said),
        "{}",
        lines.join("\n")
    );
    // A province's own round before it takes its place, and the decision's becomes round 3.
    h.state.session.rounds = Rounds::with_extra(&[RoundDay {
        forward_by: (9, 30),
        evaluated_by: (11, 15),
    }]);
    let lines = screen_lines(&h);
    let said = "Đợt 2: xã chuyển hồ sơ trước 30/09/2028, tỉnh đánh giá trước 15/11/2028";
    assert!(
        lines.iter().any(|l| l.trim() == said),
        "{}",
        lines.join("\n")
    );
    // Not under another filter.
    h.key(KeyCode::Tab);
    assert!(!screen_lines(&h).iter().any(|l| l.contains("Đợt")));
}
