//! The workbook's "Hội đồng" worksheet: one row per product with the council's means, the
//! stars of the mean, the council's stars (held by star minimums, or eliminated), the spread
//! and whether it calls for a re-score, as `ocop council` computes them from the signed
//! sheets' answers; then the product codes that name more than one product.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Formats;
use crate::council::Council;

const HEADINGS: [(&str, f64); 14] = [
    ("Mã sản phẩm", 17.0),
    ("Sản phẩm", 34.0),
    ("Bộ sản phẩm", 26.0),
    ("Số thành viên", 10.0),
    ("TB phần A", 10.0),
    ("TB phần B", 10.0),
    ("TB phần C", 10.0),
    ("Điểm trung bình", 12.0),
    ("Hạng sao của điểm TB", 12.0),
    ("Hạng của hội đồng", 12.0),
    ("Bị loại", 9.0),
    ("Giữ hạng bởi", 30.0),
    ("Độ chênh", 9.0),
    ("Cần chấm lại", 10.0),
];

pub(super) fn write(
    sheet: &mut Worksheet,
    review: &Council,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, (heading, width)) in (0u16..).zip(HEADINGS) {
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, heading, &formats.heading)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut row = 0u32;
    for p in &review.products {
        row += 1;
        let text = |s: &str| super::within_limit(crate::cell::neutral(s));
        sheet.write_string(row, 0, text(&p.product_code))?;
        sheet.write_string(row, 1, text(&p.product_name))?;
        sheet.write_string(row, 2, text(&p.set_ids.join(", ")))?;
        sheet.write_number(row, 3, p.members.len() as f64)?;
        for (col, code) in (4u16..).zip(["A", "B", "C"]) {
            if let Some(part) = p.mean_parts.iter().find(|m| m.code == code) {
                sheet.write_number_with_format(row, col, part.mean, &formats.mean)?;
            }
        }
        sheet.write_number_with_format(row, 7, p.mean_total, &formats.mean)?;
        sheet.write_number(row, 8, f64::from(p.stars_of_mean))?;
        sheet.write_number(row, 9, f64::from(p.stars))?;
        sheet.write_boolean(row, 10, p.eliminated)?;
        sheet.write_string(row, 11, text(&held(p)))?;
        sheet.write_number(row, 12, f64::from(p.spread))?;
        sheet.write_boolean(row, 13, p.flagged)?;
    }
    sheet.autofilter(0, 0, row.max(1), 13)?;
    for c in &review.conflicts {
        row += 1;
        let line = crate::council::render::conflict_line(c, ocop_domain::Lang::Vi);
        sheet.write_string(row, 0, super::within_limit(crate::cell::neutral(&line)))?;
    }
    if review.no_roster {
        sheet.write_string(
            row + 2,
            0,
            "Thư mục không có allowed_signers: chưa phiếu nào được tính cho hội đồng.",
        )?;
    }
    Ok(())
}

/// The eliminations and the minimums that hold the council's stars down, in a few words:
/// `loại: tran-thi-binh (hồ sơ)`, `4★: 2.3 TB 1,5 < 2`.
fn held(p: &crate::council::ProductReview) -> String {
    let eliminated = p.eliminations.iter().map(|e| {
        let on = e.code.as_deref().unwrap_or("hồ sơ");
        format!(
            "loại: {} ({on})",
            crate::council::seat(&e.assessor, &e.principal)
        )
    });
    let held = p.held_by.iter().map(|h| {
        let mean = format!("{:.2}", h.mean).replace('.', ",");
        format!("{}★: {} TB {mean} < {}", h.stars, h.code, h.needs)
    });
    eliminated.chain(held).collect::<Vec<_>>().join("; ")
}
