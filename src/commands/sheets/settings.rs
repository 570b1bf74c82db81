//! `ocop config`: each effective setting, its value and where it came from, and the paths.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::cli::{Lang, ThemeName};
use crate::commands::exit;
use crate::config::{Setting, Settings, Source};
use crate::store::FILE_NAME;

pub fn print(settings: &Settings, out: &mut dyn Write) -> Outcome {
    for (name, value, from) in rows(settings) {
        writeln!(out, "{name:<12} {value}  [{from}]")?;
    }
    Ok(exit::OK)
}

/// (name, value, where it came from), in the order printed.
fn rows(s: &Settings) -> Vec<(&'static str, String, String)> {
    let absent = if s.config_file.exists() {
        ""
    } else {
        " (absent)"
    };
    let lang = match s.lang.value {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let theme = match s.theme.value {
        ThemeName::Default => "default",
        ThemeName::HighContrast => "high-contrast",
    };
    vec![
        (
            "config file",
            format!("{}{absent}", s.config_file.display()),
            source(&s.config_source),
        ),
        (
            "database",
            s.data_dir.value.join(FILE_NAME).display().to_string(),
            "in data_dir".into(),
        ),
        (
            "data_dir",
            s.data_dir.value.display().to_string(),
            source(&s.data_dir.source),
        ),
        path_row("export_dir", &s.export_dir),
        path_row("rubrics_dir", &s.rubrics_dir),
        text_row("assessor", &s.assessor),
        text_row("assessor_id", &s.assessor_id),
        path_row("signing_key", &s.signing_key),
        text_row("council", &s.council),
        ("lang", lang.into(), source(&s.lang.source)),
        ("theme", theme.into(), source(&s.theme.source)),
        (
            "no_color",
            (if s.no_color { "yes" } else { "no" }).into(),
            "NO_COLOR".into(),
        ),
    ]
}

fn path_row(
    name: &'static str,
    setting: &Setting<Option<std::path::PathBuf>>,
) -> (&'static str, String, String) {
    let value = setting.value.as_deref().map(Path::display);
    let value = value.map_or("(not set)".into(), |v| v.to_string());
    (name, value, source(&setting.source))
}

fn text_row(
    name: &'static str,
    setting: &Setting<Option<String>>,
) -> (&'static str, String, String) {
    let value = setting.value.clone().unwrap_or_else(|| "(not set)".into());
    (name, value, source(&setting.source))
}

fn source(source: &Source) -> String {
    match source {
        Source::Default => "default".into(),
        Source::File(path) => format!("file {}", path.display()),
        Source::CommandLine => "command line".into(),
        Source::Environment(var) => format!("environment {var}"),
    }
}
