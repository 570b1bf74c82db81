//! The sheet document, schema `ocop-sheet/1`: what `ocop show --json` prints and what the
//! export folder carries. One typed struct both writes and reads it, so a document that parses
//! is exactly what a writer could have produced. Its bytes are canonical (keys sorted at every
//! level, two-space indent, one trailing newline): the same sheet always gives the same file,
//! which is how a re-sync recognises a file it wrote before.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use ocop_domain::audit::{self, AuditEvent, Change};
use ocop_domain::claim::{Claim, SelfAssessment, points_of};
use ocop_domain::rubric::{Code, Rubric};
use ocop_domain::score::{EliminationKind, Score, Standing, score, standing};
use ocop_domain::sheet::{Mark, Sheet, Status};

pub const SCHEMA: &str = "ocop-sheet/1";

/// One sheet revision with its computed result and its audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    /// Kept as text: a reader validates it with `SheetId::parse` before trusting it.
    pub sheet_id: String,
    pub revision: u32,
    pub status: Status,
    pub supersedes: Option<u32>,
    pub amend_reason: Option<String>,
    /// On an amendment: the SHA-256 of the superseded revision's file. Left out when absent,
    /// so the documents of sheets finished before it existed keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes_sha256: Option<String>,
    pub rubric: RubricRef,
    pub product: Product,
    pub assessor: Assessor,
    pub evaluated_on: Option<NaiveDate>,
    /// Where it was signed; absent from a document written before the field existed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(deserialize_with = "audit::timestamp")]
    pub started_at: DateTime<FixedOffset>,
    #[serde(default, deserialize_with = "audit::maybe_timestamp")]
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// The tourism case (1 or 2) the site falls under, where the set has cases.
    pub case: Option<u8>,
    pub dossier_rejected: Option<String>,
    pub answers: Vec<AnswerDoc>,
    pub parts: Vec<PartDoc>,
    pub total: u16,
    pub band_stars: u8,
    pub stars: u8,
    pub held_by: Vec<HeldDoc>,
    pub eliminated: bool,
    pub elimination_reasons: Vec<EliminationDoc>,
    pub comment: String,
    pub audit: Vec<AuditEvent>,
    /// For a re-rating: the evaluation it follows. Absent otherwise, so documents of sheets
    /// that are not re-ratings read and hash as they always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousDoc>,
    /// The producer's self-assessment (Mẫu số 02), when one was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<SelfAssessmentDoc>,
}

/// The producer's self-assessment as the file carries it: the imported file's name and
/// SHA-256, and each claim with the points it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentDoc {
    pub file: String,
    pub sha256: String,
    #[serde(deserialize_with = "audit::timestamp")]
    pub imported_at: DateTime<FixedOffset>,
    pub claims: Vec<ClaimDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimDoc {
    pub code: Code,
    pub option: u8,
    pub points: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

impl SelfAssessmentDoc {
    fn of(rubric: &Rubric, sa: &SelfAssessment) -> SelfAssessmentDoc {
        let claims = sa
            .claims
            .iter()
            .map(|(code, c)| ClaimDoc {
                code: code.clone(),
                option: c.option,
                points: points_of(rubric, code, c.option).map_or(0, |p| p.0),
                description: c.description.clone(),
                evidence: c.evidence.clone(),
            })
            .collect();
        SelfAssessmentDoc {
            file: sa.file.clone(),
            sha256: sa.sha256.clone(),
            imported_at: sa.imported_at,
            claims,
        }
    }

    /// The domain's self-assessment again (the points are the rubric's, checked by `verify`).
    pub fn to_domain(&self) -> SelfAssessment {
        let claims = self
            .claims
            .iter()
            .map(|c| {
                let claim = Claim {
                    option: c.option,
                    description: c.description.clone(),
                    evidence: c.evidence.clone(),
                };
                (c.code.clone(), claim)
            })
            .collect();
        SelfAssessment {
            file: self.file.clone(),
            sha256: self.sha256.clone(),
            imported_at: self.imported_at,
            claims,
        }
    }
}

/// The earlier sheet a re-rating follows, as text until a reader validates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousDoc {
    pub sheet_id: String,
    pub revision: u32,
    /// The SHA-256 of its exported file, when it had been synced.
    pub sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricRef {
    pub set_id: String,
    pub set_no: u8,
    pub title: String,
    pub edition: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub name: String,
    pub code: String,
    pub producer: String,
    pub phone: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessor {
    pub name: String,
    pub council: String,
    /// The principal whose key signs the sheet (`assessor_id`); left out when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// What the assessor decided on a leaf; `unanswered` only on a sheet ended by an elimination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerState {
    Answered,
    NotMet,
    NotApplicable,
    Eliminated,
    Unanswered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerDoc {
    pub code: Code,
    pub state: AnswerState,
    /// The 1-based option number in the rubric, when one was chosen (also on a criterion
    /// answered and then made not applicable by its rule: its state says it does not count).
    pub option: Option<u8>,
    /// What the criterion scores on this sheet (0 where a rule makes it not applicable).
    pub points: u16,
    pub max: u16,
    pub note: String,
    /// The reason given when the criterion's elimination rule was raised.
    pub reason: Option<String>,
    #[serde(default, deserialize_with = "audit::maybe_timestamp")]
    pub answered_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartDoc {
    pub code: String,
    pub points: u16,
    pub max: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldDoc {
    pub stars: u8,
    pub code: Code,
    pub needs: u16,
    pub has: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindDoc {
    Dossier,
    Elimination,
    Stop,
    Eligibility,
    StopOnZero,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EliminationDoc {
    /// The criterion it was raised on; null for the dossier.
    pub code: Option<Code>,
    pub kind: KindDoc,
    pub reason: String,
}

/// The document of one sheet revision, as JSON.
pub fn sheet_document(rubric: &Rubric, sheet: &Sheet, audit: &[AuditEvent]) -> Value {
    // A struct of strings, numbers and chrono dates always converts; Null is unreachable.
    serde_json::to_value(Document::of(rubric, sheet, audit)).unwrap_or(Value::Null)
}

/// The file bytes of a document: keys sorted at every level, pretty, one trailing newline.
pub fn canonical_bytes(value: &Value) -> Vec<u8> {
    let mut value = value.clone();
    sort_keys(&mut value);
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Reads a document; the schema is checked by the caller, so that it can say so plainly.
pub fn parse(bytes: &[u8]) -> Result<Document, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// Whether an audit event belongs in the document of `sheet`: the events of this revision and
/// the ones before. Later drafts and the export's own `synced` records are left out, so the
/// document of a revision never changes once it is finished.
pub fn in_trail(sheet: &Sheet, event: &AuditEvent) -> bool {
    event.sheet_id == sheet.id
        && event.revision <= sheet.revision
        && !matches!(event.change, Change::Synced { .. })
}

fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sort_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

impl Document {
    pub fn of(rubric: &Rubric, sheet: &Sheet, audit: &[AuditEvent]) -> Document {
        Document::scored(rubric, sheet, &score(rubric, sheet), audit)
    }

    /// `of`, for a sheet whose score on `rubric` is `s`.
    pub fn scored(rubric: &Rubric, sheet: &Sheet, s: &Score, audit: &[AuditEvent]) -> Document {
        let h = &sheet.header;
        Document {
            schema: SCHEMA.to_string(),
            sheet_id: sheet.id.as_str().to_string(),
            revision: sheet.revision,
            status: sheet.status,
            supersedes: sheet.supersedes,
            amend_reason: sheet.amend_reason.clone(),
            supersedes_sha256: sheet.supersedes_sha256.clone(),
            rubric: RubricRef::of(rubric),
            product: Product {
                name: h.product_name.clone(),
                code: h.product_code.clone(),
                producer: h.producer.clone(),
                phone: h.phone.clone(),
                address: h.address.clone(),
            },
            assessor: Assessor {
                name: h.assessor.clone(),
                council: h.council.clone(),
                id: sheet.assessor_id.clone(),
            },
            evaluated_on: h.evaluated_on,
            place: h.place.clone(),
            started_at: sheet.started_at,
            finished_at: sheet.finished_at,
            case: sheet.case.map(|c| c.number()),
            dossier_rejected: sheet.dossier_rejected.clone(),
            answers: answers(rubric, sheet),
            parts: parts(s),
            total: s.total.0,
            band_stars: s.band_stars,
            stars: s.stars,
            held_by: held_by(s),
            eliminated: s.eliminated(),
            elimination_reasons: eliminations(s),
            comment: sheet.comment.clone(),
            audit: audit
                .iter()
                .filter(|e| in_trail(sheet, e))
                .cloned()
                .collect(),
            previous: sheet.previous.as_ref().map(|p| PreviousDoc {
                sheet_id: p.sheet_id.as_str().to_string(),
                revision: p.revision,
                sha256: p.sha256.clone(),
            }),
            self_assessment: sheet
                .self_assessment
                .as_ref()
                .map(|sa| SelfAssessmentDoc::of(rubric, sa)),
        }
    }

    /// Its sheet id with a revision: a key for the revisions of one sheet in a folder.
    pub fn key(&self, revision: u32) -> (String, u32) {
        (self.sheet_id.clone(), revision)
    }

    /// The name of its file in the export folder, `<id>.r<rev>.json`.
    pub fn file_name(&self) -> String {
        format!("{}.r{}.json", self.sheet_id, self.revision)
    }
}

impl RubricRef {
    fn of(rubric: &Rubric) -> RubricRef {
        RubricRef {
            set_id: rubric.id.clone(),
            set_no: rubric.set_no,
            title: rubric.title_vi.clone(),
            edition: rubric.edition.clone(),
            sha256: rubric.sha256.clone(),
        }
    }
}

fn parts(s: &Score) -> Vec<PartDoc> {
    s.parts
        .iter()
        .map(|p| PartDoc {
            code: p.code.letter().to_string(),
            points: p.points.0,
            max: p.max.0,
        })
        .collect()
}

pub fn held_by(s: &Score) -> Vec<HeldDoc> {
    s.held_by
        .iter()
        .map(|h| HeldDoc {
            stars: h.stars,
            code: h.code.clone(),
            needs: h.needs.0,
            has: h.has.0,
        })
        .collect()
}

pub fn eliminations(s: &Score) -> Vec<EliminationDoc> {
    s.eliminations
        .iter()
        .map(|e| EliminationDoc {
            code: e.code.clone(),
            kind: match e.kind {
                EliminationKind::Dossier => KindDoc::Dossier,
                EliminationKind::Elimination => KindDoc::Elimination,
                EliminationKind::Stop => KindDoc::Stop,
                EliminationKind::Eligibility => KindDoc::Eligibility,
                EliminationKind::StopOnZero => KindDoc::StopOnZero,
            },
            reason: e.reason.clone(),
        })
        .collect()
}

/// One entry per leaf criterion, in sheet order.
fn answers(rubric: &Rubric, sheet: &Sheet) -> Vec<AnswerDoc> {
    rubric
        .leaves()
        .map(|leaf| {
            let answer = sheet.answers.get(&leaf.code);
            let mark = answer.and_then(|a| a.mark.as_ref());
            let standing = standing(rubric, sheet, leaf);
            let (state, option, reason) = match mark {
                None => (AnswerState::Unanswered, None, None),
                // Answered, then made not applicable by its rule (5.2 once 5.1 scored 0): the
                // option is kept, but what counts is that it does not apply.
                Some(Mark::Chose { option }) if standing == Standing::NotApplicable => {
                    (AnswerState::NotApplicable, Some(*option), None)
                }
                Some(Mark::Chose { option }) => (AnswerState::Answered, Some(*option), None),
                Some(Mark::NotMet) => (AnswerState::NotMet, None, None),
                Some(Mark::NotApplicable) => (AnswerState::NotApplicable, None, None),
                Some(Mark::Raised { reason }) => {
                    (AnswerState::Eliminated, None, Some(reason.clone()))
                }
            };
            AnswerDoc {
                code: leaf.code.clone(),
                state,
                option,
                points: match standing {
                    Standing::Scored(p) => p.0,
                    _ => 0,
                },
                max: leaf.max.0,
                note: answer.map(|a| a.note.clone()).unwrap_or_default(),
                reason,
                answered_at: answer.and_then(|a| a.answered_at),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "document/tests.rs"]
mod tests;
