//! The sheet commands through the real binary: list, show, demo, config, and the folder lock.

use std::path::Path;
use std::process::{Command, Output};

use ocop_store::Store;
use serde_json::Value;

/// `ocop ARGS` with the data folder and config file in `tmp`, and no other OCOP_ variable.
fn ocop(tmp: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ocop"));
    for (key, _) in std::env::vars() {
        if key.starts_with("OCOP_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("OCOP_DATA_DIR", tmp.join("data"))
        .env("OCOP_CONFIG", tmp.join("config.toml"))
        .args(args)
        .output()
        .expect("run ocop")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn list_json(tmp: &Path, status: &str) -> Vec<Value> {
    let o = ocop(tmp, &["list", "--json", "--status", status]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("json array")
}

#[test]
fn demo_then_list_and_show() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(tmp.path(), &["demo", "--sheets", "60", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all = list_json(tmp.path(), "all");
    assert_eq!(all.len(), 60);
    let keys = [
        "id",
        "revision",
        "status",
        "set_id",
        "product_name",
        "product_code",
        "producer",
        "answered",
        "applicable",
        "total",
        "stars",
        "eliminated",
        "updated_at",
    ];
    for key in keys {
        assert!(all[0].get(key).is_some(), "missing {key}");
    }
    let sets: std::collections::BTreeSet<&str> =
        all.iter().filter_map(|r| r["set_id"].as_str()).collect();
    assert_eq!(sets.len(), 26);
    let finished = list_json(tmp.path(), "finished");
    let drafts = list_json(tmp.path(), "draft");
    assert_eq!(finished.len() + drafts.len(), 60);
    assert!(
        finished.len() > 15 && drafts.len() > 15,
        "{} finished",
        finished.len()
    );
    assert!(finished.iter().all(|r| r["status"] == "finished"));

    let text = stdout(&ocop(tmp.path(), &["list"]));
    assert_eq!(text.lines().count(), 61);
    assert!(text.starts_with("MÃ PHIẾU "), "{text}");
    let english = stdout(&ocop(tmp.path(), &["list", "--lang", "en"]));
    assert!(english.starts_with("ID "), "{english}");
    // In both, the status column starts 31 cells in, on the heading and on every row.
    for text in [&text, &english] {
        for line in text.lines() {
            let mut cells = 0;
            let at = line.find(|c: char| {
                cells += ocop_domain::text::width(c.encode_utf8(&mut [0; 4]));
                cells > 31
            });
            let (before, status) = line.split_at(at.unwrap_or(line.len()));
            assert!(before.ends_with(' ') && !status.starts_with(' '), "{line}");
        }
    }
    show_text_and_json(tmp.path(), &finished[0]);
}

fn show_text_and_json(tmp: &Path, row: &Value) {
    let id = row["id"].as_str().expect("id");
    let o = ocop(tmp, &["show", id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(shown.contains(row["product_name"].as_str().expect("name")));
    assert!(shown.contains("1.1 "), "{shown}");
    assert!(shown.contains(&format!("Tổng điểm: {}/100", row["total"])));
    let english = stdout(&ocop(tmp, &["show", id, "--lang", "en"]));
    assert!(english.contains(&format!("Total: {}/100", row["total"])));

    let o = ocop(tmp, &["show", &id[..12], "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["sheet_id"], id);
    assert_eq!(doc["total"], row["total"]);
}

#[test]
fn show_of_an_unknown_sheet_fails_with_a_sentence() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(
        tmp.path(),
        &["show", "01JD0000000000000000000000", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("there is no sheet"), "{}", stderr(&o));
}

#[test]
fn demo_is_the_same_for_the_same_seed() {
    let a = tempfile::tempdir().expect("tmp");
    let b = tempfile::tempdir().expect("tmp");
    for tmp in [&a, &b] {
        let o = ocop(tmp.path(), &["demo", "--sheets", "30", "--seed", "42"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(list_json(a.path(), "all"), list_json(b.path(), "all"));
}

#[test]
fn demo_finishes_the_share_it_is_asked_for() {
    for (percent, finished) in [("100", 20), ("0", 0)] {
        let tmp = tempfile::tempdir().expect("tmp");
        let o = ocop(
            tmp.path(),
            &["demo", "--sheets", "20", "--finished", percent],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(list_json(tmp.path(), "finished").len(), finished);
        assert_eq!(list_json(tmp.path(), "draft").len(), 20 - finished);
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(tmp.path(), &["demo", "--sheets", "20", "--finished", "101"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("0..=100"), "{}", stderr(&o));
}

#[test]
fn demo_refuses_a_folder_with_real_sheets_unless_forced() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(tmp.path(), &["debug-record-answers", "--count", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = ocop(tmp.path(), &["demo", "--sheets", "5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(list_json(tmp.path(), "all").len(), 1);
    let o = ocop(tmp.path(), &["demo", "--sheets", "5", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(list_json(tmp.path(), "all").len(), 6);
    // A folder of demo sheets only takes more without --force.
    let other = tempfile::tempdir().expect("tmp");
    for _ in 0..2 {
        let o = ocop(other.path(), &["demo", "--sheets", "5"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(list_json(other.path(), "all").len(), 10);
}

#[test]
fn a_second_ocop_on_the_folder_stops_with_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let held = Store::open(&dir).expect("open");
    let o = ocop(tmp.path(), &["list", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let message = stderr(&o);
    assert!(message.contains(&dir.display().to_string()), "{message}");
    assert!(message.contains("in use"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    drop(held);
    assert_eq!(ocop(tmp.path(), &["list"]).status.code(), Some(0));
}

#[test]
fn a_foreign_file_stops_with_exit_1_and_is_left_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).expect("mkdir");
    let file = dir.join("ocop.redb");
    std::fs::write(&file, "these are somebody's notes, not a database\n").expect("write");
    let before = std::fs::read(&file).expect("read");
    let o = ocop(tmp.path(), &["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&file.display().to_string()),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn config_shows_each_setting_and_its_source() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("config.toml");
    std::fs::write(&file, "assessor = \"Nguyễn Văn An\"\nlang = \"en\"\n").expect("write");
    let o = ocop(tmp.path(), &["config", "--council", "Phú Thọ"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_string()
    };
    assert!(line("assessor").contains("Nguyễn Văn An"));
    assert!(line("assessor").contains(&format!("file {}", file.display())));
    assert!(line("council").contains("command line"));
    assert!(line("data_dir").contains("environment OCOP_DATA_DIR"));
    assert!(line("theme").contains("default"));
    assert!(line("database").contains("ocop.redb"));
}

#[test]
fn config_with_an_unknown_key_names_file_line_and_column() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("config.toml");
    std::fs::write(&file, "lang = \"vi\"\nasessor = \"An\"\n").expect("write");
    let o = ocop(tmp.path(), &["list", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let message = stderr(&o);
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(message.contains("line 2, column 1"), "{message}");
}

#[test]
fn a_deleted_draft_is_listed_in_the_trash_and_restored() {
    use ocop_domain::audit::{AuditEvent, Change};
    use ocop_domain::sheet::SheetId;
    let tmp = tempfile::tempdir().expect("tmp");
    assert_eq!(
        ocop(tmp.path(), &["demo", "--sheets", "12"]).status.code(),
        Some(0)
    );
    let draft = list_json(tmp.path(), "draft")
        .into_iter()
        .next()
        .expect("a draft");
    let id = SheetId::parse(draft["id"].as_str().expect("id")).expect("valid id");
    {
        let mut store = Store::open(&tmp.path().join("data")).expect("open");
        let event = AuditEvent {
            sheet_id: id.clone(),
            revision: 1,
            at: chrono::Local::now().fixed_offset(),
            actor: "Nguyễn Văn An".into(),
            change: Change::Trashed,
        };
        store.trash(&id, &event).expect("trash");
    }
    let trash = list_json(tmp.path(), "trash");
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0]["id"], id.as_str());
    assert!(
        list_json(tmp.path(), "all")
            .iter()
            .all(|row| row["id"] != id.as_str())
    );
    let missing = ocop(tmp.path(), &["restore", "ZZZZ", "--lang", "en"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no sheet in the trash"),
        "{}",
        stderr(&missing)
    );
    let restored = ocop(tmp.path(), &["restore", &id.as_str()[..20]]);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    assert!(list_json(tmp.path(), "trash").is_empty());
    assert!(
        list_json(tmp.path(), "all")
            .iter()
            .any(|row| row["id"] == id.as_str())
    );
    let store = Store::open(&tmp.path().join("data")).expect("open");
    let audit = store.audit(&id).expect("audit");
    assert!(matches!(
        audit.last().map(|e| &e.change),
        Some(Change::Restored)
    ));
}

#[test]
fn show_of_an_eliminated_sheet_says_so_in_place_of_its_stars() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(tmp.path(), &["demo", "--sheets", "200", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all = list_json(tmp.path(), "all");
    let out = all
        .iter()
        .find(|r| r["eliminated"] == Value::Bool(true))
        .expect("an eliminated sheet among 200");
    let id = out["id"].as_str().expect("id");
    let shown = stdout(&ocop(tmp.path(), &["show", id]));
    let total = shown
        .lines()
        .find(|l| l.starts_with("Tổng điểm: "))
        .expect("the total line");
    assert!(!total.contains('★'), "{total}");
    assert!(total.contains("bị loại, không xếp hạng"), "{total}");
    let english = stdout(&ocop(tmp.path(), &["show", id, "--lang", "en"]));
    assert!(english.contains("eliminated, not rated"), "{english}");
}

#[test]
fn a_rejected_dossier_is_recorded_on_a_draft_withdrawn_and_refused_on_a_finished_sheet() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = ocop(tmp.path(), &["demo", "--sheets", "20", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let draft = list_json(tmp.path(), "draft")
        .into_iter()
        .find(|r| r["eliminated"] == Value::Bool(false))
        .expect("a draft not eliminated");
    let id = draft["id"].as_str().expect("id").to_string();
    let o = ocop(tmp.path(), &["dossier", &id, "--reject", "Giả mạo hồ sơ"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Hồ sơ bị loại: Giả mạo hồ sơ"),
        "{}",
        stdout(&o)
    );
    let doc: Value =
        serde_json::from_slice(&ocop(tmp.path(), &["show", &id, "--json"]).stdout).expect("json");
    assert_eq!(doc["dossier_rejected"], "Giả mạo hồ sơ");
    assert_eq!(doc["eliminated"], true);
    let audit = doc["audit"].to_string();
    assert!(
        audit.contains("Giả mạo hồ sơ"),
        "recorded in the audit trail: {audit}"
    );
    let shown = stdout(&ocop(tmp.path(), &["show", &id]));
    assert!(shown.contains("bị loại, không xếp hạng"), "{shown}");

    let o = ocop(tmp.path(), &["dossier", &id, "--withdraw"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value =
        serde_json::from_slice(&ocop(tmp.path(), &["show", &id, "--json"]).stdout).expect("json");
    assert_eq!(doc["dossier_rejected"], Value::Null);
    assert_eq!(doc["eliminated"], false);

    let finished = list_json(tmp.path(), "finished");
    let done = finished[0]["id"].as_str().expect("id");
    let o = ocop(
        tmp.path(),
        &["dossier", done, "--reject", "x", "--lang", "en"],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("finished"), "{}", stderr(&o));
    // Neither or both: a usage error.
    assert_eq!(ocop(tmp.path(), &["dossier", &id]).status.code(), Some(2));
}
