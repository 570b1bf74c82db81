//! The one place the state changes: `update(state, msg)` returns the effects to run. Pure: no
//! I/O and no clock, so every key sequence is tested without a terminal.

mod council;
mod form;
mod list;
mod plan_page;
mod popup;
mod rerate;
mod sheet;
pub(crate) use sheet::resume;

pub use sheet::{next_unanswered, prompt as sheet_prompt};

use super::field::Field;
use super::msg::{After, Edit, Effect, Msg};
use super::state::{
    Handover, Notice, Popup, Purpose, Row, Screen, Session, SheetView, State, Stopped,
};

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Quit | Msg::Hangup => {
            state.quit = true;
            pending(state).into_iter().collect()
        }
        Msg::Autosave => pending(state).into_iter().collect(),
        Msg::ShowKey => {
            state.handover = Some(Handover::KeyLine);
            Vec::new()
        }
        Msg::Continue => {
            if let Screen::Sheet(v) = &mut state.screen {
                v.resumed = false;
            }
            Vec::new()
        }
        Msg::Suspend => {
            state.handover = Some(Handover::Suspend);
            pending(state).into_iter().collect()
        }
        Msg::Loaded { mut rows, waiting } => {
            mark_due(&mut rows);
            state.rows = rows;
            state.waiting = waiting;
            list::clamp(state);
            Vec::new()
        }
        Msg::Opened {
            sheet,
            rubric,
            sync,
            signed,
            earlier,
        } => sheet::opened(state, (*sheet, rubric), (sync, signed), earlier),
        Msg::RerateLoaded { sheet, sha256 } => rerate::loaded(state, &sheet, sha256),
        Msg::SyncStateLoaded {
            id,
            revision,
            sync,
            signed,
        } => {
            sheet::sync_state_loaded(state, (&id, revision), sync, signed);
            Vec::new()
        }
        Msg::CouncilReviewed { code, review } => council::reviewed(state, code, review),
        Msg::CouncilNotCounted { code, count } => {
            state.notice = Some(Notice::CouncilNotCounted(code, count));
            Vec::new()
        }
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
                .chain(sheet::refresh_sync(&state.screen))
                .collect()
        }
        Msg::AssessorSaved(name) => {
            state.session.assessor = name;
            Vec::new()
        }
        // Once the disk is full, any later failure is that.
        Msg::Failed(_) if state.stopped == Some(Stopped::DiskFull) => {
            state.notice = Some(Notice::DiskFull);
            Vec::new()
        }
        Msg::Failed(error) => {
            state.notice = Some(Notice::Failed(error));
            Vec::new()
        }
        Msg::Unsaved { sheet, error } => {
            let effects = sheet::saved(state, *sheet, After::Stay);
            state.stopped = Some(Stopped::Unsaved(error.clone()));
            state.notice = Some(Notice::Failed(error));
            effects
        }
        Msg::DiskFull { sheet } => {
            let effects = match sheet {
                Some(sheet) => sheet::saved(state, *sheet, After::Stay),
                None => Vec::new(),
            };
            state.stopped = Some(Stopped::DiskFull);
            state.notice = Some(Notice::DiskFull);
            effects
        }
        msg => input(state, msg),
    }
}

/// Marks the latest finished sheet of each product code rated 3★ or more with when its rating
/// falls due, estimated from the day it was finished (the list holds no certificates).
fn mark_due(rows: &mut [super::state::Row]) {
    use ocop_domain::due::{Basis, Due, RERATE_MONTHS};
    use ocop_domain::sheet::Status;
    let mut latest: std::collections::HashMap<
        &str,
        (usize, chrono::DateTime<chrono::FixedOffset>),
    > = Default::default();
    for (i, r) in rows.iter().enumerate() {
        let s = &r.summary;
        if s.status != Status::Finished || s.product_code.trim().is_empty() {
            continue;
        }
        let newer = latest
            .get(s.product_code.as_str())
            .is_none_or(|(_, at)| *at < s.updated_at);
        if newer {
            latest.insert(&s.product_code, (i, s.updated_at));
        }
    }
    let chosen: Vec<usize> = latest.into_values().map(|(i, _)| i).collect();
    for i in chosen {
        let s = &rows[i].summary;
        if s.stars >= 3 && !s.eliminated {
            rows[i].due = Due::new(s.updated_at.date_naive(), Basis::Estimated, RERATE_MONTHS);
        }
    }
}

/// A message from the assessor: the popup on top takes it, else the screen.
fn input(state: &mut State, msg: Msg) -> Vec<Effect> {
    state.notice = None;
    let typed = matches!(msg, Msg::Text(_));
    let effects = route(state, msg);
    if typed && let Some(loss) = focused_field(state).and_then(Field::lost) {
        state.notice = Some(Notice::TextLost(loss));
    }
    effects
}

/// The field that text goes to on the current screen or popup.
fn focused_field(state: &State) -> Option<&Field> {
    if let Some(popup) = &state.popup {
        return match popup {
            Popup::Prompt(p) => Some(&p.field),
            _ => None,
        };
    }
    match &state.screen {
        Screen::List(v) => v.searching.then_some(&v.search),
        Screen::PickSet(p) => Some(&p.query),
        Screen::Header(form) => form.fields.get(form.focus),
        Screen::Sheet(v) => v.note.as_ref().map(|n| &n.field),
        Screen::Council(_) => None,
    }
}

/// What a screen's update may change besides its own view (the popup it opens, the notice it
/// gives) and what it reads (the session, the list's rows): each borrowed apart from the
/// screen, so a screen never looks itself up again to reach them.
pub(super) struct Top<'a> {
    pub popup: &'a mut Option<Popup>,
    pub notice: &'a mut Option<Notice>,
    pub session: &'a Session,
    pub rows: &'a [Row],
}

/// What a screen's update leads to: effects to run, and another screen to go to.
#[derive(Default)]
pub(super) struct Step {
    pub effects: Vec<Effect>,
    pub go: Option<Screen>,
}

impl Step {
    pub fn go(screen: Screen, effects: Vec<Effect>) -> Step {
        Step {
            effects,
            go: Some(screen),
        }
    }
}

impl From<Vec<Effect>> for Step {
    fn from(effects: Vec<Effect>) -> Step {
        Step { effects, go: None }
    }
}

/// Whether a popup stays open after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    Open,
    Close,
}

/// The popup on top takes a message, else the screen.
fn route(state: &mut State, msg: Msg) -> Vec<Effect> {
    let State {
        session,
        rows,
        screen,
        popup,
        notice,
        ..
    } = state;
    if let Some(open) = popup.as_mut() {
        let (effects, keep) = popup::update(open, screen, msg);
        if keep == Keep::Close {
            *popup = None;
        }
        return effects;
    }
    if msg == Msg::Help {
        *popup = Some(Popup::Help);
        return Vec::new();
    }
    let mut top = Top {
        popup,
        notice,
        session,
        rows,
    };
    let step = match screen {
        Screen::List(v) => list::update(v, &mut top, msg),
        Screen::PickSet(p) => list::pick_set(p, &top, msg),
        Screen::Header(f) => form::update(f, msg),
        Screen::Sheet(v) => sheet::update(v, &mut top, msg),
        Screen::Council(v) => council::update(v, msg),
    };
    if let Some(next) = step.go {
        *screen = next;
    }
    step.effects
}

/// The save of typed text not yet saved (a note, the comments), marking it saved.
fn pending(state: &mut State) -> Option<Effect> {
    let State { screen, popup, .. } = state;
    let v = sheet_of(screen)?;
    if let Some(Popup::Prompt(p)) = popup
        && p.purpose == Purpose::Comment
        && p.dirty
    {
        p.dirty = false;
        let text = p.field.value().to_string();
        return Some(edit(v, vec![Edit::Comment(text)], After::Stay));
    }
    let note = v.note.as_mut().filter(|n| n.dirty)?;
    note.dirty = false;
    let text = note.field.value().to_string();
    Some(edit(
        v,
        vec![Edit::Note(v.current.clone(), text)],
        After::Stay,
    ))
}

/// The open sheet, when the screen is one.
pub(crate) fn sheet_of(screen: &mut Screen) -> Option<&mut SheetView> {
    match screen {
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
mod tests_plan_page;
#[cfg(test)]
mod tests_rerate;
#[cfg(test)]
mod tests_rules;
