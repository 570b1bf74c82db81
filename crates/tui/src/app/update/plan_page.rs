//! The plan page (`p`): what the next star needs. Read-only on any sheet: ↑/↓ choose one of
//! the criteria it names, Enter goes to it, Esc goes back where `p` was pressed.

use super::sheet::go_to;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{Page, PlanBack, SheetView};
use ocop_domain::plan::plan;

pub fn open(back: PlanBack) -> Page {
    Page::Plan { selected: 0, back }
}

pub fn update(v: &mut SheetView, msg: Msg, selected: usize, back: PlanBack) -> Vec<Effect> {
    let plan = plan(&v.rubric, &v.sheet);
    let codes = plan.codes();
    let selected = match msg {
        Msg::Up => selected.saturating_sub(1),
        Msg::Down => (selected + 1).min(codes.len().saturating_sub(1)),
        Msg::Enter => {
            if let Some(code) = codes.get(selected) {
                go_to(v, (*code).clone());
            }
            return Vec::new();
        }
        Msg::Back => {
            v.page = match back {
                PlanBack::Scoring => Page::Scoring,
                PlanBack::Review(selected) => Page::Review { selected },
            };
            return Vec::new();
        }
        _ => selected,
    };
    v.page = Page::Plan { selected, back };
    Vec::new()
}
