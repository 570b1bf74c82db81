//! The language of every command's error paths: each case runs the real binary in a fresh
//! temporary folder, once with `--lang vi` and once with `--lang en`, and snapshots the exit
//! code, standard output and standard error (`<case>_vi`, `<case>_en`). Vietnamese is the
//! default language, so a `_vi` snapshot holding English is a sentence still to translate.
//!
//! Temporary paths read `[TMP]` and sheet ids (ULIDs) `[ID]`, so the snapshots are stable.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use ocop_store::Store;

/// What a case's setup leaves behind: a sheet id for `{ID}`, and anything to keep alive while
/// the command runs (a store held open).
#[derive(Default)]
struct Setup {
    id: Option<String>,
    _hold: Option<Store>,
}

struct Case {
    name: &'static str,
    /// Split at whitespace; `{T}` is the temporary folder, `{ID}` the sheet id of the setup.
    args: &'static str,
    setup: fn(&Path) -> Setup,
    env: &'static [(&'static str, &'static str)],
    stdin: &'static [u8],
    /// The `_vi` run gives no `--lang` (Vietnamese being the default).
    vi_by_default: bool,
}

fn case(name: &'static str, args: &'static str, setup: fn(&Path) -> Setup) -> Case {
    Case {
        name,
        args,
        setup,
        env: &[],
        stdin: b"",
        vi_by_default: false,
    }
}

impl Case {
    fn env(self, env: &'static [(&'static str, &'static str)]) -> Case {
        Case { env, ..self }
    }

    fn stdin(self, stdin: &'static [u8]) -> Case {
        Case { stdin, ..self }
    }

    fn vi_by_default(self) -> Case {
        Case {
            vi_by_default: true,
            ..self
        }
    }
}

/// `ocop` with HOME, the data folder and the config file in `tmp`, and no OCOP_ variable,
/// ssh-agent or NO_COLOR from the caller's environment.
fn ocop(tmp: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ocop"));
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("OCOP_") || key == "SSH_AUTH_SOCK" || key == "NO_COLOR" {
            cmd.env_remove(key);
        }
    }
    cmd.env("HOME", tmp.join("home"))
        .env("XDG_CONFIG_HOME", tmp.join("home/.config"))
        .env("XDG_DATA_HOME", tmp.join("home/.local/share"))
        .env("OCOP_DATA_DIR", tmp.join("data"))
        .env("OCOP_CONFIG", tmp.join("config.toml"));
    cmd
}

fn ok(tmp: &Path, args: &[&str]) -> Output {
    let out = ocop(tmp).args(args).output().expect("run ocop");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "setup `ocop {args:?}` failed: {err}");
    out
}

// ---- setups ----

fn nothing(_: &Path) -> Setup {
    Setup::default()
}

fn write(tmp: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> Setup {
    let path = tmp.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, bytes).expect("write");
    Setup::default()
}

fn mkdir(tmp: &Path, rel: &str) -> Setup {
    std::fs::create_dir_all(tmp.join(rel)).expect("mkdir");
    Setup::default()
}

fn export_dir(tmp: &Path) -> Setup {
    mkdir(tmp, "export")
}

fn first_id(tmp: &Path) -> Option<String> {
    let out = ok(tmp, &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    Some(rows[0]["id"].as_str().expect("id").to_string())
}

/// One draft that `ocop demo` did not make.
fn one_draft(tmp: &Path) -> Setup {
    ok(tmp, &["debug-record-answers", "--count", "1"]);
    Setup {
        id: first_id(tmp),
        ..Setup::default()
    }
}

fn demo(tmp: &Path, finished: &str) -> Setup {
    ok(tmp, &["demo", "--sheets", "2", "--finished", finished]);
    Setup {
        id: first_id(tmp),
        ..Setup::default()
    }
}

fn held(tmp: &Path) -> Setup {
    let store = Store::open(&tmp.join("data")).expect("open the store");
    Setup {
        _hold: Some(store),
        ..Setup::default()
    }
}

/// Answers recorded, a crash (SIGKILL) with the journal open, then the journal zeroed.
fn journal_zeroed(tmp: &Path) -> Setup {
    let mut child = ocop(tmp)
        .args(["debug-record-answers", "--hold", "--count", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let answers = lines
        .map_while(Result::ok)
        .filter(|l| l.starts_with("answer "));
    assert_eq!(answers.take(5).count(), 5, "the child stopped early");
    child.kill().expect("kill");
    child.wait().expect("wait");
    let journal = tmp.join("data/ocop.journal");
    let len = std::fs::metadata(&journal).expect("journal").len();
    write(
        tmp,
        "data/ocop.journal",
        vec![0u8; usize::try_from(len).expect("len")],
    )
}

fn bad_rule(tmp: &Path) -> Setup {
    let text = include_str!("../../rubrics/dong-vat-canh.toml");
    let text = text.replacen("rule = \"eligibility\"", "rule = \"stopp\"", 1);
    write(tmp, "bad-rule.toml", text)
}

fn broken_sheet(tmp: &Path) -> Setup {
    let rel = "export/sheets/che-tuoi-che-bien/01JF0000000000000000000000.r1.json";
    write(tmp, rel, "{ not json")
}

const ECDSA_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQQEOmB70IeYMEgDRY8K1GMMPbCTBsox
GMpnzVseQoa0Ed/RCyNnXycSSq+FJqbsoV+bXyYJ3FLxE1vB9hWp4dMJAAAAoN8YKTbfGC
k2AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAQ6YHvQh5gwSANF
jwrUYww9sJMGyjEYymfNWx5ChrQR39ELI2dfJxJKr4UmpuyhX5tfJgncUvETW8H2Fanh0w
kAAAAgBlXx8ApeLcQLeNYbnDKIQj34w1zg4xpF7a5GfMrOwWAAAAACZWMBAgMEBQY=
-----END OPENSSH PRIVATE KEY-----
";

/// Ed25519, passphrase "secret".
const ENCRYPTED_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABD0iu9I5e
y0bckHV8wYkES0AAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAICbPCKfbxUTMdDwn
UDM5ApqNYo5D9lsGn5AhwKHmr57IAAAAkJTKHrpZ23u4q0pxHwsLg7i5Yvm9JmLlijUOZN
paE9M6jOuwVQWOKt8RFlpRLN4FTj5H5EgAGXSSpK9uhpPGRJCU0yvY+jw/fIjDYkD7pI5X
Xq6CIvJq5Ob2NLy+FtbaCIPi3ubvNM8aFE6xRSCTnJJHaH1PWVsqtnFwMvUoSgPsowHM0R
XyQjGrDOyfABFEag==
-----END OPENSSH PRIVATE KEY-----
";

const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKAuES6SKDv1BKGbKWrxV1p1whye13hAi2iV+1c/E1fw pub\n";

// ---- running a case ----

fn run(case: &Case, lang: &str) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let tmp = dir.path();
    let setup = (case.setup)(tmp);
    let root = tmp.display().to_string();
    let id = setup.id.clone().unwrap_or_default();
    let mut args: Vec<String> = case
        .args
        .split_whitespace()
        .map(|a| a.replace("{T}", &root).replace("{ID}", &id))
        .collect();
    if lang == "en" || !case.vi_by_default {
        args.extend(["--lang".to_string(), lang.to_string()]);
    }
    let mut child = ocop(tmp)
        .args(&args)
        .envs(case.env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ocop");
    let mut stdin = child.stdin.take().expect("stdin");
    // The command may stop before reading: a closed pipe is not a failure here.
    let _ = stdin.write_all(case.stdin);
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    drop(setup);
    let clean = |text: &str| redact_ids(&text.replace(&root, "[TMP]"));
    let mut text = format!("args: {}\n", clean(&args.join(" ")));
    let code = out.status.code().map(|c| c.to_string());
    text += &format!("exit: {}\n", code.as_deref().unwrap_or("signal"));
    if !out.stdout.is_empty() {
        text += "--- stdout\n";
        // `receive` answers in the sync protocol's binary frames.
        text += &if case.name.starts_with("receive_") {
            "[sync protocol frames]\n".to_string()
        } else {
            clean(&String::from_utf8_lossy(&out.stdout))
        };
    }
    text += "--- stderr\n";
    text += &clean(&String::from_utf8_lossy(&out.stderr));
    text
}

/// Replaces each ULID (26 characters of Crockford's base32, standing alone) with `[ID]`.
fn redact_ids(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_id = |c: char| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c));
    let (mut out, mut i) = (String::new(), 0);
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| is_id(**c)).count();
        let alone = (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
            && chars
                .get(i + run)
                .is_none_or(|c| !c.is_ascii_alphanumeric());
        match run {
            0 => out.push(chars[i]),
            26 if alone => out.push_str("[ID]"),
            _ => out.extend(&chars[i..i + run]),
        }
        i += run.max(1);
    }
    out
}

fn check(cases: &[Case]) {
    for case in cases {
        for lang in ["vi", "en"] {
            insta::assert_snapshot!(format!("{}_{lang}", case.name), run(case, lang));
        }
    }
}

// ---- the cases, one test per command group; kept as tables, one case a line ----

fn certified_once(t: &Path) -> Setup {
    export_dir(t);
    let export = t.join("export").display().to_string();
    let mut args = vec!["certify", export.as_str()];
    args.extend("--product 1-2-003-2025 --date 2025-03-01 --stars 4".split(' '));
    ok(t, &args);
    Setup::default()
}

fn finished_and_sheets_a_file(t: &Path) -> Setup {
    demo(t, "100");
    write(t, "export/sheets", "a file\n")
}

#[test]
#[rustfmt::skip]
fn settings_errors() {
    check(&[
        case("config_bad_toml",            "list", |t| write(t, "config.toml", "lang = \n")),
        case("config_unknown_key",         "list", |t| write(t, "config.toml", "colour = \"red\"\n")),
        case("config_bad_lang",            "list", |t| write(t, "config.toml", "lang = \"xx\"\n")),
        case("config_is_a_folder",         "list --config {T}/home", |t| mkdir(t, "home")),
        case("env_bad_lang",               "list", nothing).env(&[("OCOP_LANG", "xx")]).vi_by_default(),
        case("env_bad_theme",              "list", nothing).env(&[("OCOP_THEME", "neon")]),
        case("assessor_folder_unmakeable", "list", |t| write(t, "data", "a file\n"))
            .env(&[("OCOP_ASSESSOR", "Trần Thị Bình")]),
        case("usage_unknown_command",      "frobnicate", nothing),
    ]);
}

#[test]
#[rustfmt::skip]
fn data_folder_errors() {
    check(&[
        case("data_dir_is_a_file",         "list", |t| write(t, "data", "a file\n")),
        case("data_dir_parent_is_a_file",  "list --data-dir {T}/file/data", |t| write(t, "file", "a file\n")),
        case("data_dir_foreign_database",  "list", |t| write(t, "data/ocop.redb", "notes, not a database\n")),
        case("data_dir_in_use",            "list", held),
        case("data_dir_journal_damaged",   "list", journal_zeroed),
        case("interface_without_terminal", "", nothing),
    ]);
}

#[test]
#[rustfmt::skip]
fn rubric_errors() {
    check(&[
        case("rubric_show_unknown_set",    "rubric show khong-co", nothing),
        case("rubric_list_missing_folder", "rubric list --rubrics {T}/nonexistent", nothing),
        case("rubric_list_malformed_file", "rubric list --rubrics {T}/rubrics",
             |t| write(t, "rubrics/bad.toml", "id = \"bad\"\nset_no = \"mười\"\n")),
        case("rubric_check_missing_file",  "rubric check {T}/none.toml", nothing),
        case("rubric_check_bad_rule",      "rubric check {T}/bad-rule.toml", bad_rule),
        case("rubric_check_not_utf8",      "rubric check {T}/latin1.toml", |t| write(t, "latin1.toml", b"id = \"caf\xe9\"\n")),
    ]);
}

#[test]
#[rustfmt::skip]
fn sheet_command_errors() {
    check(&[
        case("show_unknown_id",             "show 01JF0000000000000000000000", nothing),
        case("show_unknown_revision",       "show {ID} --revision 9", one_draft),
        case("show_ambiguous_prefix",       "show 0", |t| demo(t, "50")),
        case("show_missing_rubrics",        "show {ID} --rubrics {T}/nonexistent", one_draft),
        case("plan_unknown_id",             "plan 01JF0000000000000000000000", nothing),
        case("print_unknown_id",            "print 01JF0000000000000000000000", nothing),
        case("print_output_folder_missing", "print {ID} -o {T}/nonexistent/sheet.html", one_draft),
        case("restore_unknown_id",          "restore 01JF0000000000000000000000", nothing),
        case("demo_too_many",               "demo --sheets 50001", nothing),
        case("demo_foreign_sheets",         "demo --sheets 2", one_draft),
        case("config_missing_rubrics",      "config --rubrics {T}/nonexistent", nothing),
    ]);
}

#[test]
#[rustfmt::skip]
fn key_errors() {
    check(&[
        case("key_no_assessor",         "key", nothing),
        case("key_missing_signing_key", "key --assessor-id an --signing-key {T}/none", nothing),
        case("key_not_a_key",           "key --assessor-id an --signing-key {T}/key", |t| write(t, "key", "not a key\n")),
        case("key_not_ed25519",         "key --assessor-id an --signing-key {T}/key", |t| write(t, "key", ECDSA_KEY)),
        // `ocop key` needs only the public half; the interface, which signs, says what is missing.
        case("start_passphrase_no_agent", "--assessor An --assessor-id an --signing-key {T}/key", |t| write(t, "key", ENCRYPTED_KEY)),
        case("start_public_no_agent",     "--assessor An --assessor-id an --signing-key {T}/key", |t| write(t, "key", PUBLIC_KEY)),
        case("key_data_dir_is_a_file",  "key --assessor-id an", |t| write(t, "data", "a file\n")),
    ]);
}

#[test]
#[rustfmt::skip]
fn export_folder_errors() {
    check(&[
        case("sync_no_export_dir",                  "sync", nothing),
        case("sync_export_missing_nothing_waiting", "sync --export-dir {T}/nonexistent", nothing),
        case("sync_export_missing_sheets_waiting",  "sync --export-dir {T}/nonexistent", |t| demo(t, "100")),
        case("sync_sheets_is_a_file",               "sync --export-dir {T}/export", finished_and_sheets_a_file),
        case("sync_bad_ssh_target",                 "sync --export-dir ssh://-oProxyCommand=x/srv", nothing),
        case("verify_missing_folder",               "verify {T}/nonexistent", nothing),
        case("verify_broken_sheet_file",            "verify {T}/export", broken_sheet),
        case("verify_bad_roster",                   "verify {T}/export",
             |t| write(t, "export/allowed_signers", "this is not a roster line\n")),
        case("verify_sheets_is_a_file",             "verify {T}/export", |t| write(t, "export/sheets", "a file\n")),
        case("council_missing_folder",              "council {T}/nonexistent", nothing),
        case("council_unknown_product",             "council {T}/export --product 1-2-003-2025", export_dir),
        case("council_broken_sheet_file",           "council {T}/export", broken_sheet),
        case("council_output_unwritable",           "council {T}/export -o {T}/nonexistent/report.txt", export_dir),
    ]);
}

#[test]
#[rustfmt::skip]
fn certify_and_due_errors() {
    check(&[
        case("certify_bad_date",           "certify {T}/export --product 1-2-003-2025 --date 2025-13-45 --stars 4", export_dir),
        case("certify_date_not_iso",       "certify {T}/export --product 1-2-003-2025 --date 01/03/2025 --stars 4", export_dir),
        case("certify_bad_product_code",   "certify {T}/export --product chè --date 2025-03-01 --stars 4", export_dir),
        case("certify_missing_folder",     "certify {T}/nonexistent --product 1-2-003-2025 --date 2025-03-01 --stars 4", nothing),
        case("certify_conflict",           "certify {T}/export --product 1-2-003-2025 --date 2025-03-01 --stars 5", certified_once),
        case("due_missing_folder",         "due {T}/nonexistent", nothing),
        case("due_broken_certificate",     "due {T}/export",
             |t| write(t, "export/certificates/T-1-001-2025.2025-01-01.json", "{ not json")),
        case("due_certificates_is_a_file", "due {T}/export", |t| write(t, "export/certificates", "a file\n")),
    ]);
}

#[test]
#[rustfmt::skip]
fn receive_errors() {
    check(&[
        case("receive_missing_folder",    "receive {T}/nonexistent", nothing),
        case("receive_connection_closed", "receive {T}/export", export_dir),
        case("receive_not_the_protocol",  "receive {T}/export", export_dir).stdin(b"hello\n"),
    ]);
}
