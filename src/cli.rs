//! The command line: clap's parse of the arguments. Every option is global, so it may stand
//! before or after the subcommand. Settings are resolved from these in `config`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
pub use ocop_config::{Flags, ThemeName};
pub use ocop_domain::Lang;
pub use ocop_reports::council::render::CouncilFormat;

#[derive(Debug, Parser)]
#[command(
    name = "ocop",
    version,
    about = "Chấm điểm sản phẩm OCOP trên phiếu chính thức · Score OCOP products on the official sheets",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Flags,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The scoring sheets: list, show, check
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// One row per sheet in the data folder
    List {
        #[arg(long, value_enum, default_value = "all")]
        status: StatusFilter,
        #[arg(long)]
        json: bool,
    },
    /// A whole sheet with its computed result
    Show {
        /// Sheet id (as `ocop list` prints it)
        id: String,
        /// Revision (default: the latest)
        #[arg(long)]
        revision: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// What the next star needs: points, star minimums and the most points to gain
    Plan {
        /// Sheet id, or an unambiguous start of it
        id: String,
        /// Revision (default: the latest)
        #[arg(long)]
        revision: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// The printable sheet (HTML for A4) of any sheet, draft included
    Print {
        /// Sheet id, or an unambiguous start of it
        id: String,
        /// Revision (default: the latest)
        #[arg(long)]
        revision: Option<u32>,
        /// Write the page into FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fill the data folder with realistic sheets across all 26 sets
    Demo {
        #[arg(long, default_value_t = 40)]
        sheets: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Share of the sheets that are finished, in percent (the rest are drafts)
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u8).range(0..=100))]
        finished: u8,
        /// Also into a folder that already holds sheets
        #[arg(long)]
        force: bool,
    },
    /// Bring a deleted draft back from the trash (see `ocop list --status trash`)
    Restore {
        /// Sheet id, or an unambiguous start of it
        id: String,
    },
    /// Record on a draft that the product's dossier is rejected (the product is eliminated),
    /// or withdraw that
    Dossier {
        /// Sheet id, or an unambiguous start of it
        id: String,
        /// Why the dossier is rejected
        #[arg(
            long,
            conflicts_with = "withdraw",
            required_unless_present = "withdraw"
        )]
        reject: Option<String>,
        /// The dossier stands again
        #[arg(long)]
        withdraw: bool,
    },
    /// The producer's self-assessment (Mẫu số 02): a workbook template per set, and a filled
    /// one taken onto a draft
    #[command(subcommand, name = "self")]
    SelfAssessment(SelfCommand),
    /// The effective settings and where each came from
    Config,
    /// Test support for the crash test: creates a sheet, records answers one at a time and
    /// prints each one once it is committed
    #[command(hide = true)]
    DebugRecordAnswers {
        /// How many answers to record
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Then wait to be killed, the store still open (a crash with these answers journaled)
        #[arg(long)]
        hold: bool,
    },
    /// The public key that signs finished sheets, as one allowed_signers line, and its
    /// fingerprint (the key is made on first use)
    Key,
    /// Copy finished sheets into the export folder; exit 3 while some still wait
    Sync,
    /// Check every sheet file of an export folder; exit 1 on any problem
    Verify { dir: PathBuf },
    /// Record a certificate the province issued, in the export folder (once; never replaced)
    Certify {
        dir: PathBuf,
        /// Product code, T-X-STT-YYYY
        #[arg(long)]
        product: String,
        /// The day the certificate was issued, YYYY-MM-DD
        #[arg(long)]
        date: chrono::NaiveDate,
        /// Stars recognised: 3, 4 or 5
        #[arg(long, value_parser = clap::value_parser!(u8).range(3..=5))]
        stars: u8,
        /// The decision's number and date, as printed
        #[arg(long)]
        decision: Option<String>,
        /// The province's key that signs it (default: signing_key, or this data folder's key)
        #[arg(long, value_name = "PATH")]
        key: Option<PathBuf>,
    },
    /// The council's roster (allowed_signers), signed with the province's key
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Products whose rating falls due: expiry after 36 months and the re-rating dossier window
    Due {
        /// An export folder (the whole province); without it, this data folder's sheets
        dir: Option<PathBuf>,
        /// Only products whose dossier window opens within this many days, or has opened
        #[arg(long, allow_negative_numbers = true)]
        within: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The host's side of a sync over SSH: takes sheets on stdin into DIR (run by ssh)
    Receive { dir: PathBuf },
    /// A council's sheets for each product, from an export folder
    Council {
        dir: PathBuf,
        /// Only this product code
        #[arg(long)]
        product: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: CouncilFormat,
        /// Points between members above which a product is flagged
        #[arg(long, default_value_t = 10)]
        max_spread: u16,
        /// Also count sheets whose signature does not verify against allowed_signers (marked)
        #[arg(long)]
        include_unsigned: bool,
        /// Write the review to this file (whole, or not at all) instead of standard output
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    Draft,
    Finished,
    All,
    /// Deleted drafts, which `ocop restore` brings back.
    Trash,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Sign DIR/allowed_signers with the province's key: writes allowed_signers.sig, which
    /// readers that pin the key (roster_key) require
    Sign {
        dir: PathBuf,
        /// The province's key (default: signing_key, or this data folder's key)
        #[arg(long, value_name = "PATH")]
        key: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SelfCommand {
    /// The workbook a producer fills in Excel or LibreOffice: one row per criterion, a
    /// drop-down of its options
    Template {
        /// Set id (see `ocop rubric list`) or number
        set: String,
        /// Where to write it (default: tu-danh-gia-SET.xlsx here)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Take a filled workbook (.xlsx or .ods) onto a draft; each refused cell is named
    Import {
        /// The filled workbook
        file: PathBuf,
        /// Sheet id, or an unambiguous start of it
        #[arg(long, value_name = "ID")]
        sheet: String,
        /// Replace the self-assessment the draft already holds
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// One line per product set: number, id, title, criteria
    List,
    /// The whole sheet of a set, as the paper form reads
    Show {
        /// Set id (see `ocop rubric list`) or number
        id: String,
    },
    /// Check rubric files; one line per problem as FILE:LINE:COLUMN: message
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}
