//! Reading an export folder with the real binary: `ocop verify` finds what changed, and
//! `ocop council` puts each product's members side by side.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::sync_common::{fill, ocop, run, text, write_roster};

/// An export folder synced from two laptops (two assessors), seven products each.
fn synced_folder(tmp: &Path) -> PathBuf {
    let export = tmp.join("share");
    fs::create_dir(&export).expect("share");
    for seed in [1, 2] {
        let data = tmp.join(format!("data{seed}"));
        fill(
            &data,
            7,
            seed,
            &["Chè Shan tuyết", "Mật ong", "Nước mắm, loại 1"],
        );
        let out = run(&mut ocop(&data, Some(&export), &["sync"]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    }
    write_roster(&export);
    export
}

/// `ocop verify`, its findings in English (`--lang en`).
fn verify(tmp: &Path, export: &Path) -> (Option<i32>, String) {
    let out = run(ocop(&tmp.join("data1"), None, &["--lang", "en", "verify"]).arg(export));
    (out.status.code(), text(&out.stdout))
}

/// The first set folder, in name order.
fn first_set(export: &Path) -> PathBuf {
    let mut sets: Vec<PathBuf> = fs::read_dir(export.join("sheets"))
        .expect("sheets")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    sets.sort();
    sets.remove(0)
}

fn first_sheet(export: &Path) -> PathBuf {
    let set = first_set(export);
    let mut names: Vec<PathBuf> = fs::read_dir(&set)
        .expect("set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names.remove(0)
}

#[test]
fn verify_passes_a_sound_folder_and_ignores_a_sync_in_progress() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let set = first_set(&export);
    fs::write(set.join(".01JD.r1.json.01ABC.tmp"), b"{\"half").expect("temp");
    assert_eq!(verify(tmp.path(), &export), (Some(0), String::new()));
}

#[test]
fn verify_finds_a_changed_byte() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let path = first_sheet(&export);
    let mut bytes = fs::read(&path).expect("read");
    let at = bytes.iter().position(|b| *b == b'7').expect("a digit");
    bytes[at] = b'8';
    fs::write(&path, bytes).expect("write");
    let (code, out) = verify(tmp.path(), &export);
    assert_eq!(code, Some(1));
    assert!(out.contains(&path.display().to_string()), "{out}");
    assert!(out.contains("its content has changed"), "{out}");
    // Unless asked for English, the same line is said in Vietnamese.
    let out = run(ocop(&tmp.path().join("data1"), None, &["verify"]).arg(&export));
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    let line = format!("{}: nội dung đã bị thay đổi: sha256 là ", path.display());
    assert!(said.contains(&line), "{said}");
    assert!(!said.contains("its content"), "{said}");
}

#[test]
fn verify_finds_totals_that_do_not_follow_from_the_answers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let path = first_sheet(&export);
    let mut doc: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    let total = doc["total"].as_u64().expect("total");
    doc["total"] = Value::from(total + 5);
    let bytes = ocop_export::document::canonical_bytes(&doc);
    fs::write(&path, &bytes).expect("write");
    let digest = ocop_catalog::check::sha256_hex(&bytes);
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    fs::write(
        path.with_file_name(format!("{name}.sha256")),
        format!("{digest}  {name}\n"),
    )
    .expect("digest");
    let (code, out) = verify(tmp.path(), &export);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(&format!(
            "says total {}, its answers and rubric give {total}",
            total + 5
        )),
        "{out}"
    );
}

#[test]
fn verify_finds_a_broken_chain_and_a_lost_digest() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let path = first_sheet(&export);
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    fs::remove_file(path.with_file_name(format!("{name}.sha256"))).expect("remove");
    let mut doc: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    doc["revision"] = Value::from(3);
    doc["supersedes"] = Value::from(2);
    let moved = path.with_file_name(name.replace(".r1.", ".r3."));
    fs::write(&moved, ocop_export::document::canonical_bytes(&doc)).expect("write");
    let (code, out) = verify(tmp.path(), &export);
    assert_eq!(code, Some(1));
    assert!(out.contains("has no readable .sha256"), "{out}");
    assert!(
        out.contains("supersedes revision 2, which is not in the folder"),
        "{out}"
    );
}

#[test]
fn council_shows_each_product_with_its_members_side_by_side() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = synced_folder(tmp.path());
    let data = tmp.path().join("data1");
    let out = run(ocop(&data, None, &["council", "--format", "json"]).arg(&export));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let council: Value = serde_json::from_slice(&out.stdout).expect("json");
    let products = council["products"].as_array().expect("products");
    assert_eq!(products.len(), 7);
    for p in products {
        let totals: Vec<u64> = p["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["total"].as_u64().expect("total"))
            .collect();
        assert_eq!(totals.len(), 2, "two assessors on each product");
        let spread = totals[0].abs_diff(totals[1]);
        assert_eq!(p["spread"], spread);
        assert_eq!(p["flagged"], spread > 10);
        let mean = p["mean_total"].as_f64().expect("mean");
        assert!((mean - (totals[0] + totals[1]) as f64 / 2.0).abs() < 0.01);
    }
    let csv = run(ocop(&data, None, &["council", "--format", "csv"]).arg(&export));
    assert_eq!(
        text(&csv.stdout).lines().count(),
        15,
        "a header and one row per member"
    );
    let code = "25-7912-03-2026";
    let table = run(ocop(&data, None, &["council", "--product", code]).arg(&export));
    let table = text(&table.stdout);
    assert!(
        table.starts_with(code) && table.contains("Độ chênh giữa các thành viên"),
        "{table}"
    );
    assert!(
        table.contains("Nguyễn Văn An") || table.contains("Trần Thị Bình"),
        "{table}"
    );
    let args = ["--lang", "en", "council", "--product", code];
    let english = text(&run(ocop(&data, None, &args).arg(&export)).stdout);
    assert!(english.contains("Spread between members"), "{english}");
    assert!(!english.contains("Độ chênh"), "{english}");
}

/// The sheet files of product `25-7912-03-2026` by one assessor: the 4th and the 11th of
/// `fill`, the 11th finished later.
fn older_and_newer(export: &Path) -> (PathBuf, PathBuf) {
    let find = |i: usize| {
        let name = format!("01JD01{i:020}.r1.json");
        fs::read_dir(export.join("sheets"))
            .expect("sheets")
            .map(|set| set.expect("set").path().join(&name))
            .find(|p| p.is_file())
            .expect("sheet file")
    };
    (find(3), find(10))
}

#[test]
fn council_counts_each_members_newest_signed_sheet_and_lists_the_newer_unsigned_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 14, 1, &["Chè Shan tuyết"]);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    write_roster(&export);
    let council = |args: &[&str]| -> Value {
        let out = run(ocop(&data, None, &["council", "--format", "json"])
            .args(args)
            .arg(&export));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let (older, newer) = older_and_newer(&export);
    let id = |p: &Path| p.file_name().expect("name").to_string_lossy()[..26].to_string();
    let product = ["--product", "25-7912-03-2026"];
    let both = council(&product);
    assert_eq!(both["products"][0]["members"][0]["sheet_id"], id(&newer));
    assert_eq!(both["not_counted"].as_array().expect("list").len(), 0);
    fs::remove_file(newer.with_extension("json.sig")).expect("unsign the newer");
    let one = council(&product);
    let members = one["products"][0]["members"].as_array().expect("members");
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["sheet_id"], id(&older), "the newest that counts");
    let not_counted = one["not_counted"].as_array().expect("list");
    assert_eq!(not_counted.len(), 1, "{not_counted:?}");
    let file = not_counted[0]["file"].as_str().expect("file");
    assert!(file.ends_with(&format!("{}.r1.json", id(&newer))), "{file}");
    fs::remove_file(older.with_extension("json.sig")).expect("unsign the older");
    let none = council(&[]);
    let listed = none["not_counted"].as_array().expect("list");
    assert_eq!(
        listed.len(),
        2,
        "both listed when neither counts: {listed:?}"
    );
    let unsigned = council(&["--include-unsigned"]);
    let p = unsigned["products"].as_array().expect("products");
    let this = p
        .iter()
        .find(|p| p["product_code"] == "25-7912-03-2026")
        .expect("product");
    assert_eq!(
        this["members"][0]["sheet_id"],
        id(&newer),
        "the newest, marked"
    );
    assert!(this["members"][0]["unsigned"].is_string());
}
