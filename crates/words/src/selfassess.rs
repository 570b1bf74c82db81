//! The producer's self-assessment: the template's words (Vietnamese, as Mẫu số 02 is), the
//! import's refusals and what the screens and papers call a claim, in both languages.

use ocop_domain::Lang;
use ocop_domain::sheet::HeaderField;

/// The template's title and column names. The form is the decision's, in Vietnamese.
pub const TITLE: &str = "PHIẾU TỰ ĐÁNH GIÁ SẢN PHẨM OCOP";
pub const FORM: &str =
    "Mẫu số 02, Phần III: chủ thể tự đánh giá kết quả (điểm số) có thể đạt theo từng tiêu chí";
pub const SET_ID: &str = "Mã bộ (không sửa)";
pub const COLUMNS: [&str; 6] = [
    "Mã",
    "Tiêu chí",
    "Các mức (điểm)",
    "Mức tự đánh giá",
    "Mô tả, chứng minh",
    "Tài liệu minh chứng",
];
pub const PICK_TITLE: &str = "Mức tự đánh giá";
pub const PICK_MESSAGE: &str = "Chọn số của mức đạt được (cột Các mức).";
pub const PICK_ERROR: &str = "Chỉ chọn một số trong danh sách các mức của tiêu chí này.";

/// A header field's label in the template (the form's own words).
pub fn template_label(field: HeaderField) -> &'static str {
    match field {
        HeaderField::ProductName => "Tên sản phẩm",
        HeaderField::Producer => "Chủ thể sản xuất",
        HeaderField::Address => "Địa chỉ",
        HeaderField::Phone => "Điện thoại",
        HeaderField::ProductCode => "Mã sản phẩm (T-X-STT-YYYY, nếu đã có)",
        HeaderField::Assessor => "Người đánh giá",
        HeaderField::Council => "Hội đồng",
        HeaderField::Place => "Địa danh",
        HeaderField::Date => "Ngày",
    }
}

/// An option in the template's options cell: "2. Có hợp đồng liên kết (3 điểm)"; `case`
/// names the case of a criterion split in two.
pub fn option_line(n: usize, text: &str, points: u16, case: Option<u8>) -> String {
    match case {
        Some(case) => format!("{n}. [TH{case}] {text} ({points} điểm)"),
        None => format!("{n}. {text} ({points} điểm)"),
    }
}

/// What the screens, `show` and the papers call the producer's claim.
pub struct ClaimWords {
    /// "Tự đánh giá: 3 (4 điểm) — …" before the description.
    pub claim: fn(u8, u16) -> String,
    pub evidence: &'static str,
    /// The review's heading: where the assessor's points and the claim part.
    pub differences: fn(usize) -> String,
    /// One difference: code, claimed points, given points (None: not answered).
    pub difference: fn(&str, u16, Option<u16>) -> String,
    pub no_differences: &'static str,
    /// `show`'s line: the file, its SHA-256's start, the count of claims.
    pub imported: fn(&str, &str, usize) -> String,
    /// The printed sheet's column.
    pub column: &'static str,
    /// The plan's heading: criteria where the claim was not met.
    pub short: fn(usize) -> String,
    /// One of them: code, (claimed points, points given), the claimed option's text.
    pub short_item: fn(&str, (u16, u16), &str) -> String,
    /// `ocop self template`: set number and title, criteria, the file written.
    pub template_written: fn(u8, &str, usize, &str) -> String,
    /// `ocop self import`: the sheet, its product, the claims taken.
    pub taken: fn(&str, &str, usize) -> String,
    /// The same file again.
    pub same_file: fn(&str) -> String,
    /// Another file while one is held: its name and the start of its SHA-256.
    pub held_file: fn(&str, &str) -> String,
    /// A header field the file gives otherwise than the sheet: field, file's, sheet's.
    pub header_kept: fn(&str, &str, &str) -> String,
}

const VI: ClaimWords = ClaimWords {
    claim: |option, points| format!("Tự đánh giá: mức {option} ({points} điểm)"),
    evidence: "Minh chứng",
    differences: |n| format!("Khác tự đánh giá của chủ thể ({n} tiêu chí)"),
    difference: |code, claimed, given| match given {
        Some(given) => format!("{code}: tự đánh giá {claimed} điểm, chấm {given} điểm"),
        None => format!("{code}: tự đánh giá {claimed} điểm, chưa chấm"),
    },
    no_differences: "Điểm chấm khớp tự đánh giá của chủ thể ở mọi tiêu chí",
    imported: |file, sha, n| {
        format!("Tự đánh giá của chủ thể: {file} (SHA-256 {sha}…), {n} tiêu chí")
    },
    column: "Tự ĐG",
    short: |n| format!("Chưa đạt như chủ thể tự đánh giá ({n} tiêu chí):"),
    short_item: |code, (claimed, given), needs| {
        format!("{code}: tự đánh giá {claimed} điểm, chấm {given} điểm; để đạt: {needs}")
    },
    template_written: |no, title, criteria, file| {
        format!("đã ghi mẫu tự đánh giá bộ {no} ({title}), {criteria} tiêu chí: {file}")
    },
    taken: |id, product, n| {
        format!("{id} {product}: đã nhận tự đánh giá của chủ thể, {n} tiêu chí")
    },
    same_file: |file| format!("phiếu đã có đúng tệp này ({file}): không đổi"),
    held_file: |file, sha| {
        format!(
            "phiếu đã có tự đánh giá từ {file} (SHA-256 {sha}…), khác tệp này: thêm --replace để thay"
        )
    },
    header_kept: |name, file, sheet| format!("{name}: tệp ghi \"{file}\", phiếu giữ \"{sheet}\""),
};

const EN: ClaimWords = ClaimWords {
    claim: |option, points| format!("Self-assessed: option {option} ({points} points)"),
    evidence: "Evidence",
    differences: |n| format!("Differs from the producer's self-assessment ({n} criteria)"),
    difference: |code, claimed, given| match given {
        Some(given) => format!("{code}: claimed {claimed} points, scored {given}"),
        None => format!("{code}: claimed {claimed} points, not scored yet"),
    },
    no_differences: "The points agree with the producer's self-assessment on every criterion",
    imported: |file, sha, n| {
        format!("Producer's self-assessment: {file} (SHA-256 {sha}…), {n} criteria")
    },
    column: "Claim",
    short: |n| format!("Short of the producer's self-assessment ({n} criteria):"),
    short_item: |code, (claimed, given), needs| {
        format!("{code}: claimed {claimed} points, scored {given}; to meet it: {needs}")
    },
    template_written: |no, title, criteria, file| {
        format!(
            "wrote the self-assessment template of set {no} ({title}), {criteria} criteria: {file}"
        )
    },
    taken: |id, product, n| {
        format!("{id} {product}: the producer's self-assessment taken, {n} criteria")
    },
    same_file: |file| format!("the sheet already holds this very file ({file}): nothing changed"),
    held_file: |file, sha| {
        format!(
            "the sheet already holds a self-assessment from {file} (SHA-256 {sha}…), another file: add --replace to replace it"
        )
    },
    header_kept: |name, file, sheet| {
        format!("{name}: the file says \"{file}\", the sheet keeps \"{sheet}\"")
    },
};

/// "◇ Tự đánh giá: mức 2 (2 điểm) — description · Minh chứng: evidence": a claim as the
/// screens and `show` put it under its criterion.
pub fn claim_text(
    lang: Lang,
    (option, points): (u8, u16),
    description: &str,
    evidence: &str,
) -> String {
    let w = claim_words(lang);
    let mut text = format!("◇ {}", (w.claim)(option, points));
    if !description.is_empty() {
        text = format!("{text} — {description}");
    }
    if !evidence.is_empty() {
        text = format!("{text} · {}: {evidence}", w.evidence);
    }
    text
}

pub fn claim_words(lang: Lang) -> &'static ClaimWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
