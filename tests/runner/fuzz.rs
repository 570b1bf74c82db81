//! Fuzzing, with proptest at volume, every parser of outside data this program reads: a rubric
//! file (`catalog::check::parse`), a sheet document from the export folder (`document::parse`,
//! and `verify`, `council` and `summary.csv` over a folder holding it), the config file, and
//! the data folder's holder and place files (`holder::read` and the take-over's decision on
//! what it read; `place::read`).
//! Each target must never panic or hang, whatever the input: bytes at random, and real files
//! changed at random places (so the inputs get past the syntax into the checks behind it).
//!
//! The default suite runs a few hundred cases per target. At volume:
//!
//!     OCOP_FUZZ_SECONDS=600 cargo test --release --test runner fuzz::rubric -- --nocapture
//!
//! runs the rubric targets for ten minutes each (`OCOP_FUZZ_CASES=1000000` for a count
//! instead); the test names (`fuzz::rubric`, `fuzz::sheet`, `fuzz::config`) pick the targets.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::DateTime;
use ocop_catalog::Catalog;
use ocop_catalog::check;

use ocop_domain::edit::{self, By};
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};
use ocop_export::{document, verify};
use ocop_reports::{council, summary_csv};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// Runs `test` on values of `strategy`: `default` cases, or `OCOP_FUZZ_CASES`, or for
/// `OCOP_FUZZ_SECONDS`; in batches, each with a fresh random seed. Stops at the first failure
/// with the smallest input proptest found.
fn fuzz<S: Strategy>(name: &str, default: u64, strategy: S, test: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let env = |key| std::env::var(key).ok().and_then(|v| v.parse::<u64>().ok());
    let seconds = env("OCOP_FUZZ_SECONDS").map(Duration::from_secs);
    let cases = env("OCOP_FUZZ_CASES").unwrap_or(default);
    let start = Instant::now();
    let mut done = 0u64;
    while seconds.map_or(done < cases, |s| start.elapsed() < s) {
        let batch = (cases - done.min(cases)).clamp(1, 5_000);
        let batch = if seconds.is_some() { 5_000 } else { batch };
        let config = Config {
            cases: u32::try_from(batch).unwrap_or(u32::MAX),
            failure_persistence: None,
            ..Config::default()
        };
        let outcome = TestRunner::new(config).run(&strategy, |v| {
            test(v);
            Ok::<(), TestCaseError>(())
        });
        if let Err(e) = outcome {
            panic!("fuzz {name}: {e}");
        }
        done += batch;
    }
    eprintln!("fuzz {name}: {done} cases in {:.0?}", start.elapsed());
}

/// Text that is likely to matter to a parser: its syntax, numbers at the edges, and the
/// characters the display guards against.
fn junk() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\"".to_string()),
        Just("[[".to_string()),
        Just("]]".to_string()),
        Just("=".to_string()),
        Just("\n".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(",".to_string()),
        Just("\\u202E".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}".to_string()),
        Just("-1".to_string()),
        Just("256".to_string()),
        Just("65536".to_string()),
        Just("4294967296".to_string()),
        Just("4294967295".to_string()),
        Just("0".to_string()),
        Just("1e999".to_string()),
        Just("null".to_string()),
        "[a-zA-Z0-9 ._ạ漢-]{0,6}",
    ];
    proptest::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

/// `text` with `cut` bytes from about `at` replaced by `with` (at character boundaries).
fn splice(text: &str, at: usize, cut: usize, with: &str) -> String {
    let boundary = |i: usize| {
        (0..=i.min(text.len()))
            .rev()
            .find(|i| text.is_char_boundary(*i))
    };
    let start = boundary(at).unwrap_or(0);
    let end = boundary(start + cut).unwrap_or(start).max(start);
    format!("{}{with}{}", &text[..start], &text[end..])
}

fn mutated(text: &'static str) -> impl Strategy<Value = String> {
    (0..text.len().max(1), 0usize..12, junk(), 1usize..4).prop_map(move |(at, cut, with, n)| {
        let mut out = text.to_string();
        for k in 0..n {
            out = splice(&out, at.wrapping_mul(k + 1) % out.len().max(1), cut, &with);
        }
        out
    })
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..600)
}

const RUBRIC: &str = include_str!("../../rubrics/che-tuoi-che-bien.toml");

#[test]
fn rubric_bytes() {
    fuzz("rubric_bytes", 300, bytes(), |b| {
        let _ = check::parse(&String::from_utf8_lossy(&b));
    });
}

#[test]
fn rubric_mutated() {
    fuzz("rubric_mutated", 300, mutated(RUBRIC), |text| {
        if let Err(problems) = check::parse(&text) {
            assert!(!problems.is_empty());
        }
    });
}

const CONFIG: &str = "assessor = \"Nguyễn Văn An\"\ncouncil = \"Hội đồng OCOP tỉnh Phú Thọ\"\n\
export_dir = \"/mnt/ocop-export\"\nrubrics_dir = \"rubrics-phu-tho\"\nlang = \"vi\"\n\
theme = \"default\"\n";

fn config_parses_or_says_where(text: &str) {
    match ocop_config::parse_file(Path::new("/etc/ocop/config.toml"), text) {
        Ok(_) => {}
        Err(e) => assert!(e.to_string().contains("config.toml")),
    }
}

#[test]
fn config_bytes() {
    fuzz("config_bytes", 300, bytes(), |b| {
        config_parses_or_says_where(&String::from_utf8_lossy(&b));
    });
}

#[test]
fn config_mutated() {
    fuzz("config_mutated", 300, mutated(CONFIG), |text| {
        config_parses_or_says_where(&text);
    });
}

/// The canonical document of a finished tea sheet, and its file name.
fn sheet_file() -> (String, String) {
    let catalog = Catalog::builtin();
    let rubric = catalog.all().expect("rubrics")[10];
    let at = DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").expect("time");
    let id = SheetId::parse("01JD0000000000000000000042").expect("id");
    let mut sheet = Sheet::new(id, rubric, Header::default(), at);
    let by = || By { actor: "An", at };
    let mut events = vec![edit::created(&mut sheet, by())];
    for (field, value) in [
        (HeaderField::ProductName, "Chè"),
        (HeaderField::ProductCode, "25-7912-01-2026"),
        (HeaderField::Assessor, "An"),
    ] {
        events.push(edit::set_header(&mut sheet, field, value, by()).expect("draft"));
    }
    let codes: Vec<_> = rubric.leaves().map(|c| c.code.clone()).collect();
    for code in codes {
        let mark = Some(Mark::Chose { option: 1 });
        events.push(edit::set_mark(&mut sheet, &code, mark, by()).expect("draft"));
    }
    events.push(edit::finish(&mut sheet, by()).expect("draft"));
    let doc = document::Document::of(rubric, &sheet, &events);
    let value = document::sheet_document(rubric, &sheet, &events);
    let text = String::from_utf8(document::canonical_bytes(&value)).expect("utf-8");
    (text, doc.file_name())
}

/// A value a hostile or damaged file might hold where another was.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        junk().prop_map(Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

/// The document with its `k`-th node (in a walk of the tree) replaced by `new`.
fn replace_node(value: &mut Value, k: &mut usize, new: &Value) -> bool {
    if *k == 0 {
        *value = new.clone();
        return true;
    }
    *k -= 1;
    match value {
        Value::Object(map) => map.values_mut().any(|v| replace_node(v, k, new)),
        Value::Array(items) => items.iter_mut().any(|v| replace_node(v, k, new)),
        _ => false,
    }
}

fn sheet_inputs(text: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let tree: Value = serde_json::from_str(text).unwrap_or_default();
    let structured = (0usize..2_000, json_value()).prop_map(move |(mut k, new)| {
        let mut doc = tree.clone();
        replace_node(&mut doc, &mut k, &new);
        serde_json::to_vec_pretty(&doc).unwrap_or_default()
    });
    prop_oneof![
        structured,
        mutated(text).prop_map(String::into_bytes),
        bytes(),
    ]
}

fn sheet_text() -> &'static (String, String) {
    static FILE: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    FILE.get_or_init(sheet_file)
}

#[test]
fn sheet_json_parse() {
    let (text, _) = sheet_text();
    fuzz("sheet_json_parse", 300, sheet_inputs(text), |b| {
        if let Ok(doc) = document::parse(&b) {
            let _ = doc.file_name();
        }
    });
}

/// The whole path of a sheet file through the readers of an export folder.
#[test]
fn sheet_json_in_a_folder() {
    let (text, name) = sheet_text();
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().to_path_buf();
    let set = root.join("sheets").join("che-tuoi-che-bien");
    fs::create_dir_all(&set).expect("set folder");
    let catalog = Catalog::builtin();
    fuzz("sheet_json_in_a_folder", 40, sheet_inputs(text), move |b| {
        let digest = check::sha256_hex(&b);
        fs::write(set.join(name), &b).expect("write");
        fs::write(
            set.join(format!("{name}.sha256")),
            format!("{digest}  {name}\n"),
        )
        .expect("write");
        let _ = fs::remove_file(root.join(summary_csv::FILE));
        verify::verify(&root, &catalog, None).expect("verify reads the folder");
        council::review(
            &root,
            council::Asked {
                include_unsigned: true,
                max_spread: 10,
                ..council::Asked::all(&catalog)
            },
        )
        .expect("council reads the folder");
        summary_csv::rebuild(&root, &catalog).expect("summary is written");
    });
}

/// A holder file as the interface writes it, for a process that is not running.
const HOLDER: &str = r#"{
  "pid": 31337,
  "host": "may-tinh-xa",
  "tty": "/dev/pts/3",
  "assessor": "Nguyễn Văn An",
  "since": "2026-11-29T08:00:00+07:00",
  "last_key": "2026-11-29T08:05:00+07:00",
  "started": 123456,
  "exe": "/usr/local/bin/ocop"
}"#;

/// Reads `bytes` as the holder file of a folder and decides, with the real liveness check,
/// as a newcomer would: whatever it says, it never names a process group (pid 0, or one
/// that kill(2) would read as negative) or the newcomer itself as a live holder to stop.
fn holder_decided(bytes: &[u8]) {
    use ocop_store::holder::{self, Decision};
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(holder::HOLDER_FILE), bytes).expect("write");
    let read = holder::read(dir.path());
    // Half the cases as if the file were written on this host.
    let here = read.as_ref().map(|h| h.host.clone()).unwrap_or_default();
    let here = if bytes.len().is_multiple_of(2) {
        here
    } else {
        holder::host_name()
    };
    if let Decision::Ask(h) = holder::decide(read, &here, holder::alive) {
        assert!(h.pid > 0 && i32::try_from(h.pid).is_ok(), "{h:?}");
        assert_ne!(h.pid, std::process::id(), "{h:?}");
    }
}

#[test]
fn holder_bytes() {
    fuzz("holder_bytes", 300, bytes(), |b| holder_decided(&b));
}

#[test]
fn holder_mutated() {
    fuzz("holder_mutated", 300, mutated(HOLDER), |text| {
        holder_decided(text.as_bytes());
    });
}

/// The pid set to the edges, and to live processes (this one, its parent), on this host.
#[test]
fn holder_pids() {
    let here = ocop_store::holder::host_name();
    let me = std::process::id();
    let parent = std::os::unix::process::parent_id();
    let pids = prop_oneof![
        Just(0u64),
        Just(1),
        Just(u64::from(me)),
        Just(u64::from(parent)),
        Just(2_147_483_647),
        Just(2_147_483_648),
        Just(4_294_967_295),
        any::<u64>(),
    ];
    fuzz(
        "holder_pids",
        100,
        (pids, any::<bool>()),
        |(pid, started)| {
            let text = HOLDER
                .replace("31337", &pid.to_string())
                .replace("may-tinh-xa", &here);
            let text = if started {
                text
            } else {
                text.replace("\"started\": 123456,", "")
            };
            holder_decided(text.as_bytes());
        },
    );
}

const PLACE: &str =
    r#"{"sheet":"01JD0000000000000000000000","criterion":"1.2","note":"nhãn mới in"}"#;

fn place_read(bytes: &[u8]) {
    use ocop_store::place;
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(place::PLACE_FILE), bytes).expect("write");
    if let Some(p) = place::read(dir.path()) {
        // A place that reads is one the interface can write back and read again as itself.
        let mut file = place::PlaceFile::open(dir.path()).expect("open");
        file.write(Some(&p)).expect("write back");
        assert_eq!(place::read(dir.path()), Some(p));
    }
}

#[test]
fn place_bytes() {
    fuzz("place_bytes", 300, bytes(), |b| place_read(&b));
}

#[test]
fn place_mutated() {
    fuzz("place_mutated", 300, mutated(PLACE), |text| {
        place_read(text.as_bytes());
    });
}
