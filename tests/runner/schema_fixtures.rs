//! A data folder written under each earlier store schema opens with every sheet intact: the
//! real binary on a copy of the folder (`tests/data/schema-N`), every sheet read back with
//! `ocop show --json` and compared with what it held when the folder was written.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn ocop(data: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("--data-dir")
        .arg(data)
        .args(["--assessor", "Kiểm Thử"])
        .args(args)
        .env_remove("OCOP_EXPORT_DIR")
        .output()
        .expect("ocop runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "ocop {args:?}: {stderr}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The facts `sheets.json` keeps of one sheet, from `ocop show --json` and its list row.
fn facts(shown: &Value, row: &Value) -> Value {
    let answers: Vec<Value> = shown["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| serde_json::json!([a["code"], a["state"], a["option"], a["note"]]))
        .collect();
    serde_json::json!({
        "sheet_id": shown["sheet_id"],
        "revision": shown["revision"],
        "status": shown["status"],
        "sync": row["sync"],
        "product": shown["product"],
        "rubric_sha256": shown["rubric"]["sha256"],
        "total": shown["total"],
        "stars": shown["stars"],
        "eliminated": shown["eliminated"],
        "comment": shown["comment"],
        "audit_events": shown["audit"].as_array().map_or(0, Vec::len),
        "answers": answers,
    })
}

fn opens_intact(schema: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(schema);
    let expected: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("sheets.json")).expect("read"))
            .expect("sheets.json");
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture.join("ocop.redb"), data.path().join("ocop.redb")).expect("copy");
    let rows = ocop(data.path(), &["list", "--json"]);
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), expected.len(), "every sheet is listed");
    for want in &expected {
        let id = want["sheet_id"].as_str().expect("id");
        let row = rows.iter().find(|r| r["id"] == id).expect("listed");
        let shown = ocop(data.path(), &["show", id, "--json"]);
        assert_eq!(&facts(&shown, row), want, "sheet {id}");
    }
}

#[test]
fn a_data_folder_of_schema_1_opens_with_every_sheet_intact() {
    opens_intact("schema-1");
}
