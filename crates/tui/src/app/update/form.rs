//! The header form of a new sheet: moving between fields, and creating the sheet once the
//! required fields are given.

use super::Step;
use crate::app::field::Field;
use crate::app::field::TextEdit;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{HeaderForm, ListView, Screen, SetPicker};
use ocop_domain::sheet::HeaderField;

pub(super) fn update(form: &mut HeaderForm, msg: Msg) -> Step {
    let last = HeaderField::ORDER.len() - 1;
    match msg {
        Msg::Text(edit) => text(form, edit),
        Msg::NextField | Msg::Down => form.focus = (form.focus + 1).min(last),
        Msg::PrevField | Msg::Up => form.focus = form.focus.saturating_sub(1),
        Msg::Enter if form.focus < last => form.focus += 1,
        Msg::Enter | Msg::Create => return create(form).into(),
        // A re-rating's set is the product's own: back to the list, not the set picker.
        Msg::Back if form.previous.is_some() => {
            return Step::go(Screen::List(ListView::new()), vec![Effect::LoadList]);
        }
        Msg::Back => {
            let picker = SetPicker {
                query: Field::new("", 100),
                selected: 0,
            };
            return Step::go(Screen::PickSet(picker), Vec::new());
        }
        _ => {}
    }
    Step::default()
}

fn text(form: &mut HeaderForm, edit: TextEdit) {
    if let Some(field) = form.fields.get_mut(form.focus) {
        field.apply(edit);
    }
}

/// Creates the sheet, or names what is missing and puts the cursor on the first of it.
fn create(form: &mut HeaderForm) -> Vec<Effect> {
    form.tried = true;
    let blocking: Vec<HeaderField> = form
        .problems()
        .into_iter()
        .filter(|(_, p)| p.blocks())
        .map(|(f, _)| f)
        .collect();
    if let Some(first) = blocking.first() {
        form.focus = HeaderField::ORDER
            .iter()
            .position(|f| f == first)
            .unwrap_or(0);
        return Vec::new();
    }
    vec![Effect::Create {
        set_id: form.set.id.clone(),
        header: Box::new(form.header()),
        previous: form.previous.clone(),
    }]
}
