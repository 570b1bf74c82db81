//! Scoring: from a rubric and a sheet's answers to part totals, total, stars, the minimums that
//! hold the rating down, eliminations, and what is still missing. Pure and total: any answers,
//! however incomplete or odd, give a result.

use super::rubric::{Code, Criterion, PartCode, Points, Rubric, Rule};
use super::sheet::{Mark, Sheet};

/// How one leaf criterion stands on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    Unanswered,
    Scored(Points),
    /// Not applicable: by the assessor's mark, or by its rule (5.2 when 5.1 scored 0).
    NotApplicable,
    Raised,
}

/// A star minimum not reached: the rating cannot be `stars` until `code` reaches `needs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub stars: u8,
    pub code: Code,
    pub needs: Points,
    pub has: Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EliminationKind {
    Dossier,
    Elimination,
    Stop,
    Eligibility,
    /// A criterion under a `StopOnZero` group scored 0: the evaluation stopped by itself.
    StopOnZero,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elimination {
    /// The criterion it was raised on; none for the dossier.
    pub code: Option<Code>,
    pub kind: EliminationKind,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStar {
    pub stars: u8,
    pub points_missing: Points,
    pub minimums: Vec<Held>,
}

/// What a result means for the producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certificate {
    /// Eliminated, or below 3★: no certificate.
    None,
    /// 3★ or 4★ (or 5★ by points below 90, which cannot happen): recognised by the province.
    Province(u8),
    /// 90 points or more: forwarded to the central council for 5★.
    Central,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartScore {
    pub code: PartCode,
    pub points: Points,
    pub max: Points,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub parts: Vec<PartScore>,
    pub total: Points,
    pub band_stars: u8,
    /// The rating by band and minimums; see `eliminated` before reading it as a result.
    pub stars: u8,
    pub held_by: Vec<Held>,
    pub eliminations: Vec<Elimination>,
    pub unanswered: Vec<Code>,
    pub answered: usize,
    pub applicable: usize,
    pub next: Option<NextStar>,
}

/// The lowest total of each band, from 5★ down.
pub const BANDS: [(u8, u16); 4] = [(5, 90), (4, 70), (3, 50), (2, 30)];

pub fn band(total: Points) -> u8 {
    BANDS
        .iter()
        .find(|(_, floor)| total.0 >= *floor)
        .map_or(1, |(stars, _)| *stars)
}

pub fn band_floor(stars: u8) -> Points {
    Points(
        BANDS
            .iter()
            .find(|(s, _)| *s == stars)
            .map_or(0, |(_, f)| *f),
    )
}

impl Score {
    pub fn eliminated(&self) -> bool {
        !self.eliminations.is_empty()
    }

    pub fn certificate(&self) -> Certificate {
        match (self.eliminated(), self.stars, self.total.0) {
            (true, _, _) => Certificate::None,
            (false, _, 90..) if self.stars == 5 => Certificate::Central,
            (false, 3.., _) => Certificate::Province(self.stars.min(4)),
            _ => Certificate::None,
        }
    }

    /// A sheet can be finished when every applicable criterion is answered, or when it is
    /// eliminated (a stop rule ends the evaluation).
    pub fn complete(&self) -> bool {
        self.unanswered.is_empty() || self.eliminated()
    }

    /// Whether a zero under a stop-on-zero group has ended the evaluation.
    pub fn stopped_on_zero(&self) -> bool {
        self.eliminations
            .iter()
            .any(|e| e.kind == EliminationKind::StopOnZero)
    }
}

/// How a leaf stands, given the whole sheet (applicability reads another criterion).
/// The points the leaves under a group gave (`1` holds 1.1, 1.2, …): a group's subtotal, as
/// the outline and the printed sheet show it.
pub fn points_under(rubric: &Rubric, sheet: &Sheet, group: &Code) -> Points {
    let prefix = format!("{group}.");
    rubric
        .leaves()
        .filter(|c| c.code.as_str().starts_with(&prefix))
        .map(|c| match standing(rubric, sheet, c) {
            Standing::Scored(p) => p,
            _ => Points(0),
        })
        .sum()
}

pub fn standing(rubric: &Rubric, sheet: &Sheet, leaf: &Criterion) -> Standing {
    if let Some(Rule::AppliesIfScored(other)) = leaf.rule()
        && let Some(false) = scored_above_zero(rubric, sheet, other)
    {
        return Standing::NotApplicable;
    }
    match sheet.mark(&leaf.code) {
        None => Standing::Unanswered,
        Some(Mark::NotMet) => Standing::Scored(Points(0)),
        Some(Mark::NotApplicable) => Standing::NotApplicable,
        Some(Mark::Raised { .. }) => Standing::Raised,
        Some(Mark::Chose { option }) => Standing::Scored(option_points(leaf, *option)),
    }
}

fn option_points(leaf: &Criterion, option: u8) -> Points {
    let index = usize::from(option).wrapping_sub(1);
    leaf.options.get(index).map_or(Points(0), |o| o.points)
}

/// Some(true/false) once the criterion is decided; None while it is unanswered.
fn scored_above_zero(rubric: &Rubric, sheet: &Sheet, code: &Code) -> Option<bool> {
    let other = rubric.criterion(code)?;
    match sheet.mark(code)? {
        Mark::Chose { option } => Some(option_points(other, *option) > Points(0)),
        _ => Some(false),
    }
}

pub fn score(rubric: &Rubric, sheet: &Sheet) -> Score {
    let standings: Vec<(&Criterion, Standing)> = rubric
        .leaves()
        .map(|leaf| (leaf, standing(rubric, sheet, leaf)))
        .collect();
    let parts: Vec<PartScore> = rubric
        .parts
        .iter()
        .map(|p| PartScore {
            code: p.code,
            points: standings
                .iter()
                .filter(|(c, _)| c.part == p.code)
                .map(|(_, s)| points_of(s))
                .sum(),
            max: p.max,
        })
        .collect();
    let total: Points = parts.iter().map(|p| p.points).sum();
    let band_stars = band(total);
    let failing = |level: u8| failing_minimums(&standings, sheet, level);
    let (stars, held_by) = held_down(band_stars, failing);
    let next = (stars < 5).then(|| NextStar {
        stars: stars + 1,
        points_missing: Points(band_floor(stars + 1).0.saturating_sub(total.0)),
        minimums: failing(stars + 1),
    });
    let applicable = standings
        .iter()
        .filter(|(_, s)| *s != Standing::NotApplicable)
        .count();
    let unanswered: Vec<Code> = standings
        .iter()
        .filter(|(_, s)| *s == Standing::Unanswered)
        .map(|(c, _)| c.code.clone())
        .collect();
    Score {
        parts,
        total,
        band_stars,
        stars,
        held_by,
        eliminations: eliminations(rubric, sheet, &standings),
        answered: applicable - unanswered.len(),
        unanswered,
        applicable,
        next,
    }
}

/// The stars a result of `band` stars gets: the highest level from the band down whose
/// minimums all hold (`failing` names those that do not), and every minimum failing above it.
/// A single sheet's points and a council's means are held down the same way.
pub fn held_down<T>(band: u8, failing: impl Fn(u8) -> Vec<T>) -> (u8, Vec<T>) {
    let stars = (1..=band)
        .rev()
        .find(|level| failing(*level).is_empty())
        .unwrap_or(1);
    (stars, (stars + 1..=band).flat_map(failing).collect())
}

fn points_of(standing: &Standing) -> Points {
    match standing {
        Standing::Scored(p) => *p,
        _ => Points(0),
    }
}

fn failing_minimums(standings: &[(&Criterion, Standing)], sheet: &Sheet, level: u8) -> Vec<Held> {
    standings
        .iter()
        .filter(|(_, s)| *s != Standing::NotApplicable)
        .filter_map(|(c, s)| {
            let needs = c.minimum_for(level, sheet.case)?;
            let has = points_of(s);
            (has < needs).then(|| Held {
                stars: level,
                code: c.code.clone(),
                needs,
                has,
            })
        })
        .collect()
}

fn eliminations(
    rubric: &Rubric,
    sheet: &Sheet,
    standings: &[(&Criterion, Standing)],
) -> Vec<Elimination> {
    let dossier = sheet.dossier_rejected.iter().map(|reason| Elimination {
        code: None,
        kind: EliminationKind::Dossier,
        reason: reason.clone(),
    });
    let raised = standings
        .iter()
        .filter(|(_, s)| *s == Standing::Raised)
        .map(|(c, _)| Elimination {
            code: Some(c.code.clone()),
            kind: match c.rule() {
                Some(Rule::Stop) => EliminationKind::Stop,
                Some(Rule::Eligibility) => EliminationKind::Eligibility,
                _ => EliminationKind::Elimination,
            },
            reason: match sheet.mark(&c.code) {
                Some(Mark::Raised { reason }) => reason.clone(),
                _ => String::new(),
            },
        });
    dossier
        .chain(raised)
        .chain(zero_stops(rubric, standings))
        .collect()
}

/// Every scored zero under a stop-on-zero group; the reason is the group's note, as printed.
fn zero_stops<'a>(
    rubric: &'a Rubric,
    standings: &'a [(&Criterion, Standing)],
) -> impl Iterator<Item = Elimination> + 'a {
    standings
        .iter()
        .filter(|(_, s)| *s == Standing::Scored(Points(0)))
        .filter_map(|(c, _)| {
            let group = rubric.stop_on_zero_group(&c.code)?;
            Some(Elimination {
                code: Some(c.code.clone()),
                kind: EliminationKind::StopOnZero,
                reason: group
                    .note
                    .as_ref()
                    .map_or(String::new(), |n| n.text_vi.clone()),
            })
        })
}
