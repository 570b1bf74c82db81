//! The council screen: opened when the export folder answers for the product under the list's
//! cursor, scrolled with ↑/↓, left with Esc back to the same row of the list.

use super::Step;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{CouncilView, MIN_HEIGHT, Notice, Screen, State};
use ocop_reports::council::ProductReview;

/// Body rows the screen has at the smallest terminal: all but the title and the two bottom
/// lines. Scrolling stops where the last row shows there; a taller terminal shows more.
const ROOM: usize = MIN_HEIGHT as usize - 3;

pub(super) fn reviewed(
    state: &mut State,
    code: String,
    review: Option<Box<ProductReview>>,
) -> Vec<Effect> {
    let Screen::List(list) = &state.screen else {
        // The assessor moved on before the folder answered.
        return Vec::new();
    };
    match review {
        None => state.notice = Some(Notice::NoCouncil(code)),
        Some(review) => {
            state.screen = Screen::Council(Box::new(CouncilView {
                review: *review,
                scroll: 0,
                list: list.clone(),
            }));
        }
    }
    Vec::new()
}

pub(super) fn update(view: &mut CouncilView, msg: Msg) -> Step {
    let last = view.body_rows().saturating_sub(ROOM);
    match msg {
        Msg::Up => view.scroll = view.scroll.saturating_sub(1),
        Msg::Down => view.scroll = (view.scroll + 1).min(last),
        Msg::Back => return Step::go(Screen::List(view.list.clone()), Vec::new()),
        _ => {}
    }
    Step::default()
}
