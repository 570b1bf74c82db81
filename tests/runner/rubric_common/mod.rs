//! Helpers for the `ocop rubric check` tests: a small sound rubric file, and the real binary
//! run on it as changed by a test, with the problem it must report at its line and column.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// A small sound sheet: one criterion per part whose options give every total from 0 to 100.
pub fn fixture() -> String {
    let mut text = String::from(
        "id = \"mini\"\nset_no = 99\ntitle_vi = \"Thử\"\ntitle_en = \"Test\"\n\
         edition = \"test\"\nsector_vi = \"Thử\"\n",
    );
    for (part, code, max) in [("A", "1", 40), ("B", "2", 25), ("C", "3", 35)] {
        text.push_str(&format!(
            "\n[[part]]\ncode = \"{part}\"\ntitle_vi = \"Phần {part}\"\nmax = {max}\n\n\
             [[part.criterion]]\ncode = \"{code}\"\ntext_vi = \"Tiêu chí {code}\"\nmax = {max}\n"
        ));
        for p in 0..=max {
            let star = if code == "3" && p == 20 {
                "star = 4\n"
            } else {
                ""
            };
            text.push_str(&format!(
                "\n[[part.criterion.option]]\npoints = {p}\n{star}text_vi = \"{p} điểm\"\n"
            ));
        }
    }
    text
}

pub fn ocop(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(args)
        .env(
            "OCOP_DATA_DIR",
            std::env::temp_dir().join("ocop-rubric-check-unused"),
        )
        .output()
        .expect("run ocop");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// `ocop rubric check` of `text` in English, the language the checks here are written in
/// (`problems_are_said_in_vietnamese_by_default` reads the default).
pub fn check_text(text: &str) -> (i32, String, PathBuf, tempfile::TempDir) {
    check_text_in(text, "en")
}

pub fn check_text_in(text: &str, lang: &str) -> (i32, String, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mini.toml");
    std::fs::write(&path, text).expect("write");
    let path_text = path.to_str().expect("utf-8 path");
    let (code, out) = ocop(&["rubric", "check", path_text, "--lang", lang]);
    (code, out, path, dir)
}

/// Replaces the first occurrence of `from` and checks that the problem is reported at that
/// place (a change may cause a second problem elsewhere, such as a part that no longer sums).
pub fn broken(from: &str, to: &str, line: usize, column: usize, words: &str) {
    let text = fixture().replacen(from, to, 1);
    assert_ne!(text, fixture(), "the fixture contains {from:?}");
    let (code, out, path, _dir) = check_text(&text);
    assert_eq!(code, 1, "{out}");
    let want = format!("{}:{line}:{column}: ", path.display());
    assert!(
        out.lines()
            .any(|l| l.starts_with(&want) && l.contains(words)),
        "expected {want}…{words}… got:\n{out}"
    );
}

pub fn line_of(needle: &str) -> usize {
    fixture()
        .lines()
        .position(|l| l.contains(needle))
        .expect("line")
        + 1
}
