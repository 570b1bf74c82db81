//! The command line: clap's parse of the arguments. Every option is global, so it may stand
//! before or after the subcommand. Settings are resolved from these in `config`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "ocop",
    version,
    about = "Chấm điểm sản phẩm OCOP trên phiếu chính thức · Score OCOP products on the official sheets",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Data folder (the database lives here)
    #[arg(long, global = true, env = "OCOP_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Configuration file
    #[arg(long, global = true, env = "OCOP_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder of rubric files that add sets or override built-in ones by id
    #[arg(long, global = true, env = "OCOP_RUBRICS", value_name = "DIR")]
    pub rubrics: Option<PathBuf>,
    /// Central export folder for finished sheets
    #[arg(long, global = true, env = "OCOP_EXPORT_DIR", value_name = "DIR")]
    pub export_dir: Option<PathBuf>,
    /// Assessor's name, as signed on the sheet
    #[arg(long, global = true, env = "OCOP_ASSESSOR", value_name = "NAME")]
    pub assessor: Option<String>,
    /// Council the assessor sits on
    #[arg(long, global = true, env = "OCOP_COUNCIL", value_name = "NAME")]
    pub council: Option<String>,
    /// Interface language
    #[arg(long, global = true, env = "OCOP_LANG", value_enum)]
    pub lang: Option<Lang>,
    /// Colour theme
    #[arg(long, global = true, env = "OCOP_THEME", value_enum)]
    pub theme: Option<ThemeName>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Default,
    HighContrast,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The scoring sheets: list, show, check
    #[command(subcommand)]
    Rubric(RubricCommand),
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
