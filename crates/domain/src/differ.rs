//! Where the assessor's points and the producer's self-assessment part: what the review, the
//! plan and the council show beside the claim.

use crate::claim::points_of;
use crate::rubric::{Code, Points, Rubric};
use crate::score::{Standing, standing};
use crate::sheet::Sheet;

/// Where the assessor's points and the producer's claim part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub code: Code,
    pub claimed: Points,
    pub claimed_option: u8,
    /// `None`: the assessor has not answered yet.
    pub given: Option<Points>,
}

impl Difference {
    /// The assessor gave fewer points than claimed.
    pub fn short(&self) -> bool {
        self.given.is_some_and(|g| g < self.claimed)
    }
}

/// Every criterion where the claim and the assessor's points differ (or the assessor has not
/// answered yet), in sheet order; a criterion that does not apply (by mark or rule) is left out.
pub fn differences(rubric: &Rubric, sheet: &Sheet) -> Vec<Difference> {
    let Some(sa) = &sheet.self_assessment else {
        return Vec::new();
    };
    rubric
        .leaves()
        .filter_map(|leaf| {
            let claim = sa.claims.get(&leaf.code)?;
            let given = match standing(rubric, sheet, leaf) {
                Standing::NotApplicable => return None,
                Standing::Unanswered => None,
                Standing::Scored(points) => Some(points),
                Standing::Raised => Some(Points(0)),
            };
            let claimed = points_of(rubric, &leaf.code, claim.option)?;
            (given != Some(claimed)).then(|| Difference {
                code: leaf.code.clone(),
                claimed,
                claimed_option: claim.option,
                given,
            })
        })
        .collect()
}
