//! Changes to a sheet, each returning the audit event that records it. The caller stores the
//! sheet and the event in one transaction. A finished sheet refuses every change.

use chrono::{DateTime, FixedOffset};

use super::audit::{AuditEvent, Change};
use super::claim::SelfAssessment;
use super::rubric::{Case, Code};
use super::sheet::{HeaderField, Mark, Sheet, Status};
use super::text::{self, FIELD_MAX_CHARS, NOTE_MAX_CHARS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the sheet is finished; amend it to change it")]
    Finished,
}

/// Who and when, for every change.
#[derive(Debug, Clone, Copy)]
pub struct By<'a> {
    pub actor: &'a str,
    pub at: DateTime<FixedOffset>,
}

fn event(sheet: &mut Sheet, by: By<'_>, change: Change) -> AuditEvent {
    sheet.updated_at = by.at;
    AuditEvent {
        sheet_id: sheet.id.clone(),
        revision: sheet.revision,
        at: by.at,
        actor: by.actor.to_string(),
        change,
    }
}

fn draft(sheet: &Sheet) -> Result<(), EditError> {
    match sheet.status {
        Status::Draft => Ok(()),
        Status::Finished => Err(EditError::Finished),
    }
}

pub fn created(sheet: &mut Sheet, by: By<'_>) -> AuditEvent {
    let change = Change::Created {
        set_id: sheet.set_id.clone(),
        rubric_sha256: sheet.rubric_sha256.clone(),
    };
    event(sheet, by, change)
}

pub fn set_mark(
    sheet: &mut Sheet,
    code: &Code,
    mark: Option<Mark>,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let mark = mark.map(|m| match m {
        Mark::Raised { reason } => Mark::Raised {
            reason: text::clean(&reason, FIELD_MAX_CHARS, false),
        },
        m => m,
    });
    let answer = sheet.answers.entry(code.clone()).or_default();
    let old = std::mem::replace(&mut answer.mark, mark.clone());
    answer.answered_at = mark.as_ref().map(|_| by.at);
    let change = Change::Mark {
        code: code.clone(),
        old,
        new: mark,
    };
    Ok(event(sheet, by, change))
}

pub fn set_note(
    sheet: &mut Sheet,
    code: &Code,
    note: &str,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let note = text::clean(note, NOTE_MAX_CHARS, true);
    let answer = sheet.answers.entry(code.clone()).or_default();
    let old = std::mem::replace(&mut answer.note, note.clone());
    let change = Change::Note {
        code: code.clone(),
        old,
        new: note,
    };
    Ok(event(sheet, by, change))
}

pub fn set_comment(sheet: &mut Sheet, comment: &str, by: By<'_>) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let new = text::clean(comment, NOTE_MAX_CHARS, true);
    let old = std::mem::replace(&mut sheet.comment, new.clone());
    Ok(event(sheet, by, Change::Comment { old, new }))
}

pub fn set_case(
    sheet: &mut Sheet,
    case: Option<Case>,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let old = std::mem::replace(&mut sheet.case, case);
    Ok(event(sheet, by, Change::Case { old, new: case }))
}

pub fn set_dossier(
    sheet: &mut Sheet,
    rejected: Option<String>,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let new = rejected.map(|r| text::clean(&r, FIELD_MAX_CHARS, false));
    let old = std::mem::replace(&mut sheet.dossier_rejected, new.clone());
    Ok(event(sheet, by, Change::Dossier { old, new }))
}

/// Attaches the producer's self-assessment (or removes it, with `None`).
pub fn set_self_assessment(
    sheet: &mut Sheet,
    new: Option<SelfAssessment>,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let change = Change::SelfAssessment {
        file: new.as_ref().map(|s| s.file.clone()),
        old: sheet.self_assessment.as_ref().map(|s| s.sha256.clone()),
        new: new.as_ref().map(|s| s.sha256.clone()),
    };
    sheet.self_assessment = new;
    Ok(event(sheet, by, change))
}

pub fn set_header(
    sheet: &mut Sheet,
    field: HeaderField,
    value: &str,
    by: By<'_>,
) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    let new = text::clean(value, FIELD_MAX_CHARS, false);
    let old = sheet.header.set(field, &new);
    let change = Change::Header { field, old, new };
    Ok(event(sheet, by, change))
}

pub fn finish(sheet: &mut Sheet, by: By<'_>) -> Result<AuditEvent, EditError> {
    draft(sheet)?;
    sheet.status = Status::Finished;
    sheet.finished_at = Some(by.at);
    Ok(event(sheet, by, Change::Finished))
}

/// Revision N+1 of a finished sheet, as a draft, and the event that records it.
pub fn amend(finished: &Sheet, reason: &str, by: By<'_>) -> (Sheet, AuditEvent) {
    let reason = text::clean(reason, FIELD_MAX_CHARS, false);
    let mut next = finished.amended(&reason, by.at);
    let change = Change::Amended {
        from_revision: finished.revision,
        reason,
    };
    let event = event(&mut next, by, change);
    (next, event)
}
