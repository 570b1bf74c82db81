//! The popup on top of a screen: help, a yes/no question, a one-line prompt, the case question.

use super::sheet::{case_question, go_to};
use super::{edit, sheet_view};
use crate::app::msg::{After, Edit, Effect, Msg};
use crate::app::state::{Ask, Popup, Problem, Prompt, Purpose, State};
use crate::domain::rubric::{Case, Code, Rule};
use crate::domain::sheet::Mark;

pub(super) fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let Some(popup) = state.popup.take() else {
        return Vec::new();
    };
    match popup {
        Popup::Help => Vec::new(),
        Popup::Confirm(ask) => confirm(state, ask, msg),
        Popup::Case(labels) => case(state, labels, msg),
        Popup::Prompt(p) => prompt(state, p, msg),
    }
}

fn confirm(state: &mut State, ask: Ask, msg: Msg) -> Vec<Effect> {
    match (msg, ask) {
        (Msg::Yes, Ask::Delete { id, .. }) => vec![Effect::Trash(id)],
        (Msg::Yes, Ask::Finish) => sheet_view(state)
            .map(|v| Effect::Finish {
                sheet: Box::new(v.sheet.clone()),
                rubric: v.rubric.clone(),
            })
            .into_iter()
            .collect(),
        (Msg::Yes, Ask::Amend { reason, .. }) => sheet_view(state)
            .map(|v| Effect::Amend {
                sheet: Box::new(v.sheet.clone()),
                rubric: v.rubric.clone(),
                reason,
            })
            .into_iter()
            .collect(),
        (Msg::No, _) => Vec::new(),
        (_, ask) => {
            state.popup = Some(Popup::Confirm(ask));
            Vec::new()
        }
    }
}

fn case(state: &mut State, labels: Vec<String>, msg: Msg) -> Vec<Effect> {
    let Some(v) = sheet_view(state) else {
        return Vec::new();
    };
    match msg {
        Msg::Digit(n) => match Case::from_number(n) {
            Some(c) => vec![edit(v, vec![Edit::Case(Some(c))], After::Stay)],
            None => {
                state.popup = Some(Popup::Case(labels));
                Vec::new()
            }
        },
        Msg::Back => {
            v.case_dismissed = true;
            Vec::new()
        }
        _ => {
            state.popup = Some(Popup::Case(labels));
            Vec::new()
        }
    }
}

fn prompt(state: &mut State, mut p: Prompt, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Text(e) => {
            p.dirty |= p.field.apply(e);
            p.problem = None;
            state.popup = Some(Popup::Prompt(p));
            Vec::new()
        }
        Msg::Enter => submit(state, p),
        // Leaving the comments saves them: nothing typed is lost.
        Msg::Back if p.purpose == Purpose::Comment => submit(state, p),
        // The assessor's name is needed before anything else.
        Msg::Back if p.purpose == Purpose::Assessor => {
            state.popup = Some(Popup::Prompt(p));
            Vec::new()
        }
        Msg::Back => Vec::new(),
        _ => {
            state.popup = Some(Popup::Prompt(p));
            Vec::new()
        }
    }
}

fn submit(state: &mut State, mut p: Prompt) -> Vec<Effect> {
    let text = p.field.value().trim().to_string();
    let needs_text = !matches!(p.purpose, Purpose::Comment);
    if needs_text && text.is_empty() {
        p.problem = Some(Problem::Empty);
        state.popup = Some(Popup::Prompt(p));
        return Vec::new();
    }
    match p.purpose.clone() {
        Purpose::Assessor => vec![Effect::SaveAssessor(text)],
        Purpose::Jump => jump(state, p, &text),
        Purpose::Raise(code) => raise(state, code, text),
        Purpose::Comment => comment(state, p.field.value()),
        Purpose::Amend => {
            let revision = sheet_view(state).map_or(1, |v| v.sheet.revision + 1);
            state.popup = Some(Popup::Confirm(Ask::Amend {
                revision,
                reason: text,
            }));
            Vec::new()
        }
    }
}

fn comment(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(v) = sheet_view(state) else {
        return Vec::new();
    };
    if v.sheet.comment == text {
        return Vec::new();
    }
    vec![edit(v, vec![Edit::Comment(text.to_string())], After::Stay)]
}

/// `:6.2.3` goes to that criterion; a group's code goes to its first criterion.
fn jump(state: &mut State, mut p: Prompt, typed: &str) -> Vec<Effect> {
    let Some(v) = sheet_view(state) else {
        return Vec::new();
    };
    let code = Code::new(typed.trim_end_matches('.'));
    let prefix = format!("{code}.");
    let target = v
        .rubric
        .leaves()
        .find(|c| c.code == code || c.code.as_str().starts_with(&prefix))
        .map(|c| c.code.clone());
    match target {
        Some(code) => {
            go_to(v, code);
            state.popup = case_question(v);
        }
        None => {
            p.problem = Some(Problem::NoSuchCode);
            state.popup = Some(Popup::Prompt(p));
        }
    }
    Vec::new()
}

/// A raised stop rule ends the evaluation: straight to the review.
fn raise(state: &mut State, code: Code, reason: String) -> Vec<Effect> {
    let Some(v) = sheet_view(state) else {
        return Vec::new();
    };
    let stops = v
        .rubric
        .criterion(&code)
        .is_some_and(|c| c.rule() == Some(&Rule::Stop));
    let after = if stops { After::Review } else { After::Advance };
    let mark = Mark::Raised { reason };
    vec![edit(v, vec![Edit::Mark(code, Some(mark))], after)]
}
