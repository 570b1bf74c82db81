//! The producer's self-assessment on the interface: `T` on a draft's review takes the filled
//! workbook by its path; each claim then sits beside the options it names, never chosen for
//! the assessor, and the review lists where the points part from it.

use std::collections::BTreeMap;

use crossterm::event::KeyCode;

use super::{screen_text, view};
use crate::app::harness::Harness;
use crate::app::state::Page;
use ocop_domain::audit::Change;
use ocop_domain::rubric::Code;
use ocop_domain::sheet::HeaderField;
use ocop_domain::{Lang, Named};
use ocop_selfassess::{Fill, FilledRow, Picked, filled};

/// The producer's copy: option 2 claimed on the first criterion, with what shows it.
fn producer_copy(h: &Harness, dir: &std::path::Path) -> std::path::PathBuf {
    let r = &view(h).rubric;
    let first = r.leaves().next().expect("a leaf").code.clone();
    let row = FilledRow {
        claim: Picked::Number(2.0),
        description: "Có hợp đồng liên kết với 40 hộ".into(),
        evidence: "HĐ số 12/2026".into(),
    };
    let rows: BTreeMap<Code, FilledRow> = [(first, row)].into_iter().collect();
    let header = vec![
        (HeaderField::ProductName, "Chè Cẩm Mỹ".into()),
        (HeaderField::Producer, "HTX Chè Cẩm Mỹ".into()),
        (HeaderField::Address, "xã Cẩm Mỹ, tỉnh Hà Tĩnh".into()),
        (HeaderField::Phone, "0912 345 678".into()),
    ];
    let path = dir.join("tu-danh-gia.xlsx");
    std::fs::write(&path, filled(r, &Fill { header, rows }).expect("written")).expect("write");
    path
}

/// The screen at 80×24, one text line per row, trailing blanks cut.
fn lines(h: &Harness) -> String {
    let text = screen_text(h);
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(80)
        .map(|row| row.iter().collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn t_on_the_review_takes_the_workbook_and_each_claim_sits_beside_its_criterion() {
    for lang in [Lang::Vi, Lang::En] {
        let mut h = Harness::new(lang).expect("harness");
        h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = producer_copy(&h, tmp.path());
        h.key(KeyCode::Char('r'));
        h.key(KeyCode::Char('T'));
        h.type_text(&path.to_string_lossy());
        h.key(KeyCode::Enter);
        let v = view(&h);
        let sa = v.sheet.self_assessment.as_ref().expect("taken");
        assert_eq!(sa.claims.len(), 1);
        // Stored with its audit event, and the header fields the draft left empty filled from
        // the file, as `ocop self import` does.
        let id = v.sheet.id.clone();
        let stored = h.ctx.store.sheet(&id, None).expect("read").expect("stored");
        assert_eq!(stored.self_assessment.as_ref(), Some(sa));
        assert_eq!(stored.header.address, "xã Cẩm Mỹ, tỉnh Hà Tĩnh");
        assert_eq!(stored.header.product_name, "Chè Cẩm Mỹ");
        let trail = h.ctx.store.audit(&id).expect("audit");
        assert!(
            trail
                .iter()
                .any(|e| matches!(e.change, Change::SelfAssessment { .. }))
        );
        let review = lines(&h);
        let want = match lang {
            Lang::Vi => "Khác tự đánh giá của chủ thể (1 tiêu chí): 1.1 ",
            Lang::En => "Differs from the producer's self-assessment (1 criteria): 1.1 ",
        };
        assert!(review.contains(want), "{review}");
        // Back on the first criterion: the claim is read there, and nothing is chosen.
        h.key(KeyCode::Esc);
        assert_eq!(view(&h).page, Page::Scoring, "{}", lines(&h));
        assert!(view(&h).sheet.answers.values().all(|a| a.mark.is_none()));
        insta::assert_snapshot!(
            format!("claim_on_the_scoring_screen_{}", lang.name()),
            lines(&h)
        );
    }
}

#[test]
fn a_refused_workbook_names_its_cell_and_takes_nothing() {
    let mut h = Harness::new(Lang::Vi).expect("harness");
    h.new_sheet("che tuoi", "Chè Cẩm Mỹ", "HTX Chè Cẩm Mỹ");
    let tmp = tempfile::tempdir().expect("tempdir");
    // Another set's template, read as a tea sheet's.
    let other = ocop_catalog::testing::rubric("dv-du-lich-cong-dong-sinh-thai");
    let path = tmp.path().join("khac.xlsx");
    std::fs::write(&path, filled(&other, &Fill::default()).expect("written")).expect("write");
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('T'));
    h.type_text(&path.to_string_lossy());
    h.key(KeyCode::Enter);
    assert!(view(&h).sheet.self_assessment.is_none());
    let shown = lines(&h);
    assert!(shown.contains("B3: bộ"), "{shown}");
}
