//! The terms several tables use, written once per language: the screen, the printed sheet,
//! `ocop show`, the plan and the council report each take them from here, so a sheet's
//! amendment or its total is not said one way on paper and another on screen.

pub struct Terms {
    /// An amendment: the revision it amends, and why.
    pub amends: fn(u32, &str) -> String,
    pub total: &'static str,
    pub comments: &'static str,
    /// What the next star needs: the plan's title on the screen and on paper.
    pub plan: &'static str,
}

pub const VI: Terms = Terms {
    amends: |r, why| format!("Sửa đổi lần {r}: {why}"),
    total: "Tổng điểm",
    comments: "Ý kiến của người đánh giá",
    plan: "Thăng hạng",
};

pub const EN: Terms = Terms {
    amends: |r, why| format!("Amends revision {r}: {why}"),
    total: "Total",
    comments: "Evaluator's comments",
    plan: "Raising the rating",
};
