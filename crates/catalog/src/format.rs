//! The rubric file as written on disk: TOML, one file per product set. Every key that a
//! check may complain about keeps its span, so problems point at a line and column.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricFile {
    pub id: Spanned<String>,
    pub set_no: Spanned<i64>,
    pub title_vi: String,
    pub title_en: String,
    pub edition: String,
    pub sector_vi: String,
    #[serde(default)]
    pub disqualifiers: Vec<String>,
    #[serde(rename = "part")]
    pub parts: Vec<Spanned<PartFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    pub code: Spanned<String>,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub max: Spanned<i64>,
    #[serde(rename = "criterion", default)]
    pub criteria: Vec<Spanned<CriterionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionFile {
    pub code: Spanned<String>,
    pub text_vi: String,
    pub text_en: Option<String>,
    pub max: Spanned<i64>,
    /// What the note does; guidance when absent.
    pub rule: Option<Spanned<RuleName>>,
    pub note_vi: Option<String>,
    pub note_en: Option<String>,
    /// With `rule = "applicability"`: the criterion that must score above 0.
    pub applies_if_scored: Option<Spanned<String>>,
    /// Two case labels, where the options are split by case.
    pub cases: Option<Spanned<Vec<String>>>,
    #[serde(rename = "option", default)]
    pub options: Vec<Spanned<OptionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    pub points: Spanned<i64>,
    pub text_vi: String,
    pub text_en: Option<String>,
    pub star: Option<Spanned<i64>>,
    pub case: Option<Spanned<i64>>,
}

/// What a criterion's note does, as a file names it (`rule = "stop_on_zero"`). A name not
/// here fails the parse with serde's "unknown variant `…`, expected one of …" at its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleName {
    Guidance,
    /// Scored only when `applies_if_scored` names a criterion that scored above 0.
    Applicability,
    Elimination,
    Stop,
    StopOnZero,
    Eligibility,
}
