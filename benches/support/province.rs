//! A province's export folder: 100,000 signed sheet files (`OCOP_BENCH_PROVINCE` for another
//! count), read by `verify` and `council`, and `summary.xlsx` rebuilt over it, each timed and
//! its peak memory (the command's own maximum resident set, from `wait4`) taken, with the
//! folder in the page cache (see `warm`). The workbook has no command of its own: this bench
//! binary, started again with `OCOP_BENCH_XLSX_OF`, rebuilds it, so that its memory is
//! measured apart from the bench's.
//!
//! The folder is made the way an office gets one: `ocop demo` (50,000 a run at most, so in
//! runs of other seeds) and one `ocop sync`, which flushes every file and takes minutes; it is
//! kept under `target/bench-province-N/` and reused while its stamp (count, seeds, the crate's
//! version, the document schema, the page layout, the signature hash) matches.
//! `OCOP_BENCH_FRESH=1` makes it anew; a folder `verify` finds fault with fails the step.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::measure::{Bench, Row, median, ms, only_demo_roster, row, worst};

/// Sheets per `ocop demo` run (its limit).
const DEMO_RUN: usize = 50_000;
const TIME_VERIFY_MS: f64 = 10_000.0;
const TIME_COUNCIL_MS: f64 = 5_000.0;
const TIME_XLSX_MS: f64 = 10_000.0;
const MEMORY_MB: f64 = 200.0;
/// Names the folder whose `summary.xlsx` the bench binary, started by itself, rebuilds.
const XLSX_CHILD: &str = "OCOP_BENCH_XLSX_OF";

/// In the bench binary started by `province` with `OCOP_BENCH_XLSX_OF`: rebuilds that
/// folder's `summary.xlsx` from scratch, as a sync that adds files does; the exit code.
pub fn xlsx_child() -> Option<i32> {
    let dir = PathBuf::from(std::env::var_os(XLSX_CHILD)?);
    let _ = fs::remove_file(dir.join(ocop_reports::workbook::FILE));
    Some(
        match ocop_reports::workbook::refresh(&dir, &ocop_catalog::Catalog::builtin()) {
            Ok(true) => 0,
            Ok(false) => {
                eprintln!(
                    "budgets: {} has no summary.csv to build from",
                    dir.display()
                );
                1
            }
            Err(e) => {
                eprintln!("budgets: {e}");
                1
            }
        },
    )
}

pub fn province(bench: &Bench) -> io::Result<Vec<Row>> {
    let n = std::env::var("OCOP_BENCH_PROVINCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000usize);
    let export = folder(bench, n)?;
    sound_but_the_demo_roster(bench, &export)?;
    warm(bench, &export)?;
    let mut rows = Vec::new();
    let steps = [
        ("verify", TIME_VERIFY_MS),
        ("council", TIME_COUNCIL_MS),
        ("summary.xlsx", TIME_XLSX_MS),
    ];
    for (name, budget) in steps {
        let (mut took, mut peak) = (Vec::new(), Vec::new());
        for _ in 0..bench.runs {
            // `verify` exits 1 naming the demo roster, checked once above.
            let exit = if name == "verify" { 1 } else { 0 };
            let (t, kb) = timed(&mut step(bench, &export, name)?, exit)?;
            took.push(t);
            peak.push(kb as f64 / 1024.0);
        }
        let (t, m) = (median(&took), median(&peak));
        rows.push(row(
            &format!("`{name}` over {n} signed sheet files (a province)"),
            format!("{t:.0} ms"),
            format!("{:.0} ms", worst(&took)),
            &format!("≤ {budget:.0} ms"),
            Some(t <= budget),
        ));
        rows.push(row(
            &format!("`{name}` over {n} sheet files: peak memory of the command"),
            format!("{m:.0} MB"),
            format!("{:.0} MB", worst(&peak)),
            &format!("≤ {MEMORY_MB:.0} MB"),
            Some(worst(&peak) <= MEMORY_MB),
        ));
    }
    Ok(rows)
}

/// How long a reading of the folder from the page cache may take, before the timed runs.
const WARM_MS: f64 = 30_000.0;
/// Readings tried before the timed runs begin anyway.
const WARM_TRIES: usize = 5;

/// Reads the folder (an untimed `verify`) until one reading takes under `WARM_MS`, so that
/// every timed run reads it from the page cache, as an office's second reading does: its
/// 400,000 files are 4.5 GB, and a first reading from this machine's disk takes minutes.
/// The host pages out memory untouched for a minute (DAMON), so a folder read more slowly
/// than that is cold again where the reading began: it takes a few readings to warm.
fn warm(bench: &Bench, export: &Path) -> io::Result<()> {
    for _ in 0..WARM_TRIES {
        let (t, _) = timed(&mut step(bench, export, "verify")?, 1)?;
        eprintln!(
            "budgets: the folder read once, untimed, in {:.0} s",
            t / 1000.0
        );
        if t < WARM_MS {
            break;
        }
    }
    Ok(())
}

/// The command a step times: `ocop verify DIR`, `ocop council DIR`, or this bench binary
/// rebuilding the workbook.
fn step(bench: &Bench, export: &Path, name: &str) -> io::Result<Command> {
    if name == "summary.xlsx" {
        return xlsx_command(export);
    }
    let mut cmd = bench.command(&bench.data);
    cmd.arg(name).arg(export);
    Ok(cmd)
}

/// This bench binary, to rebuild the workbook of `export`.
fn xlsx_command(export: &Path) -> io::Result<Command> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.env(XLSX_CHILD, export);
    Ok(cmd)
}

/// Checks, untimed, that `verify` finds nothing in the folder but the demo roster.
fn sound_but_the_demo_roster(bench: &Bench, export: &Path) -> io::Result<()> {
    let out = step(bench, export, "verify")?.output()?;
    if out.status.success() || only_demo_roster(&out.stdout) {
        return Ok(());
    }
    let found = String::from_utf8_lossy(&out.stdout);
    let first: String = found.lines().take(5).collect::<Vec<_>>().join("\n");
    Err(io::Error::other(format!(
        "`ocop verify` finds fault with the folder: {first}; set OCOP_BENCH_FRESH=1 to make it \
         anew"
    )))
}

/// Runs a command to its end; its time in ms and its peak resident set in KiB. Fails unless
/// it exits with `exit` (a folder with problems, or a command that failed, measures nothing).
fn timed(cmd: &mut Command, exit: i32) -> io::Result<(f64, i64)> {
    let started = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = ms(started.elapsed());
    if waited != pid {
        return Err(io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != exit {
        return Err(io::Error::other(format!(
            "{cmd:?} did not exit 0 (status {status}): see `ocop verify` on the folder, or set \
             OCOP_BENCH_FRESH=1 to make it anew"
        )));
    }
    Ok((took, usage.ru_maxrss))
}

/// The cached folder of `n` sheet files, made when missing or stale.
fn folder(bench: &Bench, n: usize) -> io::Result<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-province-{n}"));
    let export = root.join("export");
    // What a sync writes beside each sheet is part of what a reader reads: the printable
    // copy's layout and the hash its signature is made over.
    let stamp = format!(
        "{n} sheets, demo seeds from 7, ocop-assess {}, {}, printed layout {}, signed over {}\n",
        env!("CARGO_PKG_VERSION"),
        ocop_export::document::SCHEMA,
        ocop_print::LAYOUT,
        ocop_sign::HASH.as_str(),
    );
    let fresh = std::env::var_os("OCOP_BENCH_FRESH").is_some();
    let stamped = fs::read_to_string(root.join("stamp")).is_ok_and(|s| s == stamp);
    if stamped && !fresh {
        eprintln!("budgets: {n} sheet files reused from {}", root.display());
        return Ok(export);
    }
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&export)?;
    let data = root.join("data");
    let started = Instant::now();
    for (run, seed) in (0..n.div_ceil(DEMO_RUN)).zip(7u64..) {
        let count = DEMO_RUN.min(n - run * DEMO_RUN).to_string();
        let seed = seed.to_string();
        let demo = [
            "demo",
            "--sheets",
            &count,
            "--seed",
            &seed,
            "--finished",
            "100",
        ];
        bench.ocop(&data, &demo)?;
    }
    let dir = export.to_string_lossy().to_string();
    bench.ocop(&data, &["--export-dir", &dir, "sync"])?;
    fs::remove_dir_all(&data)?;
    fs::write(root.join("stamp"), stamp)?;
    eprintln!(
        "budgets: {n} sheet files made in {:.0} s, kept in {}",
        started.elapsed().as_secs_f64(),
        root.display()
    );
    Ok(export)
}
