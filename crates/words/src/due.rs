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
    /// After the state: an evaluation after the certificate, its date and stars (None:
    /// eliminated), awaiting its certificate.
    pub rerated: fn(&str, Option<u8>) -> String,
    /// `--within` below 0.
    pub negative_within: fn(i64) -> String,
    /// The round a dossier must reach: its number, the commune's deadline, the province's.
    pub round: fn(u8, &str, &str) -> String,
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
        DueState::Open { closes_in: 0 } => "đang mở, đóng hôm nay".into(),
        DueState::Open { closes_in } => format!("đang mở, đóng sau {closes_in} ngày"),
        DueState::Missed { expires_in: 0 } => "hết hạn hôm nay (còn hiệu lực đến hết ngày)".into(),
        DueState::Missed { expires_in } => {
            format!("lỡ hạn nộp hồ sơ, còn hiệu lực {expires_in} ngày")
        }
        DueState::Expired { since } => format!("đã hết hạn {since} ngày"),
    },
    estimated: "~ ước tính theo lần đánh giá gần nhất (chưa ghi giấy chứng nhận)",
    rerated: |on, stars| match stars {
        Some(stars) => format!("đánh giá lại {on}: {stars}★, chờ giấy chứng nhận"),
        None => format!("đánh giá lại {on}: bị loại"),
    },
    negative_within: |days| {
        format!("--within {days}: số ngày không được âm (0 là những sản phẩm đã mở hồ sơ)")
    },
    round: |n, forward, by| {
        format!("đợt {n}: xã chuyển hồ sơ trước {forward}, tỉnh đánh giá trước {by}")
    },
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
        DueState::NotYet { opens_in } => format!("window opens in {}", days(opens_in)),
        DueState::Open { closes_in: 0 } => "window open, closes today".into(),
        DueState::Open { closes_in } => format!("window open, closes in {}", days(closes_in)),
        DueState::Missed { expires_in: 0 } => "expires today (valid to the end of the day)".into(),
        DueState::Missed { expires_in } => {
            format!("window missed, valid {} more", days(expires_in))
        }
        DueState::Expired { since } => format!("expired {} ago", days(since)),
    },
    estimated: "~ estimated from the latest evaluation (no certificate recorded)",
    rerated: |on, stars| match stars {
        Some(stars) => format!("re-rated {on}: {stars}★, awaiting its certificate"),
        None => format!("re-rated {on}: eliminated"),
    },
    negative_within: |days| {
        format!(
            "--within {days}: the number of days cannot be negative (0 lists windows already open)"
        )
    },
    round: |n, forward, by| {
        format!(
            "round {n}: the commune forwards the dossier by {forward}, the province evaluates by {by}"
        )
    },
    missing: |dir| {
        format!(
            "there is no folder {}: check the path or the share",
            dir.display()
        )
    },
};

/// "1 day", "2 days".
fn days(n: i64) -> String {
    match n {
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

pub fn due_words(lang: Lang) -> &'static DueWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
