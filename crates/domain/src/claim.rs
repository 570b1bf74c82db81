//! The producer's self-assessment (Mẫu số 02, Phần III): for each criterion, the option the
//! producer claims, what shows it, and the documents that prove it. Imported once from the
//! producer's workbook and kept with the sheet, with that file's name and SHA-256, so a file
//! changed later is never mistaken for the one the council read.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::rubric::{Case, Code, Points, Rubric};

/// What the producer claims for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The claimed option's 1-based number in the rubric.
    pub option: u8,
    /// "Mô tả, chứng minh": how the producer meets it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// "Tài liệu minh chứng": the documents that prove it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// The whole self-assessment, as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessment {
    /// The file's name as it was imported (no folder).
    pub file: String,
    /// The SHA-256 of the file's bytes, hex.
    pub sha256: String,
    pub imported_at: DateTime<FixedOffset>,
    /// Criteria the producer left blank are absent.
    pub claims: BTreeMap<Code, Claim>,
}

/// Points of `option` on `code`, when it is an option there.
pub fn points_of(rubric: &Rubric, code: &Code, option: u8) -> Option<Points> {
    let c = rubric.criterion(code)?;
    c.options
        .get(usize::from(option).checked_sub(1)?)
        .map(|o| o.points)
}

/// Why a claim is not one the sheet can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfit {
    /// No scored criterion of the set has this code.
    NoCriterion,
    /// The criterion has no option of this number.
    NoOption { options: u8 },
    /// The option is of the other case of a criterion split by case.
    OtherCase { case: Case },
}

/// Checks one claim against the set and the sheet's case (none yet: either case's options).
pub fn check(rubric: &Rubric, code: &Code, option: u8, case: Option<Case>) -> Result<(), Unfit> {
    let c = rubric
        .criterion(code)
        .filter(|c| c.is_leaf())
        .ok_or(Unfit::NoCriterion)?;
    let options = u8::try_from(c.options.len()).unwrap_or(u8::MAX);
    let choice = usize::from(option)
        .checked_sub(1)
        .and_then(|i| c.options.get(i))
        .ok_or(Unfit::NoOption { options })?;
    match (choice.case, case) {
        (Some(of), Some(sheet)) if of != sheet => Err(Unfit::OtherCase { case: of }),
        _ => Ok(()),
    }
}
