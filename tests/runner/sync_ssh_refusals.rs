//! What a sync over SSH refuses, and how it says so, through a real sshd on 127.0.0.1: a
//! changed host key, a missing folder, a missing or old `ocop`, a full disk, an unreachable
//! host, a refused key, and a key forced to `ocop receive` that can do nothing else.

use std::fs;

use std::process::{Command, Stdio};

use crate::ssh_common::{Sshd, sshd_or_skip};
use crate::ssh_sync_common::*;
use crate::sync_common::{Tmpfs, assert_sound_but_the_demo_roster, fill, run, temp_files, text};

#[test]
fn a_changed_host_key_is_refused_and_the_sheets_wait() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    fill(&data, 5, 5, &["Chè Shan tuyết"]);
    sshd.change_known_host_key().expect("other key");
    let target = sshd.target(&export);
    let out = run(&mut sync(&sshd, &data, &target, "vi"));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(
        text(&out.stdout).contains("đã THAY ĐỔI"),
        "{}",
        say(&out, &sshd)
    );
    assert_eq!(
        text(&out.stdout).lines().count(),
        5,
        "one line per waiting sheet"
    );
    let out = run(&mut sync(&sshd, &data, &target, "en"));
    assert!(
        text(&out.stdout).contains("has CHANGED"),
        "{}",
        say(&out, &sshd)
    );
    assert!(tree(&export).is_empty(), "nothing was sent");
    sshd.trust_host_key().expect("real key");
    let out = run(&mut sync(&sshd, &data, &target, "en"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert!(
        text(&out.stderr).contains("synced 5 sheets (5 new, "),
        "{}",
        say(&out, &sshd)
    );
}

#[test]
fn a_missing_remote_folder_waits_with_a_sentence_and_is_synced_once_there() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fill(&data, 3, 6, &["Chè Shan tuyết"]);
    let target = sshd.target(&export);
    let out = run(&mut sync(&sshd, &data, &target, "vi"));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    let sentence = format!("không có thư mục {}", export.display());
    assert!(
        text(&out.stdout).contains(&sentence),
        "{}",
        say(&out, &sshd)
    );
    assert!(
        !export.exists(),
        "the receiver creates no folder it was not given"
    );
    fs::create_dir(&export).expect("export");
    let out = run(&mut sync(&sshd, &data, &target, "vi"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert_eq!(documents(&export), 3);
}

#[test]
fn a_host_without_ocop_or_with_an_old_one_is_named_as_such() {
    let Some(sshd) = sshd_or_skip() else { return };
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    fill(&data, 2, 8, &["Chè Shan tuyết"]);
    let target = sshd.target(&export);
    let missing = tmp.path().join("no-such-ocop");
    let out = run(sync(&sshd, &data, &target, "vi").env("OCOP_RECEIVE_COMMAND", &missing));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(
        text(&out.stdout).contains("chưa cài ocop"),
        "{}",
        say(&out, &sshd)
    );
    // An ocop from before `receive`: clap's answer to an unknown subcommand.
    let old = tmp.path().join("old-ocop");
    let script = "#!/bin/sh\necho \"error: unrecognized subcommand '$1'\" >&2\nexit 2\n";
    fs::write(&old, script).expect("script");
    fs::set_permissions(&old, fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = run(sync(&sshd, &data, &target, "en").env("OCOP_RECEIVE_COMMAND", &old));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(
        text(&out.stdout).contains("too old"),
        "{}",
        say(&out, &sshd)
    );
    assert!(tree(&export).is_empty());
}

#[test]
fn a_full_remote_disk_shows_nothing_half_written_and_a_later_sync_succeeds() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fill(&data, 40, 9, &["Chè Shan tuyết"]);
    let mount = match Tmpfs::mount(&export, "size=64k") {
        Ok(m) => m,
        Err(why) => return println!("skipped: no small file system to fill ({why})"),
    };
    let target = sshd.target(&export);
    let out = run(&mut sync(&sshd, &data, &target, "vi"));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(text(&out.stdout).contains("đã đầy"), "{}", say(&out, &sshd));
    assert!(temp_files(&export).is_empty(), "{:?}", temp_files(&export));
    assert_whole(&export);
    mount.remount("size=4m");
    let out = run(&mut sync(&sshd, &data, &target, "vi"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert_eq!(documents(&export), 40);
    let v = verify(&data, &export);
    assert_sound_but_the_demo_roster(v.status.code(), &text(&v.stdout));
}

/// `ssh` with a client config, to `user@127.0.0.1` on the fixture's port, running `remote`.
fn raw_ssh(sshd: &Sshd, config: &str, remote: &[&str]) -> Command {
    let mut words = sshd.ssh_command_with(config);
    words.push_str(&format!(" -T -o BatchMode=yes -p {}", sshd.port));
    let mut parts = words.split_whitespace();
    let mut cmd = Command::new(parts.next().expect("ssh"));
    cmd.args(parts)
        .arg(format!("{}@127.0.0.1", sshd.user))
        .args(remote);
    cmd
}

#[test]
fn a_key_forced_to_ocop_receive_adds_sheets_and_can_do_nothing_else() {
    use ocop_transport::wire::{self, Message, Placed, Problem};
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    fill(&data, 4, 10, &["Chè Shan tuyết"]);
    let forced = format!(
        "command=\"{} receive {}\",restrict",
        env!("CARGO_BIN_EXE_ocop"),
        export.display()
    );
    let config = sshd.add_client_key("laptop_key", &forced).expect("key");

    // It delivers sheets, whatever folder the laptop names.
    let elsewhere = sshd.target(&tmp.path().join("elsewhere"));
    let out = run(sync(&sshd, &data, &elsewhere, "en")
        .env("OCOP_SSH_COMMAND", sshd.ssh_command_with(&config)));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert_eq!(documents(&export), 4);

    // No shell: the command asked for never runs, the receiver answers instead.
    let marker = tmp.path().join("pwned");
    let touch = format!("touch {}", marker.display());
    let shell = raw_ssh(&sshd, &config, &[&touch])
        .stdin(Stdio::null())
        .output()
        .expect("ssh");
    assert!(!marker.exists(), "a forced key ran a shell command");
    assert!(
        shell.stdout.starts_with(b"H"),
        "the receiver's hello: {}",
        text(&shell.stdout)
    );
    let login = raw_ssh(&sshd, &config, &[])
        .stdin(Stdio::null())
        .output()
        .expect("ssh");
    assert!(
        login.stdout.starts_with(b"H"),
        "no login shell: {}",
        text(&login.stdout)
    );

    // No overwrite, and no name of the laptop's choosing.
    let before = tree(&export);
    let (path, bytes) = before
        .iter()
        .find(|(p, _)| p.extension().is_some_and(|x| x == "json"))
        .expect("a document")
        .clone();
    let mut doc: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    doc["total"] = serde_json::json!(100);
    doc["comment"] = serde_json::json!("sửa lén");
    let forged = serde_json::to_vec(&doc).expect("bytes");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    let id = name.split('.').next().expect("id").to_string();
    let set = doc["rubric"]["set_id"].as_str().expect("set").to_string();
    let sheet = |id: &str, set: &str, document: Vec<u8>, file: &str| wire::Sheet {
        id: id.into(),
        revision: 1,
        set_id: set.into(),
        sha256: format!("{}  {file}\n", ocop_catalog::check::sha256_hex(&document)).into_bytes(),
        document,
        companions: Vec::new(),
    };
    let mut child = raw_ssh(&sshd, &config, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("ssh");
    let (mut input, mut output) = (
        child.stdin.take().expect("in"),
        child.stdout.take().expect("out"),
    );
    assert!(matches!(wire::read(&mut output), Ok(Message::Hello(_))));
    let send =
        |m: Message, input: &mut std::process::ChildStdin| wire::write(input, &m).expect("send");
    send(Message::Start(wire::Start { version: 1 }), &mut input);
    send(
        Message::Sheet(Box::new(sheet(&id, &set, forged.clone(), &name))),
        &mut input,
    );
    send(
        Message::Sheet(Box::new(sheet("../../../tmp/x", &set, forged.clone(), "x"))),
        &mut input,
    );
    send(
        Message::Sheet(Box::new(sheet(&id, "../../..", forged, &name))),
        &mut input,
    );
    send(Message::Commit, &mut input);
    drop(input);
    let Ok(Message::Answer(first)) = wire::read(&mut output) else {
        panic!("an answer")
    };
    assert!(
        matches!(first.files[0].placed, Placed::Conflict { .. }),
        "{first:?}"
    );
    for _ in 0..2 {
        let Ok(Message::Answer(a)) = wire::read(&mut output) else {
            panic!("an answer")
        };
        assert_eq!(a.failed.map(|f| f.problem), Some(Problem::Refused));
    }
    assert!(matches!(wire::read(&mut output), Ok(Message::Durable(_))));
    let _ = child.wait();
    assert_eq!(tree(&export), before, "nothing changed in the folder");
    assert!(!tmp.path().join("tmp").exists());
}

#[test]
fn an_unreachable_host_and_a_refused_key_are_named_and_the_sheets_wait() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    fill(&data, 2, 12, &["Chè Shan tuyết"]);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let nowhere = format!("ssh://{}@127.0.0.1:{port}{}", sshd.user, export.display());
    let out = run(&mut sync(&sshd, &data, &nowhere, "vi"));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(
        text(&out.stdout).contains("Không kết nối được tới 127.0.0.1"),
        "{}",
        say(&out, &sshd)
    );
    let config = sshd.add_unknown_client_key("stranger_key").expect("key");
    let mut cmd = sync(&sshd, &data, &sshd.target(&export), "en");
    let out = run(cmd.env("OCOP_SSH_COMMAND", sshd.ssh_command_with(&config)));
    assert_eq!(out.status.code(), Some(WAITING), "{}", say(&out, &sshd));
    assert!(
        text(&out.stdout).contains("authentication refused"),
        "{}",
        say(&out, &sshd)
    );
    assert!(tree(&export).is_empty());
    let out = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
}
