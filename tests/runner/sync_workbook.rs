//! `summary.xlsx` written by the real binary's sync, read back with calamine as a spreadsheet
//! would: typed cells that match the sheet files, one worksheet per set, the council's means,
//! text that never becomes a formula, and a workbook rebuilt only when the folder gained files.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use ocop_reports::cell;
use serde_json::Value;

use crate::sync_common::{self, fill, ocop, run, text, write_roster};

const FORMULA: &str = "=HYPERLINK(\"http://example.invalid\",\"xem\")";
const PRODUCTS: [&str; 3] = ["Chè Shan tuyết Xuân Sơn", FORMULA, "Nước mắm, loại 1"];

fn sync(data: &Path, export: &Path) {
    let out = run(&mut ocop(data, Some(export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// A folder with its roster, synced from two laptops with seven sheets each.
fn synced_folder(tmp: &Path) -> PathBuf {
    let export = tmp.join("share");
    fs::create_dir(&export).expect("share");
    write_roster(&export);
    for seed in [1, 2] {
        let data = tmp.join(format!("data{seed}"));
        fill(&data, 7, seed, &PRODUCTS);
        sync(&data, &export);
    }
    export
}

/// Every sheet document in the folder, by its path relative to the folder.
fn documents(export: &Path) -> BTreeMap<String, Value> {
    let mut docs = BTreeMap::new();
    for set in fs::read_dir(export.join("sheets"))
        .expect("sheets")
        .flatten()
    {
        for file in fs::read_dir(set.path()).expect("set").flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                let set = set.file_name().to_string_lossy().into_owned();
                let doc = serde_json::from_slice(&fs::read(file.path()).expect("read"));
                docs.insert(format!("sheets/{set}/{name}"), doc.expect("json"));
            }
        }
    }
    docs
}

fn rows(book: &mut Xlsx<std::io::BufReader<fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(sheet).expect("worksheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn string(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("a text cell, found {other:?}"),
    }
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(n) => *n,
        other => panic!("a number cell, found {other:?}"),
    }
}

/// Checks one row of the workbook against the sheet file it was made from.
fn row_matches(row: &[Data], doc: &Value) {
    assert_eq!(string(&row[0]), doc["sheet_id"].as_str().expect("id"));
    assert_eq!(number(&row[1]), doc["revision"].as_f64().expect("revision"));
    let name = doc["product"]["name"].as_str().expect("name");
    assert_eq!(string(&row[4]), cell::neutral(name));
    assert_eq!(
        number(&row[6]),
        doc["rubric"]["set_no"].as_f64().expect("no")
    );
    let day = doc["evaluated_on"].as_str().expect("evaluated_on");
    assert!(matches!(row[10], Data::DateTime(_)), "{:?}", row[10]);
    assert_eq!(row[10].as_date().expect("a date").to_string(), day);
    let finished = doc["finished_at"].as_str().expect("finished_at");
    let at = chrono::DateTime::parse_from_rfc3339(finished).expect("time");
    assert_eq!(row[11].as_datetime(), Some(at.naive_local()));
    for (col, part) in [(12, 0), (13, 1), (14, 2)] {
        assert_eq!(
            number(&row[col]),
            doc["parts"][part]["points"].as_f64().expect("part")
        );
    }
    assert_eq!(number(&row[15]), doc["total"].as_f64().expect("total"));
    assert_eq!(number(&row[16]), doc["stars"].as_f64().expect("stars"));
    assert_eq!(
        row[17],
        Data::Bool(doc["eliminated"].as_bool().expect("eliminated"))
    );
    // In Vietnamese, and the set by its title, beside its number.
    assert_eq!(string(&row[2]), "xong");
    let title = doc["rubric"]["title"].as_str().expect("title");
    assert_eq!(string(&row[7]), title);
    let principal = doc["assessor"]["id"].as_str().expect("principal");
    assert_eq!(string(&row[18]), principal);
    assert_eq!(row[19], Data::Empty, "its figures follow from its answers");
}

#[test]
fn the_workbook_holds_every_sheet_typed_per_set_and_the_councils_means() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let docs = documents(&export);
    let path = export.join("summary.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("Tất cả phiếu"));
    assert_eq!(names.last().map(String::as_str), Some("Hội đồng"));
    let all = rows(&mut book, "Tất cả phiếu");
    assert_eq!(string(&all[0][4]), "Sản phẩm", "Vietnamese headings");
    assert_eq!(
        all.len(),
        docs.len() + 1,
        "a heading and a row per sheet file"
    );
    let mut per_set: BTreeMap<String, usize> = BTreeMap::new();
    for row in &all[1..] {
        let file = string(&row[20]);
        row_matches(row, &docs[&file]);
        let doc = &docs[&file];
        let set = doc["rubric"]["set_id"].as_str().expect("set");
        let no = doc["rubric"]["set_no"].as_u64().expect("no");
        *per_set.entry(format!("{no:02} {set}")).or_default() += 1;
    }
    assert_eq!(names.len(), per_set.len() + 2, "{names:?}");
    for (set, count) in &per_set {
        // A worksheet's name is cut to Excel's 31 characters; it starts as the set's does.
        let cut: String = set.chars().take(20).collect();
        let sheet = names.iter().find(|n| n.starts_with(&cut)).expect(set);
        let set_rows = rows(&mut book, sheet);
        assert_eq!(set_rows.len(), count + 1, "{sheet}");
        for row in &set_rows[1..] {
            row_matches(row, &docs[&string(&row[20])]);
        }
    }
    let formulas = book.worksheet_formula("Tất cả phiếu").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula"
    );
    let planted = all[1..]
        .iter()
        .filter(|r| string(&r[4]) == format!("'{FORMULA}"));
    assert!(planted.count() > 0, "the planted name is kept as text");
    council_matches(tmp.path(), &export, &rows(&mut book, "Hội đồng"));
}

/// The "Hội đồng" worksheet against `ocop council --format json`.
fn council_matches(tmp: &Path, export: &Path, sheet: &[Vec<Data>]) {
    let out = run(ocop(&tmp.join("data1"), None, &["council", "--format", "json"]).arg(export));
    let council: Value = serde_json::from_slice(&out.stdout).expect("json");
    let products = council["products"].as_array().expect("products");
    assert_eq!(products.len(), 7);
    assert_eq!(
        sheet.len(),
        products.len() + 1,
        "a heading and a row per product"
    );
    for (row, p) in sheet[1..].iter().zip(products) {
        assert_eq!(string(&row[0]), p["product_code"].as_str().expect("code"));
        assert_eq!(number(&row[3]), 2.0, "two members");
        assert_eq!(number(&row[7]), p["mean_total"].as_f64().expect("mean"));
        assert_eq!(number(&row[8]), p["stars_of_mean"].as_f64().expect("stars"));
        assert_eq!(
            number(&row[9]),
            p["stars"].as_f64().expect("council's stars")
        );
        let eliminated = p["eliminated"].as_bool().expect("eliminated");
        assert_eq!(row[10], Data::Bool(eliminated));
        // Nothing holds the rating: the cell is left empty.
        let held = match &row[11] {
            Data::Empty => String::new(),
            cell => string(cell),
        };
        for h in p["held_by"].as_array().expect("held by") {
            let code = h["code"].as_str().expect("code");
            assert!(
                held.contains(&format!("{}★: {code} TB", h["stars"])),
                "{held}"
            );
        }
        assert_eq!(held.contains("loại: "), eliminated, "{held}");
        assert_eq!(number(&row[12]), p["spread"].as_f64().expect("spread"));
        assert_eq!(
            row[13],
            Data::Bool(p["flagged"].as_bool().expect("flagged"))
        );
    }
}

/// The XML of a worksheet inside the workbook.
fn sheet_xml(path: &Path, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).expect("open")).expect("a zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .expect("the worksheet")
        .read_to_string(&mut xml)
        .expect("xml");
    xml
}

#[test]
fn headings_are_frozen_and_filtered_and_the_workbook_changes_only_when_the_folder_grows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let path = export.join("summary.xlsx");
    for n in [1, 2] {
        let xml = sheet_xml(&path, n);
        assert!(
            xml.contains("state=\"frozen\"") && xml.contains("<autoFilter"),
            "{n}"
        );
        assert!(xml.contains("customWidth=\"1\""), "{n}");
    }
    let before = (
        fs::read(&path).expect("read"),
        fs::metadata(&path).and_then(|m| m.modified()).ok(),
    );
    // A laptop syncing the very same sheets adds no file: nothing is rewritten.
    let again = tmp.path().join("again");
    fill(&again, 7, 1, &PRODUCTS);
    sync(&again, &export);
    let after = (
        fs::read(&path).expect("read"),
        fs::metadata(&path).and_then(|m| m.modified()).ok(),
    );
    assert!(
        before == after,
        "the workbook was rewritten with nothing new"
    );
    // A third laptop's sheets are new files: the workbook gains their rows.
    let third = tmp.path().join("data3");
    fill(&third, 3, 3, &PRODUCTS);
    sync(&third, &export);
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    assert_eq!(rows(&mut book, "Tất cả phiếu").len(), 14 + 3 + 1);
    assert!(
        sync_common::temp_files(&export).is_empty(),
        "no temporary file left"
    );
}
