//! A scoring sheet: who scored which product on which rubric, and every answer. Times are
//! values passed in by the caller; the domain never reads the clock.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::claim::SelfAssessment;

use super::rubric::{Case, Code, Rubric};

mod mark_fields;

/// A sheet's id: a ULID, so ids sort by creation time and never collide across laptops.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SheetId(String);

impl SheetId {
    /// Accepts only the 26 Crockford base-32 characters of a ULID, so an id can name a file.
    pub fn parse(s: &str) -> Option<SheetId> {
        let ok = s.len() == 26
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
            && !s.bytes().any(|b| matches!(b, b'I' | b'L' | b'O' | b'U'));
        ok.then(|| SheetId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SheetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the assessor decided on one leaf criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// Read in one pass through `MarkFields`; written as serde derives it.
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "mark_fields::MarkFields"
)]
pub enum Mark {
    /// The option with this 1-based number in the rubric.
    Chose { option: u8 },
    /// None of the options is met: 0 points.
    NotMet,
    /// The criterion does not apply to this product.
    NotApplicable,
    /// The criterion's elimination, stop or eligibility rule is raised, with the reason.
    Raised { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answer {
    pub mark: Option<Mark>,
    pub note: String,
    pub answered_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Header {
    pub product_name: String,
    pub producer: String,
    pub product_code: String,
    pub phone: String,
    pub address: String,
    pub assessor: String,
    pub council: String,
    /// Where the sheet is signed: the place name of the printed date line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    pub evaluated_on: Option<NaiveDate>,
}

impl Header {
    /// The field's text; the date as `YYYY-MM-DD`.
    pub fn get(&self, field: HeaderField) -> String {
        match field {
            HeaderField::ProductName => self.product_name.clone(),
            HeaderField::Producer => self.producer.clone(),
            HeaderField::ProductCode => self.product_code.clone(),
            HeaderField::Phone => self.phone.clone(),
            HeaderField::Address => self.address.clone(),
            HeaderField::Assessor => self.assessor.clone(),
            HeaderField::Council => self.council.clone(),
            HeaderField::Place => self.place.clone(),
            HeaderField::Date => self.evaluated_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Sets a field, returning the old text. A date that does not parse as `YYYY-MM-DD`
    /// clears the date.
    pub fn set(&mut self, field: HeaderField, value: &str) -> String {
        let old = self.get(field);
        let value = value.trim().to_string();
        match field {
            HeaderField::ProductName => self.product_name = value,
            HeaderField::Producer => self.producer = value,
            HeaderField::ProductCode => self.product_code = value,
            HeaderField::Phone => self.phone = value,
            HeaderField::Address => self.address = value,
            HeaderField::Assessor => self.assessor = value,
            HeaderField::Council => self.council = value,
            HeaderField::Place => self.place = value,
            HeaderField::Date => {
                self.evaluated_on = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok()
            }
        }
        old
    }

    /// The required fields that are still empty, by name.
    pub fn missing(&self) -> Vec<HeaderField> {
        let mut missing = Vec::new();
        if self.product_name.trim().is_empty() {
            missing.push(HeaderField::ProductName);
        }
        if self.producer.trim().is_empty() {
            missing.push(HeaderField::Producer);
        }
        missing
    }
}

/// A header field; the audit trail names it in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderField {
    ProductName,
    Producer,
    ProductCode,
    Phone,
    Address,
    Assessor,
    Council,
    Place,
    #[serde(rename = "evaluated_on")]
    Date,
}

impl HeaderField {
    pub const ORDER: [HeaderField; 9] = [
        HeaderField::ProductName,
        HeaderField::Producer,
        HeaderField::ProductCode,
        HeaderField::Phone,
        HeaderField::Address,
        HeaderField::Assessor,
        HeaderField::Council,
        HeaderField::Place,
        HeaderField::Date,
    ];
}

/// Whether `T-X-STT-YYYY` fits: province code, commune code, serial number, year, all digits.
/// A code that does not fit is kept, and shown with a warning.
pub fn product_code_fits(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[3].len() == 4
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Finished,
}

/// The earlier evaluation a re-rating follows: that sheet's id and revision, and the SHA-256 of
/// its exported file when it had been synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub sheet_id: SheetId,
    pub revision: u32,
    pub sha256: Option<String>,
}

/// One revision of one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub id: SheetId,
    pub revision: u32,
    pub supersedes: Option<u32>,
    pub amend_reason: Option<String>,
    pub set_id: String,
    /// The SHA-256 of the rubric file the sheet was started on; it keeps scoring on it.
    pub rubric_sha256: String,
    pub header: Header,
    pub answers: BTreeMap<Code, Answer>,
    /// For the tourism set: the case the site falls under, named once for the whole sheet.
    pub case: Option<Case>,
    /// A dossier-level disqualification, with the reason.
    pub dossier_rejected: Option<String>,
    pub comment: String,
    pub status: Status,
    pub started_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// For a re-rating: the evaluation it follows. Absent from sheets stored before re-rating
    /// existed, and left out of the stored bytes when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// The ASCII principal of the assessor who signed it at finishing (`nguyen-van-an`);
    /// absent on sheets finished before sheets were signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor_id: Option<String>,
    /// On an amendment: the SHA-256 of the file of the revision it supersedes, set when it is
    /// finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes_sha256: Option<String>,
    /// The producer's self-assessment (Mẫu số 02), when one was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<SelfAssessment>,
}

impl Sheet {
    pub fn new(id: SheetId, rubric: &Rubric, header: Header, now: DateTime<FixedOffset>) -> Sheet {
        Sheet {
            id,
            revision: 1,
            supersedes: None,
            amend_reason: None,
            set_id: rubric.id.clone(),
            rubric_sha256: rubric.sha256.clone(),
            header,
            answers: BTreeMap::new(),
            case: None,
            dossier_rejected: None,
            comment: String::new(),
            status: Status::Draft,
            started_at: now,
            updated_at: now,
            finished_at: None,
            previous: None,
            assessor_id: None,
            supersedes_sha256: None,
            self_assessment: None,
        }
    }

    pub fn mark(&self, code: &Code) -> Option<&Mark> {
        self.answers.get(code).and_then(|a| a.mark.as_ref())
    }

    pub fn note(&self, code: &Code) -> &str {
        self.answers.get(code).map_or("", |a| a.note.as_str())
    }

    pub fn is_finished(&self) -> bool {
        self.status == Status::Finished
    }

    /// The draft that amends this finished revision: revision N+1, every answer carried over.
    pub fn amended(&self, reason: &str, now: DateTime<FixedOffset>) -> Sheet {
        Sheet {
            revision: self.revision + 1,
            supersedes: Some(self.revision),
            amend_reason: Some(reason.to_string()),
            status: Status::Draft,
            updated_at: now,
            finished_at: None,
            supersedes_sha256: None,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_codes() {
        assert!(product_code_fits("25-7912-03-2026"));
        assert!(!product_code_fits("25-7912-03-26"));
        assert!(!product_code_fits("T-X-STT-YYYY"));
        assert!(!product_code_fits(""));
    }

    #[test]
    fn sheet_ids_are_ulids_only() {
        assert!(SheetId::parse("01JD0000000000000000000000").is_some());
        assert!(SheetId::parse("../../etc/passwd").is_none());
        assert!(SheetId::parse("01jd0000000000000000000000").is_none());
    }
}
