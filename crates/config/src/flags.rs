//! What the command line says about the settings, as plain values: the binary's parser fills
//! this, so settings are resolved without knowing how the flags were spelled.

use std::path::PathBuf;

use ocop_domain::{Lang, Named};

/// The global flags, each `None` where it was not given.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub data_dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub rubrics: Option<PathBuf>,
    pub export_dir: Option<PathBuf>,
    pub assessor: Option<String>,
    pub assessor_id: Option<String>,
    pub signing_key: Option<PathBuf>,
    pub council: Option<String>,
    pub lang: Option<Lang>,
    pub theme: Option<ThemeName>,
    pub take_over: bool,
}

/// The interface's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Default,
    HighContrast,
}

impl Named for ThemeName {
    const ALL: &'static [ThemeName] = &[ThemeName::Default, ThemeName::HighContrast];

    fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
        }
    }
}
