//! Unlucky and hostile input through the real binary: each sentence says what happened, to
//! which file or folder, and what to do, in the interface's language; limits hold at their
//! value and refuse one past it.

use std::fs;
use std::path::{Path, PathBuf};

use ocop_catalog::Catalog;
use ocop_export::scan::SHEET_FILE_MAX_BYTES;

use crate::sync_common::{fill, ocop, run, sheet_files, text, write_roster};

/// An export folder synced from one data folder of `n` finished sheets.
fn synced(tmp: &Path, n: usize) -> (PathBuf, PathBuf) {
    let (data, export) = (tmp.join("data"), tmp.join("share"));
    fs::create_dir(&export).expect("share");
    write_roster(&export);
    fill(&data, n, 1, &["Chè Shan tuyết", "Mật ong"]);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    (data, export)
}

#[test]
fn an_ambiguous_id_start_is_said_as_such() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    fill(&data, 3, 1, &["Chè"]);
    let out = run(&mut ocop(&data, None, &["show", "01jd01", "--lang", "en"]));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("'01jd01' starts the ids of 3 sheets"), "{err}");
    assert!(!err.contains("there is no sheet"), "{err}");
    let out = run(&mut ocop(&data, None, &["show", "01jd01"]));
    assert!(text(&out.stderr).contains("phần đầu mã của 3 phiếu"));
    let out = run(&mut ocop(&data, None, &["show", "01JD02", "--lang", "en"]));
    assert!(text(&out.stderr).contains("there is no sheet '01JD02'"));
}

#[test]
fn council_of_a_product_code_nobody_scored_names_the_code() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (data, export) = synced(tmp.path(), 3);
    let args = ["council", "--product", "NO-SUCH-CODE", "--lang", "en"];
    let out = run(ocop(&data, None, &args).arg(&export));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("'NO-SUCH-CODE'"), "{err}");
    assert!(err.contains(&export.display().to_string()), "{err}");
    assert!(!text(&out.stdout).contains("No finished sheets in this folder"));
}

#[test]
fn a_file_where_the_data_folder_should_be_is_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    fs::write(&data, "notes").expect("file");
    let out = run(&mut ocop(&data, None, &["list", "--lang", "en"]));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(err.contains(&data.display().to_string()), "{err}");
    assert!(!err.contains("os error"), "{err}");
    let out = run(&mut ocop(&data, None, &["list"]));
    assert!(text(&out.stderr).contains("là một tệp, không phải thư mục"));
    assert_eq!(fs::read(&data).expect("kept"), b"notes");
}

#[test]
fn a_bad_ocop_lang_names_the_variable_not_the_flag() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = run(ocop(&tmp.path().join("data"), None, &["list"]).env("OCOP_LANG", "xx"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("OCOP_LANG=xx"), "{err}");
    assert!(err.contains("vi, en"), "{err}");
    assert!(!err.contains("--lang"), "{err}");
}

#[test]
fn config_with_a_missing_rubric_folder_still_prints_every_setting() {
    let tmp = tempfile::tempdir().expect("tmp");
    let missing = tmp.path().join("rubrics-phu-tho");
    let args = ["config", "--lang", "en", "--rubrics"];
    let out = run(ocop(&tmp.path().join("data"), None, &args).arg(&missing));
    assert_eq!(out.status.code(), Some(1));
    let printed = text(&out.stdout);
    for name in [
        "config file",
        "database",
        "data_dir",
        "rubrics_dir",
        "lang",
        "theme",
    ] {
        assert!(printed.contains(name), "no {name} in {printed}");
    }
    assert!(printed.contains("(missing)"), "{printed}");
    let err = text(&out.stderr);
    assert!(err.contains(&missing.display().to_string()) && err.contains("not there"));
}

#[test]
fn sync_to_a_missing_folder_after_a_sync_elsewhere_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (data, _export) = synced(tmp.path(), 2);
    let elsewhere = tmp.path().join("not-mounted");
    let out = run(&mut ocop(
        &data,
        Some(&elsewhere),
        &["sync", "--lang", "en"],
    ));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&elsewhere.display().to_string()), "{err}");
    assert!(err.contains("is not there"), "{err}");
    assert!(!err.contains("0 waiting"), "{err}");
}

/// A province's variant of a built-in set, in a rubric folder.
fn variant_folder(tmp: &Path) -> PathBuf {
    let catalog = Catalog::builtin();
    let first = catalog.all().expect("sets")[0].id.clone();
    let text = catalog.text(&first).expect("text");
    let variant = text.replacen("title_vi = \"", "title_vi = \"Bản tỉnh: ", 1);
    assert_ne!(variant, text);
    let dir = tmp.join("rubrics");
    fs::create_dir(&dir).expect("rubrics");
    fs::write(dir.join(format!("{first}.toml")), variant).expect("variant");
    dir
}

#[test]
fn verify_with_a_variant_still_knows_sheets_scored_on_the_built_in_set() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (data, export) = synced(tmp.path(), 3);
    let rubrics = variant_folder(tmp.path());
    let out = run(ocop(&data, None, &["verify"])
        .arg(&export)
        .arg("--rubrics")
        .arg(&rubrics));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn council_tells_each_unreadable_file_and_that_the_figures_leave_it_out() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (data, export) = synced(tmp.path(), 3);
    let broken = sheet_files(&export).remove(0);
    fs::write(&broken, "{\"schema\": ").expect("break it");
    let name = broken
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    for format in ["table", "csv", "json"] {
        let args = ["council", "--lang", "en", "--format", format];
        let out = run(ocop(&data, None, &args).arg(&export));
        assert_eq!(out.status.code(), Some(1), "{format}");
        let err = text(&out.stderr);
        assert!(err.contains(&name), "{format}: {err}");
        assert!(err.contains("computed without them"), "{format}: {err}");
    }
    let out = run(ocop(&data, None, &["council"]).arg(&export));
    assert!(text(&out.stderr).contains("được tính không có chúng"));
}

/// A sheet file padded with spaces (still the same sheet) to `len` bytes.
fn pad_to(path: &Path, len: u64) {
    let mut bytes = fs::read(path).expect("read");
    bytes.resize(len as usize, b' ');
    fs::write(path, bytes).expect("write");
}

#[test]
fn a_sheet_file_at_the_size_limit_is_read_and_one_byte_more_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (data, export) = synced(tmp.path(), 2);
    let file = sheet_files(&export).remove(0);
    let council = |data: &Path| {
        let out = run(ocop(data, None, &["council", "--format", "json"]).arg(&export));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (
            out.status.code(),
            doc["unreadable"].as_array().map_or(0, Vec::len),
        )
    };
    pad_to(&file, SHEET_FILE_MAX_BYTES);
    assert_eq!(council(&data), (Some(0), 0));
    pad_to(&file, SHEET_FILE_MAX_BYTES + 1);
    assert_eq!(council(&data), (Some(1), 1));
    let out = run(ocop(&data, None, &["verify"]).arg(&export));
    assert_eq!(out.status.code(), Some(1));
    // Said in Vietnamese, the default language.
    let said = text(&out.stdout);
    assert!(
        said.contains(&format!("quá {SHEET_FILE_MAX_BYTES} byte")),
        "{said}"
    );
}

#[test]
fn demo_beyond_its_limit_is_refused_before_the_folder_is_made() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = run(&mut ocop(
        &data,
        None,
        &["demo", "--sheets", "50001", "--lang", "en"],
    ));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("at most 50000 sheets a run, not 50001"),
        "{err}"
    );
    assert!(!data.exists());
}

#[test]
fn a_folder_in_use_is_said_in_vietnamese_by_default() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let _held = ocop_store::Store::open(&data).expect("open");
    let out = run(&mut ocop(&data, None, &["list"]));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("đang được một ocop khác dùng"), "{err}");
    assert!(err.contains(&data.display().to_string()), "{err}");
}
