use super::*;
use crate::council::{Member, PartMean, PartPoints, ProductReview};

fn member(name: &str, total: u16) -> Member {
    Member {
        assessor: name.into(),
        council: "Hội đồng \"tỉnh\" & <huyện>".into(),
        sheet_id: "01JD".into(),
        revision: 1,
        evaluated_on: None,
        parts: vec![PartPoints {
            code: "A".into(),
            points: total / 2,
        }],
        total,
        stars: 3,
        eliminated: false,
        unsigned: None,
        principal: String::new(),
    }
}

fn council(names: &[&str]) -> Council {
    let members: Vec<Member> = names.iter().map(|n| member(n, 60)).collect();
    Council {
        products: vec![ProductReview {
            product_code: "25-7912-01-2026".into(),
            product_name: "Chè & <b>mật</b> 'ong'".into(),
            set_ids: vec!["che-tuoi-che-bien".into()],
            members,
            mean_parts: vec![PartMean {
                code: "A".into(),
                mean: 30.0,
            }],
            mean_total: 60.0,
            stars_of_mean: 3,
            stars: 3,
            held_by: Vec::new(),
            eliminated: false,
            spread: 0,
            flagged: false,
            disagreements: Vec::new(),
            criteria: Vec::new(),
            minimums: Vec::new(),
            eliminations: Vec::new(),
            not_counted: Vec::new(),
        }],
        unreadable: vec![ocop_words::Words::new(
            "sheets/x/<img src=x>.json: hỏng",
            "sheets/x/<img src=x>.json: damaged",
        )],
        no_roster: false,
        roster_problems: Vec::new(),
        pinned: false,
        conflicts: Vec::new(),
        not_counted: Vec::new(),
    }
}

fn page_of(council: &Council, lang: Lang) -> String {
    let catalog = Catalog::builtin();
    let tendencies = crate::council::tendency::tendencies(council);
    let page = Page {
        council,
        tendencies: &tendencies,
        catalog: &catalog,
        lang,
        max_spread: 10,
        include_unsigned: false,
        made_on: "29/11/2026",
    };
    let mut out = Vec::new();
    write(&page, &mut out).expect("written");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn outside_text_is_escaped_everywhere_it_lands() {
    let html = page_of(
        &council(&["<script>alert(\"x\")</script>", "Trần 'Bình' & Co\u{202E}"]),
        Lang::Vi,
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>mật"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("Trần &#39;Bình&#39; &amp; Co&lt;U+202E&gt;"));
    assert!(html.contains("Chè &amp; &lt;b&gt;mật&lt;/b&gt; &#39;ong&#39;"));
    assert!(html.contains("Hội đồng &quot;tỉnh&quot; &amp; &lt;huyện&gt;"));
}

#[test]
fn one_bar_per_member_and_the_page_speaks_the_language_asked() {
    let vi = page_of(&council(&["An", "Bình", "Cường"]), Lang::Vi);
    assert_eq!(vi.matches("<rect class=\"bar\"").count(), 3);
    assert!(vi.contains("<html lang=\"vi\">") && vi.contains("Biên bản"));
    assert!(vi.contains("@page") && !vi.contains("<script"));
    let en = page_of(&council(&["An", "Bình"]), Lang::En);
    assert!(en.contains("<html lang=\"en\">") && en.contains("Minutes"));
    assert!(!en.contains("Biên bản"));
    // Why a file was not read, in the page's language too.
    assert!(vi.contains(".json: hỏng") && !vi.contains("damaged"));
    assert!(en.contains(".json: damaged") && !en.contains("hỏng"));
}

#[test]
fn a_mean_is_written_as_people_write_it() {
    assert_eq!(decimal(72.5, ','), "72,5");
    assert_eq!(decimal(70.0, ','), "70");
    assert_eq!(decimal(66.67, '.'), "66.67");
    assert_eq!(decimal(-4.1, '.'), "-4.1");
    assert_eq!(decimal(0.0, ','), "0");
}
