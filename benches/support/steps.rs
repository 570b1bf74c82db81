//! Each step measures a group of budgets and returns its rows.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::measure::{Bench, Row, bare_fsync, median, ms, p99, row, worst};
use crate::pty::Pty;

/// A fresh copy of the demo data folder, so a step that changes the store starts alike.
fn copy_data(bench: &Bench, name: &str) -> io::Result<PathBuf> {
    let to = bench.root.join(name);
    let _ = fs::remove_dir_all(&to);
    fs::create_dir_all(&to)?;
    for entry in fs::read_dir(&bench.data)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(to)
}

fn files_under(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            files_under(&entry.path(), out)?;
        } else {
            out.push((entry.path(), meta.len()));
        }
    }
    Ok(())
}

/// The least a program must do to write the same files safely: for each file a temporary
/// file written and flushed, linked into place, the temporary removed; each folder flushed
/// once at the end.
fn minimal_writes(files: &[(PathBuf, u64)], from: &Path, to: &Path) -> io::Result<f64> {
    let _ = fs::remove_dir_all(to);
    let started = Instant::now();
    let mut dirs = std::collections::BTreeSet::new();
    for (path, len) in files {
        let rel = path.strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(rel);
        let dir = target
            .parent()
            .ok_or_else(|| io::Error::other("no parent"))?;
        if dirs.insert(dir.to_path_buf()) {
            fs::create_dir_all(dir)?;
        }
        let tmp = dir.join(".minimal.tmp");
        let mut f = fs::File::create(&tmp)?;
        io::Write::write_all(&mut f, &vec![b'x'; *len as usize])?;
        f.sync_all()?;
        fs::hard_link(&tmp, &target)?;
        fs::remove_file(&tmp)?;
    }
    for dir in &dirs {
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(ms(started.elapsed()))
}

pub fn sync(bench: &Bench) -> io::Result<Vec<Row>> {
    let runs = bench.runs.min(3);
    let (mut ours, mut minimal, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        let data = copy_data(bench, &format!("sync-data-{run}"))?;
        let export = bench.root.join(format!("export-{run}"));
        fs::create_dir_all(&export)?;
        let dir = export.to_string_lossy().to_string();
        ours.push(ms(bench.ocop(&data, &["--export-dir", &dir, "sync"])?));
        again.push(ms(bench.ocop(&data, &["--export-dir", &dir, "sync"])?));
        let mut files = Vec::new();
        files_under(&export.join("sheets"), &mut files)?;
        let replay = bench.root.join(format!("minimal-{run}"));
        minimal.push(minimal_writes(&files, &export.join("sheets"), &replay)?);
        fs::remove_dir_all(replay)?;
        fs::remove_dir_all(data)?;
        if run + 1 < runs {
            fs::remove_dir_all(export)?;
        }
    }
    let (o, m) = (median(&ours), median(&minimal));
    Ok(vec![
        row(
            "sync all finished sheets into an empty folder (minimal program alike)",
            format!("{o:.0} ms ({m:.0} ms)"),
            format!("{:.0} ms ({:.0} ms)", worst(&ours), worst(&minimal)),
            "≤ 2 × minimal",
            Some(o <= 2.0 * m),
        ),
        row(
            "sync again with nothing new",
            format!("{:.0} ms", median(&again)),
            format!("{:.0} ms", worst(&again)),
            "≤ 1000 ms",
            Some(median(&again) <= 1000.0),
        ),
    ])
}

pub fn reading(bench: &Bench) -> io::Result<Vec<Row>> {
    let export = bench.root.join(format!("export-{}", bench.runs.min(3) - 1));
    let dir = export.to_string_lossy().to_string();
    let mut rows = Vec::new();
    for (name, args) in [
        ("verify", vec!["verify", dir.as_str()]),
        ("council", vec!["council", dir.as_str()]),
    ] {
        let mut samples = Vec::new();
        for _ in 0..bench.runs {
            samples.push(ms(bench.ocop(&bench.data, &args)?));
        }
        rows.push(row(
            &format!("`{name}` over the export folder"),
            format!("{:.0} ms", median(&samples)),
            format!("{:.0} ms", worst(&samples)),
            "≤ 5000 ms",
            Some(median(&samples) <= 5000.0),
        ));
    }
    Ok(rows)
}

/// Keys as a terminal sends them.
const DOWN: &[u8] = b"\x1b[B";
const UP: &[u8] = b"\x1b[A";
const RIGHT: &[u8] = b"\x1b[C";
const LEFT: &[u8] = b"\x1b[D";
const CTRL_S: &[u8] = b"\x13";

fn quiet() -> Duration {
    Duration::from_millis(25)
}

fn limit() -> Duration {
    Duration::from_secs(5)
}

/// One key: time from writing it to the last byte of the redraw, and the bytes sent.
fn key(p: &mut Pty, keys: &[u8]) -> io::Result<(f64, usize)> {
    let sent = p.send(keys)?;
    let burst = p.settle(quiet(), limit())?;
    let took = burst.last.map_or(0.0, |t| ms(t.duration_since(sent)));
    Ok((took, burst.bytes))
}

fn keys(p: &mut Pty, each: &[&[u8]]) -> io::Result<(Vec<f64>, Vec<f64>)> {
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    for k in each {
        let (t, b) = key(p, k)?;
        times.push(t);
        bytes.push(b as f64);
    }
    Ok((times, bytes))
}

fn spawn(bench: &Bench, data: &Path, cols: u16, rows: u16) -> io::Result<(Pty, f64)> {
    let started = Instant::now();
    let mut p = Pty::spawn(&mut bench.command(data), cols, rows)?;
    let burst = p.settle(Duration::from_millis(150), Duration::from_secs(10))?;
    let first = burst
        .last
        .map_or(f64::NAN, |t| ms(t.duration_since(started)));
    Ok((p, first))
}

/// From the list to the scoring screen of a new tea sheet.
fn new_tea_sheet(p: &mut Pty) -> io::Result<()> {
    for k in [
        &b"n"[..],
        b"che tuoi",
        b"\r",
        "Chè Bench".as_bytes(),
        b"\r",
        b"HTX Bench",
        CTRL_S,
    ] {
        p.send(k)?;
        p.settle(Duration::from_millis(60), limit())?;
    }
    if !p.screen().contains("1.1") {
        return Err(io::Error::other(format!(
            "no scoring screen:\n{}",
            p.screen()
        )));
    }
    Ok(())
}

fn startup(bench: &Bench) -> io::Result<Row> {
    let mut samples = Vec::new();
    for _ in 0..bench.runs {
        let (p, first) = spawn(bench, &bench.data, 80, 24)?;
        samples.push(first);
        p.kill()?;
    }
    Ok(row(
        "start to first complete screen (sheet list)",
        format!("{:.1} ms", median(&samples)),
        format!("{:.1} ms", worst(&samples)),
        "≤ 80 ms median",
        Some(median(&samples) <= 80.0),
    ))
}

fn per_key(name: &str, times: &[f64], bytes: &[f64], budget: &str, ok: bool) -> Row {
    row(
        name,
        format!(
            "{:.2} ms p50, {:.2} ms p99, {:.0} B",
            median(times),
            p99(times),
            median(bytes)
        ),
        format!("{:.2} ms, {:.0} B", worst(times), worst(bytes)),
        budget,
        Some(ok),
    )
}

fn walk(bench: &Bench, cols: u16, rows: u16) -> io::Result<Vec<Row>> {
    let data = copy_data(bench, &format!("walk-{cols}x{rows}"))?;
    let (mut p, _) = spawn(bench, &data, cols, rows)?;
    new_tea_sheet(&mut p)?;
    let size = format!("{cols}×{rows}");
    let moves: Vec<&[u8]> = (0..200)
        .map(|i| if i % 2 == 0 { DOWN } else { UP })
        .collect();
    let (mt, mb) = keys(&mut p, &moves)?;
    let steps: Vec<&[u8]> = (0..60).map(|i| if i < 30 { RIGHT } else { LEFT }).collect();
    let (nt, nb) = keys(&mut p, &steps)?;
    p.resize(cols + 1, rows)?;
    p.settle(quiet(), limit())?;
    let (_, full) = key_resize(&mut p, cols, rows)?;
    let mut out = vec![
        per_key(
            &format!("move the highlight between two options ({size})"),
            &mt,
            &mb,
            "≤ 5 ms p99, ≤ 400 B",
            p99(&mt) <= 5.0 && worst(&mb) <= 400.0,
        ),
        per_key(
            &format!("move to the next criterion ({size}; full repaint {full} B)"),
            &nt,
            &nb,
            "≤ 5 ms p99, ≤ 50 % of a full repaint",
            p99(&nt) <= 5.0 && median(&nb) <= 0.5 * full as f64,
        ),
    ];
    if cols == 80 {
        out.extend(choose_and_idle(bench, &mut p)?);
    }
    p.kill()?;
    fs::remove_dir_all(data)?;
    Ok(out)
}

fn key_resize(p: &mut Pty, cols: u16, rows: u16) -> io::Result<(f64, usize)> {
    let started = Instant::now();
    p.resize(cols, rows)?;
    let burst = p.settle(quiet(), limit())?;
    Ok((
        burst.last.map_or(0.0, |t| ms(t.duration_since(started))),
        burst.bytes,
    ))
}

fn choose_and_idle(bench: &Bench, p: &mut Pty) -> io::Result<Vec<Row>> {
    for _ in 0..3 {
        key(p, LEFT)?;
    }
    let digits: Vec<&[u8]> = (0..20).map(|_| &b"1"[..]).collect();
    let (ct, cb) = keys(p, &digits)?;
    let bare = bare_fsync(&bench.data, 50, quiet())?;
    let hot = bare_fsync(&bench.data, 50, Duration::ZERO)?;
    let (c, b) = (median(&ct), median(&bare));
    let mut rows = vec![row(
        "choose an option, durably saved, screen updated (bare 4 KiB write + fsync at the keys' spacing; back to back)",
        format!(
            "{c:.2} ms ({b:.2} ms; {:.2} ms), {:.0} B",
            median(&hot),
            median(&cb)
        ),
        format!("{:.2} ms ({:.2} ms)", worst(&ct), worst(&bare)),
        "p50 ≤ 2 × bare",
        Some(c <= 2.0 * b),
    )];
    rows.push(memory(p.pid())?);
    rows.push(idle(p)?);
    Ok(rows)
}

fn memory(pid: u32) -> io::Result<Row> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    let mb = kib / 1024.0;
    Ok(row(
        "memory (peak resident), walking a sheet",
        format!("{mb:.1} MB"),
        format!("{mb:.1} MB"),
        "≤ 50 MB",
        Some(mb <= 50.0),
    ))
}

/// CPU time of every thread of the process, in ms, from the scheduler's own count.
fn cpu_ms(pid: u32) -> io::Result<f64> {
    let mut ns = 0u64;
    for task in fs::read_dir(format!("/proc/{pid}/task"))? {
        let stat = fs::read_to_string(task?.path().join("schedstat"))?;
        ns += stat
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
    }
    Ok(ns as f64 / 1e6)
}

fn idle(p: &mut Pty) -> io::Result<Row> {
    p.settle(Duration::from_millis(300), limit())?;
    let before = cpu_ms(p.pid())?;
    std::thread::sleep(Duration::from_secs(10));
    let used = cpu_ms(p.pid())? - before;
    Ok(row(
        "idle for 10 s on the scoring screen (CPU time)",
        format!("{used:.2} ms"),
        format!("{used:.2} ms"),
        "≤ 10 ms",
        Some(used <= 10.0),
    ))
}

fn search(bench: &Bench) -> io::Result<Row> {
    let (mut p, _) = spawn(bench, &bench.data, 80, 24)?;
    p.send(b"/")?;
    p.settle(quiet(), limit())?;
    let mut typed: Vec<&[u8]> = Vec::new();
    for _ in 0..10 {
        typed.extend([
            &b"c"[..],
            b"h",
            b"e",
            b" ",
            b"t",
            b"\x7f",
            b"\x7f",
            b"\x7f",
            b"\x7f",
            b"\x7f",
        ]);
    }
    let (t, b) = keys(&mut p, &typed)?;
    p.kill()?;
    Ok(per_key(
        &format!("one search keystroke over {} sheets", bench.sheets),
        &t,
        &b,
        "≤ 15 ms p99",
        p99(&t) <= 15.0,
    ))
}

pub fn terminal(bench: &Bench) -> io::Result<Vec<Row>> {
    let mut rows = vec![startup(bench)?];
    rows.extend(walk(bench, 80, 24)?);
    rows.extend(walk(bench, 200, 60)?);
    rows.push(search(bench)?);
    Ok(rows)
}

/// The store's part of choosing an option, without the terminal: one answer saved (one
/// durable transaction) on a draft among all the demo sheets.
pub fn store_save(bench: &Bench) -> io::Result<Vec<Row>> {
    use ocop_assess::catalog::Catalog;
    use ocop_assess::commands::sheets::rubric_of;
    use ocop_assess::domain::edit::{self, By};
    use ocop_assess::domain::sheet::{Mark, Status};
    use ocop_assess::domain::summary::Summary;
    use ocop_assess::store::Store;

    let data = copy_data(bench, "store-save")?;
    let mut store = Store::open(&data).map_err(io::Error::other)?;
    let catalog = Catalog::builtin();
    let listed = store.summaries().map_err(io::Error::other)?;
    let draft = listed
        .iter()
        .find(|l| l.summary.status == Status::Draft)
        .ok_or_else(|| io::Error::other("no draft among the demo sheets"))?;
    let mut sheet = store
        .sheet(&draft.summary.id, None)
        .map_err(io::Error::other)?
        .ok_or_else(|| io::Error::other("draft not found"))?;
    let rubric = rubric_of(&catalog, &store, &sheet)
        .map_err(|e| io::Error::other(e.to_string()))?
        .into_owned();
    let leaves: Vec<_> = rubric.leaves().map(|c| c.code.clone()).collect();
    let mut samples = Vec::new();
    for i in 0..100 {
        let code = &leaves[i % leaves.len()];
        let at = chrono::Local::now().fixed_offset();
        let mark = Some(Mark::Chose {
            option: 1 + (i % 2) as u8,
        });
        let started = Instant::now();
        let event = edit::set_mark(&mut sheet, code, mark, By { actor: "bench", at })
            .map_err(io::Error::other)?;
        let summary = Summary::of(&rubric, &sheet);
        store
            .save(&sheet, &summary, &event)
            .map_err(io::Error::other)?;
        samples.push(ms(started.elapsed()));
        std::thread::sleep(quiet());
    }
    drop(store);
    fs::remove_dir_all(data)?;
    let bare = bare_fsync(&bench.data, 100, quiet())?;
    Ok(vec![row(
        "one answer saved in the store alone, at the keys' spacing (bare 4 KiB write + fsync alike)",
        format!("{:.2} ms ({:.2} ms)", median(&samples), median(&bare)),
        format!("{:.2} ms ({:.2} ms)", worst(&samples), worst(&bare)),
        "diagnostic",
        None,
    )])
}
