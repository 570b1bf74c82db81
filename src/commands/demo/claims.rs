//! The producer's self-assessment on demo sheets: about one in three carries one, each claim
//! the assessor's option, one above or one below it, so the review, the plan and the council
//! show claims met, exceeded and fallen short of. It is drawn from its own generator, seeded by
//! the sheet's index, so a seed gives the same sheets it gave before claims existed.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use ocop_domain::claim::{Claim, SelfAssessment, check};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Mark, Sheet};

use super::Rng;

const DESCRIPTIONS: [&str; 4] = [
    "Có hợp đồng liên kết với hộ trồng trong xã",
    "Đã có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    "Bao bì in mã QR truy xuất nguồn gốc",
    "Sản phẩm bán tại cửa hàng OCOP của tỉnh",
];
const EVIDENCE: [&str; 4] = [
    "HĐ số 12/2026",
    "GCN số 045/ATTP",
    "Ảnh bao bì, tem truy xuất",
    "Biên bản giao hàng tháng 5",
];

/// The self-assessment for sheet number `index`, or none.
pub fn for_sheet(
    index: usize,
    rubric: &Rubric,
    sheet: &Sheet,
    at: DateTime<FixedOffset>,
) -> Option<SelfAssessment> {
    let mut rng = Rng(0xC1A1_0000_0000_0000 ^ index as u64);
    if !rng.chance(33) {
        return None;
    }
    let mut claims = BTreeMap::new();
    for (code, answer) in &sheet.answers {
        let Some(Mark::Chose { option }) = answer.mark else {
            continue;
        };
        let claimed = match rng.below(3) {
            0 => option.saturating_sub(1),
            1 => option,
            _ => option.saturating_add(1),
        };
        let claimed = if check(rubric, code, claimed, sheet.case).is_ok() {
            claimed
        } else {
            option
        };
        let claim = Claim {
            option: claimed,
            description: rng.pick(&DESCRIPTIONS).to_string(),
            evidence: rng.pick(&EVIDENCE).to_string(),
        };
        claims.insert(code.clone(), claim);
    }
    // No workbook is made for demo data: the digest is of the claims, standing in for a file's.
    let digest = ocop_catalog::check::sha256_hex(format!("{claims:?}").as_bytes());
    Some(SelfAssessment {
        file: format!("tu-danh-gia-demo-{index}.xlsx"),
        sha256: digest,
        imported_at: at,
        claims,
    })
}
