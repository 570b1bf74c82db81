//! The header form of a new sheet: moving between fields, and creating the sheet once the
//! required fields are given.

use crate::app::field::Field;
use crate::app::field::TextEdit;
use crate::app::msg::{Effect, Msg};
use crate::app::state::{HeaderForm, ListView, Screen, SetPicker, State};
use crate::domain::sheet::{Header, HeaderField, product_code_fits};

/// What is wrong with one field, as the form names it in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    BadDate,
    /// Kept as typed; a warning only.
    CodeShape,
}

impl FieldProblem {
    pub fn blocks(self) -> bool {
        !matches!(self, FieldProblem::CodeShape)
    }
}

pub fn form_header(form: &HeaderForm) -> Header {
    let mut header = Header::default();
    for field in HeaderField::ORDER {
        header.set(field, form.value(field));
    }
    header
}

pub fn form_problems(form: &HeaderForm) -> Vec<(HeaderField, FieldProblem)> {
    let header = form_header(form);
    let mut problems: Vec<_> = header
        .missing()
        .into_iter()
        .map(|f| (f, FieldProblem::Required))
        .collect();
    if !form.value(HeaderField::Date).trim().is_empty() && header.evaluated_on.is_none() {
        problems.push((HeaderField::Date, FieldProblem::BadDate));
    }
    let code = form.value(HeaderField::ProductCode).trim();
    if !code.is_empty() && !product_code_fits(code) {
        problems.push((HeaderField::ProductCode, FieldProblem::CodeShape));
    }
    problems
}

pub(super) fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Screen::Header(form) = &mut state.screen else {
        return Vec::new();
    };
    let last = HeaderField::ORDER.len() - 1;
    match msg {
        Msg::Text(edit) => text(form, edit),
        Msg::NextField | Msg::Down => form.focus = (form.focus + 1).min(last),
        Msg::PrevField | Msg::Up => form.focus = form.focus.saturating_sub(1),
        Msg::Enter if form.focus < last => form.focus += 1,
        Msg::Enter | Msg::Create => return create(form),
        // A re-rating's set is the product's own: back to the list, not the set picker.
        Msg::Back if form.previous.is_some() => {
            state.screen = Screen::List(ListView::new());
            return vec![Effect::LoadList];
        }
        Msg::Back => {
            state.screen = Screen::PickSet(SetPicker {
                query: Field::new("", 100),
                selected: 0,
            });
        }
        _ => {}
    }
    Vec::new()
}

fn text(form: &mut HeaderForm, edit: TextEdit) {
    if let Some(field) = form.fields.get_mut(form.focus) {
        field.apply(edit);
    }
}

/// Creates the sheet, or names what is missing and puts the cursor on the first of it.
fn create(form: &mut HeaderForm) -> Vec<Effect> {
    form.tried = true;
    let blocking: Vec<HeaderField> = form_problems(form)
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
        header: Box::new(form_header(form)),
        previous: form.previous.clone(),
    }]
}
