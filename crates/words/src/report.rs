//! The words of the council report (`ocop council --format html`), in both languages: a page
//! printed for the council's session and kept with its minutes.

use ocop_domain::Lang;

pub struct ReportStrings {
    /// The `lang` attribute of the page.
    pub lang: &'static str,
    pub title: &'static str,
    /// The day the report was made.
    pub made_on: fn(&str) -> String,
    /// The folder has no roster, and whether unsigned sheets are counted anyway.
    pub no_roster: fn(bool) -> String,
    pub nothing: &'static str,
    pub no_code: &'static str,
    pub sets: &'static str,
    /// Before "x/y" at the foot of every printed page.
    pub page: &'static str,
    /// The list of products at the start of a report of several.
    pub contents: &'static str,
    pub col_code: &'static str,
    pub col_criterion: &'static str,
    pub col_max: &'static str,
    pub col_mean: &'static str,
    pub part: fn(&str) -> String,
    pub total: &'static str,
    pub stars: &'static str,
    pub eliminated: &'static str,
    pub unsigned: &'static str,
    /// The mean total and the stars of its band.
    /// The mean total, its band, the council's stars, and whether a counted sheet eliminates.
    pub verdict: fn(&str, u8, u8, bool) -> String,
    /// A star minimum the members' mean does not reach: stars, criterion, needs, the mean.
    pub held_mean: fn(u8, &str, u16, &str) -> String,
    /// A product code shared by several products: the code, then each variant.
    pub conflict: fn(&str, &str) -> String,
    /// The spread, the limit, and whether it is above it.
    pub spread: fn(u16, u16, bool) -> String,
    pub disagree: &'static str,
    pub minimums: &'static str,
    /// Member, stars, criterion, points needed, points it has.
    pub minimum: fn(&str, u8, &str, u16, u16) -> String,
    pub eliminations: &'static str,
    pub dossier: &'static str,
    pub not_counted: &'static str,
    pub unreadable: &'static str,
    pub chart: &'static str,
    /// A bar's title: the member and the total.
    pub bar: fn(&str, u16) -> String,
    pub mean_short: &'static str,
    pub tendency: &'static str,
    pub tendency_about: &'static str,
    pub col_member: &'static str,
    pub col_products: &'static str,
    pub col_deviation: &'static str,
    pub minutes: &'static str,
    /// How many products, on which day.
    pub minutes_intro: fn(usize, &str) -> String,
    pub col_product: &'static str,
    pub col_spread: &'static str,
    pub rescore: &'static str,
    pub signatures: &'static str,
    pub sign_here: &'static str,
    pub decimal_mark: char,
}

pub const VI: ReportStrings = ReportStrings {
    lang: "vi",
    title: "Báo cáo của hội đồng đánh giá sản phẩm OCOP",
    made_on: |d| format!("Lập ngày {d}"),
    no_roster: |counted| {
        let how = if counted {
            "các phiếu được tính dù chưa ký hợp lệ, theo --include-unsigned"
        } else {
            "chưa phiếu nào được tính cho đến khi thư ký thêm tệp đó"
        };
        format!(
            "Thư mục không có allowed_signers, nên không chữ ký nào gắn được với thành viên: {how}."
        )
    },
    nothing: "Không có phiếu đã hoàn thành nào trong thư mục này.",
    no_code: "(không có mã)",
    sets: "Bộ sản phẩm",
    page: "Trang",
    contents: "Danh sách sản phẩm",
    col_code: "Mã",
    col_criterion: "Tiêu chí",
    col_max: "Tối đa",
    col_mean: "Trung bình",
    part: |p| format!("Phần {p}"),
    total: crate::terms::VI.total,
    stars: "Hạng sao",
    eliminated: "bị loại",
    unsigned: "chữ ký không hợp lệ, được tính theo --include-unsigned",
    verdict: |mean, band, stars, eliminated| match (eliminated, stars < band) {
        (true, _) => format!(
            "Điểm trung bình {mean}; kết quả của hội đồng: bị loại (xem phần bị loại), cho đến \
             khi hội đồng chấm lại"
        ),
        (false, true) => format!(
            "Điểm trung bình {mean} ({band}★ theo điểm); hạng của hội đồng: {stars}★, giữ lại \
             bởi tiêu chí tối thiểu"
        ),
        (false, false) => format!("Điểm trung bình {mean}; hạng của hội đồng: {stars}★"),
    },
    held_mean: |stars, code, needs, mean| {
        format!("Hội đồng: {stars}★ cần điểm trung bình tiêu chí {code} ≥ {needs} (đạt {mean})")
    },
    conflict: |code, variants| {
        format!(
            "Mã sản phẩm {code} dùng cho nhiều sản phẩm ({variants}): không phiếu nào được tính \
             cho đến khi mã được sửa"
        )
    },
    spread: |spread, max, over| match over {
        true => format!(
            "Độ chênh giữa các thành viên: {spread} điểm ⚠ vượt {max}: hội đồng thảo luận và chấm lại"
        ),
        false => format!("Độ chênh giữa các thành viên: {spread} điểm (giới hạn {max})"),
    },
    disagree: "Các tiêu chí chênh nhau nhiều nhất",
    minimums: "Tiêu chí tối thiểu giữ hạng",
    minimum: |who, stars, code, needs, has| {
        format!("{who}: {stars}★ cần tiêu chí {code} ≥ {needs} điểm (đạt {has})")
    },
    eliminations: "Bị loại",
    dossier: "hồ sơ",
    not_counted: "Phiếu không được tính",
    unreadable: "Tệp không đọc được",
    chart: "Tổng điểm của từng thành viên",
    bar: |who, total| format!("{who}: {total} điểm"),
    mean_short: "TB",
    tendency: "Xu hướng chấm của từng thành viên",
    tendency_about: "Độ lệch trung bình giữa tổng điểm của thành viên và điểm trung bình của hội \
                     đồng, trên các sản phẩm có từ hai thành viên chấm: dương là chấm cao hơn, âm \
                     là chấm thấp hơn.",
    col_member: "Thành viên",
    col_products: "Số sản phẩm",
    col_deviation: "Độ lệch trung bình",
    minutes: "Biên bản",
    minutes_intro: |n, d| {
        format!("Ngày {d}, hội đồng đã xem xét {n} sản phẩm với kết quả như sau.")
    },
    col_product: "Sản phẩm",
    col_spread: "Độ chênh",
    rescore: "chấm lại",
    signatures: "Chữ ký của các thành viên hội đồng",
    sign_here: "Ký, ghi rõ họ tên",
    decimal_mark: ',',
};

pub const EN: ReportStrings = ReportStrings {
    lang: "en",
    title: "OCOP product assessment council report",
    made_on: |d| format!("Made on {d}"),
    no_roster: |counted| {
        let how = if counted {
            "sheets are counted unsigned, as --include-unsigned asks"
        } else {
            "no sheet counts until the secretary adds it"
        };
        format!(
            "The folder has no allowed_signers, so no signature can be tied to a member: {how}."
        )
    },
    nothing: "No finished sheets in this folder.",
    no_code: "(no code)",
    sets: "Product set",
    page: "Page",
    contents: "Products",
    col_code: "Code",
    col_criterion: "Criterion",
    col_max: "Max",
    col_mean: "Mean",
    part: |p| format!("Part {p}"),
    total: crate::terms::EN.total,
    stars: "Stars",
    eliminated: "eliminated",
    unsigned: "signature does not count, counted by --include-unsigned",
    verdict: |mean, band, stars, eliminated| match (eliminated, stars < band) {
        (true, _) => format!(
            "Mean total {mean}; the council's result: eliminated (see eliminations), until the \
             council re-scores"
        ),
        (false, true) => format!(
            "Mean total {mean} ({band}★ by points); the council's stars: {stars}★, held down by \
             star minimums"
        ),
        (false, false) => format!("Mean total {mean}; the council's stars: {stars}★"),
    },
    held_mean: |stars, code, needs, mean| {
        format!("Council: {stars}★ needs a mean on criterion {code} ≥ {needs} (has {mean})")
    },
    conflict: |code, variants| {
        format!(
            "Product code {code} names more than one product ({variants}): no sheet counts \
             until the code is corrected"
        )
    },
    spread: |spread, max, over| match over {
        true => format!(
            "Spread between members: {spread} points ⚠ above {max}: the council discusses and re-scores"
        ),
        false => format!("Spread between members: {spread} points (limit {max})"),
    },
    disagree: "Criteria members differ on most",
    minimums: "Star minimums holding a rating down",
    minimum: |who, stars, code, needs, has| {
        format!("{who}: {stars}★ needs criterion {code} ≥ {needs} points (has {has})")
    },
    eliminations: "Eliminations",
    dossier: "dossier",
    not_counted: "Sheets not counted",
    unreadable: "Files that could not be read",
    chart: "Each member's total",
    bar: |who, total| format!("{who}: {total} points"),
    mean_short: "mean",
    tendency: "Each member's tendency",
    tendency_about: "The mean difference between the member's total and the council's mean \
                     total, over the products scored by two members or more: positive scores \
                     higher, negative lower.",
    col_member: "Member",
    col_products: "Products",
    col_deviation: "Mean deviation",
    minutes: "Minutes",
    minutes_intro: |n, d| format!("On {d} the council reviewed {n} products, as follows."),
    col_product: "Product",
    col_spread: "Spread",
    rescore: "re-score",
    signatures: "Signatures of the council's members",
    sign_here: "Signature and full name",
    decimal_mark: '.',
};

pub fn report_strings(lang: Lang) -> &'static ReportStrings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
