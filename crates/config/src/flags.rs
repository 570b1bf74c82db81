//! What the command line says about the settings. With the `clap` feature (the binary's),
//! `Flags` is clap's own parse of the global flags; without it, plain values.

use std::path::PathBuf;

use ocop_domain::{Lang, Named};

/// The global flags, each `None` where it was not given. Every one may stand before or after
/// the subcommand.
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
pub struct Flags {
    /// Data folder (the database lives here)
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_DATA_DIR", value_name = "DIR")
    )]
    pub data_dir: Option<PathBuf>,
    /// Configuration file
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_CONFIG", value_name = "FILE")
    )]
    pub config: Option<PathBuf>,
    /// Folder of rubric files that add sets or override built-in ones by id
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_RUBRICS", value_name = "DIR")
    )]
    pub rubrics: Option<PathBuf>,
    /// Central export folder for finished sheets: a folder, or ssh://[user@]host[:port]/path
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_EXPORT_DIR", value_name = "DIR")
    )]
    pub export_dir: Option<PathBuf>,
    /// Assessor's name, as signed on the sheet
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_ASSESSOR", value_name = "NAME")
    )]
    pub assessor: Option<String>,
    /// The assessor's ASCII name in a council's allowed_signers (default: a slug of the name)
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_ASSESSOR_ID", value_name = "ID")
    )]
    pub assessor_id: Option<String>,
    /// OpenSSH Ed25519 key that signs finished sheets (default: ocop_ed25519 in the data
    /// folder, made on the first start); an ssh-agent holding it signs in its place
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_SIGNING_KEY", value_name = "PATH")
    )]
    pub signing_key: Option<PathBuf>,
    /// The province key that signs the roster and the certificates, pinned: its SHA256:…
    /// fingerprint or its public key; a roster or certificate it did not sign counts nothing
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            global = true,
            env = "OCOP_ROSTER_KEY",
            value_name = "FINGERPRINT"
        )
    )]
    pub roster_key: Option<String>,
    /// Council the assessor sits on
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_COUNCIL", value_name = "NAME")
    )]
    pub council: Option<String>,
    /// Place name of a printed sheet's date line ("Phú Thọ, ngày …")
    #[cfg_attr(
        feature = "clap",
        arg(long, global = true, env = "OCOP_PLACE", value_name = "NAME")
    )]
    pub place: Option<String>,
    /// Interface language (or OCOP_LANG, read with the settings so a bad value names it)
    #[cfg_attr(feature = "clap", arg(long, global = true, value_enum))]
    pub lang: Option<Lang>,
    /// Colour theme (or OCOP_THEME, read with the settings so a bad value names it)
    #[cfg_attr(feature = "clap", arg(long, global = true, value_enum))]
    pub theme: Option<ThemeName>,
    /// When another ocop on this host holds the data folder, stop it (it saves everything
    /// first) and take the session over without asking
    #[cfg_attr(feature = "clap", arg(long, global = true))]
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
