//! The council screen's state: one product's review from the export folder, and where the
//! list stood so Esc returns to it.

use super::ListView;
use ocop_reports::council::ProductReview;

/// The spread between members' totals above which the council screen flags a product.
pub const MAX_SPREAD: u16 = 10;

/// The council's sheets on one product, read-only, opened from the list.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilView {
    pub review: ProductReview,
    /// The first body row shown.
    pub scroll: usize,
    /// The list as it was, so Esc returns to the same row.
    pub list: ListView,
}

impl CouncilView {
    /// The rows below the title, one per item, never wrapped: `ui::council` draws exactly
    /// these, so `update` can bound the scroll without knowing the layout.
    pub fn body_rows(&self) -> usize {
        let r = &self.review;
        // Heading, members, mean, spread; then three headings, each with its items below.
        let left_out = match r.not_counted.len() {
            0 => 0,
            n => 1 + n,
        };
        3 + r.members.len()
            + 3
            + r.disagreements.len()
            + r.minimums.len()
            + r.eliminations.len()
            + left_out
    }
}
