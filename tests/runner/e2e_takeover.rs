//! End to end in tmux: a second `ocop` on a data folder a live `ocop` holds. It shows who
//! holds it and asks; yes stops the holder (which saves the note being typed) and resumes
//! exactly there; no, or a script without `--take-over`, leaves the holder alone (exit 2).
//! Every start opens the place the assessor last had. Without tmux the tests say so and pass.

use std::path::Path;
use std::process::{Command, Stdio};

use ocop_store::Store;
use ocop_store::holder;

use crate::tmux_common::{BIN, Pane, note_in, ocop_command, tea_sheet_with_note, tmux_missing};

/// A new tea sheet with a note being typed on its second criterion, not yet autosaved.
/// `ocop` as the same assessor on `root`'s data folder, started by a script: no terminal.
fn without_terminal(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(root.join("data"))
        .env("HOME", root.join("home"))
        .env("OCOP_ASSESSOR", "Nguyễn Văn An")
        .stdin(Stdio::null())
        .output()
        .expect("ocop runs")
}

fn typing_a_note(root: &Path, text: &str) -> Pane {
    let pane = Pane::start(root);
    tea_sheet_with_note(&pane, text);
    pane
}

fn note_in_store(root: &Path, code: &str) -> String {
    note_in(&root.join("data"), code)
}

#[test]
fn yes_stops_the_holder_and_resumes_its_criterion_and_note() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let a = typing_a_note(root.path(), "nhãn mới in");
    let held_by = holder::read(&root.path().join("data")).expect("holder file");
    assert_eq!(held_by.pid, u32::try_from(a.pid()).expect("pid"));
    assert_eq!(held_by.assessor, "Nguyễn Văn An");
    assert!(held_by.tty.starts_with("/dev/"), "{held_by:?}");
    let b = Pane::run(root.path(), "b", &ocop_command(root.path(), ""));
    let asked = b.wait_for("Tiếp quản phiên này?");
    assert!(
        asked.contains(&format!("tiến trình {}", held_by.pid)),
        "{asked}"
    );
    assert!(asked.contains("Nguyễn Văn An"), "{asked}");
    assert!(
        asked.contains("(c/k, rồi Enter)"),
        "the question says how to answer: {asked}"
    );
    b.keys(&["c", "Enter"]);
    // A capture can land while the first frame is still being written (it failed once with
    // the sheet drawn and the note editor not yet): wait until both show.
    let resumed = b.wait_until(|s| s.contains("┌ 1.2  ") && s.contains("Esc xong"));
    assert!(resumed.contains("nhãn mới in"), "{resumed}");
    a.wait_dead();
    b.keys(&["C-c"]);
    b.wait_dead();
    assert_eq!(note_in_store(root.path(), "1.2"), "nhãn mới in");
}

#[test]
fn no_or_a_script_leaves_the_holder_working() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let a = typing_a_note(root.path(), "ghi chú");
    let b = Pane::run(root.path(), "b", &ocop_command(root.path(), ""));
    b.wait_for("Tiếp quản phiên này?");
    b.keys(&["k", "Enter"]);
    b.wait_dead();
    let out = without_terminal(root.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("tiến trình {}", a.pid())), "{err}");
    assert!(err.contains("--take-over"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}[?1049h"));
    // --take-over without a terminal: the interface could not run, so nothing is stopped.
    let forced = without_terminal(root.path(), &["--take-over", "--lang", "en"]);
    assert_eq!(forced.status.code(), Some(2));
    let err = String::from_utf8_lossy(&forced.stderr);
    assert!(err.contains(&format!("process {}", a.pid())), "{err}");
    assert!(err.contains("left running"), "{err}");
    assert!(!a.dead(), "the holder was left alone");
    a.text(" thêm");
    a.wait_for("ghi chú thêm");
    a.keys(&["C-c"]);
    a.wait_dead();
    assert_eq!(note_in_store(root.path(), "1.2"), "ghi chú thêm");
}

#[test]
fn take_over_answers_yes_and_every_start_resumes_the_last_place() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let a = typing_a_note(root.path(), "đã xem nhãn");
    let b = Pane::run(
        root.path(),
        "b",
        &format!("{} --take-over --lang en", ocop_command(root.path(), "")),
    );
    // The pane is read while it is drawn: wait for the whole frame, criterion and note.
    b.wait_until(|screen| screen.contains("┌ 1.2  ") && screen.contains("đã xem nhãn"));
    a.wait_dead();
    // Esc closes the note (saving it); quitting on the sheet comes back to the sheet.
    b.keys(&["Escape"]);
    b.wait_until(|screen| !screen.contains("Esc done"));
    b.keys(&["C-c"]);
    b.wait_dead();
    drop(b);
    let c = Pane::run(root.path(), "c", &ocop_command(root.path(), ""));
    let screen = c.wait_for("┌ 1.2  ");
    assert!(!screen.contains("Esc xong"), "no note open:\n{screen}");
    c.keys(&["Escape"]);
    c.wait_for("Trạng thái");
    c.keys(&["q"]);
    c.wait_dead();
    drop(c);
    let d = Pane::run(root.path(), "d", &ocop_command(root.path(), ""));
    let list = d.wait_for("Trạng thái");
    assert!(
        !list.contains("┌ 1.2  "),
        "quit on the list opens the list:\n{list}"
    );
    d.keys(&["q"]);
    d.wait_dead();
    assert_eq!(
        holder::read(&root.path().join("data")),
        None,
        "a clean exit leaves no holder file"
    );
}

#[test]
fn after_sigkill_the_note_being_typed_comes_back() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    // Killed at once: the autosave (2 s after the last key) has not run.
    let a = typing_a_note(root.path(), "chưa kịp lưu");
    // SAFETY: kill(2) on the pane's process, which is ocop itself (exec).
    assert_eq!(unsafe { libc::kill(a.pid(), libc::SIGKILL) }, 0);
    a.wait_dead();
    drop(a);
    let b = Pane::run(root.path(), "b", &ocop_command(root.path(), ""));
    let resumed = b.wait_for("┌ 1.2  ");
    assert!(resumed.contains("chưa kịp lưu"), "{resumed}");
    assert!(
        resumed.contains("Esc xong"),
        "the note editor is open:\n{resumed}"
    );
    b.keys(&["C-c"]);
    b.wait_dead();
    assert_eq!(note_in_store(root.path(), "1.2"), "chưa kịp lưu");
}

/// `ocop` (no terminal needed: these refusals come before any question) on a folder this test
/// holds, described by a holder file on `host` with this test's process id but another start:
/// the holder's process is gone, and its pid reused by this test.
fn refused_by(root: &Path, host: &str) -> (std::process::Output, std::time::Duration) {
    let data = root.join("data");
    let _held = Store::open(&data).expect("store");
    let now = chrono::Local::now().fixed_offset();
    let h = holder::Holder {
        pid: std::process::id(),
        host: host.into(),
        tty: String::new(),
        assessor: "Nguyễn Văn An".into(),
        since: now,
        last_key: now,
        started: holder::process_start(std::process::id()).map(|s| s + 1),
        exe: None,
    };
    holder::write(&data, &h).expect("holder file");
    let started = std::time::Instant::now();
    let out = without_terminal(root, &["--take-over", "--lang", "en"]);
    (out, started.elapsed())
}

#[test]
fn a_holder_on_another_host_is_never_stopped_and_the_sentence_says_what_to_do() {
    let root = tempfile::tempdir().expect("tempdir");
    let (out, took) = refused_by(root.path(), "tinh-nfs-02");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another host (tinh-nfs-02"), "{err}");
    assert!(err.contains("quit ocop there"), "{err}");
    assert!(
        took < std::time::Duration::from_secs(3),
        "no wait: {took:?}"
    );
}

#[test]
fn a_folder_still_locked_when_its_holder_is_gone_is_waited_for_then_refused() {
    // The holder file names this test's pid with another start: to the newcomer its holder
    // is gone (the pid reused), so it waits for the lock (5 s) without asking or stopping
    // anything.
    let root = tempfile::tempdir().expect("tempdir");
    let (out, took) = refused_by(root.path(), &holder::host_name());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another ocop"), "{err}");
    assert!(
        took >= std::time::Duration::from_secs(5),
        "it waited: {took:?}"
    );
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}

/// Installed under another name (`ocop-assess`, say), a live holder is still known: its
/// holder file names its process by its start, not by the binary's name.
#[test]
fn a_holder_under_another_binary_name_is_known_and_asked() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let renamed = root.path().join("ocop-assess");
    std::fs::copy(BIN, &renamed).expect("a copy under another name");
    let command = ocop_command(root.path(), "").replace(BIN, &renamed.display().to_string());
    let a = Pane::run(root.path(), "a", &command);
    tea_sheet_with_note(&a, "đặt tên khác");
    let b = Pane::run(root.path(), "b", &command);
    let asked = b.wait_for("Tiếp quản phiên này?");
    assert!(asked.contains("Nguyễn Văn An"), "{asked}");
    b.keys(&["c", "Enter"]);
    a.wait_dead();
    let resumed = b.wait_for("đặt tên khác");
    assert!(resumed.contains("┌ 1.2"), "{resumed}");
    b.keys(&["C-c"]);
    b.wait_dead();
}
