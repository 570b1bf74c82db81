//! `ocop council --format html` with the real binary over a real export folder: three council
//! members, each on their own laptop, score the same three products; one always scores
//! highest, one lowest. The report must show one bar per member, the same means and stars as
//! `--format json`, and the first member's tendency above the council's mean.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset};
use ocop_catalog::Catalog;
use ocop_domain::audit::AuditEvent;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};
use ocop_store::Store;
use serde_json::Value;

use crate::pdf_common::{Pdf, pdf_of, tools};
use crate::sync_common::{ASSESSORS, ocop, run, signed_import, text, write_roster};

const PRODUCTS: [(&str, &str); 3] = [
    ("25-7912-01-2026", "Chè Shan tuyết & \"Xuân Sơn\""),
    ("25-7912-02-2026", "Mật ong <rừng>"),
    ("25-7912-03-2026", "Nước mắm, loại 1"),
];

/// How a member scores a leaf (its position in the sheet): the best option, or "not met".
fn scores(member: usize, leaf: usize) -> bool {
    match member {
        0 => true,
        1 => !leaf.is_multiple_of(3),
        _ => !leaf.is_multiple_of(2),
    }
}

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").expect("time")
}

fn scored_sheet(rubric: &Rubric, member: usize, product: usize) -> (Sheet, Vec<AuditEvent>) {
    let assessor = ASSESSORS[member];
    let id = SheetId::parse(&format!("01JE{member:02}{product:020}")).expect("id");
    let mut sheet = Sheet::new(id, rubric, Header::default(), at());
    let by = By {
        actor: assessor,
        at: at() + Duration::minutes(member as i64),
    };
    let mut events = vec![edit::created(&mut sheet, by)];
    let (code, name) = PRODUCTS[product];
    for (field, value) in [
        (HeaderField::ProductName, name),
        (HeaderField::Producer, "HTX Thanh Sơn"),
        (HeaderField::ProductCode, code),
        (HeaderField::Assessor, assessor),
        (HeaderField::Council, "Hội đồng tỉnh Phú Thọ"),
        (HeaderField::Date, "2026-11-20"),
    ] {
        events.push(edit::set_header(&mut sheet, field, value, by).expect("header"));
    }
    for (i, leaf) in rubric.leaves().enumerate() {
        let best = (0..leaf.options.len())
            .max_by_key(|&k| leaf.options[k].points)
            .expect("options");
        let mark = match scores(member, i) {
            true => Mark::Chose {
                option: best as u8 + 1,
            },
            false => Mark::NotMet,
        };
        events.push(edit::set_mark(&mut sheet, &leaf.code, Some(mark), by).expect("mark"));
    }
    events.push(edit::finish(&mut sheet, by).expect("finish"));
    (sheet, events)
}

/// The export folder the three laptops synced into, with the council's roster.
fn council_folder(tmp: &Path) -> PathBuf {
    let export = tmp.join("share");
    fs::create_dir(&export).expect("share");
    let catalog = Catalog::builtin();
    let rubrics = catalog.all().expect("rubrics");
    for (member, assessor) in ASSESSORS.iter().enumerate().take(3) {
        let data = tmp.join(format!("data{member}"));
        let items: Vec<_> = (0..PRODUCTS.len())
            .map(|p| {
                let sheet = scored_sheet(rubrics[p], member, p);
                signed_import(&catalog, rubrics[p], sheet, assessor)
            })
            .collect();
        Store::open(&data)
            .expect("store")
            .import(&items, false)
            .expect("import");
        let out = run(&mut ocop(&data, Some(&export), &["sync"]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    write_roster(&export);
    export
}

fn council(tmp: &Path, export: &Path, args: &[&str]) -> String {
    let out = run(ocop(&tmp.join("data0"), None, &["council"])
        .arg(export)
        .args(args));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// The report's section of one product (from its heading to the next section).
fn section<'a>(html: &'a str, code: &str) -> &'a str {
    let start = html
        .find(&format!("<span class=\"code\">{code}</span>"))
        .expect("the product's section");
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("section end")]
}

/// A mean the way the report writes it in Vietnamese.
fn vi_decimal(x: f64) -> String {
    let fixed = format!("{x:.2}");
    fixed
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",")
}

#[test]
fn the_report_matches_the_json_with_a_bar_per_member_and_each_members_tendency() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = council_folder(tmp.path());
    let json: Value =
        serde_json::from_str(&council(tmp.path(), &export, &["--format", "json"])).expect("json");
    let html = council(tmp.path(), &export, &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@page"));
    assert!(!html.contains("<script"), "no script");
    let svg_ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    assert_eq!(
        html.matches("http").count(),
        html.matches(svg_ns).count(),
        "no link out"
    );
    let products = json["products"].as_array().expect("products");
    assert_eq!(products.len(), 3);
    let mut deviation = [0.0f64; 3];
    for p in products {
        let code = p["product_code"].as_str().expect("code");
        let part = section(&html, code);
        assert_eq!(part.matches("<rect class=\"bar\"").count(), 3, "{code}");
        assert_eq!(
            part.matches("<title").count(),
            4,
            "the chart's and one per bar"
        );
        let mean = p["mean_total"].as_f64().expect("mean");
        let band = p["stars_of_mean"].as_u64().expect("band");
        let stars = p["stars"].as_u64().expect("the council's stars");
        let mean_said = vi_decimal(mean);
        // The council's stars, below the band only where a minimum holds them down.
        let verdict = match (p["eliminated"].as_bool().expect("eliminated"), stars < band) {
            (true, _) => format!("Điểm trung bình {mean_said}; kết quả của hội đồng: bị loại"),
            (false, true) => format!(
                "Điểm trung bình {mean_said} ({band}★ theo điểm); hạng của hội đồng: {stars}★"
            ),
            (false, false) => format!("Điểm trung bình {mean_said}; hạng của hội đồng: {stars}★"),
        };
        assert!(part.contains(&verdict), "{verdict} in {part}");
        if stars < band {
            let held = p["held_by"].as_array().expect("held by");
            assert!(!held.is_empty(), "a lower rating says why: {p}");
            for h in held {
                let code = h["code"].as_str().expect("code");
                assert!(part.contains(&format!("cần điểm trung bình tiêu chí {code} ≥")));
            }
        }
        for m in p["members"].as_array().expect("members") {
            let who = m["assessor"].as_str().expect("assessor");
            let i = ASSESSORS.iter().position(|a| *a == who).expect("a member");
            deviation[i] += m["total"].as_f64().expect("total") - mean;
            assert!(part.contains(&format!("<title>{who}: {} điểm</title>", m["total"])));
        }
    }
    assert!(deviation[0] > 0.0 && deviation[2] < 0.0, "{deviation:?}");
    for (i, who) in ASSESSORS.iter().take(3).enumerate() {
        let who = format!("{who} ({})", ocop_sign::principal_of(who));
        let row = format!(
            "<td>{who}</td><td class=\"n\">3</td><td class=\"n deviation\">{}{}</td>",
            if deviation[i] > 0.0 { "+" } else { "" },
            vi_decimal(deviation[i] / 3.0)
        );
        assert!(html.contains(&row), "{row}");
    }
    let minutes = &html[html.find("Biên bản").expect("the minutes")..];
    for who in ASSESSORS.iter().take(3) {
        let who = format!("{who} ({})", ocop_sign::principal_of(who));
        assert!(minutes.contains(&format!("<b>{who}</b>")), "{who} signs");
    }
    assert!(html.contains("Chè Shan tuyết &amp; &quot;Xuân Sơn&quot;"));
    assert!(html.contains("Mật ong &lt;rừng&gt;"));
}

#[test]
fn one_product_in_english_to_a_file_keeps_the_folders_tendencies() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = council_folder(tmp.path());
    let file = tmp.path().join("report.html");
    let out = run(ocop(&tmp.path().join("data0"), None, &["council"])
        .arg(&export)
        .args([
            "--format",
            "html",
            "--lang",
            "en",
            "--product",
            PRODUCTS[1].0,
            "-o",
        ])
        .arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "the report went to the file");
    let html = fs::read_to_string(&file).expect("the report");
    assert!(html.contains("<html lang=\"en\">") && html.contains("Minutes"));
    assert_eq!(html.matches("<section class=\"product\"").count(), 1);
    let an = format!(
        "{} ({})",
        ASSESSORS[0],
        ocop_sign::principal_of(ASSESSORS[0])
    );
    assert!(html.contains(&format!("<td>{an}</td><td class=\"n\">3</td>")));
    assert!(!html.contains("Biên bản") && !html.contains("Điểm trung bình"));
    let names: Vec<_> = fs::read_dir(tmp.path()).expect("dir").collect();
    assert!(
        names
            .iter()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")),
        "no temporary file is left"
    );
}

#[test]
fn the_report_prints_on_a4_with_every_product_and_member() {
    if let Err(why) = tools() {
        eprintln!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = council_folder(tmp.path());
    let html = tmp.path().join("r.html");
    let args = ["--format", "html", "-o"];
    let out = run(ocop(&tmp.path().join("data0"), None, &["council"])
        .arg(&export)
        .args(args)
        .arg(&html));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let Pdf {
        pages,
        size,
        layout: words,
        raw,
    } = pdf_of(&html, tmp.path());
    // Each product's table and chart, then the minutes: more than one page, the minutes last.
    assert!(pages >= 2, "{pages} pages");
    let minutes = raw.rfind("Biên bản").expect("the minutes");
    assert!(
        PRODUCTS
            .iter()
            .all(|(code, _)| raw[..minutes].contains(code)),
        "every product before the minutes"
    );
    for (code, _) in PRODUCTS {
        assert!(words.contains(code), "{code} in {words}");
    }
    for who in ASSESSORS.iter().take(3) {
        assert!(words.contains(who), "{who}");
    }
    assert!(words.contains("Biên bản") && words.contains("Ký, ghi rõ họ tên"));
    assert!(size.contains("(A4)"), "A4 pages: {size}");
    // Filed with the minutes, each page says which it is of how many.
    for n in 1..=pages {
        assert!(
            words.contains(&format!("Trang {n}/{pages}")),
            "page {n} in {words}"
        );
    }
    // The list of products first, and each set by its title, not its internal id.
    let listed = raw
        .find("Danh sách sản phẩm")
        .expect("the list of products");
    assert!(
        listed < raw.find(PRODUCTS[1].0).expect("a product"),
        "the list comes first"
    );
    assert!(
        words.contains("Rau, củ, quả, hạt tươi"),
        "the set's title: {words}"
    );
}
