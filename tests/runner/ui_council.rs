//! The council screen's effect against a real export folder: two laptops' sheets synced into
//! one folder through the library, then read back for one product code.

use std::path::Path;

use chrono::DateTime;
use ocop_catalog::Catalog;
use ocop_store::Store;
use ocop_tui::app::effect::{Ctx, run_effect};
use ocop_tui::app::{Effect, Msg};

use crate::sync_common::{ASSESSORS, fill, write_roster};

const CODE: &str = "25-7912-00-2026";

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+07:00").expect("time")
}

/// One laptop: 14 finished sheets of seed `seed`, synced into `export`.
fn laptop(data: &Path, export: &Path, seed: u64) {
    fill(data, 14, seed, &["Chè Shan tuyết Xuân Sơn"]);
    let mut store = Store::open(data).expect("store");
    let report = ocop_transport::sync_all(&mut store, &Catalog::builtin(), export, now());
    assert_eq!(report.waiting().count(), 0, "every sheet synced");
    write_roster(export);
}

fn context(data: &Path, export: Option<&Path>) -> Ctx {
    let store = Store::open(data).expect("store");
    let config = data.join("config.toml");
    let mut ctx = Ctx::new(store, Catalog::builtin(), "Nguyễn Văn An".into(), config);
    ctx.export_dir = export.map(Path::to_path_buf);
    ctx
}

#[test]
fn the_council_effect_reviews_every_laptops_sheets_of_the_code() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("share");
    std::fs::create_dir(&export).expect("share");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    laptop(&a, &export, 1);
    laptop(&b, &export, 2);
    let mut ctx = context(&a, Some(&export));
    let reply = run_effect(Effect::Council(CODE.into()), &mut ctx, now());
    let Some(Msg::CouncilReviewed { code, review }) = reply else {
        panic!("not a council review: {reply:?}");
    };
    assert_eq!(code, CODE);
    let review = review.expect("the folder has sheets of the code");
    assert_eq!(review.product_code, CODE);
    let mut names: Vec<&str> = review.members.iter().map(|m| m.assessor.as_str()).collect();
    names.sort_unstable();
    let mut expected = vec![ASSESSORS[1], ASSESSORS[2]];
    expected.sort_unstable();
    assert_eq!(names, expected, "one member per laptop's assessor");
    let totals: Vec<u16> = review.members.iter().map(|m| m.total).collect();
    let spread = totals.iter().max().expect("max") - totals.iter().min().expect("min");
    assert_eq!(review.spread, spread);
    assert_eq!(review.flagged, spread > 10);
    assert_eq!(review.mean_parts.len(), 3);
}

#[test]
fn the_council_effect_says_when_there_is_nothing_no_folder_or_an_unreachable_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("share");
    std::fs::create_dir(&export).expect("share");
    let a = tmp.path().join("a");
    laptop(&a, &export, 1);
    let mut ctx = context(&a, Some(&export));
    let reply = run_effect(Effect::Council("25-7912-99-2026".into()), &mut ctx, now());
    assert!(
        matches!(&reply, Some(Msg::CouncilReviewed { review: None, .. })),
        "{reply:?}"
    );
    drop(ctx);
    let mut ctx = context(&a, Some(&tmp.path().join("not-mounted")));
    let reply = run_effect(Effect::Council(CODE.into()), &mut ctx, now());
    assert_eq!(reply, Some(Msg::ExportUnreachable));
    drop(ctx);
    let mut ctx = context(&a, None);
    let reply = run_effect(Effect::Council(CODE.into()), &mut ctx, now());
    assert_eq!(reply, Some(Msg::NoExportDir));
}

#[test]
fn the_council_screen_counts_signed_sheets_and_names_the_others() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let export = tmp.path().join("share");
    std::fs::create_dir(&export).expect("share");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    laptop(&a, &export, 1);
    laptop(&b, &export, 2);
    // The roster names laptop 1's assessor only.
    let roster = std::fs::read_to_string(export.join("allowed_signers")).expect("roster");
    let line = roster.lines().nth(1).expect("the first laptop's assessor");
    std::fs::write(export.join("allowed_signers"), format!("{line}\n")).expect("roster");
    let mut ctx = context(&a, Some(&export));
    let reply = run_effect(Effect::Council(CODE.into()), &mut ctx, now());
    let Some(Msg::CouncilReviewed { review, .. }) = reply else {
        panic!("not a council review: {reply:?}");
    };
    let review = review.expect("one member counts");
    let names: Vec<&str> = review.members.iter().map(|m| m.assessor.as_str()).collect();
    assert_eq!(names, [ASSESSORS[1]]);
    assert!(!review.not_counted.is_empty());
    assert!(
        review
            .not_counted
            .iter()
            .all(|n| n.assessor == ASSESSORS[2])
    );
    // No roster at all: nothing counts, and the reply says so rather than "nothing there".
    std::fs::remove_file(export.join("allowed_signers")).expect("remove");
    let reply = run_effect(Effect::Council(CODE.into()), &mut ctx, now());
    assert!(
        matches!(&reply, Some(Msg::CouncilNotCounted { count, .. }) if *count > 0),
        "{reply:?}"
    );
}
