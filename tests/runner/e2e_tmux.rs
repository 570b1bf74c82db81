//! End to end: the real `ocop` binary in a real terminal (tmux, 80×24), driven by keys,
//! checked against what landed in the store and what `ocop show --json` says. Waits are
//! bounded and tunable with OCOP_E2E_TIMEOUT_MS. Without tmux the tests say so and pass.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ocop_catalog::Catalog;
use ocop_domain::rubric::{Code, Rubric};
use ocop_domain::score::{Standing, score, standing};
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId, Status};
use ocop_store::Store;

use crate::sync_common;
use crate::tmux_common::{BIN, Pane, exit_status, new_tea_sheet, timeout, tmux_missing};

fn tea() -> Rubric {
    Catalog::builtin()
        .get("che-tuoi-che-bien")
        .expect("catalog")
        .expect("tea set")
        .clone()
}

/// The digit to press on the k-th criterion: a spread of options, and `0` where offered.
fn digit_for(rubric: &Rubric, code: &Code, k: usize) -> (char, Mark) {
    let c = rubric.criterion(code).expect("criterion");
    let n = c.options.len();
    let pick = (k * 7) % (n + 1);
    if pick == n && !c.has_zero_option() {
        return ('0', Mark::NotMet);
    }
    let option = u8::try_from(pick % n + 1).expect("small");
    (char::from(b'0' + option), Mark::Chose { option })
}

/// Creates a tea sheet from the list and waits for its first criterion.
/// A new tea sheet for "Chè Cẩm Mỹ", with the note of its first criterion open for typing.
fn editing_a_note(root: &Path) -> Pane {
    let pane = Pane::start(root);
    new_tea_sheet(&pane, "Chè Cẩm Mỹ");
    pane.keys(&["e"]);
    pane.wait_for("Esc xong");
    pane
}

/// Answers the walk's criteria in order, as the screen shows each one; returns the marks.
fn answer(pane: &Pane, rubric: &Rubric, how_many: usize) -> Sheet {
    let mut expected = Sheet::new(
        SheetId::parse("01JD0000000000000000000000").expect("id"),
        rubric,
        Header::default(),
        chrono::DateTime::default(),
    );
    let mut done = 0;
    for (k, leaf) in rubric.leaves().enumerate() {
        if done == how_many {
            break;
        }
        if standing(rubric, &expected, leaf) == Standing::NotApplicable {
            continue;
        }
        pane.wait_for(&format!("┌ {}  ", leaf.code));
        let (key, mark) = digit_for(rubric, &leaf.code, k);
        pane.keys(&[&key.to_string()]);
        let answer = expected.answers.entry(leaf.code.clone()).or_default();
        answer.mark = Some(mark);
        done += 1;
        let s = score(rubric, &expected);
        pane.wait_for(&format!(
            "{}/{} · {}/100",
            s.answered, s.applicable, s.total
        ));
    }
    expected
}

fn ocop_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(root.join("data"))
        .env("HOME", root.join("home"))
        .env("OCOP_ASSESSOR", "Nguyễn Văn An")
        .output()
        .expect("ocop runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The first value under `key` anywhere in the document.
fn find<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|x| find(x, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| find(x, key)),
        _ => None,
    }
}

/// The document's answers, where it carries them (schema `ocop-sheet/1`): each leaf's option
/// or state, and its points, as the rubric scores the expected marks.
fn json_answers_match(doc: &serde_json::Value, rubric: &Rubric, expected: &Sheet) {
    let Some(answers) = doc.get("answers").and_then(|a| a.as_array()) else {
        return;
    };
    assert_eq!(answers.len(), rubric.leaves().count());
    for (a, leaf) in answers.iter().zip(rubric.leaves()) {
        assert_eq!(a["code"].as_str(), Some(leaf.code.as_str()));
        match expected.mark(&leaf.code) {
            Some(Mark::Chose { option }) => {
                assert_eq!(
                    a["option"].as_u64(),
                    Some(u64::from(*option)),
                    "{}",
                    leaf.code
                );
            }
            Some(Mark::NotMet) => assert_eq!(a["state"].as_str(), Some("not_met")),
            _ => assert_eq!(a["option"].as_u64(), None, "{}", leaf.code),
        }
        let points = match standing(rubric, expected, leaf) {
            Standing::Scored(p) => u64::from(p.0),
            _ => 0,
        };
        assert_eq!(a["points"].as_u64(), Some(points), "{}", leaf.code);
    }
}

fn only_sheet(root: &Path) -> (SheetId, Sheet) {
    let store = Store::open(&root.join("data")).expect("store opens after ocop exits");
    let listed = store.summaries().expect("summaries");
    assert_eq!(listed.len(), 1);
    let id = listed[0].summary.id.clone();
    let sheet = store.sheet(&id, None).expect("read").expect("sheet");
    (id, sheet)
}

fn assert_same_marks(expected: &Sheet, stored: &Sheet) {
    for (code, answer) in &expected.answers {
        assert_eq!(stored.mark(code), answer.mark.as_ref(), "criterion {code}");
    }
    let stored_marks = stored.answers.values().filter(|a| a.mark.is_some()).count();
    assert_eq!(stored_marks, expected.answers.len());
}

#[test]
fn a_tea_sheet_scored_with_digits_and_finished_matches_the_rubric() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let rubric = tea();
    let pane = Pane::start(root.path());
    new_tea_sheet(&pane, "Chè Cẩm Mỹ");
    let expected = answer(&pane, &rubric, usize::MAX);
    pane.wait_for("Xem lại");
    pane.keys(&["f"]);
    pane.wait_for("y có");
    pane.keys(&["y"]);
    pane.wait_for("Phiếu đã hoàn thành");
    pane.keys(&["C-c"]);
    pane.wait_dead();
    let (id, stored) = only_sheet(root.path());
    assert_eq!(stored.status, Status::Finished);
    assert_eq!(stored.header.product_name, "Chè Cẩm Mỹ");
    assert_same_marks(&expected, &stored);
    let want = score(&rubric, &expected);
    let doc = ocop_json(root.path(), &["show", id.as_str(), "--json"]);
    assert_eq!(
        find(&doc, "total").and_then(|v| v.as_u64()),
        Some(u64::from(want.total.0))
    );
    assert_eq!(
        find(&doc, "stars").and_then(|v| v.as_u64()),
        Some(u64::from(want.stars))
    );
    json_answers_match(&doc, &rubric, &expected);
    let list = ocop_json(root.path(), &["list", "--json"]);
    assert_eq!(
        find(&list, "status").and_then(|v| v.as_str()),
        Some("finished")
    );
}

#[test]
fn after_sigkill_every_answer_the_screen_showed_is_there() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let rubric = tea();
    let pane = Pane::start(root.path());
    new_tea_sheet(&pane, "Chè Shan tuyết");
    let expected = answer(&pane, &rubric, 9);
    // SAFETY: kill(2) on the pane's process, which is ocop itself (exec).
    let killed = unsafe { libc::kill(pane.pid(), libc::SIGKILL) };
    assert_eq!(killed, 0);
    pane.wait_dead();
    drop(pane);
    let (_, stored) = only_sheet(root.path());
    assert_same_marks(&expected, &stored);
    // The next start opens the sheet where the walk was (the place outlives the kill).
    let again = Pane::start(root.path());
    again.wait_for("Chè Shan tuyết");
    let s = score(&rubric, &expected);
    again.wait_for(&format!(
        "{}/{} · {}/100",
        s.answered, s.applicable, s.total
    ));
    again.keys(&["C-c"]);
    again.wait_dead();
}

#[test]
fn a_hang_up_or_sigterm_saves_the_note_being_typed() {
    if tmux_missing() {
        return;
    }
    for signal in [libc::SIGHUP, libc::SIGTERM] {
        let root = tempfile::tempdir().expect("tempdir");
        let pane = editing_a_note(root.path());
        pane.text("nhãn mới in");
        pane.wait_for("nhãn mới in");
        // SAFETY: kill(2) on the pane's process, which is ocop itself (exec).
        assert_eq!(unsafe { libc::kill(pane.pid(), signal) }, 0);
        pane.wait_dead();
        drop(pane);
        let (_, stored) = only_sheet(root.path());
        assert_eq!(
            stored.note(&Code::new("1.1")),
            "nhãn mới in",
            "signal {signal}"
        );
    }
}

#[test]
fn a_data_folder_in_use_is_refused_before_the_screen_is_taken() {
    let root = tempfile::tempdir().expect("tempdir");
    let _held = Store::open(&root.path().join("data")).expect("store");
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(root.path().join("data"))
        .args(["--lang", "en"])
        .env("HOME", root.path())
        .env("OCOP_ASSESSOR", "Nguyễn Văn An")
        .output()
        .expect("ocop runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}[?1049h"));
}

/// Whether the process has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status")).map_or(true, |s| {
        s.lines()
            .any(|l| l.starts_with("State:") && l.contains('Z'))
    })
}

#[test]
fn closing_the_terminal_saves_the_note_and_ends_the_program() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = editing_a_note(root.path());
    pane.text("đóng cửa sổ");
    pane.wait_for("đóng cửa sổ");
    let pid = pane.pid();
    drop(pane);
    let end = Instant::now() + timeout();
    while !ended(pid) {
        assert!(
            Instant::now() < end,
            "ocop {pid} still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    let (_, stored) = only_sheet(root.path());
    assert_eq!(stored.note(&Code::new("1.1")), "đóng cửa sổ");
}

#[test]
fn a_finished_sheet_reaches_the_export_folder_without_a_command() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let export = root.path().join("export");
    std::fs::create_dir_all(&export).expect("export folder");
    let rubric = tea();
    let pane = Pane::start_with(
        root.path(),
        &format!("OCOP_EXPORT_DIR={}", export.display()),
    );
    new_tea_sheet(&pane, "Chè xanh Tất Thắng");
    answer(&pane, &rubric, usize::MAX);
    pane.wait_for("Xem lại");
    pane.keys(&["f"]);
    pane.wait_for("y có");
    pane.keys(&["y"]);
    pane.wait_for("Phiếu đã hoàn thành");
    pane.wait_for("Đã ký: nguyen-van-an, khoá SHA256:");
    let id = exported_sheet(&export);
    pane.keys(&["C-c"]);
    pane.wait_dead();
    let sheets = export.join("sheets").join(&rubric.id);
    let file = sheets.join(format!("{id}.r1.json"));
    assert!(file.is_file(), "{} was written", file.display());
    assert!(sheets.join(format!("{id}.r1.json.sha256")).is_file());
    assert!(sheets.join(format!("{id}.r1.json.sig")).is_file());
    // The secretary adds the assessor's line, as `ocop key` prints it, to the roster.
    let key = Command::new(BIN)
        .args(["key", "--data-dir"])
        .arg(root.path().join("data"))
        .env("HOME", root.path().join("home"))
        .env("OCOP_ASSESSOR", "Nguyễn Văn An")
        .output()
        .expect("ocop key");
    assert!(
        key.status.success(),
        "{}",
        String::from_utf8_lossy(&key.stderr)
    );
    std::fs::write(export.join("allowed_signers"), &key.stdout).expect("roster");
    let verify = Command::new(BIN)
        .args(["verify", export.to_str().expect("utf-8")])
        .env("HOME", root.path())
        .output()
        .expect("ocop verify");
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let list = ocop_json(root.path(), &["list", "--json"]);
    assert!(
        list.to_string().contains("ynced"),
        "the list shows the sheet synced: {list}"
    );
}

/// Waits (bounded) for the export folder to hold one sheet file; its sheet id.
fn exported_sheet(export: &Path) -> String {
    let deadline = std::time::Instant::now() + timeout();
    while std::time::Instant::now() < deadline {
        if let Some(id) = first_sheet_file(export) {
            return id;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("no sheet reached {} in time", export.display());
}

fn first_sheet_file(export: &Path) -> Option<String> {
    let sets = std::fs::read_dir(export.join("sheets")).ok()?;
    for set in sets.flatten() {
        for file in std::fs::read_dir(set.path()).ok()?.flatten() {
            let name = file.file_name().to_string_lossy().to_string();
            if let Some(id) = name.strip_suffix(".r1.json") {
                return Some(id.to_string());
            }
        }
    }
    None
}

#[test]
fn the_list_draws_and_quits_under_every_common_term() {
    if tmux_missing() {
        return;
    }
    for term in [
        "xterm-256color",
        "xterm",
        "screen",
        "tmux-256color",
        "linux",
    ] {
        let root = tempfile::tempdir().expect("tempdir");
        let pane = Pane::start_with(root.path(), &format!("TERM={term}"));
        pane.wait_for("Phiếu đánh giá");
        pane.wait_for("q thoát");
        pane.keys(&["q"]);
        pane.wait_dead();
    }
}

#[test]
fn a_resized_terminal_is_drawn_at_its_new_size() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = Pane::start(root.path());
    pane.wait_for("q thoát");
    pane.tmux(&["resize-window", "-t", "ocop", "-x", "60", "-y", "20"]);
    pane.wait_for("(đang 60×20)");
    pane.tmux(&["resize-window", "-t", "ocop", "-x", "100", "-y", "30"]);
    let screen = pane.wait_for("q thoát");
    assert!(!screen.contains("đang 60×20"), "{screen}");
    // The key line sits on the last of the 30 rows, and the frame spans the 100 columns.
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), 30, "{screen}");
    assert!(rows[29].contains("q thoát"), "{screen}");
    assert!(rows.iter().any(|r| r.chars().count() == 100), "{screen}");
    pane.keys(&["q"]);
    pane.wait_dead();
}

#[test]
fn a_pasted_megabyte_is_cut_not_a_hang() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = editing_a_note(root.path());
    let big = root.path().join("paste.txt");
    std::fs::write(&big, "ghi chú dài ".repeat(90_000)).expect("a megabyte");
    pane.tmux(&["load-buffer", "-b", "big", big.to_str().expect("utf-8")]);
    // -p: bracketed, as a terminal pastes.
    pane.tmux(&["paste-buffer", "-p", "-b", "big", "-t", "ocop"]);
    pane.keys(&["Escape"]);
    // The note shows once the whole paste is taken in; the wait is bounded, so a hang fails.
    pane.wait_for("Ghi chú: ghi chú dài");
    pane.keys(&["C-c"]);
    pane.wait_dead();
    drop(pane);
    let (_, stored) = only_sheet(root.path());
    let note = stored.note(&Code::new("1.1"));
    assert!(
        note.starts_with("ghi chú dài"),
        "the paste was kept: {:?}",
        &note[..40.min(note.len())]
    );
    assert!(note.chars().count() <= ocop_domain::text::NOTE_MAX_CHARS);
}

#[test]
fn an_input_method_rewriting_a_word_leaves_the_word_in_nfc() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = editing_a_note(root.path());
    // Telex "chef": the input method sends "che", then a backspace and the accented letter,
    // precomposed; some send the letter and a combining mark instead.
    pane.text("che");
    pane.keys(&["BSpace"]);
    pane.text("è ");
    pane.text("me");
    pane.keys(&["BSpace"]);
    pane.text("e\u{300}");
    pane.wait_for("chè mè");
    // One backspace deletes the whole "è", mark and all.
    pane.keys(&["BSpace"]);
    pane.text("ẹ");
    pane.keys(&["Escape"]);
    pane.wait_for("Ghi chú: chè mẹ");
    pane.keys(&["C-c"]);
    pane.wait_dead();
    drop(pane);
    let (_, stored) = only_sheet(root.path());
    assert_eq!(stored.note(&Code::new("1.1")), "chè mẹ");
}

#[test]
fn below_80_by_24_digit_keys_answer_nothing() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = Pane::start(root.path());
    new_tea_sheet(&pane, "Chè Cẩm Mỹ");
    pane.tmux(&["resize-window", "-t", "ocop", "-x", "60", "-y", "20"]);
    pane.wait_for("(đang 60×20)");
    pane.keys(&["1", "2", "1", "0"]);
    // The keys reach the program before the next resize does.
    std::thread::sleep(Duration::from_millis(300));
    pane.tmux(&["resize-window", "-t", "ocop", "-x", "80", "-y", "24"]);
    pane.wait_for("┌ 1.1  ");
    pane.keys(&["C-c"]);
    pane.wait_dead();
    let (_, sheet) = only_sheet(root.path());
    assert!(
        sheet.answers.is_empty(),
        "answered blind: {:?}",
        sheet.answers
    );
}

/// Fills the file system holding `path` to the last block.
fn fill_up(path: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).and_then(|()| file.flush()).is_ok() {}
}

#[test]
fn a_full_disk_is_said_with_the_folder_and_quitting_exits_1() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let _disk = match sync_common::Tmpfs::mount(&data, "size=4m") {
        Ok(disk) => disk,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let exit = root.path().join("exit-status");
    let pane = Pane::start_noting_exit(root.path(), &exit);
    new_tea_sheet(&pane, "Chè Cẩm Mỹ");
    fill_up(&data.join("filler"));
    // Answers, then the same criteria again from the review, until the disk says no.
    let mut said = false;
    for round in 0..400 {
        let keys: &[&str] = if round < 40 {
            &["1"]
        } else {
            &["Enter", "2", "Enter", "1"]
        };
        pane.keys(keys);
        std::thread::sleep(Duration::from_millis(20));
        if pane.screen().contains("Ổ đĩa đầy") {
            said = true;
            break;
        }
    }
    assert!(said, "the disk never filled:\n{}", pane.screen());
    let screen = pane.wait_for("Ổ đĩa đầy");
    assert!(screen.contains("chưa lưu"), "{screen}");
    pane.keys(&["C-c"]);
    assert_eq!(exit_status(&exit), "1", "{}", pane.screen());
    // Joined: the sentence wraps at 80 columns, the folder's path with it.
    let after = pane.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "ocop"]);
    assert!(after.contains(&data.display().to_string()), "{after}");
    assert!(after.contains("đã đầy"), "{after}");
}

#[test]
fn a_note_in_paragraphs_keeps_its_lines_on_screen_in_show_json_and_print() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = editing_a_note(root.path());
    // Enter breaks the line; Esc leaves, saving. (A line typed through tmux must not start
    // with "-", which tmux would read as a flag.)
    pane.text("Nhãn mới in");
    pane.keys(&["Enter"]);
    pane.text("1. chưa có mã QR");
    pane.keys(&["Enter"]);
    pane.text("2. bao bì đẹp");
    pane.wait_for("2. bao bì đẹp");
    let editing = pane.screen();
    assert!(
        editing.lines().any(|l| l.contains("│1. chưa có mã QR")),
        "each line of the note on a line of its own:\n{editing}"
    );
    pane.keys(&["Escape"]);
    pane.wait_until(|s| !s.contains("Esc xong"));
    pane.keys(&["C-c"]);
    pane.wait_dead();
    drop(pane);
    let (id, stored) = only_sheet(root.path());
    let note = "Nhãn mới in\n1. chưa có mã QR\n2. bao bì đẹp";
    assert_eq!(stored.note(&Code::new("1.1")), note);

    let data = root.path().join("data");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .output()
            .expect("ocop runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let shown = run(&["show", id.as_str()]);
    assert!(
        shown.lines().any(|l| l.trim() == "1. chưa có mã QR"),
        "{shown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["show", id.as_str(), "--json"])).expect("json");
    assert_eq!(json["answers"][0]["note"], note);
    let page = run(&["print", id.as_str()]);
    assert!(
        page.contains("Nhãn mới in\n1. chưa có mã QR\n2. bao bì đẹp"),
        "kept, under white-space: pre-wrap"
    );
}
