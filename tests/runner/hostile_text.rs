//! Text planted in the export folder, as the real binary shows it: no control character,
//! escape sequence or bidirectional override reaches the terminal raw, and no cell of a CSV
//! is a formula a spreadsheet would evaluate.

use std::fs;
use std::path::{Path, PathBuf};

use ocop_catalog::check::sha256_hex;
use serde_json::Value;

use crate::sync_common::{fill, ocop, run, text, write_roster};

const CLEAR_AND_RETITLE: &str = "Chè\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}1m";
const REVERSED: &str = "An\u{202E}nA\u{200D}";
const FORMULA: &str = "-2+3";

/// The first sheet file of the folder, in name order.
fn first_sheet(export: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = Vec::new();
    for set in fs::read_dir(export.join("sheets")).expect("sheets") {
        for f in fs::read_dir(set.expect("set").path()).expect("set") {
            let p = f.expect("file").path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.remove(0)
}

/// A folder synced from two laptops, where the first laptop's first sheet was rewritten (with
/// a matching digest) to carry hostile text, and a file with an escape sequence in its name.
fn planted_folder(tmp: &Path) -> PathBuf {
    let export = tmp.join("share");
    fs::create_dir(&export).expect("share");
    write_roster(&export);
    let sync = |seed: u64| {
        let data = tmp.join(format!("data{seed}"));
        fill(&data, 3, seed, &["Mật ong"]);
        let out = run(&mut ocop(&data, Some(&export), &["sync"]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    };
    sync(1);
    let path = first_sheet(&export);
    let mut doc: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    doc["product"]["name"] = CLEAR_AND_RETITLE.into();
    doc["product"]["code"] = FORMULA.into();
    doc["assessor"]["name"] = REVERSED.into();
    let bytes = format!("{}\n", serde_json::to_string_pretty(&doc).expect("json"));
    fs::write(&path, &bytes).expect("write");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    let sum = format!("{}  {name}\n", sha256_hex(bytes.as_bytes()));
    fs::write(path.with_file_name(format!("{name}.sha256")), sum).expect("sum");
    let odd = path.with_file_name("\u{1b}[2J\u{202E}.json");
    fs::write(odd, b"{}").expect("odd");
    // The summary row of that file as a version that let `-2+3` through wrote it: the next
    // laptop's sync must render it again from the file, not keep it.
    let csv = fs::read_to_string(export.join("summary.csv")).expect("summary");
    let legacy: Vec<String> = csv
        .split("\r\n")
        .map(|line| match line.ends_with(&name) {
            true => {
                // Without a quoted cell, so that it is a row a summary may keep.
                let line = line.replace("\"HTX Chè Thanh Sơn, xã Tân Minh\"", "HTX Chè");
                let mut cells: Vec<&str> = line.split(',').collect();
                cells[3] = FORMULA;
                cells.join(",")
            }
            false => line.to_string(),
        })
        .collect();
    assert_ne!(legacy.join("\r\n"), csv, "the file has a row");
    fs::write(export.join("summary.csv"), legacy.join("\r\n")).expect("summary");
    sync(2);
    export
}

fn assert_nothing_raw(what: &str, out: &str) {
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}', '\u{200D}'] {
        assert!(
            !out.contains(c),
            "{what} prints U+{:04X} raw:\n{out}",
            c as u32
        );
    }
}

#[test]
fn council_and_verify_show_planted_text_visibly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = planted_folder(tmp.path());
    let data = tmp.path().join("data1");
    // The planted sheet's signature no longer matches its file: counted only when told to.
    let table = run(ocop(&data, None, &["council", "--include-unsigned"]).arg(&export));
    let table = text(&table.stdout);
    assert_nothing_raw("council", &table);
    assert!(
        table.contains("Chè<U+001B>[2J<U+001B>]0;pwned<U+0007><U+009B>1m"),
        "{table}"
    );
    assert!(table.contains("An<U+202E>nA<U+200D>"), "{table}");

    let verify = run(ocop(&data, None, &["verify"]).arg(&export));
    let (out, err) = (text(&verify.stdout), text(&verify.stderr));
    assert_eq!(verify.status.code(), Some(1), "{out}{err}");
    assert_nothing_raw("verify", &format!("{out}{err}"));
    assert!(out.contains("<U+001B>[2J<U+202E>.json"), "{out}");

    let json = run(ocop(
        &data,
        None,
        &["council", "--format", "json", "--include-unsigned"],
    )
    .arg(&export));
    assert_nothing_raw("council --format json", &text(&json.stdout));
    let council: Value = serde_json::from_slice(&json.stdout).expect("still JSON");
    let names: Vec<&str> = council["products"]
        .as_array()
        .expect("products")
        .iter()
        .flat_map(|p| p["members"].as_array().expect("members"))
        .filter_map(|m| m["assessor"].as_str())
        .collect();
    assert!(
        names.contains(&REVERSED),
        "the same data for tools: {names:?}"
    );
}

#[test]
fn no_csv_cell_is_a_formula_or_hides_a_character() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = planted_folder(tmp.path());
    let data = tmp.path().join("data1");
    let csv = run(ocop(
        &data,
        None,
        &["council", "--format", "csv", "--include-unsigned"],
    )
    .arg(&export));
    let summary = fs::read_to_string(export.join("summary.csv")).expect("summary");
    for (what, out) in [("council csv", text(&csv.stdout)), ("summary.csv", summary)] {
        assert_nothing_raw(what, &out);
        let cells: Vec<&str> = out.lines().flat_map(|l| l.split(',')).collect();
        assert!(cells.contains(&"'-2+3"), "{what}:\n{out}");
        assert!(!cells.contains(&FORMULA), "{what}:\n{out}");
        assert!(out.contains("An<U+202E>nA<U+200D>"), "{what}:\n{out}");
    }
}

/// A data folder holding one draft whose texts carry hidden characters, as a database written
/// before the fields refused them would.
fn old_data_folder(data: &Path) -> String {
    use ocop_catalog::Catalog;
    use ocop_domain::sheet::{Header, Sheet, SheetId};
    use ocop_domain::summary::Summary;
    use ocop_store::{Import, Store};
    let catalog = Catalog::builtin();
    let rubric = catalog.all().expect("rubrics")[0];
    let id = SheetId::parse("01JD0000000000000000000001").expect("id");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").expect("time");
    let header = Header {
        product_name: CLEAR_AND_RETITLE.into(),
        product_code: FORMULA.into(),
        producer: REVERSED.into(),
        ..Header::default()
    };
    let mut sheet = Sheet::new(id.clone(), rubric, header, at);
    sheet.comment = format!("dòng 1\n{REVERSED}");
    let item = Import {
        summary: Summary::of(rubric, &sheet),
        sheet,
        rubric_text: catalog.text(&rubric.id).expect("text"),
        events: Vec::new(),
        finished: false,
        signature: None,
    };
    Store::open(data)
        .expect("store")
        .import(&[item], false)
        .expect("import");
    id.as_str().to_string()
}

#[test]
fn list_and_show_print_stored_hidden_characters_visibly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = old_data_folder(&data);
    for args in [
        vec!["list"],
        vec!["show", &id],
        vec!["show", &id, "--lang", "en"],
    ] {
        let out = run(&mut ocop(&data, None, &args));
        let printed = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{printed}{}", text(&out.stderr));
        assert_nothing_raw(&args.join(" "), &printed);
        assert!(printed.contains("Chè<U+001B>[2J"), "{printed}");
    }
    for args in [vec!["list", "--json"], vec!["show", &id, "--json"]] {
        let out = run(&mut ocop(&data, None, &args));
        assert_nothing_raw(&args.join(" "), &text(&out.stdout));
        let json: Value = serde_json::from_slice(&out.stdout).expect("still JSON");
        assert!(
            json.to_string().contains(REVERSED),
            "the same data for tools"
        );
    }
}
