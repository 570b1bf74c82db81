use std::fs;

use super::*;
use crate::wire::{Hello, Sheet, Start};
use ocop_export::document::{canonical_bytes, sheet_document};
use ocop_export::testing::{TEA, finished, rubric};

const ID: &str = "01JD0000000000000000000001";

/// A real revision as the laptop sends it.
fn revision(id: &str) -> Sheet {
    let r = rubric(TEA);
    let (sheet, trail) = finished(&r, id, "Chè Shan tuyết", 2);
    let document = canonical_bytes(&sheet_document(&r, &sheet, &trail));
    let name = format!("{id}.r1.json");
    Sheet {
        id: id.into(),
        revision: 1,
        set_id: TEA.into(),
        sha256: digest_line(&sha256_hex(&document), &name).into_bytes(),
        document,
        companions: Vec::new(),
    }
}

/// Runs a session fed `messages`; how it ended and every message it answered.
fn session_of(dir: &Path, messages: Vec<Message>) -> (Result<(), Stop>, Vec<Message>) {
    let mut input = Vec::new();
    for m in &messages {
        wire::write(&mut input, m).expect("encode");
    }
    let mut output = Vec::new();
    let catalog = ocop_catalog::Catalog::builtin();
    let host = Host {
        catalog: &catalog,
        pin: None,
        lang: Lang::En,
    };
    let code = receive(dir, host, &mut &input[..], &mut output);
    let mut answers = Vec::new();
    let mut rest = &output[..];
    while let Ok(m) = wire::read(&mut rest) {
        answers.push(m);
    }
    (code, answers)
}

fn start() -> Message {
    Message::Start(Start { version: 1 })
}

#[test]
fn a_revision_is_written_then_recognised_with_answers_per_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let batch = || {
        vec![
            start(),
            Message::Sheet(Box::new(revision(ID))),
            Message::Commit,
        ]
    };
    let (code, answers) = session_of(tmp.path(), batch());
    assert!(code.is_ok(), "{code:?}");
    assert_eq!(
        answers[0],
        Message::Hello(Hello {
            versions: wire::VERSIONS
        })
    );
    let Message::Answer(a) = &answers[1] else {
        panic!("{answers:?}")
    };
    let placed: Vec<_> = a
        .files
        .iter()
        .map(|f| (f.file.as_str(), &f.placed))
        .collect();
    let doc = format!("sheets/{TEA}/{ID}.r1.json");
    let sum = format!("{doc}.sha256");
    // The printable copy is made on this side, from the document taken.
    let page = format!("sheets/{TEA}/{ID}.r1.html");
    assert_eq!(
        placed,
        [
            (doc.as_str(), &Placed::Written),
            (sum.as_str(), &Placed::Written),
            (page.as_str(), &Placed::Written)
        ]
    );
    assert_eq!(answers[2], Message::Durable(wire::Durable { failed: None }));
    assert!(matches!(
        answers[3],
        Message::Summary(wire::SummaryDone { error: None })
    ));
    assert!(tmp.path().join("summary.csv").is_file());
    // The province's side rebuilds the workbook with the CSV.
    assert!(tmp.path().join("summary.xlsx").is_file());
    let (_, again) = session_of(tmp.path(), batch());
    let Message::Answer(a) = &again[1] else {
        panic!("{again:?}")
    };
    assert!(
        a.files.iter().all(|f| f.placed == Placed::AlreadyThere),
        "{a:?}"
    );
}

#[test]
fn only_a_document_that_is_the_revision_it_claims_is_taken() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut other_id = revision(ID);
    other_id.id = "01JD0000000000000000000002".into();
    let mut bad_sum = revision(ID);
    bad_sum.sha256 = b"0000  x\n".to_vec();
    let mut escape = revision(ID);
    escape.set_id = "../..".into();
    let mut unknown = revision(ID);
    unknown.companions = vec![("exe".into(), b"#!/bin/sh".to_vec())];
    let mut not_an_id = revision(ID);
    not_an_id.id = "../../etc/passwd".into();
    let sheets = [other_id, bad_sum, escape, unknown, not_an_id];
    let mut messages = vec![start()];
    messages.extend(sheets.into_iter().map(|s| Message::Sheet(Box::new(s))));
    messages.push(Message::Commit);
    let (_, answers) = session_of(tmp.path(), messages);
    let refused = answers.iter().filter(|m| {
        matches!(m, Message::Answer(a) if a.files.is_empty()
            && a.failed.as_ref().is_some_and(|f| f.problem == Problem::Refused))
    });
    assert_eq!(refused.count(), 5, "{answers:?}");
    assert!(
        !tmp.path()
            .join("sheets")
            .join(TEA)
            .join(format!("{ID}.r1.json"))
            .exists()
    );
}

#[test]
fn a_missing_folder_a_wrong_version_or_a_stray_frame_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("missing");
    let (code, answers) = session_of(&missing, vec![start()]);
    assert!(code.is_err());
    assert!(matches!(&answers[..], [Message::Refused(f)] if f.problem == Problem::FolderMissing));
    assert!(!missing.exists());
    let (_, answers) = session_of(tmp.path(), vec![Message::Start(Start { version: 99 })]);
    assert!(matches!(&answers[1], Message::Refused(f) if f.problem == Problem::Refused));
    let (code, answers) = session_of(tmp.path(), vec![Message::Commit]);
    assert!(code.is_err());
    assert!(matches!(&answers[1], Message::Refused(_)));
    assert_eq!(
        fs::read_dir(tmp.path()).expect("dir").count(),
        0,
        "nothing was created"
    );
}

#[test]
fn a_laptop_gone_before_its_commit_gets_no_durable_answer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let messages = vec![start(), Message::Sheet(Box::new(revision(ID)))];
    let (code, answers) = session_of(tmp.path(), messages);
    assert!(code.is_err());
    assert!(!answers.iter().any(|m| matches!(m, Message::Durable(_))));
}

/// A revision signed by `signer` as `principal`, amending `previous` (its file's bytes) when
/// given; `edit` changes its document before it is signed.
fn signed(
    signer: &ocop_sign::Signer,
    principal: &str,
    (revision, previous): (u32, Option<&[u8]>),
    edit: impl FnOnce(&mut ocop_domain::sheet::Sheet),
) -> Sheet {
    let r = rubric(TEA);
    let (mut sheet, trail) = finished(&r, ID, "Chè Shan tuyết", 2);
    sheet.revision = revision;
    sheet.supersedes = previous.map(|_| revision - 1);
    sheet.supersedes_sha256 = previous.map(sha256_hex);
    sheet.assessor_id = Some(principal.to_string());
    edit(&mut sheet);
    let document = canonical_bytes(&sheet_document(&r, &sheet, &trail));
    let sig = signer.sign(&document).expect("signs");
    let name = format!("{ID}.r{revision}.json");
    Sheet {
        id: ID.into(),
        revision,
        set_id: TEA.into(),
        sha256: digest_line(&sha256_hex(&document), &name).into_bytes(),
        document,
        companions: vec![("sig".into(), sig.into_bytes())],
    }
}

/// One batch of `sheets`: each answer's refusal (`None` when placed), in order.
fn refusals(dir: &Path, sheets: Vec<Sheet>) -> Vec<Option<String>> {
    let mut messages = vec![start()];
    messages.extend(sheets.into_iter().map(|s| Message::Sheet(Box::new(s))));
    messages.push(Message::Commit);
    let (_, answers) = session_of(dir, messages);
    answers
        .into_iter()
        .filter_map(|m| match m {
            Message::Answer(a) => Some(a.failed.map(|f| f.message)),
            _ => None,
        })
        .collect()
}

fn file(dir: &Path, revision: u32, suffix: &str) -> std::path::PathBuf {
    dir.join("sheets")
        .join(TEA)
        .join(format!("{ID}.r{revision}{suffix}"))
}

#[test]
fn with_a_roster_a_stolen_laptop_key_cannot_squat_anothers_next_revision() {
    let tmp = tempfile::tempdir().expect("tempdir");
    ocop_export::testing::write_roster(tmp.path());
    let an = ocop_export::testing::signer();
    let first = signed(&an, "nguyen-van-an", (1, None), |_| {});
    let r1 = first.document.clone();
    assert_eq!(refusals(tmp.path(), vec![first]), [None]);
    // A laptop key outside the roster, a garbage signature, another member's principal, a
    // revision that names another file as the one it amends: none is written.
    let thief = ocop_sign::seeded(&[99; 32], "thief");
    let stolen = signed(&thief, "nguyen-van-an", (2, Some(&r1)), |s| {
        s.comment = "10 điểm".into()
    });
    let mut garbage = signed(&an, "nguyen-van-an", (2, Some(&r1)), |_| {});
    garbage.companions = vec![
        (
            "sig".into(),
            b"-----BEGIN SSH SIGNATURE-----\nxx\n".to_vec(),
        ),
        ("html".into(), b"<p>fake</p>".to_vec()),
    ];
    let elsewhere = signed(&an, "nguyen-van-an", (2, Some(b"another file")), |_| {});
    let said = refusals(tmp.path(), vec![stolen, garbage, elsewhere]);
    assert_eq!(said.len(), 3);
    assert!(said.iter().all(Option::is_some), "{said:?}");
    assert!(
        said[0]
            .as_deref()
            .is_some_and(|s| s.contains("not in allowed_signers"))
    );
    assert!(
        said[2]
            .as_deref()
            .is_some_and(|s| s.contains("amends revision 1"))
    );
    assert!(
        !file(tmp.path(), 2, ".json").exists(),
        "nothing squats revision 2"
    );
    // The member's own amendment, on the file that is there, is taken.
    let own = signed(&an, "nguyen-van-an", (2, Some(&r1)), |_| {});
    assert_eq!(refusals(tmp.path(), vec![own]), [None]);
    assert!(file(tmp.path(), 2, ".json").is_file());
}

#[test]
fn the_printable_copy_is_made_here_and_never_taken_from_the_peer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let an = ocop_export::testing::signer();
    let mut sent = signed(&an, "nguyen-van-an", (1, None), |_| {});
    sent.companions
        .push(("html".into(), b"<p>total 100</p>".to_vec()));
    let document = sent.document.clone();
    assert_eq!(refusals(tmp.path(), vec![sent]), [None]);
    let page = fs::read_to_string(file(tmp.path(), 1, ".html")).expect("a page");
    assert!(!page.contains("total 100"), "the peer's page is not taken");
    let doc = document::parse(&document).expect("doc");
    let sheet = ocop_export::verify::sheet_of(&doc).expect("sheet");
    let sig = fs::read_to_string(file(tmp.path(), 1, ".json.sig")).expect("sig");
    let made =
        ocop_export::printed::printed_html(&rubric(TEA), &sheet, &document, Some(&sig), Lang::Vi);
    assert_eq!(page, made, "the page made from the admitted document");
}
