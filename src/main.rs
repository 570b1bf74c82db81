//! `ocop`: parse the command line, then hand over to the library.

use std::process::ExitCode;

use clap::Parser;
use ocop_assess::cli::Cli;

/// jemalloc, in place of the system's: `verify`, `council` and `sync` allocate and free the
/// texts of hundreds of thousands of sheet files on every core, and glibc's allocator took a
/// tenth of `verify`'s time over a province's folder (jemalloc: about a fifth less in all).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ocop_assess::run(cli)
}
