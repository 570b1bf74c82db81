//! `ocop sync` into real folders, run as the real binary: two laptops at once, a folder that
//! appears late, one that cannot be written, one that fills up, names that try to escape.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use crate::sync_common::{
    self, Tmpfs, assert_sound_but_the_demo_roster, files_with_mtimes, fill, ocop, run, temp_files,
    text, write_roster,
};

const WAITING: i32 = 3;

fn sheet_files(export: &Path) -> Vec<std::path::PathBuf> {
    files_with_mtimes(&export.join("sheets"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect()
}

#[test]
fn two_laptops_sync_their_demo_folders_into_one_folder_at_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("share");
    fs::create_dir(&export).expect("share");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let mut finished = 0;
    for (data, seed) in [(&a, "1"), (&b, "2")] {
        let demo = run(&mut ocop(
            data,
            None,
            &["demo", "--sheets", "300", "--seed", seed],
        ));
        assert!(demo.status.success(), "{}", text(&demo.stderr));
        let store = ocop_store::Store::open(data).expect("store");
        finished += store.waiting().expect("waiting").len();
    }
    assert!(
        finished > 200,
        "the demo finishes about half its sheets: {finished}"
    );
    let spawn = |data: &Path| {
        ocop(data, Some(&export), &["sync"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (pa, pb) = (spawn(&a), spawn(&b));
    for out in [pa.wait_with_output(), pb.wait_with_output()] {
        let out = out.expect("waited");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
    assert_eq!(sheet_files(&export).len(), finished);
    assert!(temp_files(&export).is_empty(), "{:?}", temp_files(&export));
    let verify = run(ocop(&a, None, &["verify"]).arg(&export));
    assert_sound_but_the_demo_roster(verify.status.code(), &text(&verify.stdout));
    let csv = fs::read_to_string(export.join("summary.csv")).expect("summary");
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(
        csv.lines().count(),
        finished + 1,
        "a header and one row per sheet"
    );
    for path in sheet_files(&export) {
        let id = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .replace(".r1.json", "");
        assert!(csv.contains(&id), "{id} is in summary.csv");
    }
}

#[test]
fn sha256sum_accepts_the_digest_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 30, 3, &["Gạo nếp cái hoa vàng"]);
    assert_eq!(
        run(&mut ocop(&data, Some(&export), &["sync"]))
            .status
            .code(),
        Some(0)
    );
    let set = fs::read_dir(export.join("sheets"))
        .expect("sheets")
        .flatten()
        .map(|e| e.path())
        .next()
        .expect("a set folder");
    let sums: Vec<String> = fs::read_dir(&set)
        .expect("set folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sha256"))
        .collect();
    assert!(!sums.is_empty());
    let checked = std::process::Command::new("sha256sum")
        .arg("-c")
        .args(&sums)
        .current_dir(&set)
        .output();
    match checked {
        Err(e) => println!("skipped: sha256sum cannot run here ({e})"),
        Ok(out) => assert!(
            out.status.success(),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        ),
    }
}

#[test]
fn a_missing_folder_waits_and_once_created_is_synced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fill(&data, 5, 4, &["Nước mắm"]);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(WAITING));
    let lines = text(&out.stdout);
    assert_eq!(lines.lines().count(), 5, "{lines}");
    // Each reason is said in the interface's language: Vietnamese unless told otherwise.
    assert!(
        lines
            .lines()
            .all(|l| l.contains("không có hoặc không tới được")),
        "{lines}"
    );
    let out = run(&mut ocop(&data, Some(&export), &["sync", "--lang", "en"]));
    assert_eq!(out.status.code(), Some(WAITING));
    let lines = text(&out.stdout);
    assert!(
        lines
            .lines()
            .all(|l| l.contains("missing or not reachable")),
        "{lines}"
    );
    fs::create_dir(&export).expect("share");
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(sheet_files(&export).len(), 5);
}

#[test]
fn a_second_sync_with_nothing_new_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 20, 5, &["Miến dong"]);
    assert_eq!(
        run(&mut ocop(&data, Some(&export), &["sync"]))
            .status
            .code(),
        Some(0)
    );
    let before = files_with_mtimes(&export);
    std::thread::sleep(std::time::Duration::from_millis(50));
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"");
    assert_eq!(files_with_mtimes(&export), before);
}

#[test]
fn without_an_export_folder_sync_fails_naming_the_ways_to_set_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = run(&mut ocop(&tmp.path().join("data"), None, &["sync"]));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("--export-dir") && err.contains("OCOP_EXPORT_DIR"),
        "{err}"
    );
}

#[test]
fn an_unwritable_folder_leaves_sheets_waiting() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fill(&data, 3, 6, &["Chè"]);
    // Root writes through permission bits; a read-only mount stops it.
    let _mount = if sync_common::am_root() {
        match Tmpfs::mount(&export, "ro,size=64k") {
            Ok(m) => Some(m),
            Err(why) => return println!("skipped: running as root and {why}"),
        }
    } else {
        fs::create_dir(&export).expect("share");
        let mut perms = fs::metadata(&export).expect("meta").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        fs::set_permissions(&export, perms).expect("chmod");
        None
    };
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(WAITING), "{}", text(&out.stderr));
    let lines = text(&out.stdout);
    assert_eq!(lines.lines().count(), 3, "{lines}");
    assert!(lines.contains("không ghi được"), "{lines}");
}

#[test]
fn a_full_file_system_shows_nothing_half_written_and_a_later_sync_succeeds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fill(&data, 40, 7, &["Chè Shan tuyết"]);
    let mount = match Tmpfs::mount(&export, "size=64k") {
        Ok(m) => m,
        Err(why) => return println!("skipped: no small file system to fill ({why})"),
    };
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(WAITING));
    assert!(
        text(&out.stdout).contains("đã đầy"),
        "{}",
        text(&out.stdout)
    );
    assert!(temp_files(&export).is_empty(), "{:?}", temp_files(&export));
    for path in sheet_files(&export) {
        let bytes = fs::read(&path).expect("readable");
        assert!(
            serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            "{path:?} is whole"
        );
    }
    mount.remount("size=4m");
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(sheet_files(&export).len(), 40);
    write_roster(&export);
    let verify = run(ocop(&data, None, &["verify"]).arg(&export));
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stdout));
}

#[test]
fn a_product_named_like_a_path_cannot_steer_a_write() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 4, 8, &["../../etc", "a/b", "..", "/etc/passwd"]);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let mut outside: Vec<String> = fs::read_dir(tmp.path())
        .expect("tmp")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data.home")
        .collect();
    outside.sort();
    assert_eq!(outside, ["data", "share"].map(String::from).to_vec());
    for path in sheet_files(&export) {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("01JD08") && name.ends_with(".r1.json"),
            "{name}"
        );
        assert_eq!(
            path.parent().and_then(Path::parent),
            Some(export.join("sheets").as_path())
        );
    }
}

#[test]
fn a_symlinked_sheets_folder_pointing_outside_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    let outside = tmp.path().join("outside");
    fs::create_dir(&export).expect("share");
    fs::create_dir(&outside).expect("outside");
    std::os::unix::fs::symlink(&outside, export.join("sheets")).expect("symlink");
    fill(&data, 2, 9, &["Chè"]);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(WAITING));
    assert!(
        text(&out.stdout).contains("liên kết tượng trưng"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(fs::read_dir(&outside).expect("outside").count(), 0);
}
