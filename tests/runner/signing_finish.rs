//! Finishing through the interface's own effects signs the sheet, in the store, with the key
//! of the assessor or their ssh-agent; an amendment names the file it amends by SHA-256, and
//! `verify` finds that file altered.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use ocop_catalog::Catalog;
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Header, Sheet};
use ocop_sign::{Signer, allowed_signers_line};
use ocop_store::Store;
use ocop_tui::app::effect::{Ctx, run_effect};
use ocop_tui::app::{Effect, Msg};
use serde_json::Value;

use crate::sync_common::Agent;

const TEA: &str = "che-tuoi-che-bien";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+07:00").expect("time")
}

fn context(data: &Path, export: &Path, signer: Signer) -> Ctx {
    let store = Store::open(data).expect("store");
    let config = data.join("config.toml");
    let mut ctx = Ctx::new(store, Catalog::builtin(), "Nguyễn Văn An".into(), config);
    ctx.export_dir = Some(export.to_path_buf());
    ctx.signer = Some(signer);
    ctx
}

fn opened(reply: Option<Msg>) -> (Sheet, Arc<Rubric>) {
    match reply {
        Some(Msg::Opened { sheet, rubric, .. }) => (*sheet, rubric),
        other => panic!("not opened: {other:?}"),
    }
}

/// A tea sheet created and finished through the effects, as the interface does it.
fn create_and_finish(ctx: &mut Ctx) -> (Sheet, Arc<Rubric>) {
    let header = Header {
        product_name: "Chè xanh Tất Thắng".into(),
        product_code: "25-7912-03-2026".into(),
        assessor: "Nguyễn Văn An".into(),
        ..Header::default()
    };
    let create = Effect::Create {
        set_id: TEA.into(),
        header: Box::new(header),
        previous: None,
    };
    let (sheet, rubric) = opened(run_effect(create, ctx, now()));
    let finished = finish(ctx, sheet, &rubric);
    (finished, rubric)
}

fn finish(ctx: &mut Ctx, sheet: Sheet, rubric: &Arc<Rubric>) -> Sheet {
    let effect = Effect::Finish {
        sheet: Box::new(sheet),
        rubric: rubric.clone(),
    };
    match run_effect(effect, ctx, now()) {
        Some(Msg::Saved { sheet, .. }) => *sheet,
        other => panic!("not finished: {other:?}"),
    }
}

fn sync_and_roster(ctx: &mut Ctx, export: &Path, signer: &Signer) {
    let reply = run_effect(Effect::Sync { asked: true }, ctx, now());
    assert!(
        matches!(reply, Some(Msg::Synced { waiting: 0, .. })),
        "{reply:?}"
    );
    let line = allowed_signers_line("nguyen-van-an", signer.public());
    fs::write(export.join("allowed_signers"), format!("{line}\n")).expect("roster");
}

#[test]
fn finishing_signs_and_an_amendment_names_the_file_it_amends() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    let signer = ocop_sign::seeded(&[5; 32], "An");
    let mut ctx = context(&data, &export, signer.clone());
    let (first, rubric) = create_and_finish(&mut ctx);
    assert_eq!(first.assessor_id.as_deref(), Some("nguyen-van-an"));
    assert!(ctx.store.signature(&first.id, 1).expect("read").is_some());
    let amend = Effect::Amend {
        sheet: Box::new(first.clone()),
        rubric: rubric.clone(),
        reason: "sai điểm 1.1".into(),
    };
    let (draft, _) = opened(run_effect(amend, &mut ctx, now()));
    let second = finish(&mut ctx, draft, &rubric);
    sync_and_roster(&mut ctx, &export, &signer);
    let catalog = Catalog::builtin();
    let verdict = ocop_export::verify::verify(&export, &catalog, None).expect("verify");
    assert!(verdict.problems.is_empty(), "{:?}", verdict.problems);
    let set = export.join("sheets").join(TEA);
    let r1 = set.join(format!("{}.r1.json", first.id));
    let digest = ocop_catalog::check::sha256_hex(&fs::read(&r1).expect("r1"));
    assert_eq!(second.supersedes_sha256.as_deref(), Some(digest.as_str()));
    // Revision 1 altered after it was amended (its own digest recomputed): both are found.
    let mut doc: Value = serde_json::from_slice(&fs::read(&r1).expect("r1")).expect("json");
    doc["comment"] = Value::from("viết lại");
    let bytes = ocop_export::document::canonical_bytes(&doc);
    fs::write(&r1, &bytes).expect("alter");
    let name = r1.file_name().expect("name").to_string_lossy().into_owned();
    let sum = ocop_catalog::check::sha256_hex(&bytes);
    fs::write(
        set.join(format!("{name}.sha256")),
        format!("{sum}  {name}\n"),
    )
    .expect("sum");
    let verdict = ocop_export::verify::verify(&export, &catalog, None).expect("verify");
    let en = ocop_domain::Lang::En;
    let said: Vec<String> = verdict.problems.iter().map(|p| p.said(en)).collect();
    let said = said.join("\n");
    assert!(said.contains("amends revision 1 with sha256"), "{said}");
    assert!(said.contains("does not match its content"), "{said}");
}

#[test]
fn an_ssh_agent_signs_as_the_sheet_is_finished() {
    let have = |tool: &str| Command::new(tool).arg("-?").output().is_ok();
    if !have("ssh-agent") || !have("ssh-add") || !have("ssh-keygen") {
        println!("skipped: ssh-agent, ssh-add or ssh-keygen is not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = tmp.path().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "mật khẩu", "-C", "an", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let agent = Agent::start(tmp.path());
    agent.add(&key, "mật khẩu", tmp.path());
    let public = tmp.path().join("id_ed25519.pub");
    let signer = ocop_sign::load(&public, Some(&agent.socket)).expect("agent key");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("share"));
    fs::create_dir(&export).expect("share");
    let mut ctx = context(&data, &export, signer.clone());
    let (sheet, _) = create_and_finish(&mut ctx);
    sync_and_roster(&mut ctx, &export, &signer);
    let file = export
        .join("sheets")
        .join(TEA)
        .join(format!("{}.r1.json", sheet.id));
    let checked = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(export.join("allowed_signers"))
        .args(["-I", "nguyen-van-an", "-n", "ocop-sheet", "-s"])
        .arg(file.with_extension("json.sig"))
        .stdin(fs::File::open(&file).expect("open"))
        .output()
        .expect("ssh-keygen");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}
