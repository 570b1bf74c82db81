//! The scoring sheet of one OCOP product set, as the rest of the program sees it: parts, a
//! flat list of criteria in sheet order (the tree follows from the codes), options and the
//! typed rules that change scoring.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The most options a criterion may have: a sheet stores the option chosen as its number, 1 to
/// 255, in one byte (`Mark::Chose`). `rubric check` refuses a criterion with more.
pub const MAX_OPTIONS: usize = u8::MAX as usize;

/// Points on the sheet: always whole numbers, at most 100 in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub u16);

impl Add for Points {
    type Output = Points;
    fn add(self, other: Points) -> Points {
        Points(self.0 + other.0)
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points(0), Add::add)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A criterion code such as `6.1.2`. Validated by the rubric loader: dot-separated numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Code(String);

impl Code {
    pub fn new(code: &str) -> Code {
        Code(code.trim().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The enclosing group's code (`6.1` for `6.1.2`), or none at the top of a part.
    pub fn parent(&self) -> Option<Code> {
        self.0.rsplit_once('.').map(|(p, _)| Code(p.to_string()))
    }

    pub fn depth(&self) -> usize {
        self.0.matches('.').count()
    }

    pub fn is_well_formed(code: &str) -> bool {
        !code.is_empty()
            && code
                .split('.')
                .all(|s| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Part A, B or C of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartCode {
    A,
    B,
    C,
}

impl PartCode {
    pub const ALL: [PartCode; 3] = [PartCode::A, PartCode::B, PartCode::C];

    pub fn parse(s: &str) -> Option<PartCode> {
        match s {
            "A" => Some(PartCode::A),
            "B" => Some(PartCode::B),
            "C" => Some(PartCode::C),
            _ => None,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            PartCode::A => "A",
            PartCode::B => "B",
            PartCode::C => "C",
        }
    }
}

/// What a criterion's note does to the scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Text shown to the assessor; no effect on the score.
    Guidance,
    /// Scored only when the named criterion scored above 0; otherwise not applicable.
    AppliesIfScored(Code),
    /// The assessor may raise it: the product is eliminated.
    Elimination,
    /// The assessor may raise it: evaluation stops and the product is eliminated.
    Stop,
    /// A requirement the product must meet; raised, the product is not eligible (eliminated).
    Eligibility,
    /// On a group: a scored criterion of the group at 0 points stops the evaluation by itself,
    /// and the product is eliminated (set 16, criterion 6). Never raised by hand.
    StopOnZero,
}

impl Rule {
    /// Whether the assessor can raise this rule on the criterion (key `x`).
    pub fn is_raisable(&self) -> bool {
        matches!(self, Rule::Elimination | Rule::Stop | Rule::Eligibility)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub rule: Rule,
    pub text_vi: String,
    pub text_en: Option<String>,
}

/// Which of two cases a tourism site falls under (set 26, criteria 8, 9, 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    First,
    Second,
}

impl Case {
    pub fn number(self) -> u8 {
        match self {
            Case::First => 1,
            Case::Second => 2,
        }
    }

    pub fn from_number(n: u8) -> Option<Case> {
        match n {
            1 => Some(Case::First),
            2 => Some(Case::Second),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub points: Points,
    pub text_vi: String,
    pub text_en: Option<String>,
    /// The least that must be reached here for a rating of this many stars (3, 4 or 5).
    pub min_star: Option<u8>,
    /// For criteria with two cases: the case this option belongs to.
    pub case: Option<Case>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub code: Code,
    pub part: PartCode,
    pub text_vi: String,
    pub text_en: Option<String>,
    pub max: Points,
    pub note: Option<Note>,
    /// The two case labels, where the criterion is split by case.
    pub cases: Vec<String>,
    /// Empty for a group; a leaf (scorable criterion) has at least one.
    pub options: Vec<Choice>,
}

impl Criterion {
    pub fn is_leaf(&self) -> bool {
        !self.options.is_empty()
    }

    pub fn rule(&self) -> Option<&Rule> {
        self.note.as_ref().map(|n| &n.rule)
    }

    pub fn has_zero_option(&self) -> bool {
        self.options.iter().any(|o| o.points == Points(0))
    }

    /// The options an assessor sees for a site of the given case, with their 1-based numbers
    /// in the rubric.
    pub fn options_for(&self, case: Option<Case>) -> impl Iterator<Item = (usize, &Choice)> {
        self.options
            .iter()
            .enumerate()
            .map(|(i, o)| (i + 1, o))
            .filter(move |(_, o)| o.case.is_none() || case.is_none() || o.case == case)
    }

    /// Points the criterion must reach for a rating of `stars`: the highest option marked
    /// for that level or any below it, among the options of the site's case.
    pub fn minimum_for(&self, stars: u8, case: Option<Case>) -> Option<Points> {
        self.options_for(case)
            .filter_map(|(_, o)| o.min_star.filter(|m| *m <= stars).map(|_| o.points))
            .max()
    }

    pub fn text(&self, lang: Lang) -> &str {
        pick(&self.text_vi, self.text_en.as_deref(), lang)
    }
}

/// The rubric's own text in `lang`: the English where the rubric has one, else the official
/// Vietnamese.
pub fn pick<'a>(vi: &'a str, en: Option<&'a str>, lang: Lang) -> &'a str {
    match (lang, en) {
        (Lang::En, Some(en)) if !en.is_empty() => en,
        _ => vi,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub code: PartCode,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub max: Points,
}

/// One product set's sheet, identified by id, edition and the SHA-256 of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    pub id: String,
    pub set_no: u8,
    pub title_vi: String,
    pub title_en: String,
    pub edition: String,
    pub sector_vi: String,
    pub disqualifiers: Vec<String>,
    pub parts: Vec<Part>,
    /// Every criterion, groups and leaves, in sheet order.
    pub criteria: Vec<Criterion>,
    pub sha256: String,
}

impl Rubric {
    pub fn leaves(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| c.is_leaf())
    }

    pub fn criterion(&self, code: &Code) -> Option<&Criterion> {
        self.criteria.iter().find(|c| &c.code == code)
    }

    /// The group above `code` whose zero stops the evaluation, if any (nearest first).
    pub fn stop_on_zero_group(&self, code: &Code) -> Option<&Criterion> {
        std::iter::successors(code.parent(), Code::parent)
            .filter_map(|g| self.criterion(&g))
            .find(|g| g.rule() == Some(&Rule::StopOnZero))
    }

    pub fn part(&self, code: PartCode) -> Option<&Part> {
        self.parts.iter().find(|p| p.code == code)
    }

    /// Whether some criterion is split into two cases (the tourism set).
    pub fn has_cases(&self) -> bool {
        self.criteria.iter().any(|c| !c.cases.is_empty())
    }

    pub fn title(&self, lang: Lang) -> &str {
        pick(&self.title_vi, Some(&self.title_en), lang)
    }
}
