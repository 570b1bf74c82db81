//! Signed sheets with the real binary and stock OpenSSH: a demo export checks with
//! `ssh-keygen -Y verify`; a forged sheet, a signer outside the roster, a signature moved onto
//! another sheet and a revoked key are refused by `ocop verify` and left out of the council;
//! an ssh-agent signs for a key whose private half is not readable here.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::sync_common::{
    Agent, assert_said, assert_sound_but_the_demo_roster, fill, is_demo_roster_line, ocop, run,
    sheet_files, text,
};

fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-?").output().is_ok();
    if !found {
        println!("skipped: {tool} is not installed");
    }
    found
}

/// Thirty demo sheets, every one finished, synced into a new export folder.
fn demo_export(tmp: &Path) -> (PathBuf, PathBuf) {
    crate::sync_common::demo_export(tmp, 30)
}

/// `ocop verify`, its findings in English (`--lang en`).
fn verify(data: &Path, export: &Path) -> (Option<i32>, String) {
    let out = run(ocop(data, None, &["--lang", "en", "verify"]).arg(export));
    (out.status.code(), text(&out.stdout))
}

/// `ocop council --format json`: every counted member's sheet id, and the sheets not counted.
fn council(data: &Path, export: &Path, extra: &[&str]) -> (Vec<String>, Vec<String>) {
    let out = run(ocop(data, None, &["council", "--format", "json"])
        .arg(export)
        .args(extra));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let review: Value = serde_json::from_slice(&out.stdout).expect("json");
    let members = review["products"].as_array().expect("products").iter();
    let counted = members
        .flat_map(|p| p["members"].as_array().expect("members").clone())
        .map(|m| m["sheet_id"].as_str().expect("id").to_string())
        .collect();
    let left_out = review["not_counted"]
        .as_array()
        .expect("not counted")
        .iter();
    let left_out = left_out.map(|n| n["file"].as_str().expect("file").to_string());
    (counted, left_out.collect())
}

fn sheet_id(path: &Path) -> String {
    let name = path.file_name().expect("name").to_string_lossy();
    name.split('.').next().expect("id").to_string()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn stock_ssh_keygen_verifies_every_file_of_a_demo_export() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    assert!(export.join("allowed_signers").is_file(), "the demo roster");
    let (code, found) = verify(&data, &export);
    assert_sound_but_the_demo_roster(code, &found);
    if !have("ssh-keygen") {
        return;
    }
    let files = sheet_files(&export);
    assert_eq!(files.len(), 30);
    for file in files {
        let doc: Value = serde_json::from_slice(&fs::read(&file).expect("read")).expect("json");
        let principal = doc["assessor"]["id"].as_str().expect("assessor id");
        let out = Command::new("ssh-keygen")
            .args(["-Y", "verify", "-f"])
            .arg(export.join("allowed_signers"))
            .args(["-I", principal, "-n", "ocop-sheet", "-s"])
            .arg(with_suffix(&file, ".sig"))
            .stdin(fs::File::open(&file).expect("open"))
            .output()
            .expect("ssh-keygen runs");
        assert!(
            out.status.success(),
            "{}: {}",
            file.display(),
            text(&out.stderr)
        );
    }
}

#[test]
fn a_forged_sheet_is_refused_and_not_counted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    let path = sheet_files(&export).remove(0);
    let mut doc: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    // Points raised on an answer and on the total, and the digest recomputed.
    let answers = doc["answers"].as_array_mut().expect("answers");
    let answer = answers
        .iter_mut()
        .find(|a| a["points"].as_u64().is_some_and(|p| p > 0))
        .expect("a scored answer");
    let points = answer["points"].as_u64().expect("points");
    answer["points"] = Value::from(points + 1);
    let total = doc["total"].as_u64().expect("total");
    doc["total"] = Value::from(total + 1);
    let bytes = ocop_export::document::canonical_bytes(&doc);
    fs::write(&path, &bytes).expect("forge");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let digest = ocop_catalog::check::sha256_hex(&bytes);
    fs::write(with_suffix(&path, ".sha256"), format!("{digest}  {name}\n")).expect("digest");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert!(out.contains(&path.display().to_string()), "{out}");
    assert!(out.contains("does not match its content"), "{out}");
    let named = out
        .lines()
        .filter(|l| !l.starts_with(&path.display().to_string()) && !is_demo_roster_line(l));
    assert_eq!(named.count(), 0, "only the forged sheet: {out}");
    let (counted, left_out) = council(&data, &export, &[]);
    assert!(!counted.contains(&sheet_id(&path)), "{counted:?}");
    assert!(left_out.iter().any(|f| f.ends_with(&name)), "{left_out:?}");
    // Asked to count unsigned sheets, the council still counts no figure its answers do not
    // give: the raised total is a lie whoever signed it.
    let (counted, left_out) = council(&data, &export, &["--include-unsigned"]);
    assert!(!counted.contains(&sheet_id(&path)), "{counted:?}");
    assert!(left_out.iter().any(|f| f.ends_with(&name)), "{left_out:?}");
}

#[test]
fn a_signer_outside_the_roster_or_revoked_does_not_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    let demo_roster = fs::read_to_string(export.join("allowed_signers")).expect("roster");
    let stranger = ocop_sign::seeded(&[42; 32], "stranger");
    let line = ocop_sign::allowed_signers_line("*", stranger.public());
    fs::write(export.join("allowed_signers"), format!("{line}\n")).expect("roster");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert_eq!(
        out.matches("is not in allowed_signers").count(),
        30,
        "{out}"
    );
    let (counted, left_out) = council(&data, &export, &[]);
    assert!(counted.is_empty() && left_out.len() == 30, "{counted:?}");
    // The right roster, but the demo key revoked.
    fs::write(export.join("allowed_signers"), &demo_roster).expect("roster");
    let demo_line = demo_roster.lines().last().expect("key line");
    let key = demo_line.split_once(' ').expect("principals").1;
    let key = key.split_once(' ').expect("options").1;
    fs::write(export.join("revoked_keys"), format!("{key}\n")).expect("revoked");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert_eq!(
        out.matches("which revoked_keys revokes").count(),
        30,
        "{out}"
    );
    assert!(council(&data, &export, &[]).0.is_empty());
}

#[test]
fn a_signature_moved_onto_another_sheet_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    let files = sheet_files(&export);
    let (a, b) = (&files[0], &files[1]);
    fs::remove_file(with_suffix(b, ".sig")).expect("remove");
    fs::copy(with_suffix(a, ".sig"), with_suffix(b, ".sig")).expect("move");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert!(out.contains(&b.display().to_string()), "{out}");
    assert!(!out.contains(&a.display().to_string()), "{out}");
    assert!(out.contains("the signature is another sheet's"), "{out}");
    assert!(!council(&data, &export, &[]).0.contains(&sheet_id(b)));
}

#[test]
fn a_principal_other_than_the_sheets_assessor_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    let roster = fs::read_to_string(export.join("allowed_signers")).expect("roster");
    let key_line = roster
        .lines()
        .last()
        .expect("line")
        .replacen('*', "thu-ky", 1);
    fs::write(export.join("allowed_signers"), format!("{key_line}\n")).expect("roster");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("gives to \"thu-ky\", not to the sheet's assessor_id \""),
        "{out}"
    );
}

#[test]
fn sheets_exported_before_signing_are_unsigned_not_damaged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    fill(&data, 3, 1, &["Chè"]);
    let sync = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stdout));
    for file in sheet_files(&export) {
        fs::remove_file(with_suffix(&file, ".sig")).expect("as an older ocop left it");
    }
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1));
    assert!(out.contains("allowed_signers: is missing"), "{out}");
    assert_eq!(
        out.matches("has no signature (.sig) beside it").count(),
        3,
        "{out}"
    );
    assert!(!out.contains("content has changed"), "{out}");
    let (counted, left_out) = council(&data, &export, &[]);
    assert!(counted.is_empty() && left_out.len() == 3);
    assert_eq!(council(&data, &export, &["--include-unsigned"]).0.len(), 3);
}

#[test]
fn an_ssh_agent_signs_for_a_key_with_a_passphrase() {
    if !have("ssh-agent") || !have("ssh-add") || !have("ssh-keygen") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = tmp.path().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "mật khẩu dài",
            "-C",
            "an",
            "-f",
        ])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let data = tmp.path().join("data");
    // Without an agent `ocop key` needs only the public half: the line, at once, no
    // prompt, and in the default language, Vietnamese, that signing will need the agent.
    let key_line = |path: &std::path::Path| {
        run(ocop(
            &data,
            None,
            &["key", "--assessor-id", "an", "--signing-key"],
        )
        .arg(path)
        .env_remove("SSH_AUTH_SOCK")
        .stdin(Stdio::null()))
    };
    let out = key_line(&key);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    assert!(
        line.starts_with("an namespaces=\"ocop-sheet\" ssh-ed25519 "),
        "{line}"
    );
    assert_said(&out, "ssh-agent");
    assert_said(&out, "mật khẩu");
    // The `.pub` alone, as an assessor behind a forced command holds it: the same line.
    let public = with_suffix(&key, ".pub");
    let out = key_line(&public);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), line);
    let agent = Agent::start(tmp.path());
    agent.add(&key, "mật khẩu dài", tmp.path());
    // Only the public half here: the agent signs.
    let out = run(ocop(
        &data,
        None,
        &["key", "--assessor-id", "an", "--signing-key"],
    )
    .arg(&public)
    .env("SSH_AUTH_SOCK", &agent.socket));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_said(&out, "ssh-agent");
    let line = text(&out.stdout);
    assert!(
        line.starts_with("an namespaces=\"ocop-sheet\" ssh-ed25519 "),
        "{line}"
    );
    // A signature made through the agent checks with stock ssh-keygen.
    let signer = ocop_sign::load(&public, Some(&agent.socket)).expect("agent key");
    assert!(matches!(signer, ocop_sign::Signer::Agent { .. }));
    let doc = tmp.path().join("X.json");
    fs::write(&doc, b"{\n  \"total\": 71\n}\n").expect("doc");
    let sig = signer
        .sign(&fs::read(&doc).expect("read"))
        .expect("the agent signs");
    fs::write(with_suffix(&doc, ".sig"), sig).expect("sig");
    fs::write(tmp.path().join("allowed_signers"), &line).expect("roster");
    let checked = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(tmp.path().join("allowed_signers"))
        .args(["-I", "an", "-n", "ocop-sheet", "-s"])
        .arg(with_suffix(&doc, ".sig"))
        .stdin(fs::File::open(&doc).expect("open"))
        .output()
        .expect("ssh-keygen");
    assert!(checked.status.success(), "{}", text(&checked.stderr));
}

/// A sheet signed by stock `ssh-keygen -Y sign` (over SHA-512, its default, where ocop signs
/// over SHA-256) is checked by `ocop verify` like any other: it counts when the roster gives
/// the key to the sheet's assessor, and is refused once the file changes.
#[test]
fn a_sheet_signed_by_ssh_keygen_over_sha512_is_checked_too() {
    if !have("ssh-keygen") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = demo_export(tmp.path());
    let key = tmp.path().join("id_keygen");
    let made = run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "keygen", "-f"])
        .arg(&key));
    assert!(made.status.success(), "{}", text(&made.stderr));
    let path = sheet_files(&export).remove(0);
    let doc: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    let principal = doc["assessor"]["id"].as_str().expect("assessor id");
    let sig = with_suffix(&path, ".sig");
    fs::remove_file(&sig).expect("the demo signature goes");
    let signed = run(Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", "ocop-sheet", "-f"])
        .arg(&key)
        .arg(&path));
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let armored = fs::read_to_string(&sig).expect("ssh-keygen wrote the .sig");
    let parsed = ssh_key::SshSig::from_pem(&armored).expect("an SSH signature");
    assert_eq!(parsed.hash_alg(), ssh_key::HashAlg::Sha512);
    let public = fs::read_to_string(with_suffix(&key, ".pub")).expect("public key");
    let line = format!("{principal} namespaces=\"ocop-sheet\" {public}");
    let roster = export.join("allowed_signers");
    let mut lines = fs::read_to_string(&roster).expect("roster");
    lines.push_str(&line);
    fs::write(&roster, lines).expect("roster");
    // The printable copy names the demo key: made again from the new signature, it is not
    // the page beside the sheet, and verify says so, of that file alone.
    let (code, out) = verify(&data, &export);
    let page = path.with_extension("html");
    let others: Vec<&str> = out
        .lines()
        .filter(|l| !l.contains(&*page.file_name().expect("name").to_string_lossy()))
        .filter(|l| !is_demo_roster_line(l))
        .collect();
    assert!(others.is_empty(), "only its page is named: {out}");
    assert_eq!(code, Some(1), "{out}");
    fs::remove_file(&page).expect("the page goes");
    let (code, found) = verify(&data, &export);
    assert_sound_but_the_demo_roster(code, &found);
    let mut changed = fs::read(&path).expect("read");
    changed.extend_from_slice(b" ");
    fs::write(&path, &changed).expect("change");
    let (code, out) = verify(&data, &export);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not match its content"), "{out}");
}
