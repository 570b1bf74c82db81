//! `ocop`: parse the command line, then hand over to the library.

use std::process::ExitCode;

use clap::Parser;
use ocop_assess::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ocop_assess::run(cli)
}
