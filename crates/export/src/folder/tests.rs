use super::*;

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const NAME: &str = "01JD0000000000000000000001.r1.json";

#[test]
fn writes_a_file_and_its_digest_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    assert_eq!(folder.put("tea", NAME, b"{}\n").expect("put"), Put::Written);
    assert_eq!(
        folder.put("tea", NAME, b"{}\n").expect("put"),
        Put::AlreadyThere
    );
    folder.flush().expect("flush");
    let dir = tmp.path().join("sheets/tea");
    assert_eq!(
        files(&dir),
        vec![NAME.to_string(), format!("{NAME}.sha256")]
    );
    let line = fs::read_to_string(dir.join(format!("{NAME}.sha256"))).expect("digest");
    assert_eq!(line, digest_line(&sha256_hex(b"{}\n"), NAME));
}

#[test]
fn other_content_under_the_same_name_is_a_conflict_and_nothing_is_overwritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    folder.put("tea", NAME, b"first\n").expect("put");
    let err = folder.put("tea", NAME, b"second\n").expect_err("conflict");
    assert!(err.is_conflict(), "{err}");
    let message = err.to_string();
    assert!(message.contains(&sha256_hex(b"first\n")), "{message}");
    assert!(message.contains(&sha256_hex(b"second\n")), "{message}");
    let kept = fs::read(tmp.path().join("sheets/tea").join(NAME)).expect("kept");
    assert_eq!(kept, b"first\n");
    assert_eq!(
        files(&tmp.path().join("sheets/tea")).len(),
        2,
        "no temp left"
    );
}

#[test]
fn a_missing_digest_beside_a_complete_file_is_written_on_the_next_sync() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    folder.put("tea", NAME, b"x\n").expect("put");
    let sum = tmp.path().join("sheets/tea").join(format!("{NAME}.sha256"));
    fs::remove_file(&sum).expect("remove");
    assert_eq!(
        folder.put("tea", NAME, b"x\n").expect("put"),
        Put::AlreadyThere
    );
    assert!(sum.is_file());
}

#[test]
fn names_come_only_from_valid_ids() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    for (set, name) in [
        ("../../etc", NAME),
        ("a/b", NAME),
        ("Tea", NAME),
        ("", NAME),
        ("tea", "../x.json"),
        ("tea", ".hidden.json"),
        ("tea", "a/b.json"),
    ] {
        let err = folder.put(set, name, b"x").expect_err("refused");
        assert!(
            matches!(err, WriteError::BadName { .. }),
            "{set}/{name}: {err}"
        );
    }
    assert!(!tmp.path().join("sheets").exists(), "nothing was created");
}

#[cfg(unix)]
#[test]
fn a_symlinked_sheets_folder_pointing_outside_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), tmp.path().join(SHEETS)).expect("symlink");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    let err = folder.put("tea", NAME, b"x").expect_err("refused");
    assert!(matches!(err, WriteError::Symlink { .. }), "{err}");
    assert!(files(outside.path()).is_empty(), "nothing written outside");
}

#[cfg(unix)]
#[test]
fn a_symlinked_set_folder_or_file_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    fs::create_dir(tmp.path().join(SHEETS)).expect("sheets");
    let sets = tmp.path().join(SHEETS);
    std::os::unix::fs::symlink(outside.path(), sets.join("tea")).expect("symlink");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    let err = folder.put("tea", NAME, b"x").expect_err("refused");
    assert!(matches!(err, WriteError::Symlink { .. }), "{err}");
    fs::create_dir(sets.join("rice")).expect("rice");
    let target = outside.path().join("victim");
    std::os::unix::fs::symlink(&target, sets.join("rice").join(NAME)).expect("symlink");
    let err = folder.put("rice", NAME, b"x").expect_err("refused");
    assert!(matches!(err, WriteError::Symlink { .. }), "{err}");
    assert!(files(outside.path()).is_empty(), "nothing written outside");
}

#[test]
fn a_missing_folder_is_not_reachable_and_is_never_created() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("share");
    assert!(!folder_reachable(&missing));
    let err = Folder::open(&missing).expect_err("missing");
    assert!(matches!(err, WriteError::Missing { .. }), "{err}");
    assert!(!missing.exists());
}

#[test]
fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("sheets/tea");
    fs::create_dir_all(&dir).expect("mkdir");
    let old = dir.join(".x.r1.json.01ABC.tmp");
    let fresh = dir.join(".y.r1.json.01ABD.tmp");
    fs::write(&old, b"{").expect("old");
    fs::write(&fresh, b"{").expect("fresh");
    let long_ago = std::time::SystemTime::now() - STALE - Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(&old)
        .and_then(|f| f.set_modified(long_ago))
        .expect("set mtime");
    let mut folder = Folder::open(tmp.path()).expect("reachable");
    folder.put("tea", NAME, b"x").expect("put");
    assert!(!old.exists(), "a crash's leftover is swept");
    assert!(
        fresh.exists(),
        "another laptop's write in progress is left alone"
    );
}
