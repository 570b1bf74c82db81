//! Helpers for the printable-sheet tests: the longest sheet a set gives, a data folder
//! holding it, and Chromium and poppler, run as the office would run them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ocop_catalog::Catalog;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::{Case, Rubric};
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_store::{Import, Store};

use crate::sync_common::{ocop, run, signed_import, text};

pub const ASSESSOR: &str = "Nguyễn Văn An";

pub fn rubric(id: &str) -> Rubric {
    let catalog = Catalog::builtin();
    catalog.get(id).expect("parses").expect("built in").clone()
}

/// The longest sheet a set gives: on every leaf the option with the longest text, a note
/// of a realistic length, and a long comment.
pub fn long_sheet(
    r: &Rubric,
    id: &str,
    finish: bool,
) -> (Sheet, Vec<ocop_domain::audit::AuditEvent>) {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00+07:00").expect("time");
    let by = By {
        actor: ASSESSOR,
        at,
    };
    let id = SheetId::parse(id).expect("a ULID");
    let mut sheet = Sheet::new(id, r, Header::default(), at);
    let mut events = vec![edit::created(&mut sheet, by)];
    for (field, value) in [
        (
            HeaderField::ProductName,
            "Trà Shan tuyết cổ thụ Suối Giàng <đặc biệt> & \"hảo hạng\"",
        ),
        (
            HeaderField::Producer,
            "Hợp tác xã Nông nghiệp và Dịch vụ Chè Suối Giàng",
        ),
        (HeaderField::ProductCode, "15-4321-07-2026"),
        (HeaderField::Phone, "0912 345 678"),
        (
            HeaderField::Address,
            "Thôn Giàng A, xã Suối Giàng, huyện Văn Chấn, tỉnh Yên Bái",
        ),
        (HeaderField::Assessor, ASSESSOR),
        (
            HeaderField::Council,
            "Hội đồng đánh giá sản phẩm OCOP tỉnh Yên Bái",
        ),
        (HeaderField::Place, "Yên Bái"),
        (HeaderField::Date, "2026-11-20"),
    ] {
        events.push(edit::set_header(&mut sheet, field, value, by).expect("draft"));
    }
    if r.has_cases() {
        events.push(edit::set_case(&mut sheet, Some(Case::First), by).expect("draft"));
    }
    let note = "Đã kiểm tra hồ sơ và thực tế tại cơ sở; minh chứng đầy đủ, \
                cần bổ sung bản sao có chứng thực.";
    for leaf in r.leaves() {
        let (n, _) = leaf
            .options_for(sheet.case)
            .max_by_key(|(_, o)| o.text_vi.chars().count())
            .expect("a leaf has options");
        let mark = Some(Mark::Chose { option: n as u8 });
        events.push(edit::set_mark(&mut sheet, &leaf.code, mark, by).expect("draft"));
        events.push(edit::set_note(&mut sheet, &leaf.code, note, by).expect("draft"));
    }
    let comment = "Sản phẩm có câu chuyện tốt, bao bì đẹp, chất lượng ổn định. ".repeat(5);
    events.push(edit::set_comment(&mut sheet, &comment, by).expect("draft"));
    if finish {
        events.push(edit::finish(&mut sheet, by).expect("draft"));
    }
    (sheet, events)
}

/// A data folder holding the long sheet of `set`, finished and signed or a draft.
pub fn data_with(dir: &Path, set: &str, id: &str, finish: bool) -> Sheet {
    let catalog = Catalog::builtin();
    let r = rubric(set);
    let (sheet, events) = long_sheet(&r, id, finish);
    let item = if finish {
        signed_import(&catalog, &r, (sheet, events), ASSESSOR)
    } else {
        Import {
            summary: Summary::of(&r, &sheet),
            sheet,
            rubric_text: catalog.text(set).expect("text"),
            events,
            finished: false,
            signature: None,
        }
    };
    let sheet = item.sheet.clone();
    let mut store = Store::open(dir).expect("store");
    store.import(&[item], false).expect("import");
    sheet
}

/// The page of `id`, printed by the real binary into `work/sheet.html`.
pub fn print_to(data: &Path, id: &str, work: &Path, lang: &str) -> PathBuf {
    let html = work.join("sheet.html");
    let out = run(ocop(data, None, &["print", id, "-o"])
        .arg(&html)
        .args(["--lang", lang]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "with -o nothing goes to stdout");
    html
}
