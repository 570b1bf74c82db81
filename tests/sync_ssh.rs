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
    assert_eq!(
        run(&mut ocop(&twin, Some(&local), &["sync"])).status.code(),
        Some(0)
    );

    let out = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert!(
        text(&out.stderr).contains("synced 40 (40 written), 0 waiting"),
        "{}",
        say(&out, &sshd)
    );
    assert_eq!(documents(&export), 40);
    assert_eq!(tree(&export), tree(&local), "the same files, byte for byte");
    assert!(
        export.join("summary.csv").is_file(),
        "rebuilt on the receiving side"
    );
    let v = verify(&data, &export);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );

    let before = files_with_mtimes(&export);
    let again = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(again.status.code(), Some(0), "{}", say(&again, &sshd));
    assert!(
        text(&again.stderr).contains("0 written"),
        "{}",
        say(&again, &sshd)
    );
    assert_eq!(
        files_with_mtimes(&export),
        before,
        "nothing written the second time"
    );
}

#[test]
fn two_laptops_sync_over_ssh_into_one_folder_at_once() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("province");
    fs::create_dir(&export).expect("export");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    fill(&a, 150, 1, &["Chè Shan tuyết"]);
    fill(&b, 150, 2, &["Chè Shan tuyết"]);
    let target = sshd.target(&export);
    let spawn = |data: &Path| {
        sync(&sshd, data, &target, "en")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (pa, pb) = (spawn(&a), spawn(&b));
    for out in [pa.wait_with_output(), pb.wait_with_output()] {
        let out = out.expect("waited");
        assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    }
    assert_eq!(documents(&export), 300);
    let v = verify(&a, &export);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );
    let summary = fs::read_to_string(export.join("summary.csv")).expect("summary");
    assert_eq!(
        summary.lines().count(),
        301,
        "a header and one row per sheet"
    );
}

/// `ssh` behind a script that leaves its process id where the test can find it.
fn ssh_that_tells_its_pid(sshd: &Sshd, dir: &Path) -> (String, PathBuf) {
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
fn assert_whole(export: &Path) {
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
            let digest = ocop_assess::catalog::check::sha256_hex(doc_bytes);
            assert!(text(bytes).starts_with(&digest), "{name} matches");
        }
    }
}

#[test]
fn ssh_killed_inside_a_batch_leaves_whole_files_and_the_next_sync_delivers_everything() {
    let Some(sshd) = sshd_or_skip() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("province"));
    fs::create_dir(&export).expect("export");
    fill(&data, 300, 4, &["Chè Shan tuyết", "Mật ong bạc hà"]);
    let (script, pid_file) = ssh_that_tells_its_pid(&sshd, tmp.path());
    let target = sshd.target(&export);
    // How long a whole batch takes here, from a copy of the laptop into another folder: the
    // cuts fall anywhere from the connection to the last answer.
    let (twin, other) = (tmp.path().join("twin"), tmp.path().join("other"));
    copy_dir(&data, &twin);
    fs::create_dir(&other).expect("other");
    let started = std::time::Instant::now();
    let whole = run(&mut sync(&sshd, &twin, &sshd.target(&other), "en"));
    assert_eq!(whole.status.code(), Some(0), "{}", say(&whole, &sshd));
    let span = u64::try_from(started.elapsed().as_millis())
        .unwrap_or(1000)
        .max(50);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.subsec_nanos());
    let mut seed = u64::from(nanos) | 1;
    let mut cut = 0;
    for round in 0..6 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = std::time::Duration::from_millis(span / 5 + (seed >> 33) % span);
        let _ = fs::remove_file(&pid_file);
        let mut cmd = sync(&sshd, &data, &target, "en");
        cmd.env("OCOP_SSH_COMMAND", &script);
        let child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        if let Ok(pid) = fs::read_to_string(&pid_file) {
            let killed = Command::new("kill").args(["-KILL", pid.trim()]).status();
            assert!(killed.is_ok());
        }
        let out = child.wait_with_output().expect("waited");
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(WAITING)),
            "round {round} after {delay:?}: {}",
            say(&out, &sshd)
        );
        cut += usize::from(code == Some(WAITING));
        println!(
            "round {round}: cut after {delay:?}, {} documents there",
            documents(&export)
        );
        assert_whole(&export);
    }
    println!("the connection was cut inside {cut} of 6 batches");
    let out = run(&mut sync(&sshd, &data, &target, "en"));
    assert_eq!(out.status.code(), Some(0), "{}", say(&out, &sshd));
    assert_eq!(documents(&export), 300);
    assert_whole(&export);
    let v = verify(&data, &export);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );
    let again = run(&mut sync(&sshd, &data, &target, "en"));
    assert!(
        text(&again.stderr).contains("synced 0 (0 written), 0 waiting"),
        "{}",
        say(&again, &sshd)
    );
}

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
        text(&out.stderr).contains("synced 5 (5 written)"),
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
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );
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
    use ocop_assess::sync::wire::{self, Message, Placed, Problem};
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
        sha256: format!(
            "{}  {file}\n",
            ocop_assess::catalog::check::sha256_hex(&document)
        )
        .into_bytes(),
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
