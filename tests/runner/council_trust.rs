//! The council's result against a hostile member: each attack is made the way a member with
//! a real key of the roster would make it (a sheet edited, then signed with that member's own
//! key and given a right `.sha256`), and the real binary reads the folder.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::sync_common::{
    ASSESSORS, assert_said, fill, ocop, run, sheet_files, signer, text, write_roster,
};
use ocop_export::document::canonical_bytes;
use ocop_export::folder::digest_line;

/// An's data folder (one finished sheet) synced into an export folder whose roster names the
/// four test assessors; the path of An's sheet file there.
fn council_folder(tmp: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (data, export) = (tmp.join("an"), tmp.join("share"));
    fs::create_dir(&export).expect("share");
    write_roster(&export);
    fill(&data, 1, 0, &["Chè Cẩm Mỹ"]);
    let sync = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stderr));
    let sheet = sheet_files(&export).remove(0);
    (data, export, sheet)
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).expect("read")).expect("json")
}

/// Writes `doc` into the folder under its own name, with its `.sha256` and a `.sig` made with
/// `member`'s own key, as a member editing a file by hand would.
fn signed_by(export: &Path, member: &str, doc: &Value) -> PathBuf {
    let set = doc["rubric"]["set_id"].as_str().expect("set");
    let name = format!(
        "{}.r{}.json",
        doc["sheet_id"].as_str().expect("id"),
        doc["revision"]
    );
    let path = export.join("sheets").join(set).join(&name);
    let bytes = canonical_bytes(doc);
    fs::write(&path, &bytes).expect("write");
    let digest = ocop_catalog::check::sha256_hex(&bytes);
    fs::write(
        path.with_extension("json.sha256"),
        digest_line(&digest, &name),
    )
    .expect("sha");
    let sig = signer(member).sign(&bytes).expect("signs");
    fs::write(path.with_extension("json.sig"), sig).expect("sig");
    path
}

/// A copy of `doc` as another sheet (`n` makes its id), finished an hour later.
fn another_sheet(doc: &Value, n: u32) -> Value {
    let mut doc = doc.clone();
    doc["sheet_id"] = Value::from(format!("01JD99{n:020}"));
    doc["finished_at"] = Value::from("2026-11-21T09:00:00+07:00");
    doc
}

fn council_json(data: &Path, export: &Path) -> (Option<i32>, Value) {
    let out = run(ocop(data, None, &["council", "--format", "json"]).arg(export));
    let review = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("json: {} {}", text(&out.stdout), text(&out.stderr));
    });
    (out.status.code(), review)
}

/// Each counted member of the one product: (principal, display name, sheet id).
fn seats(review: &Value) -> Vec<(String, String, String)> {
    let products = review["products"].as_array().expect("products");
    let field = |m: &Value, f: &str| m[f].as_str().unwrap_or("").to_string();
    products
        .iter()
        .flat_map(|p| p["members"].as_array().expect("members").clone())
        .map(|m| {
            (
                field(&m, "principal"),
                field(&m, "assessor"),
                field(&m, "sheet_id"),
            )
        })
        .collect()
}

fn reasons(review: &Value) -> Vec<(String, String)> {
    review["not_counted"]
        .as_array()
        .expect("not counted")
        .iter()
        .map(|n| {
            let file = n["file"].as_str().unwrap_or("").to_string();
            (file, n["reason"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

fn principal(n: usize) -> String {
    ocop_sign::principal_of(ASSESSORS[n])
}

#[test]
fn a_member_cannot_take_anothers_seat_by_writing_his_name() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, an_file) = council_folder(tmp.path());
    let an = read(&an_file);
    // Bình scores An's product under An's name, with her own key and principal.
    let mut forged = another_sheet(&an, 1);
    forged["assessor"]["id"] = Value::from(principal(1));
    forged["assessor"]["name"] = Value::from(ASSESSORS[0]);
    signed_by(&export, ASSESSORS[1], &forged);
    let (_, review) = council_json(&data, &export);
    let seats = seats(&review);
    let an_id = an["sheet_id"].as_str().expect("id").to_string();
    assert!(
        seats
            .iter()
            .any(|(p, _, id)| *p == principal(0) && *id == an_id),
        "An keeps his seat with his own sheet: {seats:?}"
    );
    assert!(
        seats
            .iter()
            .all(|(p, _, id)| *id == an_id || *p == principal(1)),
        "the other sheet sits in Bình's seat, the one its key holds: {seats:?}"
    );
}

#[test]
fn one_key_fills_one_seat_whatever_the_names() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, an_file) = council_folder(tmp.path());
    let an = read(&an_file);
    for (n, name) in [(1, "Trần Thị Bình"), (2, "Trần Thị Bình (2)")] {
        let mut doc = another_sheet(&an, n);
        doc["finished_at"] = Value::from(format!("2026-11-21T0{n}:00:00+07:00"));
        doc["assessor"]["id"] = Value::from(principal(1));
        doc["assessor"]["name"] = Value::from(name);
        signed_by(&export, ASSESSORS[1], &doc);
    }
    let (_, review) = council_json(&data, &export);
    let seats = seats(&review);
    assert_eq!(seats.len(), 2, "An and Bình, once each: {seats:?}");
    let binh: Vec<_> = seats.iter().filter(|s| s.0 == principal(1)).collect();
    assert_eq!(binh.len(), 1, "{seats:?}");
    assert_eq!(binh[0].1, "Trần Thị Bình (2)", "her newest sheet counts");
    let reasons = reasons(&review);
    assert!(
        reasons
            .iter()
            .any(|(f, why)| f.contains(&format!("01JD99{:020}", 1)) && why.contains(&principal(1))),
        "her other sheet is listed as not counted, with why: {reasons:?}"
    );
}

#[test]
fn stated_figures_are_recomputed_and_a_sheet_that_lies_does_not_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, an_file) = council_folder(tmp.path());
    let mut an = read(&an_file);
    let real = an["total"].as_u64().expect("total");
    an["total"] = Value::from(99);
    an["stars"] = Value::from(5);
    signed_by(&export, ASSESSORS[0], &an);
    let (code, review) = council_json(&data, &export);
    assert!(seats(&review).is_empty(), "{review}");
    let reasons = reasons(&review);
    assert!(
        reasons
            .iter()
            .any(|(_, why)| why.contains("99") && why.contains(&real.to_string())),
        "named, with both figures: {reasons:?}"
    );
    assert_eq!(
        code,
        Some(0),
        "a sheet not counted is said, as a forged one is"
    );
    let table = run(ocop(&data, None, &["council"]).arg(&export));
    let said = text(&table.stdout) + &text(&table.stderr);
    assert!(
        said.contains(&format!("ghi tổng điểm 99, các câu trả lời cho {real}")),
        "{said}"
    );
    let due = run(ocop(&data, None, &["--lang", "en", "due", "--json"]).arg(&export));
    let due = text(&due.stdout);
    assert!(!due.contains("\"stars\": 5"), "due counts no lie: {due}");
}

#[test]
fn a_product_code_shared_by_two_products_is_a_conflict_not_a_mean() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, an_file) = council_folder(tmp.path());
    let an = read(&an_file);
    let mut other = another_sheet(&an, 1);
    other["assessor"]["id"] = Value::from(principal(1));
    other["assessor"]["name"] = Value::from(ASSESSORS[1]);
    other["product"]["name"] = Value::from("Rượu men lá Bảo Lạc");
    signed_by(&export, ASSESSORS[1], &other);
    let (_, review) = council_json(&data, &export);
    assert!(seats(&review).is_empty(), "neither is counted: {review}");
    let conflicts = review["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{review}");
    let names = conflicts[0]["variants"].to_string();
    assert!(names.contains("Chè Cẩm Mỹ") && names.contains("Rượu men lá Bảo Lạc"));
    let verify = run(ocop(&data, None, &["--lang", "en", "verify"]).arg(&export));
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        text(&verify.stdout).contains("shares its product code"),
        "{}",
        text(&verify.stdout)
    );
}

#[test]
fn the_councils_stars_obey_elimination_and_name_who_raised_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, an_file) = council_folder(tmp.path());
    let an = read(&an_file);
    let mut other = another_sheet(&an, 1);
    other["assessor"]["id"] = Value::from(principal(1));
    other["assessor"]["name"] = Value::from(ASSESSORS[1]);
    other["dossier_rejected"] = Value::from("Giả mạo hồ sơ");
    other["eliminated"] = Value::from(true);
    let reasons = other["elimination_reasons"]
        .as_array_mut()
        .expect("reasons");
    reasons.insert(
        0,
        serde_json::json!({"code": null, "kind": "dossier", "reason": "Giả mạo hồ sơ"}),
    );
    signed_by(&export, ASSESSORS[1], &other);
    let (_, review) = council_json(&data, &export);
    assert_eq!(seats(&review).len(), 2, "{review}");
    let product = &review["products"][0];
    assert_eq!(product["eliminated"], Value::from(true), "{product}");
    let by = product["eliminations"].to_string();
    assert!(
        by.contains(&principal(1)) && by.contains("Giả mạo hồ sơ"),
        "{by}"
    );
}

/// A province key made by stock `ssh-keygen`, and its `SHA256:…` fingerprint; `None` (and
/// said) where ssh-keygen is not installed.
fn province_key(tmp: &Path) -> Option<(PathBuf, String)> {
    let key = tmp.join("province_ed25519");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "province", "-f"])
        .arg(&key)
        .output();
    let Some(made) = made.ok().filter(|o| o.status.success()) else {
        println!("skipped: ssh-keygen is not installed");
        return None;
    };
    assert!(made.stderr.is_empty(), "{}", text(&made.stderr));
    let public = fs::read_to_string(key.with_extension("pub")).expect("public key");
    let public = ssh_key::PublicKey::from_openssh(public.trim()).expect("a key");
    Some((
        key,
        public.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
    ))
}

/// `ssh-keygen -Y verify` of `file` against its `.sig`, by the key `line` names, in `namespace`.
fn stock_verify(tmp: &Path, line: &str, file: &Path, namespace: &str) -> bool {
    let signers = tmp.join("province_signers");
    fs::write(&signers, format!("{line}\n")).expect("signers");
    let mut sig = file.as_os_str().to_owned();
    sig.push(".sig");
    let out = std::process::Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(&signers)
        .args(["-I", "province", "-n", namespace, "-s"])
        .arg(sig)
        .stdin(fs::File::open(file).expect("open"))
        .output()
        .expect("ssh-keygen runs");
    out.status.success()
}

fn pinned(cmd: &mut std::process::Command, fingerprint: &str) -> std::process::Output {
    run(cmd.env("OCOP_ROSTER_KEY", fingerprint))
}

const CODE: &str = "25-7912-00-2026";

#[test]
fn the_province_key_signs_the_roster_and_certificates_and_stock_ssh_keygen_agrees() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, _) = council_folder(tmp.path());
    let Some((key, fingerprint)) = province_key(tmp.path()) else {
        return;
    };
    let sign = run(ocop(&data, None, &["--lang", "en", "roster", "sign"])
        .arg(&export)
        .arg("--key")
        .arg(&key));
    assert_eq!(sign.status.code(), Some(0), "{}", text(&sign.stderr));
    let said = text(&sign.stdout);
    assert!(said.contains(&fingerprint), "{said}");
    let line = said
        .lines()
        .find(|l| l.starts_with("province namespaces="))
        .expect("the allowed_signers line");
    let args = [
        "certify",
        "--product",
        CODE,
        "--date",
        "2026-01-10",
        "--stars",
        "4",
    ];
    let certify = run(ocop(&data, None, &args).arg(&export).arg("--key").arg(&key));
    assert_eq!(certify.status.code(), Some(0), "{}", text(&certify.stderr));
    let roster = export.join("allowed_signers");
    let cert = export.join(format!("certificates/{CODE}.2026-01-10.json"));
    assert!(stock_verify(tmp.path(), line, &roster, "ocop-roster"));
    assert!(stock_verify(tmp.path(), line, &cert, "ocop-certificate"));
    assert!(!stock_verify(tmp.path(), line, &cert, "ocop-roster"));
    let verify = pinned(ocop(&data, None, &["verify"]).arg(&export), &fingerprint);
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stdout));
    assert!(
        !text(&verify.stderr).contains("roster_key"),
        "pinned, nothing to say"
    );
    let due = pinned(
        ocop(&data, None, &["due", "--json"]).arg(&export),
        &fingerprint,
    );
    assert!(
        text(&due.stdout).contains("\"certificate\""),
        "{}",
        text(&due.stdout)
    );
}

#[test]
fn a_laptop_that_adds_itself_to_a_pinned_roster_or_makes_a_certificate_counts_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export, _) = council_folder(tmp.path());
    let Some((key, fingerprint)) = province_key(tmp.path()) else {
        return;
    };
    let sign = run(ocop(&data, None, &["roster", "sign"])
        .arg(&export)
        .arg("--key")
        .arg(&key));
    assert_eq!(sign.status.code(), Some(0), "{}", text(&sign.stderr));
    // A laptop's key, appended for An's principal; and a certificate made by hand.
    let thief = ocop_sign::seeded(&[99; 32], "thief");
    let line = ocop_sign::allowed_signers_line(&principal(0), thief.public());
    let roster = export.join("allowed_signers");
    let mut text_of = fs::read_to_string(&roster).expect("roster");
    text_of.push_str(&format!("{line}\n"));
    fs::write(&roster, text_of).expect("append");
    let certs = export.join("certificates");
    fs::create_dir_all(&certs).expect("certificates");
    let name = format!("{CODE}.2026-01-10.json");
    let cert = format!(
        "{{\n  \"decision\": null,\n  \"issued_on\": \"2026-01-10\",\n  \"product_code\": \"{CODE}\",\n  \"schema\": \"ocop-certificate/1\",\n  \"stars\": 5\n}}\n"
    );
    fs::write(certs.join(&name), &cert).expect("cert");
    let digest = ocop_catalog::check::sha256_hex(cert.as_bytes());
    fs::write(
        certs.join(format!("{name}.sha256")),
        digest_line(&digest, &name),
    )
    .expect("sum");
    let verify = pinned(
        ocop(&data, None, &["--lang", "en", "verify"]).arg(&export),
        &fingerprint,
    );
    assert_eq!(verify.status.code(), Some(1));
    let found = text(&verify.stdout);
    assert!(
        found.contains("allowed_signers: the province key's signature does not match"),
        "{found}"
    );
    assert!(found.contains(&format!("certificates/{name}")), "{found}");
    let out = pinned(
        ocop(&data, None, &["council", "--format", "json"]).arg(&export),
        &fingerprint,
    );
    let review: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(seats(&review).is_empty(), "no member counts: {review}");
    let due = pinned(
        ocop(&data, None, &["due", "--json"]).arg(&export),
        &fingerprint,
    );
    assert!(
        !text(&due.stdout).contains("\"certificate\""),
        "{}",
        text(&due.stdout)
    );
    // Without a pin the same folder is read, and every reader says what that means.
    for args in [&["verify"][..], &["council"], &["due"]] {
        let out = run(ocop(&data, None, &["--lang", "en"]).args(args).arg(&export));
        let said = text(&out.stderr);
        assert!(
            said.contains("no province key is pinned"),
            "{args:?}: {said}"
        );
    }
}

#[test]
fn the_demo_roster_that_lets_one_key_sign_as_anyone_is_named_on_every_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = crate::sync_common::demo_export(tmp.path(), 10);
    let verify = run(ocop(&data, None, &["--lang", "en", "verify"]).arg(&export));
    assert_eq!(verify.status.code(), Some(1), "{}", text(&verify.stdout));
    let star = "to every principal matching \"*\"";
    assert!(
        text(&verify.stdout).contains(star),
        "{}",
        text(&verify.stdout)
    );
    let council = run(ocop(&data, None, &["--lang", "en", "council"]).arg(&export));
    assert_said(&council, star);
}
