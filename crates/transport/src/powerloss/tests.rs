//! The export folder's flows under simulated power cuts, and the harness's own power: with
//! the folder's flush skipped it must report the loss.

use super::flows::{self, Flow};
use super::*;

fn sound(flow: &Flow) {
    let report = run(flow, &Settings::from_env());
    eprintln!(
        "power loss, {}: {} moments, {} states, {} failed",
        report.flow, report.moments, report.states, report.failed
    );
    assert!(
        report.failed == 0,
        "{} of {} states failed:\n{}",
        report.failed,
        report.states,
        report.failures.join("\n")
    );
}

#[test]
fn power_loss_sync_into_a_folder() {
    sound(&flows::SYNC);
}

#[test]
fn power_loss_receive_over_the_wire() {
    sound(&flows::RECEIVE);
}

#[test]
fn power_loss_harness_sees_a_skipped_folder_flush() {
    for flow in [&flows::SYNC, &flows::RECEIVE] {
        let settings = Settings {
            states: 60,
            seed: 1,
            skip_folder_flush: true,
        };
        let report = run(flow, &settings);
        let named = report.failures.iter().any(|f| f.contains("lost sheets/"));
        assert!(named, "{}: {:?}", flow.name, report.failures);
    }
}

/// The model builds the state the real writer never risks: a name flushed with its folder
/// while its file's bytes were not, visible and empty; and the harness calls it torn.
#[test]
fn power_loss_model_has_a_link_before_its_data() {
    let root = Path::new("/x");
    let tmp = root.join(".a.json.1.tmp");
    let ops = [
        Op::Create(tmp.clone()),
        Op::Write {
            path: tmp.clone(),
            bytes: b"{}".to_vec(),
        },
        Op::Link {
            from: tmp,
            to: root.join("a.json"),
        },
        Op::SyncDir(root.to_path_buf()),
    ];
    let mut tree = Tree::new(root);
    ops.iter().for_each(|op| tree.apply(op));
    let scratch = scratch();
    // The write lost: the folder's names are flushed, the file's bytes are not.
    tree.materialize(&[Fate::Lost], scratch.path())
        .expect("materialize");
    let visible = visible(scratch.path());
    assert_eq!(visible.get(Path::new("a.json")), Some(&Vec::new()));
    let err = whole(scratch.path(), &written(&ops, root)).expect_err("torn");
    assert!(err.contains("a torn file is visible: a.json"), "{err}");
}
