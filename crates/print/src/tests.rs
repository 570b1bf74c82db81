use super::*;
use ocop_catalog::testing::{TEA, at, finished, rubric};
use ocop_domain::edit::{self, By};
use ocop_domain::sheet::{HeaderField, Mark};

fn printed(rubric: &Rubric, sheet: &Sheet, lang: Lang) -> String {
    let p = Printable {
        rubric,
        sheet,
        signature: None,
        source: None,
        prepared: None,
    };
    sheet_html(&p, lang)
}

/// The text between tags, entities decoded, as a reader of the page sees it.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.split("</style>").nth(1).unwrap_or(html).chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn every_criterion_its_points_the_total_and_the_stars_are_on_the_page() {
    let r = rubric(TEA);
    let (sheet, _) = finished(&r, "01JD0000000000000000000001", "Chè Shan tuyết", 2);
    let html = printed(&r, &sheet, Lang::Vi);
    let text = words(&html);
    let s = score(&r, &sheet);
    for c in &r.criteria {
        assert!(text.contains(c.code.as_str()), "{} is missing", c.code);
        assert!(
            text.contains(&c.text_vi),
            "the text of {} is missing",
            c.code
        );
    }
    let total = format!("Tổng điểm: {}/100", s.total.0);
    assert!(text.contains(&total), "{total} not in the page");
    assert!(text.contains(&format!("{} sao", s.stars)));
    assert!(text.contains("PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP"));
    assert!(text.contains("NGƯỜI ĐÁNH GIÁ"));
    assert!(!text.contains("NHÁP"), "a finished sheet is no draft");
}

#[test]
fn the_page_needs_nothing_from_elsewhere() {
    let r = rubric(TEA);
    let (sheet, _) = finished(&r, "01JD0000000000000000000001", "Chè", 2);
    let html = printed(&r, &sheet, Lang::Vi);
    for banned in [
        "<script", "http://", "https://", "src=", "href=", "@import", "url(",
    ] {
        assert!(!html.contains(banned), "the page holds {banned}");
    }
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn outside_text_is_escaped_everywhere_it_is_printed() {
    let r = rubric(TEA);
    let (mut sheet, _) = finished(&r, "01JD0000000000000000000001", "Chè", 2);
    let hostile = "<script>alert('x')</script> & \"Trà\"";
    sheet.header.product_name = hostile.into();
    sheet.header.producer = hostile.into();
    sheet.header.address = hostile.into();
    sheet.comment = hostile.into();
    let first = r.leaves().next().expect("a leaf").code.clone();
    if let Some(a) = sheet.answers.get_mut(&first) {
        a.note = hostile.into();
    }
    let html = printed(&r, &sheet, Lang::Vi);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("'x'"));
    let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Trà&quot;";
    assert!(
        html.matches(escaped).count() >= 5,
        "name, title, producer, address, note, comment"
    );
    assert!(words(&html).contains(hostile), "and reads as typed");
}

#[test]
fn a_draft_is_marked_across_the_page_and_english_labels_follow_lang() {
    let r = rubric(TEA);
    let by = By {
        actor: "An",
        at: at("2026-11-20T09:00:00+07:00"),
    };
    let id = ocop_domain::sheet::SheetId::parse("01JD0000000000000000000002").expect("id");
    let mut sheet = Sheet::new(id, &r, Default::default(), by.at);
    edit::set_header(&mut sheet, HeaderField::ProductName, "Chè xanh", by).expect("draft");
    let leaf = r.leaves().next().expect("a leaf").code.clone();
    edit::set_mark(&mut sheet, &leaf, Some(Mark::NotMet), by).expect("draft");
    let vi = words(&printed(&r, &sheet, Lang::Vi));
    assert!(vi.contains("NHÁP"));
    assert!(vi.contains("Không đạt") && vi.contains("Chưa chấm"));
    let en = words(&printed(&r, &sheet, Lang::En));
    assert!(en.contains("DRAFT") && en.contains("OCOP PRODUCT ASSESSMENT SHEET"));
    assert!(en.contains("Not met") && en.contains("Total: 0/100"));
    assert!(!en.contains("Tổng điểm"));
}

#[test]
fn the_same_sheet_always_prints_the_same_bytes() {
    let r = rubric(TEA);
    let (sheet, _) = finished(&r, "01JD0000000000000000000001", "Chè", 3);
    let p = Printable {
        rubric: &r,
        sheet: &sheet,
        signature: Some(Signature {
            principal: "nguyen-van-an".into(),
            fingerprint: "SHA256:abc".into(),
        }),
        source: Some(Source {
            file: "01JD0000000000000000000001.r1.json".into(),
            sha256: "0".repeat(64),
        }),
        prepared: None,
    };
    let once = sheet_html(&p, Lang::Vi);
    assert_eq!(once, sheet_html(&p, Lang::Vi));
    // The rubric's text escaped once for many pages makes the same page; one made for the
    // other language (or rubric) is not used.
    for made_in in [Lang::Vi, Lang::En] {
        let prepared = Prepared::of(&r, made_in);
        let p = Printable {
            prepared: Some(&prepared),
            ..p.clone()
        };
        assert_eq!(sheet_html(&p, Lang::Vi), once, "prepared in {made_in:?}");
        assert_eq!(
            sheet_html(&p, Lang::En),
            sheet_html(
                &Printable {
                    prepared: None,
                    ..p.clone()
                },
                Lang::En
            )
        );
    }
    let text = words(&once);
    assert!(text.contains("Đã ký số: nguyen-van-an, khoá SHA256:abc"));
    assert!(text.contains("01JD0000000000000000000001.r1.json"));
}

#[test]
fn an_eliminated_product_is_rated_at_no_level_and_says_why() {
    let r = rubric(TEA);
    let (mut sheet, _) = finished(&r, "01JD0000000000000000000001", "Chè", 3);
    let raisable = r
        .leaves()
        .find(|c| c.rule().is_some_and(|rule| rule.is_raisable()))
        .expect("the tea set has an elimination rule");
    if let Some(a) = sheet.answers.get_mut(&raisable.code) {
        a.mark = Some(Mark::Raised {
            reason: "nguyên liệu không rõ nguồn gốc".into(),
        });
    }
    let text = words(&printed(&r, &sheet, Lang::Vi));
    assert!(text.contains("Xếp hạng: bị loại, không xếp hạng"), "{text}");
    assert!(text.contains("nguyên liệu không rõ nguồn gốc"));
    assert!(
        !text.contains(" sao)"),
        "no stars for an eliminated product"
    );
}
