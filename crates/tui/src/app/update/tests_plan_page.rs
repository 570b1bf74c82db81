//! The plan page: `p` opens it from scoring, review and the finished view; it lists what the
//! next star needs, Enter goes to the criterion, Esc goes back where `p` was pressed.

use crossterm::event::KeyCode;

use crate::app::harness::Harness;
use crate::app::state::{Page, PlanBack, Screen, SheetView};
use ocop_domain::Lang;
use ocop_domain::plan::plan;

fn view(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

#[test]
fn p_opens_the_plan_enter_goes_to_its_first_criterion_and_esc_goes_back() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('p'));
    assert_eq!(
        view(&h).page,
        Page::Plan {
            selected: 0,
            back: PlanBack::Scoring
        }
    );
    h.key(KeyCode::Esc);
    assert_eq!(view(&h).page, Page::Scoring);
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Down);
    let v = view(&h);
    let second = plan(&v.rubric, &v.sheet).codes()[1].clone();
    assert!(matches!(
        v.page,
        Page::Plan {
            selected: 1,
            back: PlanBack::Review(_)
        }
    ));
    h.key(KeyCode::Enter);
    let v = view(&h);
    assert_eq!((v.page, &v.current), (Page::Scoring, &second));
}

#[test]
fn the_selection_stays_within_the_criteria_the_plan_names() {
    let mut h = Harness::new(Lang::En).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    h.key(KeyCode::Char('p'));
    let v = view(&h);
    let n = plan(&v.rubric, &v.sheet).codes().len();
    for _ in 0..n + 5 {
        h.key(KeyCode::Down);
    }
    assert!(matches!(view(&h).page, Page::Plan { selected, .. } if selected == n - 1));
    for _ in 0..n + 5 {
        h.key(KeyCode::Up);
    }
    assert!(matches!(view(&h).page, Page::Plan { selected: 0, .. }));
}
