//! The crash test: a child `ocop debug-record-answers` records answers one by one and prints
//! each once it is committed; this test kills it with SIGKILL at random moments and checks,
//! after each kill, that the store opens cleanly and holds every answer the child printed.
//!
//! 20 rounds by default. The long run (see the README):
//!     OCOP_CRASH_ROUNDS=1000 cargo test --release --test runner crash:: \
//!         -- --nocapture --skip sync_crash
//! `OCOP_CRASH_SEED=N` replays a run; the seed is printed at the start.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use ocop_domain::audit::Change;
use ocop_domain::rubric::Code;
use ocop_domain::sheet::{Mark, SheetId};
use ocop_store::Store;

use crate::sync_common;

/// An answer the child said it had committed.
#[derive(Debug)]
struct Printed {
    id: SheetId,
    seq: usize,
    code: Code,
    option: u8,
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn every_printed_answer_survives_sigkill() {
    let rounds = env_number("OCOP_CRASH_ROUNDS").unwrap_or(20);
    let seed = env_number("OCOP_CRASH_SEED").unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        now.map_or(1, |d| d.as_nanos() as u64)
    });
    eprintln!("crash test: {rounds} rounds, OCOP_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let mut printed = Vec::new();
    for round in 0..rounds {
        let lines = run_and_kill(tmp.path(), &mut rng);
        let before = printed.len();
        printed.extend(lines.iter().filter_map(|l| parse(l)));
        let store = Store::open(&dir).unwrap_or_else(|e| {
            panic!("round {round} (seed {seed}): the store does not open: {e}")
        });
        check(&store, &printed, round, seed);
        eprintln!(
            "round {round}: {} answers printed, all stored",
            printed.len() - before
        );
    }
    assert!(!printed.is_empty(), "the child never printed an answer");
}

/// A data folder on a file system that fills up while answers are recorded: the program stops
/// with a sentence (not a panic), and once there is room again every answer it printed is there.
#[test]
fn a_full_disk_stops_the_answers_with_a_sentence_and_loses_none() {
    let tmp = tempfile::tempdir().expect("tmp");
    let disk = tmp.path().join("disk");
    let _mounted = match sync_common::Tmpfs::mount(&disk, "size=6m") {
        Ok(m) => m,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let data = disk.join("data");
    let record = |count: &str| {
        Command::new(env!("CARGO_BIN_EXE_ocop"))
            .args(["debug-record-answers", "--count", count, "--lang", "en"])
            .env("OCOP_DATA_DIR", &data)
            .env("OCOP_CONFIG", tmp.path().join("config.toml"))
            .output()
            .expect("run ocop")
    };
    assert!(record("5").status.success());
    let filler = disk.join("filler");
    fill_leaving(&filler, 600 << 10);
    let out = record("3000");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("disk holding the data folder")
            && err.contains("is full")
            && err.contains(&data.display().to_string())
            && err.contains("restart ocop"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let printed: Vec<Printed> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(parse)
        .collect();
    assert!(printed.len() > 100, "it stopped early: {err}");
    // Still full: a start either has what it needs or says what is missing, never "damaged".
    let list = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["list", "--status", "all", "--lang", "en"])
        .env("OCOP_DATA_DIR", &data)
        .env("OCOP_CONFIG", tmp.path().join("config.toml"))
        .output()
        .expect("run ocop");
    let said = String::from_utf8_lossy(&list.stderr);
    assert!(
        list.status.success() || said.contains("No space left"),
        "{said}"
    );
    assert!(
        !said.contains("damaged") && !said.contains("panicked"),
        "{said}"
    );
    std::fs::remove_file(&filler).expect("room again");
    let store = Store::open(&data).expect("opens once there is room");
    check(&store, &printed, 0, 0);
}

/// Fills the file system holding `path` with one file, then gives back `room` bytes.
fn fill_leaving(path: &Path, room: u64) {
    let mut file = std::fs::File::create(path).expect("filler");
    let block = vec![0u8; 64 << 10];
    while file.write_all(&block).is_ok() {}
    let len = file.metadata().expect("len").len();
    file.set_len(len.saturating_sub(room)).expect("give back");
}

/// Starts the child, lets it record for a random while, kills it, and returns what it printed
/// (including lines still in the pipe when it died).
fn run_and_kill(tmp: &Path, rng: &mut Rng) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("debug-record-answers")
        .env("OCOP_DATA_DIR", tmp.join("data"))
        .env("OCOP_CONFIG", tmp.join("config.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    // Sometimes before the first answer (even before the store is open), mostly during them.
    let wait_for = rng.below(150);
    while (lines.len() as u64) < wait_for {
        let mut line = String::new();
        if out.read_line(&mut line).expect("read") == 0 {
            break;
        }
        lines.push(line);
    }
    std::thread::sleep(Duration::from_micros(rng.below(20_000)));
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    if status.signal() != Some(libc::SIGKILL) {
        let mut err = String::new();
        let _ = std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err);
        panic!("the child ended on its own ({status}): {err}");
    }
    lines.extend(out.lines().map_while(Result::ok));
    lines
}

/// `answer ID SEQ CODE OPTION`; other lines (`sheet ID`) are not answers.
fn parse(line: &str) -> Option<Printed> {
    let mut words = line.split_whitespace();
    if words.next()? != "answer" {
        return None;
    }
    Some(Printed {
        id: SheetId::parse(words.next()?)?,
        seq: words.next()?.parse().ok()?,
        code: Code::new(words.next()?),
        option: words.next()?.parse().ok()?,
    })
}

/// Every printed answer is in the audit trail at its place, and every sheet's answers agree
/// with the last event for each criterion (the sheet and its event were stored together).
fn check(store: &Store, printed: &[Printed], round: u64, seed: u64) {
    let context = format!("round {round}, seed {seed}");
    let mut ids: Vec<&SheetId> = printed.iter().map(|p| &p.id).collect();
    ids.dedup();
    for id in ids {
        let audit = store.audit(id).expect("audit");
        let sheet = store
            .sheet(id, None)
            .expect("sheet")
            .expect("the sheet is stored");
        for p in printed.iter().filter(|p| &p.id == id) {
            let event = audit
                .get(p.seq)
                .unwrap_or_else(|| panic!("{context}: answer {p:?} is not stored"));
            let stored = match &event.change {
                Change::Mark { code, new, .. } if *code == p.code => new.clone(),
                other => panic!("{context}: event {} is {other:?}, not {p:?}", p.seq),
            };
            assert_eq!(stored, Some(Mark::Chose { option: p.option }), "{context}");
        }
        for (code, answer) in &sheet.answers {
            let last = audit.iter().rev().find_map(|e| match &e.change {
                Change::Mark { code: c, new, .. } if c == code => Some(new.clone()),
                _ => None,
            });
            assert_eq!(last, Some(answer.mark.clone()), "{context}: {code}");
        }
    }
}
