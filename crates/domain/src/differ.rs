//! Where the assessor's points and the producer's self-assessment part: what the review, the
//! plan and the council show beside the claim.

use crate::claim::points_of;
use crate::rubric::{Code, Points, Rubric};
use crate::sheet::{Mark, Sheet};

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
/// answered yet), in sheet order.
pub fn differences(rubric: &Rubric, sheet: &Sheet) -> Vec<Difference> {
    let Some(sa) = &sheet.self_assessment else {
        return Vec::new();
    };
    rubric
        .leaves()
        .filter_map(|leaf| {
            let claim = sa.claims.get(&leaf.code)?;
            if not_applicable(sheet, &leaf.code) {
                return None;
            }
            let claimed = points_of(rubric, &leaf.code, claim.option)?;
            let given = given(rubric, sheet, &leaf.code);
            (given != Some(claimed)).then(|| Difference {
                code: leaf.code.clone(),
                claimed,
                claimed_option: claim.option,
                given,
            })
        })
        .collect()
}

fn not_applicable(sheet: &Sheet, code: &Code) -> bool {
    let mark = sheet.answers.get(code).and_then(|a| a.mark.as_ref());
    matches!(mark, Some(Mark::NotApplicable))
}

/// The points the assessor's answer gives, `None` while unanswered.
fn given(rubric: &Rubric, sheet: &Sheet, code: &Code) -> Option<Points> {
    match sheet.answers.get(code)?.mark.as_ref()? {
        Mark::Chose { option } => points_of(rubric, code, *option),
        Mark::NotMet | Mark::NotApplicable | Mark::Raised { .. } => Some(Points(0)),
    }
}
