//! `ocop rubric check`: every committed rubric is sound, and each kind of broken file is named
//! with its exact line and column. Runs the real binary.

use std::path::{Path, PathBuf};

use ocop_catalog::check;
use ocop_domain::rubric::{Code, Points};
use ocop_domain::score::score;
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId};
use proptest::prelude::*;

use crate::rubric_common::{broken, check_text, check_text_in, fixture, line_of, ocop};

#[test]
fn the_fixture_is_sound() {
    let (code, out, _, _dir) = check_text(&fixture());
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn every_committed_rubric_passes_the_check() {
    let rubrics = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    let files = toml_files(&rubrics);
    assert_eq!(files.len(), 26);
    let earlier = toml_files(&rubrics.join("superseded"));
    assert!(!earlier.is_empty(), "the earlier editions are kept");
    let files: Vec<PathBuf> = files.into_iter().chain(earlier).collect();
    let args: Vec<&str> = ["rubric", "check"]
        .into_iter()
        .chain(files.iter().map(|p| p.to_str().expect("utf-8")))
        .collect();
    assert_eq!(ocop(&args), (0, String::new()));
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("rubrics/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect()
}

#[test]
fn rubric_show_prints_set_16s_stop_rule_on_6_and_set_19s_disqualifier() {
    let (code, water) = ocop(&["rubric", "show", "nuoc-khoang-nuoc-uong-dong-chai"]);
    assert_eq!(code, 0, "{water}");
    let at6 = water
        .lines()
        .position(|l| l.trim_start().starts_with("6 CHỈ TIÊU CẢM QUAN"))
        .expect("criterion 6");
    let note = water
        .lines()
        .skip(at6 + 1)
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(note.contains("Nếu được 0 điểm"), "{note}");
    assert!(note.contains("dừng đánh giá, loại"), "{note}");
    let (_, en) = ocop(&["rubric", "show", "16", "--lang", "en"]);
    let en = en.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        en.contains("0 points on a sub-criterion: the evaluation stops"),
        "{en}"
    );
    let (code, cosmetics) = ocop(&["rubric", "show", "my-pham-tu-duoc-lieu"]);
    assert_eq!(code, 0, "{cosmetics}");
    assert!(
        cosmetics.contains("Hồ sơ: Bị loại khi: Giả mạo hồ sơ"),
        "{cosmetics}"
    );
    let title = cosmetics
        .lines()
        .find(|l| l.trim_start().starts_with("5.3 "))
        .expect("5.3");
    assert!(
        !title.contains("Yêu cầu"),
        "the requirement is a note, not the title: {title}"
    );
}

#[test]
fn a_syntax_error() {
    broken("title_vi = \"Thử\"", "title_vi = \"Thử", 3, 16, "");
}

#[test]
fn an_unknown_key() {
    broken(
        "set_no = 99\n",
        "set_no = 99\npointz = 3\n",
        3,
        1,
        "unknown field",
    );
}

#[test]
fn a_missing_key() {
    broken("edition = \"test\"\n", "", 1, 1, "edition");
}

#[test]
fn a_duplicate_code() {
    broken(
        "code = \"2\"",
        "code = \"1\"",
        line_of("code = \"2\""),
        8,
        "appears twice",
    );
}

#[test]
fn points_outside_the_criterion() {
    broken(
        "points = 40\n",
        "points = 41\n",
        line_of("points = 40"),
        10,
        "outside 0..40",
    );
}

#[test]
fn a_max_other_than_the_best_option() {
    let text_line = fixture()
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "max = 25")
        .nth(1)
        .expect("criterion max")
        .0
        + 1;
    broken(
        "text_vi = \"Tiêu chí 2\"\nmax = 25",
        "text_vi = \"Tiêu chí 2\"\nmax = 26",
        text_line,
        7,
        "best option gives 25",
    );
}

#[test]
fn a_part_that_does_not_sum() {
    broken(
        "title_vi = \"Phần B\"\nmax = 25",
        "title_vi = \"Phần B\"\nmax = 24",
        line_of("Phần B") + 1,
        7,
        "sum to 25",
    );
}

#[test]
fn a_star_other_than_3_4_or_5() {
    broken(
        "star = 4",
        "star = 6",
        line_of("star = 4"),
        8,
        "not 3, 4 or 5",
    );
}

#[test]
fn a_condition_naming_no_criterion() {
    let from = "text_vi = \"Tiêu chí 3\"\n";
    let to = "text_vi = \"Tiêu chí 3\"\nrule = \"applicability\"\napplies_if_scored = \"9.9\"\n";
    broken(from, to, line_of("Tiêu chí 3") + 2, 21, "9.9");
}

#[test]
fn bytes_that_are_not_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.toml");
    std::fs::write(&path, b"id = \"a\"\nset_no = \xff\xfe\n").expect("write");
    let (code, out) = ocop(&["rubric", "check", path.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{}:2:10: ", path.display())),
        "{out}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let (code, out) = ocop(&["rubric", "check", "/nonexistent/r.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("/nonexistent/r.toml: không đọc được"), "{out}");
    let (code, out) = ocop(&["rubric", "check", "/nonexistent/r.toml", "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(out.contains("/nonexistent/r.toml: cannot read"), "{out}");
}

#[test]
fn problems_are_said_in_vietnamese_by_default() {
    let text = fixture().replacen("code = \"A\"", "code = \"Z\"", 1);
    assert_ne!(text, fixture(), "the fixture has part A");
    let line = line_of("code = \"A\"");
    let (code, out, path, _dir) = check_text_in(&text, "vi");
    assert_eq!(code, 1, "{out}");
    let want = format!(
        "{}:{line}:8: mã phần \"Z\" không phải A, B hay C",
        path.display()
    );
    assert!(out.lines().any(|l| l == want), "{want}\n{out}");
    let (_, english, _, _dir) = check_text(&text);
    assert!(
        english.contains("part code \"Z\" is not A, B or C"),
        "{english}"
    );
}

#[test]
fn totals_at_the_band_edges_through_a_sheet() {
    let rubric = check::parse(&fixture()).expect("sound");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+07:00").expect("time");
    for (total, stars) in [
        (29u16, 1u8),
        (30, 2),
        (49, 2),
        (50, 3),
        (69, 3),
        (70, 4),
        (89, 4),
        (90, 5),
        (100, 5),
    ] {
        let mut sheet = Sheet::new(
            SheetId::parse("01JD0000000000000000000000").expect("id"),
            &rubric,
            Header::default(),
            now,
        );
        // Part C first, so its 4★ minimum (20) is met whenever the total reaches 20.
        let c = total.min(35);
        let a = (total - c).min(40);
        let b = total - c - a;
        for (code, points) in [("1", a), ("2", b), ("3", c)] {
            let answer = sheet.answers.entry(Code::new(code)).or_default();
            answer.mark = Some(Mark::Chose {
                option: points as u8 + 1,
            });
        }
        let s = score(&rubric, &sheet);
        assert_eq!(
            (s.total, s.band_stars),
            (Points(total), stars),
            "total {total}"
        );
        assert_eq!(s.stars, stars, "total {total}: minimum met");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn no_bytes_make_the_checker_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = check::parse(&text);
    }

    #[test]
    fn no_cut_of_a_real_file_makes_the_checker_panic(cut in 0usize..20_000, junk in "[\\[\\]=\"a-z0-9\\n .]{0,8}") {
        let text = include_str!("../../rubrics/che-tuoi-che-bien.toml");
        let at = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let mutated = format!("{}{}{}", &text[..at], junk, &text[at..].get(junk.len()..).unwrap_or(""));
        let _ = check::parse(&mutated);
    }
}

#[test]
fn a_province_variant_overrides_a_built_in_set_by_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tea = include_str!("../../rubrics/che-tuoi-che-bien.toml").replace(
        "title_vi = \"Chè tươi, chè chế biến\"",
        "title_vi = \"Chè Phú Thọ\"",
    );
    std::fs::write(dir.path().join("che-tuoi-che-bien.toml"), tea).expect("write");
    std::fs::write(dir.path().join("mini.toml"), fixture()).expect("write");
    let rubrics = dir.path().to_str().expect("utf-8");
    let (code, out) = ocop(&["rubric", "list", "--rubrics", rubrics]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 27);
    assert!(
        out.lines()
            .any(|l| l.contains("che-tuoi-che-bien") && l.contains("Chè Phú Thọ"))
    );
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("99  mini")),
        "{out}"
    );
}

#[test]
fn a_broken_variant_stops_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.toml"), "id = \"bad\"\nset_no = [\n").expect("write");
    let (code, out) = ocop(&[
        "rubric",
        "list",
        "--rubrics",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{}:", dir.path().join("bad.toml").display())),
        "{out}"
    );
}

#[test]
fn a_hidden_character_in_a_text_is_named_at_its_place() {
    let line = line_of("text_vi = \"Tiêu chí 1\"");
    let column = "text_vi = \"Tiêu chí".chars().count() + 1;
    for hidden in ["\u{202E}", "\u{200B}", "\u{9b}", "\\u001b", "\\u2066"] {
        broken(
            "text_vi = \"Tiêu chí 1\"",
            &format!("text_vi = \"Tiêu chí{hidden} 1\""),
            line,
            column,
            "a rubric may not hold one",
        );
    }
}

/// The fixture with criterion 1 given `n` options in all (the extra ones score 0).
fn with_options(n: usize) -> String {
    let extra: String = (41..n)
        .map(|i| format!("\n[[part.criterion.option]]\npoints = 0\ntext_vi = \"thêm {i}\"\n"))
        .collect();
    let at = fixture().find("\n[[part]]\ncode = \"B\"").expect("part B");
    let mut text = fixture();
    text.insert_str(at, &extra);
    text
}

#[test]
fn a_criterion_may_have_255_options_and_not_256() {
    let (code, out, _path, _dir) = check_text(&with_options(ocop_domain::rubric::MAX_OPTIONS));
    assert_eq!(code, 0, "{out}");
    let text = with_options(ocop_domain::rubric::MAX_OPTIONS + 1);
    let (code, out, path, _dir) = check_text(&text);
    assert_eq!(code, 1, "{out}");
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("[[part.criterion.option]]"))
        .nth(255)
        .map(|(i, _)| i + 1)
        .expect("the 256th option");
    let want = format!(
        "{}:{line}:1: criterion 1 has 256 options; at most 255",
        path.display()
    );
    assert!(out.lines().any(|l| l.starts_with(&want)), "{want}\n{out}");
}
