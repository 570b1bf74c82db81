//! The printable sheet: `ocop print` of finished and draft sheets, rendered to PDF by headless
//! Chromium and read back with poppler (`pdfinfo`, `pdftotext`), as the office will print it;
//! and the copy sync writes beside each sheet file, which `verify` checks. Without Chromium or
//! poppler the PDF tests print `skipped: …` (CI installs both).

use std::fs;
use std::path::Path;

use ocop_catalog::Catalog;
use ocop_domain::score::score;

use crate::pdf_common::{Pdf, pdf_of, tools};
use crate::print_common::{data_with, print_to, rubric};
use crate::sync_common::{ocop, run, text, write_roster};

const TEA: &str = "che-tuoi-che-bien";
const TOURISM: &str = "dv-du-lich-cong-dong-sinh-thai";

/// Prints the long finished sheet of `set` and reads the PDF as the office would.
fn prints_in_full_on_four_pages(set: &str) {
    if let Err(why) = tools() {
        println!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000001";
    let sheet = data_with(&data, set, id, true);
    let html = print_to(&data, id, tmp.path(), "vi");
    let Pdf {
        pages,
        size,
        layout: words,
        raw,
    } = pdf_of(&html, tmp.path());
    assert!(pages <= 4, "{set} prints on {pages} pages");
    assert!(size.contains("(A4)"), "{set} prints on {size}");
    let r = rubric(set);
    let starts: Vec<&str> = words
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for c in &r.criteria {
        assert!(
            starts.contains(&c.code.as_str()),
            "{set}: no row for {}:\n{words}",
            c.code
        );
    }
    let s = score(&r, &sheet);
    assert!(
        words.contains(&format!("Tổng điểm: {}/100", s.total.0)),
        "{words}"
    );
    assert!(words.contains(&format!("{} sao", s.stars)), "{words}");
    assert!(words.contains(&"★".repeat(usize::from(s.stars))), "{words}");
    assert!(words.contains("PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP") && words.contains("NGƯỜI ĐÁNH GIÁ"));
    // The date line of an official paper: the place, then the day as Decree 30 writes it.
    assert!(
        words.contains("Yên Bái, ngày 20 tháng 11 năm 2026"),
        "{words}"
    );
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        raw.contains("Trà Shan tuyết cổ thụ Suối Giàng <đặc biệt> & \"hảo hạng\""),
        "{raw}"
    );
    assert!(!raw.contains("NHÁP"), "a finished sheet is not a draft");
}

#[test]
fn a_finished_tea_sheet_prints_every_criterion_the_total_and_the_stars_on_four_pages() {
    prints_in_full_on_four_pages(TEA);
}

#[test]
fn the_tourism_sheet_the_longest_set_prints_on_four_pages() {
    prints_in_full_on_four_pages(TOURISM);
}

#[test]
fn a_draft_prints_marked_nhap() {
    if let Err(why) = tools() {
        println!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000002";
    data_with(&data, TEA, id, false);
    let html = print_to(&data, id, tmp.path(), "vi");
    let Pdf { pages, raw, .. } = pdf_of(&html, tmp.path());
    assert!(pages <= 4, "{pages} pages");
    assert!(raw.contains("NHÁP"), "{raw}");
    assert!(raw.contains("Bản nháp: chưa hoàn thành"), "{raw}");
}

#[test]
fn english_labels_with_lang_en_and_the_record_left_as_typed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000003";
    data_with(&data, TEA, id, true);
    let out = run(&mut ocop(
        &data,
        None,
        &["print", &id[..10], "--lang", "en"],
    ));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for label in [
        "OCOP PRODUCT ASSESSMENT SHEET",
        "Total: ",
        "Producer:",
        "ASSESSOR",
    ] {
        assert!(page.contains(label), "{label} missing");
    }
    assert!(!page.contains("Tổng điểm") && !page.contains("Người đánh giá"));
    assert!(page.contains("Hợp tác xã Nông nghiệp và Dịch vụ Chè Suối Giàng"));
    assert!(
        page.contains("&lt;đặc biệt&gt; &amp; &quot;hảo hạng&quot;"),
        "escaped"
    );
}

#[test]
fn a_bad_id_or_an_unwritable_file_is_a_sentence_and_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000004";
    data_with(&data, TEA, id, true);
    let out = run(&mut ocop(&data, None, &["print", "01JZZ"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("không có phiếu nào có mã '01JZZ'"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&mut ocop(
        &data,
        None,
        &["print", id, "--revision", "7", "--lang", "en"],
    ));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("revision 7"),
        "{}",
        text(&out.stderr)
    );
    let nowhere = tmp.path().join("no-such-folder").join("x.html");
    let out = run(ocop(&data, None, &["print", id, "-o"]).arg(&nowhere));
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("không ghi được tệp") && said.contains("không tồn tại"),
        "{said}"
    );
    assert!(!nowhere.exists());
}

/// Sync writes the same page `ocop print` gives; verify checks it, flags a changed one, and
/// an export from before printable copies (none there) stays clean.
#[test]
fn sync_writes_the_printable_copy_and_verify_checks_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("export"));
    fs::create_dir(&export).expect("export");
    write_roster(&export);
    let id = "01JD7000000000000000000005";
    data_with(&data, TOURISM, id, true);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let dir = export.join("sheets").join(TOURISM);
    let copy = dir.join(format!("{id}.r1.html"));
    let written = fs::read(&copy).expect("sync wrote the printable copy");
    let printed = run(&mut ocop(&data, None, &["print", id]));
    assert_eq!(
        written, printed.stdout,
        "the copy is the page ocop print gives"
    );
    let json = fs::read(dir.join(format!("{id}.r1.json"))).expect("json");
    let digest = ocop_catalog::check::sha256_hex(&json);
    assert!(
        text(&written).contains(&digest),
        "the page names the file it was made from"
    );

    let verify = |lang: &str| run(ocop(&data, None, &["verify", "--lang", lang]).arg(&export));
    let out = verify("en");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    let forged = text(&written).replace("Tổng điểm: ", "Tổng điểm: 1");
    fs::write(&copy, forged).expect("tamper");
    let out = verify("en");
    assert_eq!(out.status.code(), Some(1));
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        said.contains(&format!("printable copy {id}.r1.html")),
        "{said}"
    );

    fs::write(dir.join("stray.html"), "<p>x</p>").expect("stray");
    let said = text(&verify("en").stdout);
    assert!(
        said.contains("stray.html: has no sheet file beside it"),
        "{said}"
    );

    // As synced before this release: no printable copies at all.
    fs::remove_file(&copy).expect("remove");
    fs::remove_file(dir.join("stray.html")).expect("remove");
    let out = verify("en");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// Every one of the 26 sets, its longest sheet printed: at most four pages each. Slow (one
/// Chromium run per set), so run by hand:
/// `cargo test --release --test runner print_sheet:: -- --ignored`.
#[test]
#[ignore]
fn every_set_prints_on_four_pages() {
    if let Err(why) = tools() {
        println!("skipped: {why}");
        return;
    }
    let catalog = Catalog::builtin();
    for (i, r) in catalog.all().expect("rubrics").into_iter().enumerate() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path().join("data");
        let id = format!("01JD80000000000000000000{i:02}");
        data_with(&data, &r.id, &id, true);
        let html = print_to(&data, &id, tmp.path(), "vi");
        let Pdf { pages, .. } = pdf_of(&html, tmp.path());
        if let Some(keep) = std::env::var_os("OCOP_PRINT_KEEP") {
            let to = Path::new(&keep).join(format!("{:02}-{}.pdf", r.set_no, r.id));
            fs::copy(tmp.path().join("sheet.pdf"), to).expect("kept");
        }
        println!("{:>2} {:<40} {pages} pages", r.set_no, r.id);
        assert!(pages <= 4, "{} prints on {pages} pages", r.id);
    }
}

/// Copies `from` into `to`, folders and files.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("read") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Export folders synced by the releases whose printed pages were layouts 1 and 2
/// (`tests/data/export-layout1`, `-layout2`, demo sheets with their copies): every copy is
/// still checked, against the layout it says it was made by; a changed one is still found.
#[test]
fn copies_printed_by_an_earlier_layout_are_still_checked() {
    for layout in [1, 2] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let export = tmp.path().join("export");
        let fixture = format!("tests/data/export-layout{layout}");
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture),
            &export,
        );
        let data = tmp.path().join("data");
        let verify = || run(ocop(&data, None, &["verify", "--lang", "en"]).arg(&export));
        let out = verify();
        crate::sync_common::assert_sound_but_the_demo_roster(out.status.code(), &text(&out.stdout));
        let copy = crate::sync_common::sheet_files(&export)[0].with_extension("html");
        let page = text(&fs::read(&copy).expect("an earlier copy"));
        let made_by = format!("content=\"ocop print {layout}\"");
        assert!(page.contains(&made_by), "made by layout {layout}");
        fs::write(&copy, page.replace("Tổng điểm: ", "Tổng điểm: 1")).expect("tamper");
        let said = text(&verify().stdout);
        assert!(
            said.contains("changed after sync"),
            "layout {layout}: {said}"
        );
    }
}

/// A group's row carries the points its criteria gave, as the paper form's subtotal does:
/// the sum of the points `show --json` gives the answers under it.
#[test]
fn group_rows_show_the_points_obtained() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000006";
    data_with(&data, TEA, id, true);
    let page = text(&run(&mut ocop(&data, None, &["print", id])).stdout);
    let shown = run(&mut ocop(&data, None, &["show", id, "--json"]));
    let doc: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    let answers = doc["answers"].as_array().expect("answers");
    let under = |group: &str| -> u64 {
        let prefix = format!("{group}.");
        answers
            .iter()
            .filter(|a| a["code"].as_str().is_some_and(|c| c.starts_with(&prefix)))
            .filter_map(|a| a["points"].as_u64())
            .sum()
    };
    let rows: Vec<&str> = page
        .split("<tr class=\"group\">")
        .skip(1)
        .filter_map(|r| r.split("</tr>").next())
        .collect();
    assert!(rows.len() > 3, "{} group rows", rows.len());
    assert!(under("1") > 0, "a group that scored");
    for row in rows {
        let code = row
            .split("<td class=\"code\">")
            .nth(1)
            .and_then(|r| r.split("</td>").next())
            .expect("the group's code");
        let got = under(code);
        assert!(
            row.contains(&format!("<td class=\"num\">{got}</td>")),
            "group {code}: {got} points in {row}"
        );
    }
}
