//! A start that reopens the last sheet (after a crash, a take-over, the next morning) records
//! nothing until the assessor has seen where they are: the keys that open a sheet on the list
//! (Enter, ↓ then Enter, a digit) only continue.

use std::path::Path;

use crate::tmux_common::{Pane, new_tea_sheet, ocop_command, tmux_missing};
use ocop_domain::rubric::Code;
use ocop_store::Store;

/// The answered criteria of the one sheet, and how many events its audit trail holds.
fn answers(root: &Path) -> (Vec<String>, usize) {
    let store = Store::open(&root.join("data")).expect("store opens once ocop is gone");
    let listed = store.summaries().expect("summaries");
    let id = listed[0].summary.id.clone();
    let sheet = store.sheet(&id, None).expect("read").expect("sheet");
    let answered = ["1.1", "1.2", "1.3"]
        .iter()
        .filter(|c| sheet.mark(&Code::new(c)).is_some())
        .map(|c| c.to_string())
        .collect();
    (answered, store.audit(&id).expect("audit").len())
}

#[test]
fn after_a_resume_enter_down_enter_and_a_digit_record_nothing_until_continued() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let first = Pane::start(root.path());
    new_tea_sheet(&first, "Chè Cẩm Mỹ");
    first.keys(&["Down", "Enter"]);
    first.wait_for("┌ 1.2  ");
    first.keys(&["C-c"]);
    first.wait_dead();
    drop(first);
    let before = answers(root.path());
    assert_eq!(before.0, ["1.1"]);

    // The next morning: the assessor expects the list and presses what opens a sheet there.
    let sequences: [&[&str]; 4] = [&["Enter"], &["Down", "Enter"], &["j", "Enter"], &["2"]];
    for (n, keys) in sequences.iter().enumerate() {
        let next = Pane::run(
            root.path(),
            &format!("next{n}"),
            &ocop_command(root.path(), ""),
        );
        let shown = next.wait_for("┌ 1.2  ");
        assert!(
            shown.contains("Tiếp tục"),
            "the screen says it resumed:\n{shown}"
        );
        next.keys(keys);
        // The keys have been read once the help pressed after them is drawn.
        next.keys(&["F1"]);
        next.wait_for("┌ Phím");
        next.keys(&["C-c"]);
        next.wait_dead();
        drop(next);
        assert_eq!(answers(root.path()), before, "{keys:?} recorded nothing");
    }
}
