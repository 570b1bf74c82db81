//! A journal damaged as a whole after a real crash: a child `ocop debug-record-answers` is
//! killed with SIGKILL while recording, the journal is then zeroed or cut short, and the next
//! start must say so by name, keep the file aside, and open on the start after.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn ocop(tmp: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(args)
        .env("OCOP_DATA_DIR", tmp.join("data"))
        .env("OCOP_CONFIG", tmp.join("config.toml"))
        .env_remove("OCOP_LANG")
        .output()
        .expect("run ocop")
}

/// Records `n` answers (each printed once committed) and holds the store open, then SIGKILL:
/// however slow this host, the crash comes before the journal's first checkpoint, with the
/// store marked open.
fn record_then_kill(tmp: &Path, n: usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["debug-record-answers", "--hold", "--count", &n.to_string()])
        .env("OCOP_DATA_DIR", tmp.join("data"))
        .env("OCOP_CONFIG", tmp.join("config.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let answers = out
        .lines()
        .map_while(Result::ok)
        .filter(|l| l.starts_with("answer "))
        .take(n)
        .count();
    assert_eq!(answers, n, "the child stopped early");
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
}

fn damaged_after_a_crash_is_reported(damage: impl Fn(&Path)) {
    let tmp = tempfile::tempdir().expect("tmp");
    record_then_kill(tmp.path(), 20);
    let journal = tmp.path().join("data").join("ocop.journal");
    damage(&journal);
    let damaged = std::fs::read(&journal).expect("journal");
    let out = ocop(tmp.path(), &["list", "--lang", "en"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&journal.display().to_string()), "{err}");
    assert!(err.contains("may be lost"), "{err}");
    let kept = journal.with_file_name("ocop.journal.damaged");
    assert!(err.contains(&kept.display().to_string()), "{err}");
    assert!(
        std::fs::read(&kept).expect("kept") == damaged,
        "kept as it was"
    );
    let again = ocop(tmp.path(), &["list"]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_journal_zeroed_after_a_crash_is_reported_and_kept() {
    damaged_after_a_crash_is_reported(|j| {
        let len = std::fs::metadata(j).expect("len").len() as usize;
        std::fs::write(j, vec![0u8; len]).expect("zero");
    });
}

#[test]
fn a_journal_cut_short_after_a_crash_is_reported_and_kept() {
    damaged_after_a_crash_is_reported(|j| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(j)
            .expect("open");
        file.set_len(1000).expect("cut");
    });
}

/// The same crash with the journal intact: every answer comes back, nothing is said.
#[test]
fn a_sound_journal_after_a_crash_opens_in_silence() {
    let tmp = tempfile::tempdir().expect("tmp");
    record_then_kill(tmp.path(), 20);
    let out = ocop(tmp.path(), &["list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let answered = rows[0]["answered"].as_u64().expect("answered");
    assert!(answered >= 1, "{rows}");
    assert!(!tmp.path().join("data/ocop.journal.damaged").exists());
}
