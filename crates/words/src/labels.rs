//! The words of a sheet, on paper and in the terminal (`ocop show`, `ocop rubric show`), in
//! both languages: one table per language, so a label
//! missing in one cannot compile. The layout follows the decision's "Phiếu đánh giá"; the
//! Vietnamese table is the official wording, the English one is for partners.

use chrono::{Datelike, NaiveDate};

use crate::terms;
use ocop_domain::Lang;
use ocop_domain::rubric::Rule;
use ocop_domain::score::EliminationKind;
use ocop_domain::sheet::HeaderField;

pub struct Labels {
    /// The language, and the `lang` attribute of the page.
    pub lang: Lang,
    pub nation: &'static str,
    pub motto: &'static str,
    pub title: &'static str,
    /// The set's number: "Bộ sản phẩm số 11".
    pub set: fn(u8) -> String,
    pub edition: &'static str,
    pub product: &'static str,
    pub product_code: &'static str,
    pub producer: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub assessor: &'static str,
    pub council: &'static str,
    pub place: &'static str,
    pub evaluated_on: &'static str,
    pub sheet: &'static str,
    /// Revision, and when it was finished (or that it is a draft).
    pub revision: fn(u32, Option<&str>) -> String,
    pub amends: fn(u32, &str) -> String,
    pub case: fn(u8) -> String,
    pub dossier_rejected: &'static str,
    /// A rejection withdrawn: the dossier stands.
    pub dossier_accepted: &'static str,
    /// The dossier's disqualifiers, before each: "Hồ sơ: Bị loại khi …".
    pub dossier: &'static str,
    pub code: &'static str,
    pub criterion: &'static str,
    pub points: &'static str,
    pub max: &'static str,
    pub part: &'static str,
    pub not_met: &'static str,
    pub not_applicable: &'static str,
    pub unanswered: &'static str,
    pub raised: &'static str,
    pub note: &'static str,
    pub total: &'static str,
    pub rating: &'static str,
    /// The stars in words: "4 sao".
    pub stars: fn(u8) -> String,
    /// In place of the stars of an eliminated product.
    pub not_rated: &'static str,
    pub band: fn(u8) -> String,
    /// A minimum holding the rating down: stars, code, points needed and had.
    pub held: fn(u8, &str, u16, u16) -> String,
    pub eliminated: &'static str,
    pub kinds: [&'static str; 5],
    /// What a criterion's note does, after its text (none for plain guidance).
    pub rule: fn(&Rule) -> Option<String>,
    pub comments: &'static str,
    pub plan: &'static str,
    /// How many further criteria could gain points, beyond those printed.
    pub more_gains: fn(usize) -> String,
    pub signed: fn(&str, &str) -> String,
    pub unsigned: &'static str,
    /// The date line above the signature, the evaluation's date or blanks to fill in.
    pub date_line: fn(Option<NaiveDate>) -> String,
    /// "Phú Thọ, ngày 05 tháng 3 năm 2026": the place (none: the line starts with the day).
    pub place_date_line: fn(&str, Option<NaiveDate>) -> String,
    pub signer_title: &'static str,
    pub sign_here: &'static str,
    pub source: fn(&str, &str) -> String,
    pub draft: &'static str,
    pub draft_note: &'static str,
    /// chrono formats of a day and of a moment.
    pub day: &'static str,
    pub moment: &'static str,
    /// Before the page number at the foot of every page.
    pub page: &'static str,
}

pub const VI: Labels = Labels {
    lang: Lang::Vi,
    nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập - Tự do - Hạnh phúc",
    title: "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP",
    set: |n| format!("Bộ sản phẩm số {n}"),
    edition: "Mẫu phiếu theo",
    product: "Tên sản phẩm",
    product_code: "Mã sản phẩm",
    producer: "Chủ thể",
    phone: "Điện thoại",
    address: "Địa chỉ",
    assessor: "Người đánh giá",
    council: "Hội đồng",
    place: "Địa danh",
    evaluated_on: "Ngày đánh giá",
    sheet: "Phiếu",
    revision: |r, at| match at {
        Some(at) => format!("lần {r} · hoàn thành {at}"),
        None => format!("lần {r} · bản nháp, chưa hoàn thành"),
    },
    amends: terms::VI.amends,
    case: |n| format!("Trường hợp {n}"),
    dossier_rejected: "Hồ sơ bị loại",
    dossier_accepted: "Hồ sơ được chấp nhận (đã rút việc loại)",
    dossier: "Hồ sơ",
    code: "Mã",
    criterion: "Tiêu chí · mức đạt",
    points: "Điểm",
    max: "Tối đa",
    part: "Phần",
    not_met: "Không đạt",
    not_applicable: "Không áp dụng",
    unanswered: "Chưa chấm",
    raised: "Bị loại",
    note: "Ghi chú",
    total: terms::VI.total,
    rating: "Xếp hạng",
    stars: |n| format!("{n} sao"),
    not_rated: "bị loại, không xếp hạng",
    band: |n| format!("theo điểm: {n} sao"),
    held: |stars, code, needs, has| {
        format!("{stars}★ cần tiêu chí {code} ≥ {needs} điểm (có {has})")
    },
    eliminated: "Sản phẩm bị loại",
    kinds: [
        "hồ sơ",
        "loại",
        "dừng đánh giá",
        "không đủ điều kiện",
        "0 điểm, dừng đánh giá",
    ],
    rule: |rule| {
        Some(match rule {
            Rule::Guidance => return None,
            Rule::AppliesIfScored(code) => format!("chỉ chấm khi {code} > 0"),
            Rule::Elimination => "loại".into(),
            Rule::Stop => "dừng đánh giá".into(),
            Rule::Eligibility => "điều kiện tham gia".into(),
            Rule::StopOnZero => "0 điểm ở một tiêu chí con: dừng đánh giá, loại".into(),
        })
    },
    comments: terms::VI.comments,
    plan: terms::VI.plan,
    more_gains: |n| format!("… và {n} tiêu chí khác còn có thể thêm điểm"),
    signed: |who, key| format!("Đã ký số: {who}, khoá {key}"),
    unsigned: "Chưa ký số",
    date_line: |d| match d {
        Some(d) => format!("Ngày {} tháng {} năm {}", d.day(), d.month(), d.year()),
        None => "Ngày ..... tháng ..... năm ..........".into(),
    },
    place_date_line: vi_place_date,
    signer_title: "NGƯỜI ĐÁNH GIÁ",
    sign_here: "(Ký, ghi rõ họ tên)",
    source: |file, sha| format!("Lập từ tệp {file} · SHA-256 {sha}"),
    draft: "NHÁP",
    draft_note: "Bản nháp: chưa hoàn thành, không có giá trị ký duyệt",
    day: "%d/%m/%Y",
    moment: "%d/%m/%Y %H:%M",
    page: "Trang",
};

pub const EN: Labels = Labels {
    lang: Lang::En,
    nation: "SOCIALIST REPUBLIC OF VIETNAM",
    motto: "Independence - Freedom - Happiness",
    title: "OCOP PRODUCT ASSESSMENT SHEET",
    set: |n| format!("Product set no. {n}"),
    edition: "Form of",
    product: "Product",
    product_code: "Product code",
    producer: "Producer",
    phone: "Phone",
    address: "Address",
    assessor: "Assessor",
    council: "Council",
    place: "Place",
    evaluated_on: "Evaluation date",
    sheet: "Sheet",
    revision: |r, at| match at {
        Some(at) => format!("revision {r} · finished {at}"),
        None => format!("revision {r} · draft, not finished"),
    },
    amends: terms::EN.amends,
    case: |n| format!("Case {n}"),
    dossier_rejected: "Dossier rejected",
    dossier_accepted: "Dossier accepted (the rejection withdrawn)",
    dossier: "Dossier",
    code: "Code",
    criterion: "Criterion · level reached",
    points: "Points",
    max: "Max",
    part: "Part",
    not_met: "Not met",
    not_applicable: "Not applicable",
    unanswered: "Not scored",
    raised: "Eliminated",
    note: "Note",
    total: terms::EN.total,
    rating: "Rating",
    stars: |n| format!("{n} stars"),
    not_rated: "eliminated, not rated",
    band: |n| format!("by points: {n} stars"),
    held: |stars, code, needs, has| {
        format!("{stars}★ needs criterion {code} ≥ {needs} points (has {has})")
    },
    eliminated: "The product is eliminated",
    kinds: [
        "dossier",
        "eliminated",
        "stopped",
        "not eligible",
        "0 points, stopped",
    ],
    rule: |rule| {
        Some(match rule {
            Rule::Guidance => return None,
            Rule::AppliesIfScored(code) => format!("scored only when {code} > 0"),
            Rule::Elimination => "eliminates".into(),
            Rule::Stop => "stops the evaluation".into(),
            Rule::Eligibility => "eligibility".into(),
            Rule::StopOnZero => {
                "0 points on a sub-criterion: the evaluation stops, eliminated".into()
            }
        })
    },
    comments: terms::EN.comments,
    plan: terms::EN.plan,
    more_gains: |n| format!("… and {n} more criteria that can still gain points"),
    signed: |who, key| format!("Digitally signed: {who}, key {key}"),
    unsigned: "Not digitally signed",
    date_line: |d| match d {
        Some(d) => d.format("%-d %B %Y").to_string(),
        None => "Date ..... / ..... / ..........".into(),
    },
    place_date_line: |place, d| {
        let day = d.map_or_else(
            || "..... / ..... / ..........".into(),
            |d| d.format("%-d %B %Y").to_string(),
        );
        if place.is_empty() {
            day
        } else {
            format!("{place}, {day}")
        }
    },
    signer_title: "ASSESSOR",
    sign_here: "(Signature and full name)",
    source: |file, sha| format!("Made from file {file} · SHA-256 {sha}"),
    draft: "DRAFT",
    draft_note: "Draft: not finished, not valid for signing",
    day: "%Y-%m-%d",
    moment: "%Y-%m-%d %H:%M",
    page: "Page",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Labels {
    /// An elimination's kind, as the sheet names it.
    pub fn kind(&self, kind: EliminationKind) -> &'static str {
        self.kinds[match kind {
            EliminationKind::Dossier => 0,
            EliminationKind::Elimination => 1,
            EliminationKind::Stop => 2,
            EliminationKind::Eligibility => 3,
            EliminationKind::StopOnZero => 4,
        }]
    }

    /// A header field's label.
    pub fn field(&self, field: HeaderField) -> &'static str {
        match field {
            HeaderField::ProductName => self.product,
            HeaderField::Producer => self.producer,
            HeaderField::ProductCode => self.product_code,
            HeaderField::Phone => self.phone,
            HeaderField::Address => self.address,
            HeaderField::Assessor => self.assessor,
            HeaderField::Council => self.council,
            HeaderField::Place => self.place,
            HeaderField::Date => self.evaluated_on,
        }
    }
}

/// The date line of an official paper (Nghị định 30/2020/NĐ-CP): a day below 10 and the months
/// 1 and 2 take a leading zero, so no figure can be added in front by hand.
fn vi_place_date(place: &str, d: Option<NaiveDate>) -> String {
    let date = match d {
        Some(d) => {
            let month = if d.month() <= 2 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
        }
        None => "ngày ..... tháng ..... năm ..........".into(),
    };
    if place.is_empty() {
        ocop_domain::text::capitalized(&date)
    } else {
        format!("{place}, {date}")
    }
}

#[cfg(test)]
mod tests {
    use super::vi_place_date;
    use chrono::NaiveDate;

    #[test]
    fn the_date_line_writes_a_leading_zero_where_decree_30_asks_for_one() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            vi_place_date("Phú Thọ", d(2026, 3, 5)),
            "Phú Thọ, ngày 05 tháng 3 năm 2026"
        );
        assert_eq!(
            vi_place_date("Huế", d(2026, 2, 14)),
            "Huế, ngày 14 tháng 02 năm 2026"
        );
        assert_eq!(
            vi_place_date("", d(2026, 12, 30)),
            "Ngày 30 tháng 12 năm 2026"
        );
        assert_eq!(
            vi_place_date("Sơn La", None),
            "Sơn La, ngày ..... tháng ..... năm .........."
        );
    }
}
