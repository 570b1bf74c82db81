//! End to end: a re-rating walked in the real binary under tmux. `R` on a finished sheet in the
//! list, the header copied, the earlier answer beside a criterion and taken over with `=`, the
//! review's earlier → now; then what landed in the store and in `ocop show --json`.

use std::path::Path;
use std::process::Command;

use ocop_store::Store;

use crate::tmux_common::{BIN, Pane, tmux_missing};

fn ocop(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .env("HOME", root.join("home"))
        .env_remove("OCOP_LANG")
        .arg("--data-dir")
        .arg(root.join("data"))
        .args(args)
        .output()
        .expect("ocop runs")
}

#[test]
fn a_re_rating_walk_takes_over_an_answer_and_links_the_earlier_sheet() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let demo = ocop(root, &["demo", "--sheets", "1", "--finished", "100"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let (earlier_id, earlier, rubric) = {
        let store = Store::open(&root.join("data")).expect("store");
        let id = store.ids().expect("ids").remove(0);
        let sheet = store.sheet(&id, None).expect("read").expect("sheet");
        let catalog = ocop_catalog::Catalog::builtin();
        let rubric = catalog
            .rubric_of(&sheet, |sha| store.rubric_text(sha))
            .expect("rubric")
            .into_owned();
        (id, sheet, rubric)
    };
    let first = rubric.leaves().next().expect("a leaf").code.clone();

    let pane = Pane::start(root);
    pane.wait_for("OCOP");
    pane.keys(&["R"]);
    pane.wait_for("Đánh giá lại");
    pane.wait_for(&earlier.header.product_name);
    pane.keys(&["C-s"]);
    pane.wait_for("Lần trước:");
    pane.wait_for(&format!("┌ {first}  "));
    pane.keys(&["="]);
    pane.wait_for("1/");
    pane.keys(&["r"]);
    let review = pane.wait_for("Lần trước ");
    assert!(review.contains("→ nay"), "{review}");
    pane.keys(&["Escape"]);
    pane.keys(&["Escape"]);
    pane.wait_for("Tìm");
    pane.keys(&["q"]);
    pane.wait_dead();
    drop(pane);

    let store = Store::open(&root.join("data")).expect("store");
    let new_id = store
        .ids()
        .expect("ids")
        .into_iter()
        .find(|id| *id != earlier_id)
        .expect("a new sheet");
    let sheet = store.sheet(&new_id, None).expect("read").expect("sheet");
    let previous = sheet.previous.clone().expect("linked to the earlier sheet");
    assert_eq!(
        (previous.sheet_id, previous.revision),
        (earlier_id.clone(), 1)
    );
    assert_eq!(sheet.header.product_code, earlier.header.product_code);
    assert_eq!(
        sheet.mark(&first),
        earlier.mark(&first),
        "taken over with ="
    );
    assert_eq!(sheet.answers.len(), 1, "nothing else was taken over");
    drop(store);

    let show = ocop(root, &["show", new_id.as_str(), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&show.stdout).expect("json");
    assert_eq!(doc["previous"]["sheet_id"], earlier_id.as_str());
    assert_eq!(doc["previous"]["revision"], 1);
}
