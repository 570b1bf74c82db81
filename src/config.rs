//! Settings: the command line and environment over the config file over defaults, resolved
//! once at start. Every setting remembers where it came from, for `ocop config`.

use std::path::PathBuf;

use crate::cli::{Global, Lang, ThemeName};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    /// The config file, at this path.
    File(PathBuf),
    /// A flag or its environment variable (clap reads both).
    CommandLine,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub data_dir: Setting<PathBuf>,
    pub config_file: PathBuf,
    pub rubrics_dir: Setting<Option<PathBuf>>,
    pub export_dir: Setting<Option<PathBuf>>,
    pub assessor: Setting<Option<String>>,
    pub council: Setting<Option<String>>,
    pub lang: Setting<Lang>,
    pub theme: Setting<ThemeName>,
    /// `NO_COLOR` is set: no colour at all.
    pub no_color: bool,
}

fn cli<T>(value: T) -> Setting<T> {
    Setting {
        value,
        source: Source::CommandLine,
    }
}

impl Settings {
    /// Resolves the settings. The store issue owns the real resolution (config file,
    /// `directories`); this first version reads only the command line.
    pub fn resolve(global: &Global) -> Result<Settings, ConfigError> {
        Ok(Settings {
            data_dir: cli(global
                .data_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("ocop-data"))),
            config_file: PathBuf::from("config.toml"),
            rubrics_dir: cli(global.rubrics.clone()),
            export_dir: cli(global.export_dir.clone()),
            assessor: cli(global.assessor.clone()),
            council: cli(global.council.clone()),
            lang: cli(global.lang.unwrap_or(Lang::Vi)),
            theme: cli(global.theme.unwrap_or(ThemeName::Default)),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {} is not valid: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}
