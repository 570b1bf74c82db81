//! The words of re-rating, in both languages: the earlier answer beside each criterion, the
//! review's earlier → now, and the notices.

use ocop_domain::Lang;

pub struct RerateStrings {
    /// Points and option text of the earlier answer.
    pub earlier: fn(u16, &str) -> String,
    pub earlier_not_met: &'static str,
    pub earlier_not_applicable: &'static str,
    pub earlier_raised: &'static str,
    pub earlier_none: &'static str,
    /// Beside the product on the scoring screen: the earlier total and stars.
    pub header: fn(u16, u8) -> String,
    pub form_title: &'static str,
    /// Earlier → now: the total, then each part as "A 31→29".
    pub compare: fn(u16, u16, &str) -> String,
    pub fell: &'static str,
    pub finished_only: &'static str,
    pub no_earlier: &'static str,
}

pub const VI: RerateStrings = RerateStrings {
    earlier: |points, text| format!("Lần trước: {points} — {text}"),
    earlier_not_met: "Lần trước: 0 — không đạt",
    earlier_not_applicable: "Lần trước: không áp dụng",
    earlier_raised: "Lần trước: đã nêu điều kiện loại",
    earlier_none: "Lần trước: chưa chấm tiêu chí này",
    header: |total, stars| format!("đánh giá lại (lần trước {total}/100 {stars}★)"),
    form_title: "Đánh giá lại",
    compare: |was, now, parts| format!("Lần trước {was} → nay {now} · {parts}"),
    fell: "giảm: ",
    finished_only: "Chỉ đánh giá lại được phiếu đã hoàn thành.",
    no_earlier: "Lần trước không có câu trả lời tương ứng cho tiêu chí này.",
};

pub const EN: RerateStrings = RerateStrings {
    earlier: |points, text| format!("Last time: {points} — {text}"),
    earlier_not_met: "Last time: 0 — not met",
    earlier_not_applicable: "Last time: not applicable",
    earlier_raised: "Last time: an elimination was raised",
    earlier_none: "Last time: not scored",
    header: |total, stars| format!("re-rating (last time {total}/100 {stars}★)"),
    form_title: "Re-rating",
    compare: |was, now, parts| format!("Last time {was} → now {now} · {parts}"),
    fell: "fell: ",
    finished_only: "Only a finished sheet can be re-rated.",
    no_earlier: "The earlier sheet has no matching answer for this criterion.",
};

pub fn rerate_strings(lang: Lang) -> &'static RerateStrings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
