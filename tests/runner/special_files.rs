//! Files that are not what their name says: a FIFO (anyone who can write a shared folder can
//! make one), `/dev/zero`, a 20 GB sparse file, an empty database. Every command that reads
//! one ends within seconds, with a sentence, and never waits on it or reads it whole.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::sync_common::{assert_said, fill, ocop, run, text, write_roster};

/// How long a command may take on a special file before it counts as hung.
const BOUND: Duration = Duration::from_secs(20);

fn mkfifo(path: &Path) {
    let _ = fs::remove_file(path);
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs `cmd` to its end, killing it and failing the test past `BOUND`.
fn bounded(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            break;
        }
        if started.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not end within {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let _ = child.stdout.take().map(|mut o| o.read_to_end(&mut stdout));
    let _ = child.stderr.take().map(|mut e| e.read_to_end(&mut stderr));
    Output {
        status: child.wait().expect("status"),
        stdout,
        stderr,
    }
}

/// A folder three signed sheets were synced into, with its roster; the first sheet's path.
fn synced(tmp: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (data, export) = (tmp.join("data"), tmp.join("share"));
    fs::create_dir(&export).expect("share");
    write_roster(&export);
    fill(&data, 3, 1, &["Chè"]);
    let sync = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stderr));
    let mut sheets: Vec<PathBuf> = fs::read_dir(export.join("sheets"))
        .expect("sheets")
        .flatten()
        .flat_map(|set| fs::read_dir(set.path()).expect("set").flatten())
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    sheets.sort();
    (data, export, sheets.remove(0))
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every reader of the folder, in every format: each ends, and `verify` names the file.
fn every_reader_ends(data: &Path, export: &Path, named: &str) {
    let verify = bounded(ocop(data, None, &["--lang", "en", "verify"]).arg(export));
    assert_eq!(verify.status.code(), Some(1), "{}", text(&verify.stdout));
    let found = text(&verify.stdout) + &text(&verify.stderr);
    assert!(found.contains(named), "{named} in {found}");
    for format in ["table", "csv", "json", "html"] {
        let council = bounded(
            ocop(data, None, &["council", "--format", format])
                .arg(export)
                .arg("-o")
                .arg(export.with_extension(format)),
        );
        assert!(council.status.code().is_some(), "{format}");
    }
    let due = bounded(ocop(data, None, &["due"]).arg(export));
    assert!(due.status.code().is_some());
}

#[test]
fn a_fifo_beside_a_sheet_or_as_the_roster_is_named_and_never_waited_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, sheet) = synced(tmp.path());
    mkfifo(&beside(&sheet, ".sig"));
    every_reader_ends(&data, &export, "is a FIFO (named pipe), not a regular file");
    // A sync into that folder rebuilds the summaries, which read every sheet's signature.
    let more = tmp.path().join("more");
    fill(&more, 1, 2, &["Mật ong"]);
    let sync = bounded(&mut ocop(&more, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stderr));
    mkfifo(&beside(&sheet, ".sha256"));
    every_reader_ends(&data, &export, "is a FIFO");
    mkfifo(&export.join("allowed_signers"));
    every_reader_ends(&data, &export, "allowed_signers");
}

#[test]
fn a_fifo_or_a_device_as_a_certificate_config_or_key_ends_with_a_sentence() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, _) = synced(tmp.path());
    let certs = export.join("certificates");
    fs::create_dir_all(&certs).expect("certificates");
    mkfifo(&certs.join("25-7912-00-2026.2026-01-10.json"));
    let due = bounded(ocop(&data, None, &["--lang", "en", "due"]).arg(&export));
    assert_said(&due, "is a FIFO");
    let fifo = tmp.path().join("fifo");
    mkfifo(&fifo);
    for special in [fifo.as_path(), Path::new("/dev/zero")] {
        let config = bounded(
            ocop(&data, None, &["--lang", "en", "list"])
                .arg("--config")
                .arg(special),
        );
        assert_eq!(config.status.code(), Some(1), "{}", text(&config.stderr));
        assert_said(&config, "not a regular file");
        let key = bounded(
            ocop(&data, None, &["--lang", "en", "--assessor-id", "an", "key"])
                .arg("--signing-key")
                .arg(special),
        );
        assert_eq!(key.status.code(), Some(1), "{}", text(&key.stderr));
        assert_said(&key, "not a regular file");
    }
}

#[test]
fn the_database_or_journal_as_a_fifo_and_an_empty_database_are_refused_and_kept() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    fill(&data, 2, 1, &["Chè"]);
    for name in ["ocop.journal", "ocop.redb"] {
        let path = data.join(name);
        let kept = tmp.path().join(name);
        if path.exists() {
            fs::rename(&path, &kept).expect("aside");
        }
        mkfifo(&path);
        let list = bounded(&mut ocop(&data, None, &["--lang", "en", "list"]));
        assert_eq!(
            list.status.code(),
            Some(1),
            "{name}: {}",
            text(&list.stdout)
        );
        assert!(
            text(&list.stderr).contains("not a regular file"),
            "{name}: {}",
            text(&list.stderr)
        );
        fs::remove_file(&path).expect("fifo");
        if kept.exists() {
            fs::rename(&kept, &path).expect("back");
        }
    }
    // A bad copy: the database emptied. Refused like a damaged one, and left as it is.
    let db = data.join("ocop.redb");
    fs::write(&db, b"").expect("emptied");
    let list = bounded(&mut ocop(&data, None, &["--lang", "en", "list"]));
    assert_eq!(list.status.code(), Some(1), "{}", text(&list.stdout));
    assert_said(&list, "it is empty (0 bytes)");
    assert_eq!(fs::metadata(&db).expect("kept").len(), 0, "left as it is");
}

#[test]
fn a_peer_that_says_nothing_lets_the_receiver_go_with_a_sentence() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("share");
    fs::create_dir(&export).expect("share");
    let mut child = ocop(&tmp.path().join("host"), None, &["--lang", "en", "receive"])
        .arg(&export)
        .env("OCOP_RECEIVE_IDLE_SECONDS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // The laptop's end of the pipe stays open and says nothing.
    let _held = child.stdin.take();
    let started = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > BOUND {
            let _ = child.kill();
            panic!("the receiver waited past {BOUND:?} on a silent peer");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(1));
    assert_said(&out, "nothing came from the laptop for 1 s");
}

#[test]
fn sentences_about_a_missing_folder_never_carry_raw_escapes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    // A folder name that would clear the screen and retitle the terminal if printed raw.
    let missing = tmp.path().join("gone\u{1b}[2J\u{1b}]0;pwned\u{7}");
    let certify = [
        "certify",
        "--product",
        "25-7912-00-2026",
        "--date",
        "2026-01-10",
        "--stars",
        "4",
    ];
    let runs: [&[&str]; 5] = [&["due"], &certify, &["receive"], &["verify"], &["council"]];
    for args in runs {
        let out = bounded(ocop(&data, None, args).arg(&missing));
        let said = text(&out.stderr);
        assert!(out.status.code() != Some(0), "{args:?}: {said}");
        assert!(!said.is_empty(), "{args:?} says why");
        assert!(
            !said.contains('\u{1b}') && !said.contains('\u{7}'),
            "{args:?}: {said:?}"
        );
    }
    let config = bounded(
        ocop(&data, None, &["config"])
            .arg("--rubrics")
            .arg(&missing),
    );
    let said = text(&config.stderr);
    assert!(!said.is_empty() && !said.contains('\u{1b}'), "{said:?}");
    let shown = text(&config.stdout);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

#[test]
fn a_file_name_that_is_not_utf8_is_named_as_such() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, sheet) = synced(tmp.path());
    let set = sheet.parent().expect("its set");
    let odd = set.join(std::ffi::OsStr::from_bytes(b"\xff\xfe.json"));
    fs::write(&odd, b"{}").expect("an odd name");
    let verify = bounded(ocop(&data, None, &["--lang", "en", "verify"]).arg(&export));
    let found = text(&verify.stdout);
    assert_eq!(verify.status.code(), Some(1), "{found}");
    assert!(found.contains("has a name that is not UTF-8"), "{found}");
    assert!(!found.contains("No such file"), "{found}");
}
