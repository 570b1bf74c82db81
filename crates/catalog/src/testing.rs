//! Sheets for tests: real rubrics from the built-in catalog, answers made
//! with the domain's own edits, so the tests see what the store would hand over.

use chrono::{DateTime, FixedOffset};

use crate::Catalog;
use ocop_domain::audit::AuditEvent;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};

pub const TEA: &str = "che-tuoi-che-bien";

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

pub fn rubric(id: &str) -> Rubric {
    Catalog::builtin()
        .get(id)
        .expect("built-in rubrics parse")
        .expect("the set exists")
        .clone()
}

/// A finished sheet on `rubric` choosing option `pick` (1-based, clamped) on every leaf.
pub fn finished(rubric: &Rubric, id: &str, product: &str, pick: u8) -> (Sheet, Vec<AuditEvent>) {
    let by = By {
        actor: "Nguyễn Văn An",
        at: at("2026-11-20T09:00:00+07:00"),
    };
    let id = SheetId::parse(id).expect("a test ULID");
    let mut sheet = Sheet::new(id, rubric, Header::default(), by.at);
    let mut trail = vec![edit::created(&mut sheet, by)];
    for (field, value) in [
        (HeaderField::ProductName, product),
        (HeaderField::Producer, "HTX Chè Thanh Sơn"),
        (HeaderField::ProductCode, "25-7912-03-2026"),
        (HeaderField::Assessor, "Nguyễn Văn An"),
        (HeaderField::Council, "Hội đồng tỉnh Phú Thọ"),
        (HeaderField::Date, "2026-11-20"),
    ] {
        trail.push(edit::set_header(&mut sheet, field, value, by).expect("a draft"));
    }
    for leaf in rubric.leaves() {
        let option = pick.clamp(1, leaf.options.len() as u8);
        let mark = Some(Mark::Chose { option });
        trail.push(edit::set_mark(&mut sheet, &leaf.code, mark, by).expect("a draft"));
    }
    let by = By {
        at: at("2026-11-20T10:30:00+07:00"),
        ..by
    };
    trail.push(edit::finish(&mut sheet, by).expect("a draft"));
    (sheet, trail)
}
