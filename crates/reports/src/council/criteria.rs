//! Every criterion of a product's sheets with each member's points on it, for the report that
//! lays the members side by side. Rows follow the first member's sheet order; a criterion only
//! another member's sheet has (another edition of the set) follows at the end.

use serde::Serialize;

use super::read::Counted;
use ocop_export::document::AnswerState;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionRow {
    pub code: String,
    pub max: u16,
    /// Each member's points, in member order; `None` where it does not count on that sheet
    /// (not applicable, unanswered, or not on that member's sheet at all).
    pub points: Vec<Option<u16>>,
    /// The producer's claimed points, from the first member's sheet that carries a claim.
    pub claimed: Option<u16>,
}

/// The rows of a product's sheets, one per criterion answered on any of them.
pub fn rows(docs: &[Counted]) -> Vec<CriterionRow> {
    let mut rows: Vec<CriterionRow> = Vec::new();
    for doc in docs {
        for answer in &doc.answers {
            let code = answer.code.as_str();
            if !rows.iter().any(|r| r.code == code) {
                rows.push(CriterionRow {
                    code: code.to_string(),
                    max: answer.max,
                    points: Vec::new(),
                    claimed: None,
                });
            }
        }
    }
    for row in &mut rows {
        row.points = docs.iter().map(|d| points_on(d, &row.code)).collect();
        row.claimed = docs.iter().find_map(|d| {
            let answer = d.answers.iter().find(|a| a.code.as_str() == row.code)?;
            answer.claimed
        });
    }
    rows
}

fn points_on(doc: &Counted, code: &str) -> Option<u16> {
    let answer = doc.answers.iter().find(|a| a.code.as_str() == code)?;
    match answer.state {
        AnswerState::NotApplicable | AnswerState::Unanswered => None,
        AnswerState::Answered | AnswerState::NotMet | AnswerState::Eliminated => {
            Some(answer.points)
        }
    }
}

/// The mean of the members who scored the criterion, `None` when none did.
pub fn mean(points: &[Option<u16>]) -> Option<f64> {
    let scored: Vec<u16> = points.iter().flatten().copied().collect();
    if scored.is_empty() {
        return None;
    }
    let sum: u32 = scored.iter().map(|p| u32::from(*p)).sum();
    Some((f64::from(sum) / scored.len() as f64 * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_leaves_out_who_did_not_score() {
        assert_eq!(mean(&[Some(2), None, Some(3)]), Some(2.5));
        assert_eq!(mean(&[None, None]), None);
        assert_eq!(mean(&[Some(1), Some(1), Some(2)]), Some(1.33));
    }
}
