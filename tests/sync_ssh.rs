//! `ocop sync` to `ssh://…`, through a real sshd on 127.0.0.1 and the system's ssh, with
//! `ocop receive` (the binary under test) on the other side: a demo folder delivered and
//! verified, nothing written twice, two laptops at once, the connection killed inside a
//! batch, a changed host key, a missing folder, a missing `ocop`, a full disk.
#![cfg(unix)]

mod ssh_common;
mod sync_common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ssh_common::{Sshd, sshd_or_skip};
use sync_common::{Tmpfs, files_with_mtimes, fill, ocop, run, temp_files, text};

const WAITING: i32 = 3;

/// `ocop sync` to `target` from `data`, with the fixture's ssh and the binary under test as
/// the remote `ocop`.
fn sync(sshd: &Sshd, data: &Path, target: &str, lang: &str) -> Command {
    let mut cmd = ocop(data, None, &["sync", "--lang", lang]);
    cmd.arg("--export-dir").arg(target);
    cmd.env("OCOP_SSH_COMMAND", sshd.ssh_command());
    cmd.env("OCOP_RECEIVE_COMMAND", env!("CARGO_BIN_EXE_ocop"));
    cmd
}

fn demo(data: &Path, sheets: &str, seed: &str) {
    let out = run(&mut ocop(
        data,
        None,
        &["demo", "--sheets", sheets, "--finished", "100", "--seed", seed],
    ));
    assert!(out.status.success(), "{}", text(&out.stderr));
}

fn say(out: &Output, sshd: &Sshd) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}\nsshd: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr),
        sshd.log()
    )
}

/// Every file under `sheets/`, with its bytes.
fn tree(export: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let root = export.join("sheets");
    if !root.exists() {
        return Vec::new();
    }
    files_with_mtimes(&root)
        .into_iter()
        .map(|(p, _)| {
            let bytes = fs::read(&p).expect("readable");
            (p.strip_prefix(export).expect("inside").to_path_buf(), bytes)
        })
        .collect()
}

fn documents(export: &Path) -> usize {
    let json = |p: &PathBuf| p.extension().is_some_and(|x| x == "json");
    tree(export).iter().filter(|(p, _)| json(p)).count()
}

fn verify(data: &Path, export: &Path) -> Output {
    run(ocop(data, None, &["verify"]).arg(export))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

#[test]
fn a_demo_folder_syncs_over_ssh_as_it_would_into_a_folder_and_a_second_sync_writes_nothing() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    demo(&data, "40", "3");
    // The same sheets synced into a local folder, from a copy of the data folder.
    let (twin, local) = (tmp.path().join("twin"), tmp.path().join("local"));
    copy_dir(&data, &twin);
    fs::create_dir(&local).expect("local");
    assert_eq!(run(&mut ocop(&twin, Some(&local), &["sync"])).status.code(), Some(0));

    let out = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert!(text(&out.stderr).contains("synced 40 (40 written), 0 waiting"), "{}", say(&out, &sshd));
    assert_eq!(documents(&export), 40);
    assert_eq!(tree(&export), tree(&local), "the same files, byte for byte");
    assert!(export.join("summary.csv").is_file(), "rebuilt on the receiving side");
    let v = verify(&data, &export);
    assert_eq!(v.status.code(), Some(0), "{}{}", text(&v.stdout), text(&v.stderr));

    let before = files_with_mtimes(&export);
    let again = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(again.status.code(), Some(0), "{}", say(&again, &sshd));
    assert!(text(&again.stderr).contains("0 written"), "{}", say(&again, &sshd));
    assert_eq!(files_with_mtimes(&export), before, "nothing written the second time");
}
