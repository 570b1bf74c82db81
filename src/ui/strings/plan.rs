//! The words of the plan (what the next star needs), for the screen and for `ocop plan`, in
//! both languages: written for the producer as much as for the assessor.

use crate::cli::Lang;

pub struct PlanStrings {
    pub title: &'static str,
    /// The reasons the product is eliminated: it is rated at no level until they are lifted.
    pub eliminated: fn(&str) -> String,
    pub top: &'static str,
    /// Stars of the level, points missing to its band, minimums not met.
    pub step: fn(u8, u16, usize) -> String,
    /// Code and criterion, the option to reach, points it has and the criterion's maximum.
    pub needs: fn(&str, &str, &str, u16, u16) -> String,
    pub gains: &'static str,
    /// Points to gain, code and criterion, the option that gains them.
    pub gain: fn(u16, &str, &str, &str) -> String,
    pub nothing_to_gain: &'static str,
}

pub const VI: PlanStrings = PlanStrings {
    title: "Thăng hạng",
    eliminated: |why| format!("Bị loại ({why}): chưa được xét hạng cho đến khi khắc phục."),
    top: "Đã đạt hạng cao nhất, 5★.",
    step: |stars, missing, minimums| match (missing, minimums) {
        (0, 0) => format!("Lên {stars}★: đã đủ điểm và mọi tiêu chí tối thiểu"),
        (0, n) => format!("Lên {stars}★: đã đủ điểm, còn {n} tiêu chí tối thiểu"),
        (m, 0) => format!("Lên {stars}★: còn thiếu {m} điểm"),
        (m, n) => format!("Lên {stars}★: còn thiếu {m} điểm, và {n} tiêu chí tối thiểu"),
    },
    needs: |code, text, option, has, max| {
        format!("{code} {text}: cần \"{option}\" (đang {has}/{max})")
    },
    gains: "Nhiều điểm nhất còn có thể đạt",
    gain: |points, code, text, option| format!("+{points}  {code} {text}: \"{option}\""),
    nothing_to_gain: "Không còn tiêu chí nào có thể thêm điểm.",
};

pub const EN: PlanStrings = PlanStrings {
    title: "Raising the rating",
    eliminated: |why| format!("Eliminated ({why}): rated at no level until this is put right."),
    top: "At the highest rating, 5★.",
    step: |stars, missing, minimums| match (missing, minimums) {
        (0, 0) => format!("Up to {stars}★: the points and every minimum are there"),
        (0, n) => format!("Up to {stars}★: the points are there, {n} minimums are not"),
        (m, 0) => format!("Up to {stars}★: {m} points missing"),
        (m, n) => format!("Up to {stars}★: {m} points missing, and {n} minimums"),
    },
    needs: |code, text, option, has, max| {
        format!("{code} {text}: needs \"{option}\" (has {has}/{max})")
    },
    gains: "Most points still to gain",
    gain: |points, code, text, option| format!("+{points}  {code} {text}: \"{option}\""),
    nothing_to_gain: "No criterion can gain more points.",
};

pub fn plan_strings(lang: Lang) -> &'static PlanStrings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
