//! The terminal measurements: the real binary in a pseudo-terminal, keys in, bytes out.

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::measure::{Bench, Row, bare_fsync, median, ms, p99, row, worst};
use crate::pty::Pty;
use crate::steps::copy_data;

/// Keys as a terminal sends them.
const DOWN: &[u8] = b"\x1b[B";
const UP: &[u8] = b"\x1b[A";
const RIGHT: &[u8] = b"\x1b[C";
const LEFT: &[u8] = b"\x1b[D";
const CTRL_S: &[u8] = b"\x13";
const ESC: &[u8] = b"\x1b";

pub fn quiet() -> Duration {
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
    let data = copy_data(bench, &bench.data, &format!("walk-{cols}x{rows}"))?;
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

/// Options chosen on three new tea sheets, twenty each, with a bare write and flush after
/// each key: the disk's speed drifts between runs, and the two figures must see the same disk.
fn choose(bench: &Bench, p: &mut Pty) -> io::Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (mut times, mut bytes, mut bare) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..3 {
        if round > 0 {
            p.send(ESC)?;
            p.settle(Duration::from_millis(60), limit())?;
            new_tea_sheet(p)?;
        }
        for _ in 0..20 {
            let (t, b) = key(p, b"1")?;
            times.push(t);
            bytes.push(b as f64);
            bare.extend(bare_fsync(&bench.data, 1, quiet())?);
        }
    }
    Ok((times, bytes, bare))
}

fn choose_and_idle(bench: &Bench, p: &mut Pty) -> io::Result<Vec<Row>> {
    for _ in 0..3 {
        key(p, LEFT)?;
    }
    let (ct, cb, bare) = choose(bench, p)?;
    let hot = bare_fsync(&bench.data, 50, Duration::ZERO)?;
    let (c, b) = (median(&ct), median(&bare));
    let mut rows = vec![row(
        "choose an option, durably saved, screen updated (bare 4 KiB write + fsync between the keys; back to back)",
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
