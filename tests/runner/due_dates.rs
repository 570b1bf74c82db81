//! The office's dates through the real binary: `due` gives one answer whatever order the files
//! are read in; a certificate is valid through its last day; an evaluation after the latest
//! certificate shows as a re-rating awaiting its own; `certify` takes only certificates
//! already issued; `--within` takes no negative number.

use std::fs;
use std::path::Path;

use chrono::{Local, Months};
use serde_json::Value;

use crate::sync_common::{assert_said, demo_export, ocop, run, text};

fn due_json(data: &Path, export: &Path) -> Vec<Value> {
    let out = run(ocop(data, None, &["--lang", "en", "due", "--json"]).arg(export));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn certify(data: &Path, export: &Path, code: &str, date: &str) -> std::process::Output {
    let args = ["--lang", "en", "certify"];
    let rest = ["--product", code, "--date", date, "--stars", "3"];
    run(ocop(data, None, &args).arg(export).args(rest))
}

/// Copies `from` into `to`, each folder's files created in reverse order: another order of
/// reading, the same files.
fn copy_reversed(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    let mut entries: Vec<_> = fs::read_dir(from)
        .expect("read")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    entries.reverse();
    for path in entries {
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_reversed(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn due_over_a_shuffled_copy_of_a_folder_equals_the_original() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path(), 120);
    let copy = tmp.path().join("copy");
    copy_reversed(&export, &copy);
    let original = due_json(&data, &export);
    assert!(!original.is_empty());
    assert_eq!(due_json(&data, &copy), original);
}

#[test]
fn a_certificate_is_valid_through_its_last_day_and_a_later_evaluation_is_not_hidden() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path(), 60);
    let today = Local::now().date_naive();
    let listed = due_json(&data, &export);
    // Issued 36 months ago today: this is its last day.
    let first = listed[0]["product_code"]
        .as_str()
        .expect("code")
        .to_string();
    let issued = today.checked_sub_months(Months::new(36)).expect("date");
    let out = certify(&data, &export, &first, &issued.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Another, certified before its latest evaluation: that evaluation is a re-rating.
    let second = &listed[1];
    let code = second["product_code"].as_str().expect("code");
    let rated: chrono::NaiveDate = second["rated_on"]
        .as_str()
        .expect("date")
        .parse()
        .expect("date");
    let before = rated - chrono::Days::new(40);
    let out = certify(&data, &export, code, &before.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let now = due_json(&data, &export);
    let of = |code: &str| {
        now.iter()
            .find(|p| p["product_code"] == code)
            .expect("listed")
            .clone()
    };
    let last_day = of(&first);
    assert_eq!(last_day["expires"], today.to_string());
    assert_eq!(
        last_day["state"], "window_missed",
        "valid to the end of the day: {last_day}"
    );
    let table = run(ocop(&data, None, &["--lang", "en", "due"]).arg(&export));
    assert!(
        text(&table.stdout).contains("expires today"),
        "{}",
        text(&table.stdout)
    );
    let rerated = of(code);
    assert_eq!(rerated["basis"], "certificate");
    assert_eq!(rerated["rerated"]["on"], rated.to_string(), "{rerated}");
    assert_eq!(rerated["rerated"]["stars"], second["stars"]);
}

#[test]
fn certify_refuses_a_date_after_today_and_due_a_negative_within() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path(), 10);
    let tomorrow = Local::now().date_naive() + chrono::Days::new(1);
    let out = certify(&data, &export, "25-7912-01-2026", &tomorrow.to_string());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_said(&out, "is after today");
    assert!(!export.join("certificates").exists(), "nothing recorded");
    for within in [&["--within", "-1"][..], &["--within=-1"]] {
        let out = run(ocop(&data, None, &["due"]).args(within).arg(&export));
        assert_eq!(out.status.code(), Some(2), "{within:?}");
        assert_said(&out, "không được âm");
    }
}

#[test]
fn due_names_the_round_each_open_or_coming_window_must_reach() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path(), 120);
    let listed = due_json(&data, &export);
    let mut named = 0;
    for p in &listed {
        let round = &p["round"];
        match p["state"].as_str() {
            Some("not_yet" | "window_open") => {
                let forward = round["forward_by"].as_str().expect("a round");
                let opens = p["window_opens"].as_str().expect("opens");
                assert!(forward >= opens, "{p}");
                assert!(
                    forward.ends_with("-04-30") || forward.ends_with("-10-30"),
                    "{p}"
                );
                let by = round["evaluated_by"].as_str().expect("by");
                let expected = if round["number"] == 1 {
                    "-06-30"
                } else {
                    "-12-30"
                };
                assert!(by.ends_with(expected) && by[..4] == forward[..4], "{p}");
                named += 1;
            }
            _ => assert!(round.is_null(), "a closed window has no round: {p}"),
        }
    }
    assert!(named > 0, "{listed:?}");
    let table = run(ocop(&data, None, &["due"]).arg(&export));
    assert!(
        text(&table.stdout).contains("xã chuyển hồ sơ trước"),
        "{}",
        text(&table.stdout)
    );
}
