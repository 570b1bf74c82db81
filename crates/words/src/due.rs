//! The words of `ocop due`: each product's rating in time, in both languages.

use std::path::Path;

use ocop_domain::Lang;
use ocop_domain::due::DueState;

pub struct DueWords {
    /// The table's columns: code, product, stars, rated on, expires, the dossier window.
    pub head: [&'static str; 6],
    /// Where the re-rating dossier window stands.
    pub state: fn(DueState) -> String,
    /// Below the table, when a date is estimated (marked `~`).
    pub estimated: &'static str,
    /// The folder given does not exist.
    pub missing: fn(&Path) -> String,
}

const VI: DueWords = DueWords {
    head: [
        "Mã sản phẩm",
        "Sản phẩm",
        "Sao",
        "Công nhận",
        "Hết hạn",
        "Hồ sơ đánh giá lại",
    ],
    state: |state| match state {
        DueState::NotYet { opens_in } => format!("mở hồ sơ sau {opens_in} ngày"),
        DueState::Open { closes_in } => format!("đang mở, đóng sau {closes_in} ngày"),
        DueState::Missed { .. } => "lỡ hạn nộp hồ sơ".into(),
        DueState::Expired { .. } => "đã hết hạn".into(),
    },
    estimated: "~ ước tính theo lần đánh giá gần nhất (chưa ghi giấy chứng nhận)",
    missing: |dir| {
        format!(
            "không có thư mục {}: kiểm tra đường dẫn hoặc ổ chia sẻ",
            dir.display()
        )
    },
};

const EN: DueWords = DueWords {
    head: [
        "Product code",
        "Product",
        "Stars",
        "Rated on",
        "Expires",
        "Dossier",
    ],
    state: |state| match state {
        DueState::NotYet { opens_in } => format!("window opens in {opens_in} days"),
        DueState::Open { closes_in } => format!("window open, closes in {closes_in} days"),
        DueState::Missed { .. } => "window missed".into(),
        DueState::Expired { .. } => "expired".into(),
    },
    estimated: "~ estimated from the latest evaluation (no certificate recorded)",
    missing: |dir| {
        format!(
            "there is no folder {}: check the path or the share",
            dir.display()
        )
    },
};

pub fn due_words(lang: Lang) -> &'static DueWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
