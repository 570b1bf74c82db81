//! The package's integration tests, gathered into one test binary (as jj does): each file
//! beside this one was a test binary of its own, and each of those linked the whole workspace
//! again. One binary links it once.
//!
//! A test file is a module here: `tests/runner/<name>.rs` is declared below as `mod <name>;`,
//! and a file nobody declared is never compiled, so `no_test_file_is_forgotten` fails on it.
//! The shared helpers (`sync_common`, `tmux_common`, …) are declared once, here, and a test
//! file reaches them with `use crate::sync_common;`. Run one file's tests with a filter:
//!
//!     cargo test --release --test runner fuzz:: -- --nocapture

mod pdf_common;
mod print_common;
mod rubric_common;
mod ssh_common;
mod ssh_sync_common;
mod sync_common;
mod tmux_common;

mod council_report;
mod council_trust;
mod crash;
mod due_dates;
mod e2e_rerate;
mod e2e_takeover;
mod e2e_tmux;
mod error_language;
mod fuzz;
mod hostile;
mod hostile_text;
mod journal_damage;
mod key_line;
mod plan;
mod print_sheet;
mod progress;
mod resume_guard;
mod rubric_check;
mod rubric_reference;
mod rubric_rules;
mod schema_fixtures;
mod scoring;
mod self_assessment;
mod sheets_cli;
mod signatures;
mod signing_finish;
mod special_files;
mod ssh_session;
mod suspend;
#[cfg(unix)]
mod sync_crash;
#[cfg(unix)]
mod sync_folder;
mod sync_readers;
mod sync_rerate;
#[cfg(unix)]
mod sync_ssh;
#[cfg(unix)]
mod sync_ssh_refusals;
mod sync_workbook;
mod ui_council;
mod ui_snapshots;

/// Every `tests/runner/*.rs` is declared in this file as `mod <name>;`, on a line of its own:
/// a new test file that is not declared would never be compiled, and its tests never run.
#[test]
fn no_test_file_is_forgotten() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runner");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("tests/runner/main.rs");
    let declared: Vec<&str> = main.lines().map(str::trim).collect();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/runner/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            if stem != "main" {
                files.push(stem);
            }
        }
    }
    assert!(
        !files.is_empty(),
        "no test files found in {}",
        dir.display()
    );
    let missing: Vec<String> = files
        .iter()
        .map(|stem| format!("mod {stem};"))
        .filter(|line| !declared.contains(&line.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/runner/main.rs does not declare {missing:?}: add each, or its tests never run"
    );
}
