//! Whether a sheet file's totals, stars and every computed field follow from its own answers
//! on its rubric: the sheet is rebuilt from the document and its document made again.

use serde_json::Value;

use crate::document::{AnswerState, Document, in_trail};
use crate::figures::mark_of;
use ocop_domain::rubric::Rubric;
use ocop_domain::score::Score;
use ocop_domain::sheet::{Answer, Header, Previous, Sheet, SheetId};
use ocop_words::Words;
use ocop_words::words;

/// Rebuilds the document from its own answers on its rubric, and names every field that
/// comes out different.
/// `sheet` is the document's own, from `sheet_of`, and `score` its score on `rubric`.
pub fn recompute(doc: &mut Document, sheet: &Sheet, rubric: &Rubric, score: &Score) -> Vec<Words> {
    // The usual case, a sound file, is told by comparing typed documents, the audit trail
    // apart: recomputed, the trail is the file's own events that belong to this revision, so
    // it is the same when each of them does. Only a file that differs is compared as JSON,
    // field by field, to name what differs.
    let audit = std::mem::take(&mut doc.audit);
    let sound = audit.iter().all(|e| in_trail(sheet, e))
        && *doc == Document::scored(rubric, sheet, score, &[]);
    doc.audit = audit;
    if sound {
        return Vec::new();
    }
    let again = Document::of(rubric, sheet, &doc.audit);
    let doc = &earlier_not_applicable(doc, &again);
    let (Ok(Value::Object(have)), Ok(Value::Object(want))) =
        (serde_json::to_value(doc), serde_json::to_value(&again))
    else {
        return vec![words!("không tính lại được", "cannot be recomputed")];
    };
    want.iter()
        .filter(|(key, value)| have.get(*key) != Some(value))
        .map(|(key, value)| match value {
            Value::Array(_) | Value::Object(_) => words!(
                "{key} của nó không khớp với các câu trả lời và bộ tiêu chí của nó",
                "its {key} do not follow from its answers and rubric"
            ),
            _ => {
                let says = have.get(key).unwrap_or(&Value::Null);
                words!(
                    "ghi {key} {says}, các câu trả lời và bộ tiêu chí của nó cho {value}",
                    "says {key} {says}, its answers and rubric give {value}"
                )
            }
        })
        .collect()
}

/// Files written before not-applicable answers were told apart say `answered`, with the option
/// and 0 points, where the rule made the criterion not apply: read them as the newer form says.
fn earlier_not_applicable(doc: &Document, again: &Document) -> Document {
    let mut doc = doc.clone();
    for (have, want) in doc.answers.iter_mut().zip(&again.answers) {
        let same = have.code == want.code && have.option == want.option && have.points == 0;
        if same && (have.state, want.state) == (AnswerState::Answered, AnswerState::NotApplicable) {
            have.state = AnswerState::NotApplicable;
        }
    }
    doc
}

/// The sheet a document was made from, as far as scoring and the document need it.
pub fn sheet_of(doc: &Document) -> Result<Sheet, Words> {
    let id = SheetId::parse(&doc.sheet_id).ok_or_else(|| {
        words!(
            "sheet_id của nó không phải một ULID",
            "its sheet_id is not a ULID"
        )
    })?;
    let case = crate::figures::case_of(doc.case)?;
    let answers = doc
        .answers
        .iter()
        .map(|a| {
            let mark = mark_of(a.state, a.option, a.reason.as_deref());
            let answer = Answer {
                mark,
                note: a.note.clone(),
                answered_at: a.answered_at,
            };
            (a.code.clone(), answer)
        })
        .collect();
    Ok(Sheet {
        id,
        revision: doc.revision,
        supersedes: doc.supersedes,
        amend_reason: doc.amend_reason.clone(),
        set_id: doc.rubric.set_id.clone(),
        rubric_sha256: doc.rubric.sha256.clone(),
        header: Header {
            product_name: doc.product.name.clone(),
            producer: doc.product.producer.clone(),
            product_code: doc.product.code.clone(),
            phone: doc.product.phone.clone(),
            address: doc.product.address.clone(),
            assessor: doc.assessor.name.clone(),
            council: doc.assessor.council.clone(),
            place: doc.place.clone(),
            evaluated_on: doc.evaluated_on,
        },
        answers,
        case,
        dossier_rejected: doc.dossier_rejected.clone(),
        comment: doc.comment.clone(),
        status: doc.status,
        started_at: doc.started_at,
        updated_at: doc.finished_at.unwrap_or(doc.started_at),
        finished_at: doc.finished_at,
        previous: match &doc.previous {
            None => None,
            Some(p) => Some(Previous {
                sheet_id: SheetId::parse(&p.sheet_id).ok_or_else(|| {
                    words!(
                        "sheet_id của phiếu trước nó (previous) không phải một ULID",
                        "its previous sheet_id is not a ULID"
                    )
                })?,
                revision: p.revision,
                sha256: p.sha256.clone(),
            }),
        },
        assessor_id: doc.assessor.id.clone(),
        supersedes_sha256: doc.supersedes_sha256.clone(),
        self_assessment: doc.self_assessment.as_ref().map(|sa| sa.to_domain()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::testing::{TEA, finished, rubric};

    /// What verify says of a document's computed fields: the sheet made from it, rescored.
    fn recomputed(doc: &mut Document, rubric: &Rubric) -> Vec<Words> {
        let sheet = sheet_of(doc).expect("a sheet");
        let score = ocop_domain::score::score(rubric, &sheet);
        recompute(doc, &sheet, rubric, &score)
    }

    #[test]
    fn a_file_from_before_not_applicable_answers_were_told_apart_still_recomputes() {
        let r = rubric(TEA);
        let (sheet, trail) = finished(&r, "01JD0000000000000000000001", "Chè", 1);
        let mut doc = Document::of(&r, &sheet, &trail);
        assert!(recomputed(&mut doc, &r).is_empty());
        let mut earlier = doc.clone();
        let old = earlier
            .answers
            .iter_mut()
            .find(|a| a.code.as_str() == "5.2")
            .expect("5.2");
        assert_eq!(old.state, AnswerState::NotApplicable);
        old.state = AnswerState::Answered;
        assert!(
            recomputed(&mut earlier, &r).is_empty(),
            "read as the newer form"
        );
        let mut forged = doc.clone();
        if let Some(a) = forged.answers.iter_mut().find(|a| a.code.as_str() == "5.2") {
            a.points = 2;
        }
        assert!(
            !recomputed(&mut forged, &r).is_empty(),
            "points on it are still caught"
        );
    }
}
