//! The sheet list and the set picker of a new sheet.

use super::{Step, Top};
use crate::app::field::Field;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{
    Ask, HeaderForm, ListView, Notice, Popup, Row, Screen, Session, SetInfo, SetPicker, State,
};
use ocop_domain::sheet::{HeaderField, Status};
use ocop_domain::text::FIELD_MAX_CHARS;

pub(super) fn update(view: &mut ListView, top: &mut Top, msg: Msg) -> Step {
    match msg {
        Msg::Up => view.selected = view.selected.saturating_sub(1),
        Msg::Down => {
            // Filtering every row is only needed to stop at the last one.
            let count = visible(view, top).len();
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
            let picker = SetPicker {
                query: Field::new("", 100),
                selected: 0,
            };
            return Step::go(Screen::PickSet(picker), Vec::new());
        }
        Msg::Enter | Msg::Delete | Msg::Sync => return on_row(view, top, msg).into(),
        Msg::Council => return council(view, top).into(),
        Msg::Rerate => {
            let row = visible(view, top).get(view.selected).map(|r| &r.summary);
            let sheet = row.map(|s| (s.id.clone(), s.status));
            return super::rerate::ask(top.notice, sheet).into();
        }
        _ => {}
    }
    Step::default()
}

fn visible<'r>(view: &ListView, top: &Top<'r>) -> Vec<&'r Row> {
    view.visible(top.rows, top.session.today)
}

/// Opening, deleting (a draft, after asking) and syncing.
fn on_row(view: &ListView, top: &mut Top, msg: Msg) -> Vec<Effect> {
    let selected = visible(view, top).get(view.selected).map(|r| {
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
            *top.popup = Some(Popup::Confirm(Ask::Delete { id, product }));
            Vec::new()
        }
        (Msg::Delete, Some(_)) => {
            *top.notice = Some(Notice::OnlyDrafts);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The council of the product under the cursor; the effect reads the export folder.
fn council(view: &ListView, top: &mut Top) -> Vec<Effect> {
    let Some(code) = visible(view, top)
        .get(view.selected)
        .map(|r| r.summary.product_code.trim().to_string())
    else {
        return Vec::new();
    };
    if code.is_empty() {
        *top.notice = Some(Notice::NoProductCode);
        return Vec::new();
    }
    vec![Effect::Council(code)]
}

/// Keeps the list's highlight on a row after the rows change.
pub(super) fn clamp(state: &mut State) {
    let State {
        session,
        rows,
        screen,
        ..
    } = state;
    if let Screen::List(view) = screen {
        let count = view.visible(rows, session.today).len();
        view.selected = view.selected.min(count.saturating_sub(1));
    }
}

pub(super) fn pick_set(picker: &mut SetPicker, top: &Top, msg: Msg) -> Step {
    let sets = &top.session.sets;
    match msg {
        Msg::Up => picker.selected = picker.selected.saturating_sub(1),
        Msg::Down => {
            let count = picker.visible(sets).len();
            picker.selected = (picker.selected + 1).min(count.saturating_sub(1));
        }
        Msg::Text(edit) => {
            picker.query.apply(edit);
            picker.selected = 0;
        }
        Msg::Back => return Step::go(Screen::List(ListView::new()), vec![Effect::LoadList]),
        Msg::Enter => {
            if let Some(set) = picker.visible(sets).get(picker.selected) {
                let form = new_form(top.session, (*set).clone());
                return Step::go(Screen::Header(form), Vec::new());
            }
        }
        _ => {}
    }
    Step::default()
}

/// The header form, with assessor, council, place and date prefilled from the settings.
fn new_form(session: &Session, set: SetInfo) -> HeaderForm {
    let fields = HeaderField::ORDER
        .iter()
        .map(|f| {
            let value = match f {
                HeaderField::Assessor => session.assessor.clone(),
                HeaderField::Council => session.council.clone(),
                HeaderField::Place => session.place.clone(),
                HeaderField::Date => session.today.map(|d| d.to_string()).unwrap_or_default(),
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
