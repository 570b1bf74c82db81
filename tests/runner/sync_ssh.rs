//! `ocop sync` to `ssh://…`, through a real sshd on 127.0.0.1 and the system's ssh, with
//! `ocop receive` (the binary under test) on the other side: a demo folder delivered and
//! verified, nothing written twice, two laptops at once, the connection killed inside a
//! batch. The refusals are in `sync_ssh_refusals.rs`.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::ssh_common::sshd_or_skip;
use crate::ssh_sync_common::*;
use crate::sync_common::{
    assert_sound_but_the_demo_roster, files_with_mtimes, fill, ocop, run, text,
};

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
    assert_eq!(documents(&export), 40);
    // Every file the host wrote under sheets/ is counted, as it is on disk.
    let files = files_with_mtimes(&export.join("sheets")).len();
    assert!(
        text(&out.stderr).contains(&format!("synced 40 sheets (40 new, {files} files written)")),
        "{}",
        say(&out, &sshd)
    );
    assert_eq!(tree(&export), tree(&local), "the same files, byte for byte");
    let printed = tree(&export)
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(printed, 40, "each sheet's printable copy travelled with it");
    assert!(
        export.join("summary.csv").is_file(),
        "rebuilt on the receiving side"
    );
    let v = verify(&data, &export);
    assert_sound_but_the_demo_roster(v.status.code(), &text(&v.stdout));

    let before = files_with_mtimes(&export);
    let again = run(&mut sync(&sshd, &data, &sshd.target(&export), "en"));
    assert_eq!(again.status.code(), Some(0), "{}", say(&again, &sshd));
    assert!(
        text(&again.stderr).contains("(0 new, 0 files written)"),
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
    assert_sound_but_the_demo_roster(v.status.code(), &text(&v.stdout));
    let summary = fs::read_to_string(export.join("summary.csv")).expect("summary");
    assert_eq!(
        summary.lines().count(),
        301,
        "a header and one row per sheet"
    );
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
    assert_sound_but_the_demo_roster(v.status.code(), &text(&v.stdout));
    let again = run(&mut sync(&sshd, &data, &target, "en"));
    assert!(
        text(&again.stderr).contains("synced 0 sheets (0 new, 0 files written), 0 waiting"),
        "{}",
        say(&again, &sshd)
    );
}
