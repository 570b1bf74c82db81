//! The sheet list and the set picker of a new sheet.

use crate::app::field::Field;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{Ask, HeaderForm, ListView, Notice, Popup, Screen, SetPicker, State};
use crate::domain::sheet::{HeaderField, Status};
use crate::domain::text::FIELD_MAX_CHARS;

pub(super) fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Screen::List(view) = &state.screen else {
        return Vec::new();
    };
    let mut view = view.clone();
    match msg {
        Msg::Up => view.selected = view.selected.saturating_sub(1),
        Msg::Down => {
            // Filtering every row is only needed to stop at the last one.
            let count = state.visible_rows(&view).len();
            view.selected = (view.selected + 1).min(count.saturating_sub(1));
        }
        Msg::Text(edit) if view.searching => {
            view.search.apply(edit);
            view.selected = 0;
        }
        Msg::Enter if view.searching => view.searching = false,
        Msg::Back if view.searching => {
            view.search = Field::new("", 100);
            view.searching = false;
        }
        Msg::Search => view.searching = true,
        Msg::NextFilter => {
            view.filter = view.filter.next();
            view.selected = 0;
        }
        Msg::New => {
            state.screen = Screen::PickSet(SetPicker {
                query: Field::new("", 100),
                selected: 0,
            });
            return Vec::new();
        }
        Msg::Enter | Msg::Delete | Msg::Sync => return on_row(state, &view, msg),
        Msg::Council => return council(state, &view),
        Msg::Rerate => {
            let row = state
                .visible_rows(&view)
                .get(view.selected)
                .map(|r| &r.summary);
            return super::rerate::ask(state, row.map(|s| (s.id.clone(), s.status)));
        }
        _ => {}
    }
    state.screen = Screen::List(view);
    Vec::new()
}

/// Opening, deleting (a draft, after asking) and syncing.
fn on_row(state: &mut State, view: &ListView, msg: Msg) -> Vec<Effect> {
    let selected = state.visible_rows(view).get(view.selected).map(|r| {
        (
            r.summary.id.clone(),
            r.summary.product_name.clone(),
            r.summary.status,
        )
    });
    match (msg, selected) {
        (Msg::Sync, _) => vec![Effect::Sync { asked: true }],
        (Msg::Enter, Some((id, _, _))) => vec![Effect::Open(id)],
        (Msg::Delete, Some((id, product, Status::Draft))) => {
            state.popup = Some(Popup::Confirm(Ask::Delete { id, product }));
            Vec::new()
        }
        (Msg::Delete, Some(_)) => {
            state.notice = Some(Notice::OnlyDrafts);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The council of the product under the cursor; the effect reads the export folder.
fn council(state: &mut State, view: &ListView) -> Vec<Effect> {
    let Some(code) = state
        .visible_rows(view)
        .get(view.selected)
        .map(|r| r.summary.product_code.trim().to_string())
    else {
        return Vec::new();
    };
    if code.is_empty() {
        state.notice = Some(Notice::NoProductCode);
        return Vec::new();
    }
    state.screen = Screen::List(view.clone());
    vec![Effect::Council(code)]
}

/// Keeps the list's highlight on a row after the rows change.
pub(super) fn clamp(state: &mut State) {
    let Screen::List(view) = &state.screen else {
        return;
    };
    let count = state.visible_rows(view).len();
    if let Screen::List(view) = &mut state.screen {
        view.selected = view.selected.min(count.saturating_sub(1));
    }
}

pub(super) fn pick_set(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Screen::PickSet(picker) = &state.screen else {
        return Vec::new();
    };
    let mut picker = picker.clone();
    let visible: Vec<_> = state.visible_sets(&picker).into_iter().cloned().collect();
    match msg {
        Msg::Up => picker.selected = picker.selected.saturating_sub(1),
        Msg::Down => picker.selected = (picker.selected + 1).min(visible.len().saturating_sub(1)),
        Msg::Text(edit) => {
            picker.query.apply(edit);
            picker.selected = 0;
        }
        Msg::Back => {
            state.screen = Screen::List(ListView::new());
            return vec![Effect::LoadList];
        }
        Msg::Enter => {
            if let Some(set) = visible.get(picker.selected) {
                state.screen = Screen::Header(new_form(state, set.clone()));
                return Vec::new();
            }
        }
        _ => {}
    }
    state.screen = Screen::PickSet(picker);
    Vec::new()
}

/// The header form, with assessor, council and date prefilled from the settings.
fn new_form(state: &State, set: crate::app::state::SetInfo) -> HeaderForm {
    let fields = HeaderField::ORDER
        .iter()
        .map(|f| {
            let value = match f {
                HeaderField::Assessor => state.session.assessor.clone(),
                HeaderField::Council => state.session.council.clone(),
                HeaderField::Date => state.session.today.map(|d| d.to_string()).unwrap_or_default(),
                _ => String::new(),
            };
            Field::new(&value, FIELD_MAX_CHARS)
        })
        .collect();
    HeaderForm {
        set,
        previous: None,
        fields,
        focus: 0,
        tried: false,
    }
}
