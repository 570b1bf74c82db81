//! Helpers for the export tests: data folders filled through the library's own store, and the
//! real `ocop` binary run against them with a clean environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, FixedOffset};
use ocop_catalog::Catalog;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Rule;
use ocop_domain::sheet::{Header, HeaderField, Mark, Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_sign::{Signer, allowed_signers_line, principal_of};
use ocop_store::{Import, Store};

pub const ASSESSORS: [&str; 4] = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Thu Dung",
];

/// The `ocop` command with nothing from the caller's environment that could change its mind.
pub fn ocop(data: &Path, export: Option<&Path>, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ocop"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("OCOP_") {
            cmd.env_remove(key);
        }
    }
    let home = data.with_extension("home");
    cmd.env("HOME", &home).env("XDG_CONFIG_HOME", &home);
    cmd.arg("--data-dir").arg(data);
    if let Some(export) = export {
        cmd.arg("--export-dir").arg(export);
    }
    cmd.args(args);
    cmd
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("ocop runs")
}

/// That a command said `needle` on its standard error; shows all it said when not.
pub fn assert_said(out: &Output, needle: &str) {
    let said = text(&out.stderr);
    assert!(said.contains(needle), "wanted {needle:?} in: {said}");
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").expect("time")
}

/// A small deterministic generator, so a seed always gives the same sheets.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Fills `data` with `n` finished sheets across every set, in one store transaction. Sheet ids
/// carry the seed, so two seeds never share an id. `products` names them in turn.
pub fn fill(data: &Path, n: usize, seed: u64, products: &[&str]) {
    let catalog = Catalog::builtin();
    let rubrics = catalog.all().expect("rubrics");
    let mut rng = Lcg(seed);
    let mut items = Vec::new();
    for i in 0..n {
        // Seven products, `25-7912-0k-2026` for sheet i with i % 7 = k: one code, one set and
        // one name, as in a province, and seven sets apart.
        let k = i % 7;
        let rubric = rubrics[k * 4 % rubrics.len()];
        let id = SheetId::parse(&format!("01JD{seed:02}{i:020}")).expect("id");
        let product = products[k % products.len()];
        let assessor = ASSESSORS[seed as usize % ASSESSORS.len()];
        let (sheet, events) = sheet(rubric, id, product, assessor, i, &mut rng);
        items.push(signed_import(&catalog, rubric, (sheet, events), assessor));
    }
    let mut store = Store::open(data).expect("store");
    store.import(&items, false).expect("import");
}

/// A finished sheet signed by `assessor`'s test key, ready for `Store::import`.
pub fn signed_import<'a>(
    catalog: &'a Catalog,
    rubric: &ocop_domain::rubric::Rubric,
    (mut sheet, events): (Sheet, Vec<ocop_domain::audit::AuditEvent>),
    assessor: &str,
) -> Import<'a> {
    let signature = ocop_export::signature::seal_sheet(
        &signer(assessor),
        &principal_of(assessor),
        rubric,
        &mut sheet,
        None,
        &events,
    )
    .expect("signs");
    Import {
        summary: Summary::of(rubric, &sheet),
        sheet,
        rubric_text: catalog.text(&rubric.id).expect("text"),
        events,
        finished: true,
        signature: Some(signature),
    }
}

/// Each test assessor's own key, from a fixed seed.
pub fn signer(assessor: &str) -> Signer {
    let n = ASSESSORS.iter().position(|a| *a == assessor).unwrap_or(9) as u8;
    ocop_sign::seeded(&[n + 1; 32], assessor)
}

/// A demo data folder of `sheets` sheets, every one finished, synced into a new export
/// folder (with the demo's roster); the data folder and the export folder.
pub fn demo_export(tmp: &Path, sheets: usize) -> (PathBuf, PathBuf) {
    let (data, export) = (tmp.join("data"), tmp.join("share"));
    std::fs::create_dir(&export).expect("share");
    let n = sheets.to_string();
    let demo = run(&mut ocop(
        &data,
        None,
        &["demo", "--sheets", &n, "--finished", "100"],
    ));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let sync = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(sync.status.code(), Some(0), "{}", text(&sync.stdout));
    (data, export)
}

/// Every sheet file (`*.json`) under `export/sheets`, sorted.
pub fn sheet_files(export: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for set in std::fs::read_dir(export.join("sheets")).expect("sheets") {
        for file in std::fs::read_dir(set.expect("set").path()).expect("set") {
            let path = file.expect("file").path();
            if path.extension().is_some_and(|x| x == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Whether a line of `ocop verify` names the demo roster's `*` line, which lets the public
/// demo key sign as anyone: a folder a demo synced into has that one problem.
pub fn is_demo_roster_line(line: &str) -> bool {
    line.contains("allowed_signers: ") && line.contains("\"*\"")
}

/// `ocop verify` of a folder a demo synced into (exit code, what it found): sound, but for
/// the demo roster's `*` line, named and the only thing named.
pub fn assert_sound_but_the_demo_roster(code: Option<i32>, found: &str) {
    assert_eq!(code, Some(1), "the demo roster is named: {found}");
    assert!(
        !found.is_empty() && found.lines().all(is_demo_roster_line),
        "nothing else: {found}"
    );
}

/// The export folder's `allowed_signers`, as the council's secretary keeps it: one line per
/// test assessor.
pub fn write_roster(export: &Path) {
    let lines: String = ASSESSORS
        .iter()
        .map(|a| {
            format!(
                "{}\n",
                allowed_signers_line(&principal_of(a), signer(a).public())
            )
        })
        .collect();
    std::fs::write(export.join("allowed_signers"), lines).expect("roster");
}

fn sheet(
    rubric: &ocop_domain::rubric::Rubric,
    id: SheetId,
    product: &str,
    assessor: &str,
    i: usize,
    rng: &mut Lcg,
) -> (Sheet, Vec<ocop_domain::audit::AuditEvent>) {
    let mut at = start() + Duration::minutes(i as i64);
    let mut sheet = Sheet::new(id, rubric, Header::default(), at);
    let by = |at| By {
        actor: assessor,
        at,
    };
    let mut events = vec![edit::created(&mut sheet, by(at))];
    let code = format!("25-7912-{:02}-2026", i % 7);
    for (field, value) in [
        (HeaderField::ProductName, product),
        (HeaderField::Producer, "HTX Chè Thanh Sơn, xã Tân Minh"),
        (HeaderField::ProductCode, code.as_str()),
        (HeaderField::Assessor, assessor),
        (HeaderField::Council, "Hội đồng tỉnh Phú Thọ"),
        (HeaderField::Date, "2026-11-20"),
    ] {
        events.push(edit::set_header(&mut sheet, field, value, by(at)).expect("draft"));
    }
    for leaf in rubric.leaves() {
        at += Duration::seconds(20);
        let raise = i % 17 == 5 && leaf.rule().is_some_and(Rule::is_raisable);
        let mark = match rng.next(10) {
            _ if raise => Mark::Raised {
                reason: "nguyên liệu không rõ nguồn gốc".into(),
            },
            0 => Mark::NotMet,
            k => Mark::Chose {
                option: (k % leaf.options.len() + 1) as u8,
            },
        };
        events.push(edit::set_mark(&mut sheet, &leaf.code, Some(mark), by(at)).expect("draft"));
    }
    events.push(edit::set_comment(&mut sheet, "Sản phẩm đạt, \"ổn định\"", by(at)).expect("draft"));
    events.push(edit::finish(&mut sheet, by(at)).expect("draft"));
    (sheet, events)
}

/// Every file under `dir`, recursively, with its modification time. A file that vanishes
/// while it is listed (a running sync's temporary file) is left out.
pub fn files_with_mtimes(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let entry = entry.expect("entry");
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                found.push((entry.path(), meta.modified().expect("mtime")));
            }
        }
    }
    found.sort();
    found
}

/// Names starting with `.` anywhere under `dir`: temporary files left behind.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    files_with_mtimes(dir)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect()
}

/// Whether the tests run as root, where permission bits do not stop writes.
pub fn am_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0")
}

/// A tmpfs mounted on `dir` for one test, unmounted when dropped.
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts, or says why it cannot (not root, no permission in this container, ...).
    pub fn mount(dir: &Path, options: &str) -> Result<Tmpfs, String> {
        if !am_root() {
            return Err("not running as root".into());
        }
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("mount cannot run: {e}"))?;
        if out.status.success() {
            Ok(Tmpfs(dir.to_path_buf()))
        } else {
            Err(format!(
                "mount -t tmpfs failed: {}",
                text(&out.stderr).trim()
            ))
        }
    }

    pub fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A real ssh-agent on its own socket, killed when dropped.
pub struct Agent {
    pid: String,
    pub socket: PathBuf,
}

impl Agent {
    pub fn start(dir: &Path) -> Agent {
        let socket = dir.join("agent.sock");
        let out = Command::new("ssh-agent")
            .arg("-s")
            .arg("-a")
            .arg(&socket)
            .output()
            .expect("ssh-agent");
        let said = text(&out.stdout);
        let pid = said
            .split("SSH_AGENT_PID=")
            .nth(1)
            .and_then(|s| s.split(';').next())
            .expect("a pid")
            .to_string();
        Agent { pid, socket }
    }
}

impl Agent {
    /// `ssh-add KEY`, the passphrase given by an askpass script (nothing reads a terminal).
    pub fn add(&self, key: &Path, passphrase: &str, dir: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let askpass = dir.join("askpass");
        std::fs::write(&askpass, format!("#!/bin/sh\necho '{passphrase}'\n")).expect("askpass");
        std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let added = Command::new("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("ssh-add");
        assert!(added.status.success(), "{}", text(&added.stderr));
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(&self.pid).status();
    }
}
