//! The one place the state changes: `update(state, msg)` returns the effects to run. Pure: no
//! I/O and no clock, so every key sequence is tested without a terminal.

mod council;
mod form;
mod list;
mod plan;
mod popup;
mod rerate;
mod sheet;
pub(crate) use sheet::resume;

pub use form::{FieldProblem, form_header, form_problems};
pub use sheet::{next_unanswered, prompt as sheet_prompt};

use super::msg::{After, Edit, Effect, Msg};
use super::state::{Notice, Popup, Purpose, Screen, SheetView, State};

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Quit | Msg::Hangup => {
            state.quit = true;
            pending(state).into_iter().collect()
        }
        Msg::Autosave => pending(state).into_iter().collect(),
        Msg::Loaded { rows, waiting } => {
            state.rows = rows;
            state.waiting = waiting;
            list::clamp(state);
            Vec::new()
        }
        Msg::Opened {
            sheet,
            rubric,
            sync,
            earlier,
        } => sheet::opened(state, (*sheet, rubric), sync, earlier),
        Msg::RerateLoaded { sheet, sha256 } => rerate::loaded(state, &sheet, sha256),
        Msg::SyncStateLoaded { id, revision, sync } => {
            sheet::sync_state_loaded(state, &id, revision, sync);
            Vec::new()
        }
        Msg::CouncilReviewed { code, review } => council::reviewed(state, code, review),
        Msg::Saved { sheet, at, after } => {
            state.saved_at = Some(at);
            sheet::saved(state, *sheet, after)
        }
        Msg::Trashed => {
            state.notice = Some(Notice::Trashed);
            vec![Effect::LoadList]
        }
        Msg::NoExportDir => {
            state.notice = Some(Notice::NoExportDir);
            Vec::new()
        }
        Msg::ExportUnreachable => {
            state.notice = Some(Notice::ExportUnreachable);
            Vec::new()
        }
        Msg::Synced {
            written,
            waiting,
            problem,
            asked,
        } => {
            if asked {
                state.notice = Some(Notice::Synced { written, waiting });
            }
            state.sync_problem = problem;
            // The open sheet's own sync line may have changed too.
            std::iter::once(Effect::LoadList)
                .chain(sheet::refresh_sync(state))
                .collect()
        }
        Msg::AssessorSaved(name) => {
            state.assessor = name;
            Vec::new()
        }
        Msg::Failed(error) => {
            state.notice = Some(Notice::Failed(error));
            Vec::new()
        }
        Msg::Unsaved { sheet, error } => {
            let effects = sheet::saved(state, *sheet, After::Stay);
            state.notice = Some(Notice::Failed(error));
            effects
        }
        msg => input(state, msg),
    }
}

/// A message from the assessor: the popup on top takes it, else the screen.
fn input(state: &mut State, msg: Msg) -> Vec<Effect> {
    state.notice = None;
    if state.popup.is_some() {
        return popup::update(state, msg);
    }
    if msg == Msg::Help {
        state.popup = Some(Popup::Help);
        return Vec::new();
    }
    match &state.screen {
        Screen::List(_) => list::update(state, msg),
        Screen::PickSet(_) => list::pick_set(state, msg),
        Screen::Header(_) => form::update(state, msg),
        Screen::Sheet(_) => sheet::update(state, msg),
        Screen::Council(_) => council::update(state, msg),
    }
}

/// The save of typed text not yet saved (a note, the comments), marking it saved.
fn pending(state: &mut State) -> Option<Effect> {
    if let Some(Popup::Prompt(p)) = &mut state.popup
        && p.purpose == Purpose::Comment
        && p.dirty
    {
        p.dirty = false;
        let text = p.field.value().to_string();
        return sheet_view(state).map(|v| edit(v, vec![Edit::Comment(text)], After::Stay));
    }
    let v = sheet_view(state)?;
    let note = v.note.as_mut().filter(|n| n.dirty)?;
    note.dirty = false;
    let text = note.field.value().to_string();
    let code = v.current.clone();
    Some(edit(v, vec![Edit::Note(code, text)], After::Stay))
}

pub(crate) fn sheet_view(state: &mut State) -> Option<&mut SheetView> {
    match &mut state.screen {
        Screen::Sheet(v) => Some(v),
        _ => None,
    }
}

/// The effect that applies `edits` to the open sheet and saves them.
pub(crate) fn edit(v: &SheetView, edits: Vec<Edit>, after: After) -> Effect {
    Effect::Edit {
        sheet: Box::new(v.sheet.clone()),
        rubric: v.rubric.clone(),
        edits,
        after,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_council;
#[cfg(test)]
mod tests_plan;
#[cfg(test)]
mod tests_rerate;
#[cfg(test)]
mod tests_rules;
