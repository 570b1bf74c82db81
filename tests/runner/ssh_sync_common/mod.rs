//! Helpers for the tests of the sync over SSH: `ocop sync` pointed at the fixture's sshd,
//! and the checks on what arrived in the receiving folder.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::ssh_common::Sshd;
use crate::sync_common::{files_with_mtimes, ocop, run, text, write_roster};

pub const WAITING: i32 = 3;

/// `ocop sync` to `target` from `data`, with the fixture's ssh and the binary under test as
/// the remote `ocop`.
pub fn sync(sshd: &Sshd, data: &Path, target: &str, lang: &str) -> Command {
    let mut cmd = ocop(data, None, &["sync", "--lang", lang]);
    cmd.arg("--export-dir").arg(target);
    cmd.env("OCOP_SSH_COMMAND", sshd.ssh_command());
    cmd.env("OCOP_RECEIVE_COMMAND", env!("CARGO_BIN_EXE_ocop"));
    cmd
}

pub fn demo(data: &Path, sheets: &str, seed: &str) {
    let out = run(&mut ocop(
        data,
        None,
        &[
            "demo",
            "--sheets",
            sheets,
            "--finished",
            "100",
            "--seed",
            seed,
        ],
    ));
    assert!(out.status.success(), "{}", text(&out.stderr));
}

pub fn say(out: &Output, sshd: &Sshd) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}\nsshd: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr),
        sshd.log()
    )
}

/// Every file under `sheets/`, with its bytes.
pub fn tree(export: &Path) -> Vec<(PathBuf, Vec<u8>)> {
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

pub fn documents(export: &Path) -> usize {
    let json = |p: &PathBuf| p.extension().is_some_and(|x| x == "json");
    tree(export).iter().filter(|(p, _)| json(p)).count()
}

/// `ocop verify` on the host's folder, once its secretary has written the roster: the test
/// assessors' keys and the demo key (a sync over SSH writes no roster on the host).
pub fn verify(data: &Path, export: &Path) -> Output {
    write_roster(export);
    let demo = ocop_sign::demo_roster(&ocop_sign::demo_signer());
    let roster = export.join("allowed_signers");
    let mut lines = fs::read_to_string(&roster).expect("roster");
    lines.push_str(&demo);
    fs::write(&roster, lines).expect("roster");
    run(ocop(data, None, &["verify"]).arg(export))
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// `ssh` behind a script that leaves its process id where the test can find it.
pub fn ssh_that_tells_its_pid(sshd: &Sshd, dir: &Path) -> (String, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let (script, pid) = (dir.join("ssh-with-pid"), dir.join("ssh.pid"));
    let body = format!(
        "#!/bin/sh\necho $$ > {}.new && mv {0}.new {0}\nexec {} \"$@\"\n",
        pid.display(),
        sshd.ssh_command()
    );
    fs::write(&script, body).expect("script");
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).expect("chmod");
    (script.display().to_string(), pid)
}

/// Every file under a real name is whole: each document parses, and each `.sha256` there
/// matches its document.
pub fn assert_whole(export: &Path) {
    let files = tree(export);
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        if name.ends_with(".json") {
            let parsed = serde_json::from_slice::<serde_json::Value>(bytes);
            assert!(parsed.is_ok(), "{name} is whole");
        }
        if let Some(doc) = name.strip_suffix(".sha256") {
            let (_, doc_bytes) = files
                .iter()
                .find(|(p, _)| p.to_string_lossy() == doc)
                .expect("a .sha256 comes after its document");
            let digest = ocop_catalog::check::sha256_hex(doc_bytes);
            assert!(text(bytes).starts_with(&digest), "{name} matches");
        }
    }
}
