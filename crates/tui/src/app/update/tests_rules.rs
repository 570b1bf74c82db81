//! The rules that end a walk by themselves: set 16's stop on a zero under criterion 6.

use crossterm::event::KeyCode;

use crate::app::harness::Harness;
use crate::app::state::{Ask, Page, Popup, Screen, SheetView};
use ocop_domain::Lang;
use ocop_domain::rubric::Code;
use ocop_domain::score::EliminationKind;
use ocop_domain::sheet::{Mark, Status};

fn view(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

fn go(h: &mut Harness, code: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(code);
    h.key(KeyCode::Enter);
    assert_eq!(view(h).current, Code::new(code));
}

#[test]
fn a_zero_on_6_2_of_set_16_stops_the_walk_at_the_review_and_the_sheet_can_be_finished() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("nuoc khoang", "Nước khoáng Thanh Sơn", "HTX Nước Thanh Sơn");
    assert_eq!(view(&h).rubric.set_no, 16);
    go(&mut h, "6.1");
    h.key(KeyCode::Char('2'));
    assert_eq!(view(&h).current, Code::new("6.2"), "a good 6.1 walks on");
    // Option 1 of 6.2, "Có màu", is worth 0 points.
    h.key(KeyCode::Char('1'));
    let v = view(&h);
    assert_eq!(
        v.sheet.mark(&Code::new("6.2")),
        Some(&Mark::Chose { option: 1 })
    );
    assert!(
        matches!(v.page, Page::Review { .. }),
        "the walk stops at the review"
    );
    let score = v.score();
    assert!(score.eliminated() && score.complete());
    let e = &score.eliminations[0];
    assert_eq!(
        (e.kind, e.code.clone()),
        (EliminationKind::StopOnZero, Some(Code::new("6.2")))
    );
    h.key(KeyCode::Char('f'));
    assert_eq!(h.state.popup, Some(Popup::Confirm(Ask::Finish)));
    h.key(KeyCode::Char('y'));
    assert_eq!(view(&h).sheet.status, Status::Finished);
}

#[test]
fn changing_the_zero_to_a_better_answer_lifts_the_stop_and_the_walk_goes_on() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("nuoc khoang", "Nước khoáng Thanh Sơn", "HTX Nước Thanh Sơn");
    go(&mut h, "6.2");
    h.key(KeyCode::Char('1'));
    assert!(view(&h).score().stopped_on_zero());
    go(&mut h, "6.2");
    h.key(KeyCode::Char('2'));
    let v = view(&h);
    assert!(!v.score().eliminated());
    assert_eq!(v.page, Page::Scoring, "the walk goes on");
    assert_ne!(v.current, Code::new("6.2"));
}
