//! What the next star needs, for the producer: for the next level and the one after, the points
//! missing to its band and every star minimum not yet met (with the option the criterion must
//! reach); then the criteria with the most points still to gain, each with the option that
//! would gain them. Computed from the same `Score` as the stars, so the two never disagree.

use super::rubric::{Case, Code, Criterion, Points, Rubric, Rule};
use super::score::{Score, Standing, band_floor, score, standing};
use super::sheet::Sheet;

/// A minimum to meet: `code` must reach `needs` points, which `option` (1-based) gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minimum {
    pub code: Code,
    pub needs: Points,
    pub has: Points,
    pub option: usize,
}

/// One level above the present rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub stars: u8,
    /// Points still missing to the level's band (0 when the band is reached).
    pub points_missing: Points,
    pub minimums: Vec<Minimum>,
}

/// Points still to gain on one criterion: from `has` to `can` by option `option`; and the
/// criteria that only apply once it scores, which raising it reopens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gain {
    pub code: Code,
    pub has: Points,
    pub can: Points,
    pub option: usize,
    pub reopens: Vec<Reopened>,
}

/// A criterion not applicable while another scores 0 (5.2 after 5.1), and the most it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    pub code: Code,
    pub can: Points,
}

impl Gain {
    pub fn points(&self) -> Points {
        Points(self.can.0.saturating_sub(self.has.0))
    }

    /// Its own points and those of the criteria it reopens: what raising it can bring.
    pub fn with_reopened(&self) -> Points {
        Points(self.points().0 + self.reopens.iter().map(|r| r.can.0).sum::<u16>())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub score: Score,
    /// The next level and the one after (fewer at 4★ and 5★).
    pub steps: Vec<Step>,
    /// Every criterion that can still gain, most points first (sheet order among equals).
    pub gains: Vec<Gain>,
}

impl Plan {
    /// The criteria the plan names, in the order it names them: each step's minimums, then
    /// the gains. A criterion may stand more than once.
    pub fn codes(&self) -> Vec<&Code> {
        let minimums = self.steps.iter().flat_map(|s| &s.minimums).map(|m| &m.code);
        minimums.chain(self.gains.iter().map(|g| &g.code)).collect()
    }
}

pub fn plan(rubric: &Rubric, sheet: &Sheet) -> Plan {
    plan_of(rubric, sheet, score(rubric, sheet))
}

/// `plan`, for a sheet whose `score` is already known.
pub fn plan_of(rubric: &Rubric, sheet: &Sheet, score: Score) -> Plan {
    let standings: Vec<(&Criterion, Points)> = rubric
        .leaves()
        .filter_map(|leaf| match standing(rubric, sheet, leaf) {
            Standing::Scored(p) => Some((leaf, p)),
            Standing::Unanswered => Some((leaf, Points(0))),
            Standing::NotApplicable | Standing::Raised => None,
        })
        .collect();
    let steps = (score.stars + 1..=5)
        .take(2)
        .map(|stars| Step {
            stars,
            points_missing: Points(band_floor(stars).0.saturating_sub(score.total.0)),
            minimums: minimums(&standings, stars, sheet.case),
        })
        .collect();
    let mut gains: Vec<Gain> = standings
        .iter()
        .filter_map(|(c, has)| gain(c, *has, sheet.case))
        .collect();
    for (leaf, opener) in closed_by_rule(rubric, sheet) {
        let can = best(leaf, sheet.case).map_or(Points(0), |(_, p)| p);
        if let Some(g) = gains.iter_mut().find(|g| g.code == *opener) {
            g.reopens.push(Reopened {
                code: leaf.code.clone(),
                can,
            });
        }
    }
    gains.sort_by_key(|g| std::cmp::Reverse(g.with_reopened()));
    Plan {
        score,
        steps,
        gains,
    }
}

fn minimums(standings: &[(&Criterion, Points)], stars: u8, case: Option<Case>) -> Vec<Minimum> {
    standings
        .iter()
        .filter_map(|(c, has)| {
            let needs = c.minimum_for(stars, case)?;
            (*has < needs).then(|| Minimum {
                code: c.code.clone(),
                needs,
                has: *has,
                option: option_giving(c, needs, case).unwrap_or(0),
            })
        })
        .collect()
}

/// The first option of the site's case worth exactly `points`.
fn option_giving(c: &Criterion, points: Points, case: Option<Case>) -> Option<usize> {
    c.options_for(case)
        .find(|(_, o)| o.points == points)
        .map(|(n, _)| n)
}

fn gain(c: &Criterion, has: Points, case: Option<Case>) -> Option<Gain> {
    let (option, best) = best(c, case)?;
    (best > has).then(|| Gain {
        code: c.code.clone(),
        has,
        can: best,
        option,
        reopens: Vec::new(),
    })
}

/// The option giving the most points (the first of equals), and those points.
fn best(c: &Criterion, case: Option<Case>) -> Option<(usize, Points)> {
    c.options_for(case)
        .map(|(n, o)| (n, o.points))
        .max_by_key(|(n, p)| (*p, std::cmp::Reverse(*n)))
}

/// The leaves not applicable only because the criterion their rule names scores nothing,
/// with that criterion: raising it reopens them.
fn closed_by_rule<'r>(rubric: &'r Rubric, sheet: &Sheet) -> Vec<(&'r Criterion, &'r Code)> {
    rubric
        .leaves()
        .filter(|leaf| standing(rubric, sheet, leaf) == Standing::NotApplicable)
        .filter_map(|leaf| match leaf.rule() {
            Some(Rule::AppliesIfScored(other)) => Some((leaf, other)),
            _ => None,
        })
        .collect()
}
