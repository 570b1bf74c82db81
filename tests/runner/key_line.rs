//! `K` on the list prints the assessor's `allowed_signers` line on the terminal's own screen,
//! where it copies whole: the same line `ocop key` prints, for an assessor who can run only
//! the interface (a forced command).

use crate::sync_common::{ocop, run, text};
use crate::tmux_common::{Pane, tmux_missing};

#[test]
fn k_prints_the_key_line_that_ocop_key_prints_and_any_key_goes_back() {
    if tmux_missing() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let pane = Pane::start(root.path());
    // The first start made the key, and says where its line is.
    let first = pane.wait_for("OCOP");
    assert!(first.contains("Phím K"), "{first}");
    pane.keys(&["K"]);
    pane.wait_for("Nhấn phím bất kỳ để quay lại");
    // Joined as the terminal wrapped it: one line, as a mouse copies it.
    let joined = pane.tmux(&["capture-pane", "-p", "-J", "-t", "ocop"]);
    let shown: Vec<&str> = joined
        .lines()
        .filter(|l| l.contains("namespaces="))
        .collect();
    assert_eq!(shown.len(), 1, "{joined}");
    pane.keys(&["x"]);
    pane.wait_for("Tất cả");
    pane.keys(&["q"]);
    pane.wait_dead();

    let data = root.path().join("data");
    let out = run(&mut ocop(
        &data,
        None,
        &["--assessor", "Nguyễn Văn An", "key"],
    ));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(shown[0].trim_end(), text(&out.stdout).trim_end());
    assert!(
        shown[0].starts_with("nguyen-van-an namespaces="),
        "{}",
        shown[0]
    );
}
