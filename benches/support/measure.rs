//! The measurements behind `cargo bench --bench budgets`, each returning table rows.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Bench {
    pub root: PathBuf,
    /// `ocop demo`'s sheets, half of them finished: the interface's measurements.
    pub data: PathBuf,
    /// The same number of sheets, every one finished: the sync's, verify's and council's.
    pub finished: PathBuf,
    pub bin: PathBuf,
    pub runs: usize,
    pub sheets: usize,
}

pub struct Row {
    pub name: String,
    pub median: String,
    pub worst: String,
    pub budget: String,
    pub ok: Option<bool>,
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

impl Bench {
    pub fn prepare() -> io::Result<Bench> {
        let root = std::env::temp_dir().join(format!("ocop-bench-{}", std::process::id()));
        let data = root.join("data");
        let finished = root.join("finished");
        fs::create_dir_all(&root)?;
        let bench = Bench {
            finished,
            bin: PathBuf::from(env!("CARGO_BIN_EXE_ocop")),
            sheets: env_usize("OCOP_BENCH_SHEETS", 10_000),
            runs: env_usize("OCOP_BENCH_RUNS", 5).max(1),
            root,
            data,
        };
        let n = bench.sheets.to_string();
        let started = Instant::now();
        bench.ocop(&bench.data, &["demo", "--sheets", &n, "--seed", "7"])?;
        eprintln!(
            "budgets: {n} demo sheets in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let all = ["demo", "--sheets", &n, "--seed", "7", "--finished", "100"];
        bench.ocop(&bench.finished, &all)?;
        Ok(bench)
    }

    pub fn command(&self, data: &Path) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("--data-dir")
            .arg(data)
            .env("OCOP_ASSESSOR", "Nguyễn Văn Đo")
            .env("HOME", &self.root)
            .env("XDG_CONFIG_HOME", self.root.join("config"))
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("OCOP_EXPORT_DIR");
        cmd
    }

    /// Runs `verify` or `council` over a folder of demo sheets; fails unless it exits 0, or
    /// (`verify`) exits 1 having named nothing but the demo roster (see `only_demo_roster`).
    pub fn reading(&self, data: &Path, args: &[&str]) -> io::Result<Duration> {
        let started = Instant::now();
        let out = self.command(data).args(args).output()?;
        let took = started.elapsed();
        let sound =
            out.status.success() || (out.status.code() == Some(1) && only_demo_roster(&out.stdout));
        if !sound {
            let err = String::from_utf8_lossy(&out.stderr);
            let found = String::from_utf8_lossy(&out.stdout);
            return Err(io::Error::other(format!("ocop {args:?}: {err}{found}")));
        }
        Ok(took)
    }

    /// Runs a headless command; fails unless it exits 0.
    pub fn ocop(&self, data: &Path, args: &[&str]) -> io::Result<Duration> {
        let started = Instant::now();
        let out = self.command(data).args(args).output()?;
        let took = started.elapsed();
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(io::Error::other(format!("ocop {args:?}: {err}")));
        }
        Ok(took)
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Whether `verify`'s findings are the demo roster's `*` line alone: demo sheets are signed by
/// the public demo key, which the demo's roster gives to every principal, and `verify` names
/// such a line on every run. Any other finding fails the measurement.
pub fn only_demo_roster(stdout: &[u8]) -> bool {
    let text = String::from_utf8_lossy(stdout);
    let demo = |l: &str| l.contains("allowed_signers: ") && l.contains("\"*\"");
    !text.is_empty() && text.lines().all(demo)
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn sorted(samples: &[f64]) -> Vec<f64> {
    let mut v = samples.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

pub fn median(samples: &[f64]) -> f64 {
    let v = sorted(samples);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn p99(samples: &[f64]) -> f64 {
    let v = sorted(samples);
    let i = ((v.len() as f64) * 0.99).ceil() as usize;
    v.get(i.saturating_sub(1)).copied().unwrap_or(f64::NAN)
}

pub fn worst(samples: &[f64]) -> f64 {
    samples.iter().copied().fold(f64::NAN, f64::max)
}

pub fn row(name: &str, median: String, worst: String, budget: &str, ok: Option<bool>) -> Row {
    Row {
        name: name.into(),
        median,
        worst,
        budget: budget.into(),
        ok,
    }
}

pub fn table(rows: &[Row]) -> String {
    let mut out =
        String::from("| measurement | median | worst | budget | within |\n|---|---|---|---|---|\n");
    for r in rows {
        let ok = match r.ok {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "n/a",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.name, r.median, r.worst, r.budget, ok
        );
    }
    out
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        })
        .unwrap_or_default();
    let kib: f64 = mem.parse().unwrap_or(0.0);
    let disk = Command::new("df")
        .args(["-h", "--output=source,fstype,size", "."])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .nth(1)
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    format!(
        "{cores} cores (nproc), {:.1} GiB memory, disk: {disk}",
        kib / 1024.0 / 1024.0
    )
}

pub fn write_report(bench: &Bench, table: &str) -> io::Result<()> {
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()?;
    let mut text = String::from("# Benchmarks\n\nWritten by `cargo bench --bench budgets`");
    let _ = write!(
        text,
        " on {}: {} sheets in the store, {} runs of each measurement.\n\nMachine: {}.\n\n{table}",
        String::from_utf8_lossy(&date.stdout).trim(),
        bench.sheets,
        bench.runs,
        machine()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    fs::File::create(path)?.write_all(text.as_bytes())
}

/// Time of a bare 4 KiB write and fsync on the disk of the data folder, in ms, per sample;
/// `gap` between samples. A flush right after another is several times faster than one after
/// a pause (0.2 ms against 0.55 ms here), and an assessor's keys come with pauses: the
/// keystroke budgets compare with the bare write at the same spacing as the keys.
pub fn bare_fsync(dir: &Path, n: usize, gap: Duration) -> io::Result<Vec<f64>> {
    let path = dir.join(".bench-fsync");
    let block = vec![7u8; 4096];
    let mut samples = Vec::new();
    for _ in 0..n {
        let started = Instant::now();
        let mut f = fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&path)?;
        f.write_all(&block)?;
        f.sync_all()?;
        samples.push(ms(started.elapsed()));
        std::thread::sleep(gap);
    }
    fs::remove_file(path)?;
    Ok(samples)
}
