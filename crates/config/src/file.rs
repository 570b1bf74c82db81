//! The config file: `config.toml` with the keys `assessor`, `assessor_id`, `signing_key`,
//! `roster_key`, `council`, `place`, `export_dir`, `rubrics_dir`, `lang`, `theme` and the
//! `[[round]]` tables. Unknown keys are errors, so a typo is never silently ignored.
//! `save_assessor` rewrites only the `assessor` line, keeping the rest as written.

use std::io::Write;
use std::path::{Path, PathBuf};

use ocop_domain::due::RoundDay;
use serde::Deserialize;

use super::ConfigError;
use crate::ThemeName;
use ocop_domain::Lang;
use ocop_transport::Target;

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub assessor: Option<String>,
    pub assessor_id: Option<String>,
    pub signing_key: Option<PathBuf>,
    pub roster_key: Option<String>,
    pub council: Option<String>,
    /// The place name of the date line on a printed sheet ("Phú Thọ, ngày …").
    pub place: Option<String>,
    /// Rounds the province adds to the decision's two: `[[round]]` tables.
    #[serde(default, rename = "round")]
    pub rounds: Vec<RoundDay>,
    pub export_dir: Option<PathBuf>,
    pub rubrics_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub theme: Option<ThemeName>,
}

/// The largest config file read: a few hundred bytes are usual.
pub const CONFIG_MAX_BYTES: u64 = 1 << 20;

/// Reads the file; a missing file is an empty one. A FIFO, `/dev/zero` or a file past
/// `CONFIG_MAX_BYTES` is refused with a sentence, never waited on or read whole.
pub fn read(path: &Path) -> Result<FileSettings, ConfigError> {
    let links = ocop_files::Links::Follow;
    match ocop_files::read_to_string(path, CONFIG_MAX_BYTES, links) {
        Ok(text) => parse(path, &text),
        Err(e) if e.is_not_found() => Ok(FileSettings::default()),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

pub fn parse(path: &Path, text: &str) -> Result<FileSettings, ConfigError> {
    let mut settings: FileSettings = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        ConfigError::At {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    // Relative folders in the file are relative to the file, not to wherever ocop started.
    let base = path.parent().unwrap_or(Path::new(""));
    // An ssh:// or host:path export target is relative to nothing here.
    for dir in [
        &mut settings.export_dir,
        &mut settings.rubrics_dir,
        &mut settings.signing_key,
    ] {
        let relative = |d: &&mut PathBuf| d.is_relative() && !Target::is_remote(d);
        if let Some(d) = dir.as_mut().filter(relative) {
            *d = base.join(&*d);
        }
    }
    Ok(settings)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Writes `assessor = "NAME"` into the config file: replaces the top-level `assessor` line, or
/// adds one at the top; creates the file (and its folder) when absent. Atomic: a temporary
/// file renamed over the old one.
pub fn save_assessor(path: &Path, name: &str) -> Result<(), ConfigError> {
    let write_err = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    let links = ocop_files::Links::Follow;
    let old = match ocop_files::read_to_string(path, CONFIG_MAX_BYTES, links) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => String::new(),
        Err(e) => return Err(write_err(e.into_io())),
    };
    let line = format!("assessor = {}", toml::Value::String(name.to_string()));
    let new = with_assessor(&old, &line);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(write_err)?;
    let mut tmp = tempfile_in(dir).map_err(write_err)?;
    tmp.1.write_all(new.as_bytes()).map_err(write_err)?;
    tmp.1.sync_all().map_err(write_err)?;
    std::fs::rename(&tmp.0, path).map_err(write_err)
}

fn with_assessor(old: &str, line: &str) -> String {
    let mut lines: Vec<String> = old.lines().map(str::to_string).collect();
    let top_level = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let is_assessor = |l: &String| {
        let l = l.trim_start();
        l.strip_prefix("assessor")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    match lines[..top_level].iter().position(is_assessor) {
        Some(i) => lines[i] = line.to_string(),
        None => lines.insert(0, line.to_string()),
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A new file beside the target, so the rename stays on one file system.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let path = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_line_and_column() {
        let text = "assessor = \"An\"\ncolour = \"red\"\n";
        let err = parse(Path::new("/x/config.toml"), text).expect_err("error");
        let message = err.to_string();
        assert!(message.contains("/x/config.toml"), "{message}");
        assert!(message.contains("line 2, column 1"), "{message}");
        assert!(message.contains("colour"), "{message}");
    }

    #[test]
    fn an_ssh_export_target_is_not_taken_for_a_relative_folder() {
        for target in ["ssh://an@tinh.example/srv/x", "an@tinh.example:/srv/x"] {
            let text = format!("export_dir = \"{target}\"\nrubrics_dir = \"r\"\n");
            let s = parse(Path::new("/c/config.toml"), &text).expect("parse");
            assert_eq!(s.export_dir, Some(PathBuf::from(target)));
            assert_eq!(s.rubrics_dir, Some(PathBuf::from("/c/r")));
        }
    }

    #[test]
    fn every_key_reads() {
        let text = "assessor = \"Nguyễn Văn An\"\ncouncil = \"Phú Thọ\"\nexport_dir = \"out\"\n\
                    rubrics_dir = \"/r\"\nlang = \"en\"\ntheme = \"high-contrast\"\n";
        let s = parse(Path::new("/c/config.toml"), text).expect("parse");
        assert_eq!(s.assessor.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(s.export_dir, Some(PathBuf::from("/c/out")));
        assert_eq!(s.rubrics_dir, Some(PathBuf::from("/r")));
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.theme, Some(ThemeName::HighContrast));
    }

    #[test]
    fn save_assessor_adds_then_replaces_keeping_the_rest() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join("sub").join("config.toml");
        save_assessor(&path, "An").expect("save");
        assert_eq!(read(&path).expect("read").assessor.as_deref(), Some("An"));
        std::fs::write(&path, "# mine\nassessor = \"An\"\nlang = \"en\"\n").expect("write");
        save_assessor(&path, "Trần \"Bình\"").expect("save");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("# mine\n"), "{text}");
        let s = read(&path).expect("read");
        assert_eq!(s.assessor.as_deref(), Some("Trần \"Bình\""));
        assert_eq!(s.lang, Some(Lang::En));
    }
}
