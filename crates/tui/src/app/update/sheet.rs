//! An open sheet: the scoring walk, the review, and the finished view. Each step takes the
//! open sheet's view and what it may change beside it (`Top`), never the whole state.

use std::sync::Arc;

use super::{Step, Top, edit, sheet_of};
use crate::app::field::Field;
use crate::app::msg::{After, Edit, Effect, Msg};
use crate::app::state::{
    Ask, Earlier, ListView, NoteEdit, Notice, Page, Pick, PlanBack, Popup, Prompt, Purpose, Screen,
    SheetView, State,
};
use ocop_domain::rubric::{Code, Rubric};
use ocop_domain::score::Standing;
use ocop_domain::sheet::{Mark, Sheet, SheetId, Status};
use ocop_domain::text::{FIELD_MAX_CHARS, NOTE_MAX_CHARS};
use ocop_store::SyncState;

pub(super) fn opened(
    state: &mut State,
    (sheet, rubric): (Sheet, Arc<Rubric>),
    (sync, signed): (SyncState, Option<String>),
    earlier: Option<Arc<Earlier>>,
) -> Vec<Effect> {
    let first = rubric.leaves().next().map(|c| c.code.clone());
    let mut view = SheetView {
        sheet,
        rubric,
        current: first.unwrap_or_else(|| Code::new("")),
        highlight: 0,
        page: Page::Scoring,
        note: None,
        case_dismissed: false,
        resumed: false,
        earlier,
        sync,
        signed,
    };
    let first_open = view
        .leaves()
        .into_iter()
        .find(|c| view.standing_of(c) == Standing::Unanswered)
        .map(|c| c.code.clone());
    match first_open {
        Some(code) if !view.read_only() => go_to(&mut view, code),
        _ => view.page = Page::Review { selected: 0 },
    }
    state.popup = case_question(&view);
    state.screen = Screen::Sheet(Box::new(view));
    Vec::new()
}

pub(super) fn saved(state: &mut State, sheet: Sheet, after: After) -> Vec<Effect> {
    let State {
        screen,
        popup,
        notice,
        ..
    } = state;
    let Some(v) = sheet_of(screen) else {
        return Vec::new();
    };
    if v.sheet.id != sheet.id {
        return Vec::new();
    }
    v.sheet = sheet;
    match after {
        After::Stay => {}
        // A zero under a stop-on-zero group has ended the evaluation: nothing is left to walk.
        After::Advance if v.score().stopped_on_zero() => v.page = review_at(v),
        After::Advance => match next_unanswered(v) {
            Some(code) => go_to(v, code),
            None => v.page = review_at(v),
        },
        After::Review => v.page = review_at(v),
        After::Finished => {
            v.page = review_at(v);
            *notice = Some(Notice::Finished);
            return std::iter::once(Effect::LoadList)
                .chain(refresh_sync(screen))
                .collect();
        }
    }
    ask_case(v, popup);
    Vec::new()
}

/// Reloads the open finished sheet's sync state; a draft has none to show.
pub(super) fn refresh_sync(screen: &Screen) -> Option<Effect> {
    match screen {
        Screen::Sheet(v) if v.read_only() => Some(Effect::LoadSyncState {
            id: v.sheet.id.clone(),
            revision: v.sheet.revision,
        }),
        _ => None,
    }
}

/// Keeps a loaded sync state if the same revision is still open.
pub(super) fn sync_state_loaded(
    state: &mut State,
    (id, revision): (&SheetId, u32),
    sync: SyncState,
    signed: Option<String>,
) {
    let synced = matches!(sync, SyncState::Synced { .. });
    let Some(v) = sheet_of(&mut state.screen) else {
        return;
    };
    if v.sheet.id != *id || v.sheet.revision != revision {
        return;
    }
    v.sync = sync;
    v.signed = signed;
    // "Finished: … waits for sync" is no longer so once the sheet went.
    if synced && state.notice == Some(Notice::Finished) {
        state.notice = None;
    }
}

/// The next unanswered applicable criterion after the current one, wrapping round.
pub fn next_unanswered(v: &SheetView) -> Option<Code> {
    let leaves = v.leaves();
    let at = leaves.iter().position(|c| c.code == v.current).unwrap_or(0);
    (1..=leaves.len())
        .map(|step| leaves[(at + step) % leaves.len()])
        .find(|c| v.standing_of(c) == Standing::Unanswered)
        .map(|c| c.code.clone())
}

fn review_at(v: &SheetView) -> Page {
    let selected = v.leaves().iter().position(|c| c.code == v.current);
    Page::Review {
        selected: selected.unwrap_or(0),
    }
}

/// Makes `code` current, with the highlight on its present answer.
pub(super) fn go_to(v: &mut SheetView, code: Code) {
    v.current = code;
    v.page = Page::Scoring;
    v.highlight = v
        .criterion()
        .map(|c| {
            let picks = v.choices(c);
            let chosen = match v.sheet.mark(&c.code) {
                Some(Mark::Chose { option }) => Some(Pick::Option(*option)),
                Some(Mark::NotMet) => Some(Pick::NotMet),
                _ => None,
            };
            chosen
                .and_then(|p| picks.iter().position(|q| *q == p))
                .unwrap_or(0)
        })
        .unwrap_or(0);
}

/// Asks the case question when the walk has come to a criterion split by case.
pub(super) fn ask_case(v: &SheetView, popup: &mut Option<Popup>) {
    if let Some(question) = case_question(v) {
        *popup = Some(question);
    }
}

/// For the tourism set, the first time the walk meets a criterion split by case.
pub(super) fn case_question(v: &SheetView) -> Option<Popup> {
    let c = v.criterion()?;
    let ask = v.page == Page::Scoring
        && !c.cases.is_empty()
        && v.sheet.case.is_none()
        && !v.case_dismissed
        && !v.read_only();
    ask.then(|| Popup::Case(c.cases.clone()))
}

pub(super) fn update(v: &mut SheetView, top: &mut Top, msg: Msg) -> Step {
    if v.note.is_some() {
        return note(v, msg).into();
    }
    let step = match v.page {
        Page::Scoring => scoring(v, top, msg),
        Page::Review { selected } => review(v, top, msg, selected),
        Page::Plan { selected, back } => super::plan_page::update(v, msg, selected, back).into(),
    };
    // Wherever the walk has come to, the case question is asked there.
    if step.go.is_none() && top.popup.is_none() {
        ask_case(v, top.popup);
    }
    step
}

fn note(v: &mut SheetView, msg: Msg) -> Vec<Effect> {
    let Some(n) = v.note.as_mut() else {
        return Vec::new();
    };
    match msg {
        Msg::Text(e) => {
            let changed = n.field.apply(e);
            n.dirty |= changed;
            Vec::new()
        }
        Msg::Enter | Msg::Back => {
            let text = n.field.value().to_string();
            v.note = None;
            if text == v.sheet.note(&v.current) {
                return Vec::new();
            }
            vec![edit(
                v,
                vec![Edit::Note(v.current.clone(), text)],
                After::Stay,
            )]
        }
        _ => Vec::new(),
    }
}

fn scoring(v: &mut SheetView, top: &mut Top, msg: Msg) -> Step {
    match msg {
        Msg::Digit(d) => return choose_digit(v, top, d).into(),
        Msg::Enter => {
            let pick = v
                .criterion()
                .and_then(|c| v.choices(c).get(v.highlight).copied());
            return pick.map(|p| choose(v, top, p)).unwrap_or_default().into();
        }
        Msg::Up => v.highlight = v.highlight.saturating_sub(1),
        Msg::Down => {
            let n = v.criterion().map_or(0, |c| v.choices(c).len());
            v.highlight = (v.highlight + 1).min(n.saturating_sub(1));
        }
        Msg::Prev => step(v, false),
        Msg::Next => step(v, true),
        Msg::Review => v.page = review_at(v),
        Msg::Plan => v.page = super::plan_page::open(PlanBack::Scoring),
        Msg::TakeEarlier => return take_earlier(v, top).into(),
        Msg::Jump => *top.popup = Some(prompt(Purpose::Jump, "", FIELD_MAX_CHARS)),
        Msg::EditNote => edit_note(v, top),
        Msg::Raise => return raise(v, top).into(),
        // A finished sheet's criterion was opened from its review: back there.
        Msg::Back if v.read_only() => v.page = review_at(v),
        Msg::Back => return back_to_list(),
        _ => {}
    }
    Step::default()
}

/// A finished sheet takes no answer, note or elimination: the notice says so.
fn writable(v: &SheetView, top: &mut Top) -> bool {
    if v.read_only() {
        *top.notice = Some(Notice::ReadOnly);
    }
    !v.read_only()
}

pub fn prompt(purpose: Purpose, value: &str, max: usize) -> Popup {
    // The comments are paragraphs, as on the paper form; every other prompt one line.
    let field = match purpose {
        Purpose::Comment => Field::lines(value, max),
        _ => Field::new(value, max),
    };
    Popup::Prompt(Prompt {
        purpose,
        field,
        dirty: false,
        problem: None,
    })
}

fn back_to_list() -> Step {
    Step::go(Screen::List(ListView::new()), vec![Effect::LoadList])
}

/// To the previous or next criterion that applies.
fn step(v: &mut SheetView, forward: bool) {
    let leaves = v.leaves();
    let at = leaves.iter().position(|c| c.code == v.current).unwrap_or(0);
    let mut order: Vec<usize> = if forward {
        (at + 1..leaves.len()).collect()
    } else {
        (0..at).rev().collect()
    };
    order.retain(|i| v.standing_of(leaves[*i]) != Standing::NotApplicable);
    if let Some(code) = order.first().map(|i| leaves[*i].code.clone()) {
        go_to(v, code);
    }
}

fn choose_digit(v: &SheetView, top: &mut Top, d: u8) -> Vec<Effect> {
    let pick = if d == 0 {
        Pick::NotMet
    } else {
        Pick::Option(d)
    };
    let offered = v.criterion().is_some_and(|c| v.choices(c).contains(&pick));
    if !offered {
        return Vec::new();
    }
    choose(v, top, pick)
}

/// `=`: the current criterion answered as the earlier sheet answered it, then on.
fn take_earlier(v: &SheetView, top: &mut Top) -> Vec<Effect> {
    let carried = v.earlier.as_ref().and_then(|e| {
        let earlier = (e.rubric.as_ref(), &e.sheet);
        ocop_domain::rerate::carry(earlier, &v.rubric, &v.current, v.sheet.case)
    });
    let pick = match carried {
        Some(Mark::Chose { option }) => Some(Pick::Option(option)),
        Some(Mark::NotMet) => Some(Pick::NotMet),
        _ => None,
    };
    let offered = pick.filter(|p| v.criterion().is_some_and(|c| v.choices(c).contains(p)));
    match offered {
        Some(pick) => choose(v, top, pick),
        None => {
            *top.notice = Some(Notice::NoEarlierAnswer);
            Vec::new()
        }
    }
}

fn choose(v: &SheetView, top: &mut Top, pick: Pick) -> Vec<Effect> {
    if !writable(v, top) {
        return Vec::new();
    }
    let applies = v
        .criterion()
        .is_some_and(|c| v.standing_of(c) != Standing::NotApplicable);
    if !applies {
        return Vec::new();
    }
    let mark = match pick {
        Pick::Option(option) => Mark::Chose { option },
        Pick::NotMet => Mark::NotMet,
    };
    vec![edit(
        v,
        vec![Edit::Mark(v.current.clone(), Some(mark))],
        After::Advance,
    )]
}

fn edit_note(v: &mut SheetView, top: &mut Top) {
    if !writable(v, top) {
        return;
    }
    let field = Field::lines(v.sheet.note(&v.current), NOTE_MAX_CHARS);
    v.note = Some(NoteEdit {
        field,
        dirty: false,
    });
}

/// `x`: withdraws a raised rule at once; raising asks for the reason first.
fn raise(v: &SheetView, top: &mut Top) -> Vec<Effect> {
    if !writable(v, top) {
        return Vec::new();
    }
    let raisable = v
        .criterion()
        .and_then(|c| c.rule())
        .is_some_and(|r| r.is_raisable());
    if !raisable {
        *top.notice = Some(Notice::NotRaisable);
        return Vec::new();
    }
    let code = v.current.clone();
    if let Some(Mark::Raised { .. }) = v.sheet.mark(&code) {
        return vec![edit(v, vec![Edit::Mark(code, None)], After::Stay)];
    }
    *top.popup = Some(prompt(Purpose::Raise(code), "", FIELD_MAX_CHARS));
    Vec::new()
}

fn review(v: &mut SheetView, top: &mut Top, msg: Msg, selected: usize) -> Step {
    let n = v.leaves().len();
    let column = n.div_ceil(2).max(1);
    let last = n.saturating_sub(1);
    let moved = match msg {
        Msg::Up => selected.saturating_sub(1),
        Msg::Down => (selected + 1).min(last),
        Msg::Prev => selected.saturating_sub(column),
        Msg::Next => (selected + column).min(last),
        Msg::Enter => {
            let code = v.leaves().get(selected).map(|c| c.code.clone());
            if let Some(code) = code {
                go_to(v, code);
            }
            return Step::default();
        }
        Msg::Back if v.read_only() => return back_to_list(),
        Msg::Back => {
            v.page = Page::Scoring;
            return Step::default();
        }
        Msg::Comment | Msg::Finish | Msg::Amend | Msg::Dossier | Msg::SelfAssessment => {
            review_action(v, top, msg);
            return Step::default();
        }
        Msg::Plan => {
            v.page = super::plan_page::open(PlanBack::Review(selected));
            return Step::default();
        }
        Msg::Rerate if v.read_only() => {
            let sheet = Some((v.sheet.id.clone(), Status::Finished));
            return super::rerate::ask(top.notice, sheet).into();
        }
        _ => selected,
    };
    v.page = Page::Review { selected: moved };
    Step::default()
}

/// Comments and finishing belong to a draft; amending to a finished sheet.
fn review_action(v: &SheetView, top: &mut Top, msg: Msg) {
    match (msg, v.read_only()) {
        (Msg::Comment, false) => {
            let comment = &v.sheet.comment;
            *top.popup = Some(prompt(Purpose::Comment, comment, NOTE_MAX_CHARS));
        }
        (Msg::Finish, false) => ask_finish(v, top),
        // Withdrawn as it was recorded: after a y/n.
        (Msg::Dossier, false) if v.sheet.dossier_rejected.is_some() => {
            *top.popup = Some(Popup::Confirm(Ask::AcceptDossier));
        }
        (Msg::Dossier, false) => *top.popup = Some(prompt(Purpose::Dossier, "", FIELD_MAX_CHARS)),
        (Msg::SelfAssessment, false) => {
            *top.popup = Some(prompt(Purpose::SelfAssessment, "", FIELD_MAX_CHARS));
        }
        (Msg::Amend, true) => *top.popup = Some(prompt(Purpose::Amend, "", FIELD_MAX_CHARS)),
        (Msg::Comment | Msg::Finish | Msg::Dossier | Msg::SelfAssessment, true) => {
            *top.notice = Some(Notice::ReadOnly)
        }
        _ => {}
    }
}

fn ask_finish(v: &SheetView, top: &mut Top) {
    let score = v.score();
    if score.complete() {
        *top.popup = Some(Popup::Confirm(Ask::Finish));
    } else {
        *top.notice = Some(Notice::Unanswered(score.unanswered.len()));
    }
}

/// Brings the open sheet back to where the assessor was: the criterion, and the note editor
/// with the text being typed (dirty when it differs from the stored note, so it is saved).
/// A finished sheet, or a criterion the rubric no longer has, stays as opening left it.
pub(crate) fn resume(state: &mut State, criterion: &str, note: Option<String>) {
    let Some(v) = sheet_of(&mut state.screen) else {
        return;
    };
    // Whatever the place names, the assessor who expected the list records nothing yet.
    v.resumed = !v.read_only();
    let code = Code::new(criterion);
    if v.read_only() || v.rubric.criterion(&code).is_none_or(|c| !c.is_leaf()) {
        return;
    }
    go_to(v, code);
    if let Some(text) = note {
        let dirty = text != v.sheet.note(&v.current);
        v.note = Some(NoteEdit {
            field: Field::lines(&text, NOTE_MAX_CHARS),
            dirty,
        });
    }
}
