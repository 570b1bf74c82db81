//! The popup on top of a screen: help, a yes/no question, a one-line prompt, the case question.
//! A popup changes in place (a prompt becomes its yes/no question) and says whether it stays.

use super::sheet::{case_question, go_to};
use super::{Keep, edit, sheet_of};
use crate::app::msg::{After, Edit, Effect, Msg};
use crate::app::state::{Ask, Popup, Problem, Purpose, Screen, SheetView};
use ocop_domain::rubric::{Case, Code, Rule};
use ocop_domain::sheet::Mark;

pub(super) fn update(popup: &mut Popup, screen: &mut Screen, msg: Msg) -> (Vec<Effect>, Keep) {
    match popup {
        Popup::Help => (Vec::new(), Keep::Close),
        Popup::Confirm(ask) => confirm(ask, sheet_of(screen), msg),
        Popup::Case(_) => case(sheet_of(screen), msg),
        Popup::Prompt(_) => prompt(popup, screen, msg),
    }
}

fn confirm(ask: &Ask, v: Option<&mut SheetView>, msg: Msg) -> (Vec<Effect>, Keep) {
    let effect = match (msg, ask) {
        (Msg::Yes, Ask::Delete { id, .. }) => Some(Effect::Trash(id.clone())),
        (Msg::Yes, Ask::Finish) => v.map(|v| Effect::Finish {
            sheet: Box::new(v.sheet.clone()),
            rubric: v.rubric.clone(),
        }),
        (Msg::Yes, Ask::Amend { reason, .. }) => v.map(|v| Effect::Amend {
            sheet: Box::new(v.sheet.clone()),
            rubric: v.rubric.clone(),
            reason: reason.clone(),
        }),
        (Msg::Yes, Ask::RejectDossier { reason }) => {
            v.map(|v| edit(v, vec![Edit::Dossier(Some(reason.clone()))], After::Stay))
        }
        (Msg::Yes, Ask::AcceptDossier) => {
            v.map(|v| edit(v, vec![Edit::Dossier(None)], After::Stay))
        }
        (Msg::No, _) => None,
        _ => return (Vec::new(), Keep::Open),
    };
    (effect.into_iter().collect(), Keep::Close)
}

fn case(v: Option<&mut SheetView>, msg: Msg) -> (Vec<Effect>, Keep) {
    let Some(v) = v else {
        return (Vec::new(), Keep::Close);
    };
    match msg {
        Msg::Digit(n) => match Case::from_number(n) {
            Some(c) => (
                vec![edit(v, vec![Edit::Case(Some(c))], After::Stay)],
                Keep::Close,
            ),
            None => (Vec::new(), Keep::Open),
        },
        Msg::Back => {
            v.case_dismissed = true;
            (Vec::new(), Keep::Close)
        }
        _ => (Vec::new(), Keep::Open),
    }
}

fn prompt(popup: &mut Popup, screen: &mut Screen, msg: Msg) -> (Vec<Effect>, Keep) {
    let Popup::Prompt(p) = popup else {
        return (Vec::new(), Keep::Close);
    };
    match msg {
        Msg::Text(e) => {
            p.dirty |= p.field.apply(e);
            p.problem = None;
            (Vec::new(), Keep::Open)
        }
        Msg::Enter => submit(popup, screen),
        // Leaving the comments saves them: nothing typed is lost.
        Msg::Back if p.purpose == Purpose::Comment => submit(popup, screen),
        // The assessor's name is needed before anything else.
        Msg::Back if p.purpose == Purpose::Assessor => (Vec::new(), Keep::Open),
        Msg::Back => (Vec::new(), Keep::Close),
        _ => (Vec::new(), Keep::Open),
    }
}

fn submit(popup: &mut Popup, screen: &mut Screen) -> (Vec<Effect>, Keep) {
    let Popup::Prompt(p) = popup else {
        return (Vec::new(), Keep::Close);
    };
    let text = p.field.value().trim().to_string();
    let needs_text = !matches!(p.purpose, Purpose::Comment);
    if needs_text && text.is_empty() {
        p.problem = Some(Problem::Empty);
        return (Vec::new(), Keep::Open);
    }
    let v = sheet_of(screen);
    match p.purpose.clone() {
        Purpose::Assessor => (vec![Effect::SaveAssessor(text)], Keep::Close),
        Purpose::Jump => jump(popup, v, &text),
        Purpose::Raise(code) => (
            v.map(|v| raise(v, code, text)).into_iter().collect(),
            Keep::Close,
        ),
        Purpose::Comment => {
            let typed = p.field.value();
            let changed = v.filter(|v| v.sheet.comment != typed);
            let edits =
                changed.map(|v| edit(v, vec![Edit::Comment(typed.to_string())], After::Stay));
            (edits.into_iter().collect(), Keep::Close)
        }
        Purpose::SelfAssessment => {
            let path = std::path::PathBuf::from(text.trim());
            let edits = v.map(|v| edit(v, vec![Edit::SelfAssessment(path)], After::Stay));
            (edits.into_iter().collect(), Keep::Close)
        }
        // As for amending: the reason first, then the question.
        Purpose::Dossier => {
            *popup = Popup::Confirm(Ask::RejectDossier { reason: text });
            (Vec::new(), Keep::Open)
        }
        // The reason typed, the question comes: no text typed by mistake amends on its own.
        Purpose::Amend => {
            let revision = v.map_or(1, |v| v.sheet.revision + 1);
            *popup = Popup::Confirm(Ask::Amend {
                revision,
                reason: text,
            });
            (Vec::new(), Keep::Open)
        }
    }
}

/// `:6.2.3` goes to that criterion; a group's code goes to its first criterion.
fn jump(popup: &mut Popup, v: Option<&mut SheetView>, typed: &str) -> (Vec<Effect>, Keep) {
    let Some(v) = v else {
        return (Vec::new(), Keep::Close);
    };
    let code = Code::new(typed.trim_end_matches('.'));
    let prefix = format!("{code}.");
    let target = v
        .rubric
        .leaves()
        .find(|c| c.code == code || c.code.as_str().starts_with(&prefix))
        .map(|c| c.code.clone());
    let Some(code) = target else {
        if let Popup::Prompt(p) = popup {
            p.problem = Some(Problem::NoSuchCode);
        }
        return (Vec::new(), Keep::Open);
    };
    go_to(v, code);
    match case_question(v) {
        Some(question) => {
            *popup = question;
            (Vec::new(), Keep::Open)
        }
        None => (Vec::new(), Keep::Close),
    }
}

/// A raised stop rule ends the evaluation: straight to the review.
fn raise(v: &SheetView, code: Code, reason: String) -> Effect {
    let stops = v
        .rubric
        .criterion(&code)
        .is_some_and(|c| c.rule() == Some(&Rule::Stop));
    let after = if stops { After::Review } else { After::Advance };
    let mark = Mark::Raised { reason };
    edit(v, vec![Edit::Mark(code, Some(mark))], after)
}
