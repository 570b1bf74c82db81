//! The claim's rules in the domain, and the workbook both ways: every set's template filled
//! as a producer fills it and read back, each refusal naming its cell.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{DateTime, FixedOffset};
use ocop_catalog::Catalog;
use ocop_catalog::testing::rubric;
use ocop_domain::Lang;
use ocop_domain::claim::{Claim, SelfAssessment, Unfit, check};
use ocop_domain::differ::differences;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::{Code, Rubric};
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};
use ocop_words::Say;

use crate::{Fill, FilledRow, Picked, filled, import, template};

fn tea() -> Rubric {
    rubric("che-tuoi-che-bien")
}

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T09:00:00+07:00").expect("time")
}

fn claim(option: u8) -> Claim {
    Claim {
        option,
        description: "Có hợp đồng liên kết".into(),
        evidence: "HĐ số 12/2026".into(),
    }
}

#[test]
fn a_claim_must_be_an_option_of_a_scored_criterion() {
    let r = tea();
    let leaf = r.leaves().next().expect("a leaf").clone();
    let n = u8::try_from(leaf.options.len()).expect("few");
    assert_eq!(check(&r, &leaf.code, n, None), Ok(()));
    assert_eq!(
        check(&r, &leaf.code, n + 1, None),
        Err(Unfit::NoOption { options: n })
    );
    assert_eq!(
        check(&r, &leaf.code, 0, None),
        Err(Unfit::NoOption { options: n })
    );
    assert_eq!(
        check(&r, &Code::new("9.9"), 1, None),
        Err(Unfit::NoCriterion)
    );
    let group = r.criteria.iter().find(|c| !c.is_leaf()).expect("a group");
    assert_eq!(check(&r, &group.code, 1, None), Err(Unfit::NoCriterion));
}

#[test]
fn differences_name_each_criterion_where_the_points_part() {
    let r = tea();
    let by = By {
        actor: "An",
        at: at(),
    };
    let id = SheetId::parse("01JD7000000000000000000001").expect("id");
    let mut sheet = Sheet::new(id, &r, Header::default(), at());
    let leaves: Vec<_> = r.leaves().take(3).cloned().collect();
    let top = |i: usize| u8::try_from(leaves[i].options.len()).expect("few");
    let claims = leaves
        .iter()
        .enumerate()
        .map(|(i, l)| (l.code.clone(), claim(top(i))))
        .collect();
    let sa = SelfAssessment {
        file: "tu-danh-gia.xlsx".into(),
        sha256: "ab".repeat(32),
        imported_at: at(),
        claims,
    };
    let event = edit::set_self_assessment(&mut sheet, Some(sa), by).expect("a draft");
    assert!(matches!(
        event.change,
        ocop_domain::audit::Change::SelfAssessment { .. }
    ));
    // The first met as claimed, the second below it, the third not answered yet.
    edit::set_mark(
        &mut sheet,
        &leaves[0].code,
        Some(Mark::Chose { option: top(0) }),
        by,
    )
    .expect("draft");
    edit::set_mark(
        &mut sheet,
        &leaves[1].code,
        Some(Mark::Chose { option: 1 }),
        by,
    )
    .expect("draft");
    let found = differences(&r, &sheet);
    let codes: Vec<&Code> = found.iter().map(|d| &d.code).collect();
    assert_eq!(codes, [&leaves[1].code, &leaves[2].code]);
    assert!(found[0].short());
    assert_eq!(found[0].given, Some(leaves[1].options[0].points));
    assert_eq!(found[1].given, None);
    assert!(!found[1].short());
}

fn header() -> Vec<(HeaderField, String)> {
    vec![
        (HeaderField::ProductName, "Chè Cẩm Mỹ".into()),
        (HeaderField::Producer, "HTX Chè Cẩm Mỹ".into()),
        (HeaderField::Address, "xã Cẩm Mỹ, tỉnh Hà Tĩnh".into()),
        (HeaderField::Phone, "0912 345 678".into()),
    ]
}

fn row(claim: Picked) -> FilledRow {
    FilledRow {
        claim,
        description: "Có hợp đồng liên kết\nvới 40 hộ".into(),
        evidence: "HĐ số 12/2026".into(),
    }
}

/// Writes `bytes` to a file named as a producer would and imports it.
fn import_bytes(r: &Rubric, bytes: &[u8]) -> Result<crate::Imported, Vec<crate::Refusal>> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("tự đánh giá.xlsx");
    std::fs::write(&path, bytes).expect("write");
    import(&path, r, None, at())
}

fn said(refused: &[crate::Refusal]) -> Vec<String> {
    refused.iter().map(|r| r.say(Lang::Vi)).collect()
}

#[test]
fn every_sets_template_filled_by_a_producer_is_read_back_claim_by_claim() {
    let catalog = Catalog::builtin();
    for r in catalog.all().expect("sets") {
        // The best option on every criterion but the first, which claims option 1.
        let rows: BTreeMap<Code, FilledRow> = r
            .leaves()
            .enumerate()
            .map(|(i, l)| {
                let n = if i == 0 { 1 } else { l.options.len() };
                (l.code.clone(), row(Picked::Number(n as f64)))
            })
            .collect();
        let fill = Fill {
            header: header(),
            rows,
        };
        let bytes = filled(r, &fill).expect("written");
        let got = import_bytes(r, &bytes).unwrap_or_else(|e| panic!("{}: {:?}", r.id, said(&e)));
        let claims = &got.assessment.claims;
        assert_eq!(claims.len(), r.leaves().count(), "{}", r.id);
        for (i, l) in r.leaves().enumerate() {
            let want = if i == 0 { 1 } else { l.options.len() };
            assert_eq!(
                usize::from(claims[&l.code].option),
                want,
                "{} {}",
                r.id,
                l.code
            );
        }
        let first = claims.values().next().expect("a claim");
        assert_eq!(first.description, "Có hợp đồng liên kết\nvới 40 hộ");
        assert_eq!(first.evidence, "HĐ số 12/2026");
        assert_eq!(got.assessment.file, "tự đánh giá.xlsx");
        assert_eq!(got.assessment.sha256.len(), 64);
        assert!(
            got.header
                .contains(&(HeaderField::ProductName, "Chè Cẩm Mỹ".into()))
        );
    }
}

#[test]
fn a_claim_that_is_no_option_a_code_of_another_set_and_a_missing_field_name_their_cells() {
    let r = tea();
    let leaves: Vec<_> = r.leaves().cloned().collect();
    let options = leaves[2].options.len();
    let mut rows = BTreeMap::new();
    rows.insert(leaves[0].code.clone(), row(Picked::Number(1.0)));
    rows.insert(
        leaves[2].code.clone(),
        row(Picked::Number((options + 1) as f64)),
    );
    rows.insert(leaves[3].code.clone(), row(Picked::Text("cao".into())));
    let mut header = header();
    header.retain(|(f, _)| *f != HeaderField::Producer);
    let bytes = filled(&r, &Fill { header, rows }).expect("written");
    let refused = said(&import_bytes(&r, &bytes).expect_err("refused"));
    // Rows follow the rubric's criteria (groups included) from row 12.
    let row_of = |code: &Code| {
        12 + r
            .criteria
            .iter()
            .position(|c| &c.code == code)
            .expect("in the set")
    };
    let (c2, c3) = (&leaves[2].code, &leaves[3].code);
    let too_high = format!(
        "D{}: \"{}\" không phải một mức của {c2} (chọn 1–{options})",
        row_of(c2),
        options + 1
    );
    let words = format!("D{}: \"cao\" không phải một mức của {c3}", row_of(c3));
    assert!(refused.contains(&too_high), "{refused:?}");
    assert!(refused.iter().any(|s| s.starts_with(&words)), "{refused:?}");
    assert!(
        refused.contains(&"B6: thiếu Chủ thể sản xuất".to_string()),
        "{refused:?}"
    );
    assert_eq!(refused.len(), 3, "{refused:?}");
    // Another set's filled template, read as a tea sheet's.
    let other = rubric("dv-du-lich-cong-dong-sinh-thai");
    let bytes = filled(&other, &Fill::default()).expect("written");
    let refused = said(&import_bytes(&r, &bytes).expect_err("refused"));
    assert!(
        refused[0].starts_with("B3: bộ \"dv-du-lich-cong-dong-sinh-thai\" không phải bộ của phiếu"),
        "{refused:?}"
    );
}

#[test]
fn a_file_that_is_no_workbook_is_refused_whole() {
    let r = tea();
    let refused = said(&import_bytes(&r, b"Ten san pham,Che\n").expect_err("refused"));
    assert!(
        refused[0].starts_with("không đọc được bảng tính"),
        "{refused:?}"
    );
}

/// The template's sheet XML, read from the `.xlsx` as Excel would.
fn sheet_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("the sheet")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

#[test]
fn every_claim_cell_of_every_template_has_its_drop_down_on_a_protected_a4_sheet() {
    for r in Catalog::builtin().all().expect("sets") {
        let xml = sheet_xml(&template(r).expect("written"));
        assert!(xml.contains("<sheetProtection"), "{}: protected", r.id);
        assert!(xml.contains("<pageSetup paperSize=\"9\""), "{}: A4", r.id);
        for (row, c) in (12..).zip(&r.criteria) {
            if !c.is_leaf() {
                continue;
            }
            let list: Vec<String> = (1..=c.options.len()).map(|n| n.to_string()).collect();
            let rule = format!(
                "sqref=\"D{row}\"><formula1>\"{}\"</formula1>",
                list.join(",")
            );
            assert!(
                xml.contains(&rule),
                "{} {}: no drop-down {rule}",
                r.id,
                c.code
            );
        }
    }
}

/// A filled copy as LibreOffice saves it (`.ods`): the same cells, in the OpenDocument
/// spreadsheet format, written here cell by cell.
fn ods(rows: &[Vec<String>]) -> Vec<u8> {
    use std::io::Write;
    let cell = |v: &String| match v.parse::<f64>() {
        Ok(n) if !v.contains('.') => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{v}</text:p></table:table-cell>"
        ),
        _ if v.is_empty() => "<table:table-cell/>".to_string(),
        _ => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        ),
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(cell).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:spreadsheet><table:table table:name=\"Tự đánh giá\">{body}\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("zip");
    zip.start_file("META-INF/manifest.xml", stored)
        .expect("zip");
    zip.write_all(manifest.as_bytes()).expect("zip");
    zip.start_file("content.xml", stored).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn a_copy_saved_by_libreoffice_as_ods_is_read_like_the_xlsx() {
    let r = tea();
    let leaf = r.leaves().next().expect("a leaf").code.clone();
    let row_of = 11
        + r.criteria
            .iter()
            .position(|c| c.code == leaf)
            .expect("in the set");
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); row_of + 1];
    rows[2] = vec!["Mã bộ".into(), r.id.clone()];
    for (i, (_, value)) in header().into_iter().enumerate() {
        rows[4 + i] = vec![String::new(), value];
    }
    rows[row_of] = vec![
        leaf.to_string(),
        "…".into(),
        "…".into(),
        "2".into(),
        "Có hợp đồng".into(),
        "HĐ số 12/2026".into(),
    ];
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("tu-danh-gia.ods");
    std::fs::write(&path, ods(&rows)).expect("write");
    let got = import(&path, &r, None, at()).unwrap_or_else(|e| panic!("{:?}", said(&e)));
    assert_eq!(got.assessment.claims[&leaf].option, 2);
    assert_eq!(got.assessment.claims[&leaf].evidence, "HĐ số 12/2026");
    // The same file with the claim out of range: its cell named.
    rows[row_of][3] = "7".into();
    std::fs::write(&path, ods(&rows)).expect("write");
    let refused = said(&import(&path, &r, None, at()).expect_err("refused"));
    assert!(
        refused[0].starts_with(&format!("D{}: \"7\"", row_of + 1)),
        "{refused:?}"
    );
}

#[test]
fn a_criterion_its_rule_sets_aside_is_no_difference() {
    // Tea's 5.2 applies only when 5.1 scored above 0.
    let r = tea();
    let by = By {
        actor: "An",
        at: at(),
    };
    let id = SheetId::parse("01JD7000000000000000000002").expect("id");
    let mut sheet = Sheet::new(id, &r, Header::default(), at());
    let (c51, c52) = (Code::new("5.1"), Code::new("5.2"));
    let claims = [(c51.clone(), claim(2)), (c52.clone(), claim(2))]
        .into_iter()
        .collect();
    let sa = SelfAssessment {
        file: "tu-danh-gia.xlsx".into(),
        sha256: "ab".repeat(32),
        imported_at: at(),
        claims,
    };
    edit::set_self_assessment(&mut sheet, Some(sa), by).expect("a draft");
    edit::set_mark(&mut sheet, &c51, Some(Mark::NotMet), by).expect("draft");
    let found = differences(&r, &sheet);
    let codes: Vec<&Code> = found.iter().map(|d| &d.code).collect();
    assert_eq!(codes, [&c51], "5.2 does not apply once 5.1 scored 0");
    assert!(found[0].short());
}
