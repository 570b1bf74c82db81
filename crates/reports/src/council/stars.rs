//! The council's stars, as the decision gives them to one sheet, applied to the members' means:
//! the band of the mean total, held down level by level while some criterion's mean points
//! (over the members on whose sheet it applies) stay below that level's minimum. A band of
//! 4★ with a mean of 1.5 on a criterion whose 4★ minimum is 2 gives 3★, and says why.

use serde::Serialize;

use super::read::{Counted, PointsOf};
use super::stars_of;
use ocop_catalog::Catalog;
use ocop_domain::rubric::{Case, Criterion, Rubric};
use ocop_domain::score::held_down;

/// A star minimum the members' mean does not reach: the council's rating cannot be `stars`
/// until the mean on `code` reaches `needs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldMean {
    pub stars: u8,
    pub code: String,
    pub needs: u16,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CouncilStars {
    pub stars: u8,
    pub held_by: Vec<HeldMean>,
}

/// The council's stars for the counted sheets of one product, whose mean total is `mean`.
/// Criteria are those of the first member's rubric; a member on another edition of the set is
/// matched by code.
pub fn of_council(docs: &[Counted], mean: f64, catalog: &Catalog) -> CouncilStars {
    let band = stars_of(mean);
    let first = docs.first();
    let rubric = first.and_then(|d| catalog.by_sha256(&d.rubric.sha256));
    let (Some(first), Some(rubric)) = (first, rubric) else {
        return CouncilStars {
            stars: band,
            held_by: Vec::new(),
        };
    };
    let leaves: Vec<&Criterion> = rubric.leaves().collect();
    let members: Vec<Seat<'_>> = docs
        .iter()
        .map(|d| Seat::of(d, first, &leaves, catalog))
        .collect();
    let (stars, held_by) = held_down(band, |level| failing(&leaves, &members, level));
    CouncilStars { stars, held_by }
}

/// One member's sheet laid on the first member's criteria: its points on each where it
/// applies, its case, and its own rubric when that is another edition.
struct Seat<'a> {
    points: Vec<Option<u16>>,
    case: Option<Case>,
    other: Option<&'a Rubric>,
}

impl<'a> Seat<'a> {
    fn of(d: &Counted, first: &Counted, leaves: &[&Criterion], catalog: &'a Catalog) -> Self {
        let applied = |a: &PointsOf| a.applies.then_some(a.points);
        let same = d.rubric.sha256 == first.rubric.sha256;
        // Answers follow their rubric's criteria in order (`figures` checks it).
        let points = match same {
            true => d.answers.iter().map(applied).collect(),
            false => leaves
                .iter()
                .map(|l| {
                    d.answers
                        .iter()
                        .find(|a| a.code == l.code)
                        .and_then(applied)
                })
                .collect(),
        };
        Seat {
            points,
            case: d.case.and_then(Case::from_number),
            other: (!same)
                .then(|| catalog.by_sha256(&d.rubric.sha256))
                .flatten(),
        }
    }

    /// The points criterion `leaf` needs for `level` on this member's sheet.
    fn needs(&self, leaf: &Criterion, level: u8) -> Option<u16> {
        let criterion = match self.other {
            Some(rubric) => rubric.criterion(&leaf.code)?,
            None => leaf,
        };
        criterion.minimum_for(level, self.case).map(|p| p.0)
    }
}

/// The criteria whose mean stays below their minimum for `level`, in the rubric's order.
fn failing(leaves: &[&Criterion], members: &[Seat<'_>], level: u8) -> Vec<HeldMean> {
    leaves
        .iter()
        .enumerate()
        .filter_map(|(i, leaf)| {
            let needs = members.iter().filter_map(|m| m.needs(leaf, level)).max()?;
            let points: Vec<u16> = members.iter().filter_map(|m| m.points[i]).collect();
            // Compared whole, before the mean is rounded for display: 1.995 is below 2.
            let sum: u32 = points.iter().map(|p| u32::from(*p)).sum();
            let below = !points.is_empty() && sum < u32::from(needs) * points.len() as u32;
            below.then(|| HeldMean {
                stars: level,
                code: leaf.code.to_string(),
                needs,
                mean: super::mean(points.iter().copied()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_export::document::Document;
    use ocop_export::figures::{Marks, recount};
    use ocop_export::testing::{TEA, finished, rubric};

    /// A counted sheet on the tea set choosing option `pick` everywhere, its leaves recomputed.
    fn counted(id: &str, pick: u8) -> Counted {
        let r = rubric(TEA);
        let (sheet, trail) = finished(&r, id, "Chè", pick);
        let doc = Document::of(&r, &sheet, &trail);
        let json = serde_json::to_vec(&doc).expect("json");
        let mut c: Counted = serde_json::from_slice(&json).expect("counted");
        let marks = Marks {
            answers: &c.stated,
            case: c.case,
            dossier_rejected: None,
        };
        let leaves = recount(&r, marks).expect("scores").leaves;
        c.answers = c
            .stated
            .iter()
            .zip(leaves)
            .map(|(a, l)| PointsOf {
                code: a.code.clone(),
                points: a.points,
                max: a.max,
                state: a.state,
                applies: l.applies,
                claimed: None,
            })
            .collect();
        c
    }

    fn held_on(stars: &CouncilStars, code: &str) -> Vec<(u8, u16, f64)> {
        let on = stars.held_by.iter().filter(|h| h.code == code);
        on.map(|h| (h.stars, h.needs, h.mean)).collect()
    }

    #[test]
    fn the_mean_on_a_criterion_holds_the_councils_stars_below_the_band() {
        let catalog = Catalog::builtin();
        // 1.1 needs 2 points for 3★; both members gave it 1.
        let low = [
            counted("01JD0000000000000000000001", 1),
            counted("01JD0000000000000000000002", 1),
        ];
        let stars = of_council(&low, 55.0, &catalog);
        assert_eq!(stars.stars, 2, "a band of 3★, held to 2★");
        assert_eq!(held_on(&stars, "1.1"), [(3, 2, 1.0)]);
        // One member's 3 lifts the mean on 1.1 to 2: that minimum no longer holds.
        let mixed = [
            counted("01JD0000000000000000000001", 1),
            counted("01JD0000000000000000000003", 3),
        ];
        assert!(held_on(&of_council(&mixed, 55.0, &catalog), "1.1").is_empty());
        let high = [counted("01JD0000000000000000000004", 9)];
        let stars = of_council(&high, 95.0, &catalog);
        assert_eq!((stars.stars, stars.held_by.len()), (5, 0), "{stars:?}");
    }
}
