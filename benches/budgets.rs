//! The performance budgets of ocop-assess, measured on the real release binary with 10,000
//! sheets in the store: `cargo bench --bench budgets`. Prints one table (measurement, median,
//! worst, budget, within budget or not) and writes it, with the date and the machine, to
//! BENCHMARKS.md. Terminal measurements run the binary in a pseudo-terminal and time from
//! writing a key to the last byte of the redraw.
//!
//! Environment: OCOP_BENCH_SHEETS (default 10000), OCOP_BENCH_RUNS (default 5), OCOP_BENCH_ONLY
//! (some of `terminal,store,sync,reading,ssh,province`: only those groups, and BENCHMARKS.md is
//! left as it is, since the table would be partial; `reading` reads what `sync` wrote;
//! `province` reads 100,000 sheet files, OCOP_BENCH_PROVINCE for another count, made once and
//! kept under target/, OCOP_BENCH_FRESH=1 to make them anew).

/// The allocator of the `ocop` binary: the workbook is rebuilt in this binary (see
/// `province`), and its time and memory are those `ocop sync` would have.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[path = "support/measure.rs"]
mod measure;
#[path = "support/province.rs"]
mod province;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/signing.rs"]
mod signing;
#[path = "support/ssh.rs"]
mod ssh;
#[path = "../tests/runner/ssh_common/mod.rs"]
mod ssh_common;
#[path = "support/steps.rs"]
mod steps;
#[path = "support/terminal.rs"]
mod terminal;
#[path = "support/workbook.rs"]
mod workbook;

use measure::{Bench, Row};

/// A group of measurements.
type Step = fn(&Bench) -> std::io::Result<Vec<Row>>;

fn main() {
    if let Some(code) = province::xlsx_child() {
        std::process::exit(code);
    }
    let bench = match Bench::prepare() {
        Ok(bench) => bench,
        Err(e) => {
            eprintln!("budgets: cannot prepare the data folder: {e}");
            std::process::exit(1);
        }
    };
    let mut rows: Vec<Row> = Vec::new();
    let steps: [(&str, &str, Step); 8] = [
        ("terminal", "the terminal", terminal::terminal),
        ("store", "the store", steps::store_save),
        ("store", "finishing, signed", signing::finishing),
        ("sync", "sync", steps::sync),
        ("sync", "the workbook", workbook::rebuild),
        ("reading", "verify and council", steps::reading),
        ("ssh", "sync over SSH", ssh::sync_over_ssh),
        ("province", "a province's folder", province::province),
    ];
    let only = std::env::var("OCOP_BENCH_ONLY").ok();
    let chosen = |key: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|k| k.trim() == key))
    };
    for (_, name, step) in steps.into_iter().filter(|(key, ..)| chosen(key)) {
        eprintln!("budgets: measuring {name}…");
        match step(&bench) {
            Ok(r) => rows.extend(r),
            Err(e) => eprintln!("budgets: {name} could not be measured: {e}"),
        }
    }
    let table = measure::table(&rows);
    println!("{table}");
    if only.is_some() {
        eprintln!("budgets: OCOP_BENCH_ONLY is set, so BENCHMARKS.md is left as it was");
    } else if let Err(e) = measure::write_report(&bench, &table) {
        eprintln!("budgets: cannot write BENCHMARKS.md: {e}");
    }
}
