//! Settings: the command line and environment over the config file over defaults, resolved
//! once at start. Every setting remembers where it came from, for `ocop config`.
//!
//! Defaults come from `directories` (`ProjectDirs::from("", "", "ocop-assess")`): on Linux the
//! data folder is `~/.local/share/ocop-assess` and the config file
//! `~/.config/ocop-assess/config.toml`.

pub mod assessors;
mod file;

use std::path::{Path, PathBuf};

pub use file::{FileSettings, parse as parse_file, save_assessor};
pub use flags::{Flags, ThemeName};
use ocop_domain::due::Rounds;
use ocop_domain::{Lang, Named};
use ocop_words::Say;

mod flags;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    /// The config file, at this path.
    File(PathBuf),
    /// A flag on the command line.
    CommandLine,
    /// This environment variable (it stands in for the flag).
    Environment(&'static str),
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
    /// The principal in `allowed_signers`; `principal()` falls back to a slug of the name.
    pub assessor_id: Setting<Option<String>>,
    /// The key that signs finished sheets; none: the default key in the data folder.
    pub signing_key: Setting<Option<PathBuf>>,
    /// The province key readers trust for the roster and the certificates (`SHA256:…` or a
    /// public key); none: nothing is pinned, and readers say so.
    pub roster_key: Setting<Option<String>>,
    pub council: Setting<Option<String>>,
    /// The place name a new sheet's date line starts with.
    pub place: Setting<Option<String>>,
    /// The decision's rounds and the config file's `[[round]]`s.
    pub rounds: Rounds,
    pub lang: Setting<Lang>,
    pub theme: Setting<ThemeName>,
    /// `NO_COLOR` is set: no colour at all.
    pub no_color: bool,
    /// Where `config_file` came from.
    pub config_source: Source,
    /// `--take-over`: a live holder of the data folder on this host is stopped without asking.
    pub take_over: bool,
}

/// The platform's folders, when there is a home to put them in.
#[derive(Debug, Clone)]
pub struct Defaults {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Defaults {
    pub fn platform() -> Option<Defaults> {
        let dirs = directories::ProjectDirs::from("", "", "ocop-assess")?;
        Some(Defaults {
            data_dir: dirs.data_dir().to_path_buf(),
            config_file: dirs.config_dir().join("config.toml"),
        })
    }
}

/// Reads an environment variable; a function so tests need not change the process's env.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Settings {
    /// Resolves the settings from the flags (clap has already read their environment
    /// variables into them), the config file and the platform's folders.
    pub fn resolve(global: &Flags) -> Result<Settings, ConfigError> {
        let env = |name: &str| std::env::var(name).ok();
        Settings::resolve_with(global, Defaults::platform(), &env)
    }

    pub fn resolve_with(
        global: &Flags,
        defaults: Option<Defaults>,
        env: Env<'_>,
    ) -> Result<Settings, ConfigError> {
        let home = || defaults.clone().ok_or(ConfigError::NoHome);
        let (config_file, config_source) = match &global.config {
            Some(path) => (path.clone(), given("OCOP_CONFIG", path_is(path), env)),
            None => (home()?.config_file, Source::Default),
        };
        let file = file::read(&config_file)?;
        let settings = Settings {
            data_dir: match &global.data_dir {
                Some(dir) => flag(dir.clone(), "OCOP_DATA_DIR", path_is(dir), env),
                None => default(home()?.data_dir),
            },
            rubrics_dir: optional(
                flag_path(&global.rubrics, "OCOP_RUBRICS", env),
                in_file(&config_file, file.rubrics_dir),
            ),
            export_dir: optional(
                flag_path(&global.export_dir, "OCOP_EXPORT_DIR", env),
                in_file(&config_file, file.export_dir),
            ),
            assessor: optional(
                flag_text(&global.assessor, "OCOP_ASSESSOR", env),
                in_file(&config_file, file.assessor),
            ),
            assessor_id: optional(
                flag_text(&global.assessor_id, "OCOP_ASSESSOR_ID", env),
                in_file(&config_file, file.assessor_id),
            ),
            signing_key: optional(
                flag_path(&global.signing_key, "OCOP_SIGNING_KEY", env),
                in_file(&config_file, file.signing_key),
            ),
            roster_key: optional(
                flag_text(&global.roster_key, "OCOP_ROSTER_KEY", env),
                in_file(&config_file, file.roster_key),
            ),
            council: optional(
                flag_text(&global.council, "OCOP_COUNCIL", env),
                in_file(&config_file, file.council),
            ),
            place: optional(
                flag_text(&global.place, "OCOP_PLACE", env),
                in_file(&config_file, file.place),
            ),
            rounds: Rounds::with_extra(&file.rounds),
            lang: enum_setting(global.lang, "OCOP_LANG", env)?
                .or_else(|| in_file(&config_file, file.lang))
                .unwrap_or_else(|| default(Lang::Vi)),
            theme: enum_setting(global.theme, "OCOP_THEME", env)?
                .or_else(|| in_file(&config_file, file.theme))
                .unwrap_or_else(|| default(ThemeName::Default)),
            no_color: env("NO_COLOR").is_some_and(|v| !v.is_empty()),
            config_file,
            config_source,
            take_over: global.take_over,
        };
        identity_not_from_ssh(&settings, env)?;
        Ok(settings)
    }

    /// The assessor's name, if one is set anywhere.
    pub fn assessor_name(&self) -> Option<&str> {
        self.assessor
            .value
            .as_deref()
            .filter(|n| !n.trim().is_empty())
    }

    /// The assessor's principal: `assessor_id`, else a slug of the name (`nguyen-van-an`).
    pub fn principal(&self) -> Option<String> {
        match &self.assessor_id.value {
            Some(id) => Some(id.clone()),
            None => self
                .assessor_name()
                .map(ocop_sign::principal_of)
                .filter(|p| !p.is_empty()),
        }
    }
}

/// Under sshd (`SSH_CONNECTION` set), who the assessor is never comes from the environment:
/// the client sends it (`SetEnv`), so any key holder could name any assessor.
fn identity_not_from_ssh(settings: &Settings, env: Env<'_>) -> Result<(), ConfigError> {
    if env("SSH_CONNECTION").is_none_or(|v| v.is_empty()) {
        return Ok(());
    }
    let sources = [
        (&settings.assessor.source, "OCOP_ASSESSOR"),
        (&settings.assessor_id.source, "OCOP_ASSESSOR_ID"),
    ];
    match sources
        .into_iter()
        .find(|(source, var)| **source == Source::Environment(var))
    {
        Some((_, var)) => Err(ConfigError::IdentityFromSsh { var }),
        None => Ok(()),
    }
}

fn in_file<T>(path: &Path, value: Option<T>) -> Option<Setting<T>> {
    value.map(|value| Setting {
        value,
        source: Source::File(path.to_path_buf()),
    })
}

fn default<T>(value: T) -> Setting<T> {
    Setting {
        value,
        source: Source::Default,
    }
}

/// A flag's value came from its environment variable when that variable holds the same value;
/// clap does not tell us which one it read.
fn given(var: &'static str, same: impl Fn(&str) -> bool, env: Env<'_>) -> Source {
    match env(var) {
        Some(v) if same(&v) => Source::Environment(var),
        _ => Source::CommandLine,
    }
}

fn flag<T>(value: T, var: &'static str, same: impl Fn(&str) -> bool, env: Env<'_>) -> Setting<T> {
    Setting {
        value,
        source: given(var, same, env),
    }
}

fn path_is(path: &Path) -> impl Fn(&str) -> bool + '_ {
    move |v| Path::new(v) == path
}

fn flag_path(value: &Option<PathBuf>, var: &'static str, env: Env<'_>) -> Option<Setting<PathBuf>> {
    value
        .as_ref()
        .map(|p| flag(p.clone(), var, path_is(p), env))
}

fn flag_text(value: &Option<String>, var: &'static str, env: Env<'_>) -> Option<Setting<String>> {
    value
        .as_ref()
        .map(|t| flag(t.clone(), var, |v| v == t, env))
}

fn flag_enum<T: Named + PartialEq>(
    value: Option<T>,
    var: &'static str,
    env: Env<'_>,
) -> Option<Setting<T>> {
    let same = |v: &str| T::parse(v).is_some_and(|parsed| Some(parsed) == value);
    value.map(|t| flag(t, var, same, env))
}

/// The flag's setting, else its environment variable's, which is read here rather than by
/// clap so that a bad value is blamed on the variable, not on the flag.
fn enum_setting<T: Named + PartialEq>(
    value: Option<T>,
    var: &'static str,
    env: Env<'_>,
) -> Result<Option<Setting<T>>, ConfigError> {
    if value.is_some() {
        return Ok(flag_enum(value, var, env));
    }
    let Some(given) = env(var).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match T::parse(&given) {
        Some(value) => Ok(Some(Setting {
            value,
            source: Source::Environment(var),
        })),
        None => Err(ConfigError::BadEnv {
            var,
            value: given,
            allowed: T::names(),
        }),
    }
}

/// The flag's setting, else the file's, else none (from the defaults).
fn optional<T>(flag: Option<Setting<T>>, file: Option<Setting<T>>) -> Setting<Option<T>> {
    match flag.or(file) {
        Some(s) => Setting {
            value: Some(s.value),
            source: s.source,
        },
        None => default(None),
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: ocop_files::FileError,
    },
    #[error("the config file {} is not valid: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error(
        "the config file {} is not valid at line {line}, column {column}: {message}",
        path.display()
    )]
    At {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot write the config file {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot make the assessor's data folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("there is no home folder for the data and config; give --data-dir and --config")]
    NoHome,
    #[error(
        "the environment variable {var}={value} is not valid (it takes {allowed}); correct it or unset it"
    )]
    BadEnv {
        var: &'static str,
        value: String,
        allowed: String,
    },
    /// Under sshd the client can send environment variables (`SetEnv`): who the assessor is
    /// must come from the command line the key forces, never from them.
    #[error(
        "{var} is not taken over SSH: a client can send it, and would open that assessor's \
         folder and sign with her key. Name the assessor in the key's forced command \
         (command=\"ocop --assessor '…'\" in authorized_keys)"
    )]
    IdentityFromSsh { var: &'static str },
}

#[cfg(test)]
mod tests;

impl Say for ConfigError {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => config_vi(self),
            Lang::En => self.to_string(),
        }
    }
}

fn config_vi(e: &ConfigError) -> String {
    match e {
        ConfigError::Read { path, source } => format!(
            "không đọc được tệp cấu hình {}: {}",
            path.display(),
            source.say(Lang::Vi)
        ),
        ConfigError::Invalid { path, message } => {
            format!("tệp cấu hình {} không hợp lệ: {message}", path.display())
        }
        ConfigError::At {
            path,
            line,
            column,
            message,
        } => format!(
            "tệp cấu hình {} không hợp lệ ở dòng {line}, cột {column}: {message}",
            path.display()
        ),
        ConfigError::Write { path, source } => {
            format!("không ghi được tệp cấu hình {}: {source}", path.display())
        }
        ConfigError::Folder { path, source } => format!(
            "không tạo được thư mục dữ liệu của người đánh giá {}: {source}",
            path.display()
        ),
        ConfigError::NoHome => "không có thư mục nhà để đặt dữ liệu và cấu hình; hãy chỉ định \
                                --data-dir và --config"
            .into(),
        ConfigError::BadEnv {
            var,
            value,
            allowed,
        } => format!(
            "biến môi trường {var}={value} không hợp lệ (chỉ nhận {allowed}); hãy sửa hoặc bỏ \
             biến đó"
        ),
        ConfigError::IdentityFromSsh { var } => format!(
            "qua SSH không nhận {var}: máy khách gửi được biến này, và sẽ mở thư mục của người \
             đánh giá đó và ký bằng khoá của người đó. Hãy ghi tên người đánh giá trong lệnh mà \
             khoá bắt buộc chạy (command=\"ocop --assessor '…'\" trong authorized_keys)"
        ),
    }
}
