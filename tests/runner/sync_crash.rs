//! `ocop sync` killed (SIGKILL) at moments through its batch: what is visible in the folder is
//! always whole, and the next sync recognises what was written and finishes the job.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::sync_common::{assert_sound_but_the_demo_roster, files_with_mtimes, ocop, run, text};

/// Every visible sheet file parses and matches its digest when its digest is there.
fn assert_whole(export: &Path) {
    for (path, _) in files_with_mtimes(export) {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.starts_with('.') || !name.ends_with(".json") {
            continue;
        }
        let bytes = fs::read(&path).expect("readable");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("a whole document");
        assert_eq!(doc["schema"], "ocop-sheet/1");
        if let Ok(line) = fs::read_to_string(path.with_file_name(format!("{name}.sha256"))) {
            let digest = ocop_catalog::check::sha256_hex(&bytes);
            assert_eq!(line, format!("{digest}  {name}\n"), "a whole digest file");
        }
    }
}

#[test]
fn a_sync_killed_at_any_moment_leaves_whole_files_and_the_next_one_finishes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    let demo = run(&mut ocop(
        &data,
        None,
        &["demo", "--sheets", "200", "--seed", "3"],
    ));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    // Each round kills the sync once it has written a few more files than the round before,
    // so that the kill lands inside the batch, between writes or in the middle of one.
    for round in 1..=5 {
        let before = files_with_mtimes(&export).len();
        let mut child = ocop(&data, Some(&export), &["sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while files_with_mtimes(&export).len() < before + 7 * round
            && child.try_wait().expect("wait").is_none()
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_whole(&export);
        let seen = files_with_mtimes(&export).len();
        println!("round {round}: killed with {seen} files visible");
    }
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let verify = run(ocop(&data, None, &["verify"]).arg(&export));
    assert_sound_but_the_demo_roster(verify.status.code(), &text(&verify.stdout));
    let again = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!((again.status.code(), again.stdout), (Some(0), Vec::new()));
}
