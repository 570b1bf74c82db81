//! `ocop config`: each effective setting, its value and where it came from, and the paths.

use std::fmt::Display;
use std::io::Write;

use super::Outcome;
use crate::cli::{Lang, ThemeName};
use crate::commands::exit;
use crate::config::{Setting, Settings, Source};
use crate::store::FILE_NAME;

pub fn print(settings: &Settings, out: &mut dyn Write) -> Outcome {
    let s = settings;
    let file = s.config_file.display();
    let exists = if s.config_file.exists() {
        ""
    } else {
        " (absent)"
    };
    writeln!(
        out,
        "config file  {file}{exists}  [{}]",
        source(&s.config_source)
    )?;
    writeln!(
        out,
        "database     {}",
        s.data_dir.value.join(FILE_NAME).display()
    )?;
    line(
        out,
        "data_dir",
        &s.data_dir.value.display(),
        &s.data_dir.source,
    )?;
    optional(
        out,
        "export_dir",
        s.export_dir.value.as_ref().map(|p| p.display()),
        &s.export_dir,
    )?;
    optional(
        out,
        "rubrics_dir",
        s.rubrics_dir.value.as_ref().map(|p| p.display()),
        &s.rubrics_dir,
    )?;
    optional(out, "assessor", s.assessor.value.as_ref(), &s.assessor)?;
    optional(out, "council", s.council.value.as_ref(), &s.council)?;
    let lang = match s.lang.value {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    line(out, "lang", &lang, &s.lang.source)?;
    let theme = match s.theme.value {
        ThemeName::Default => "default",
        ThemeName::HighContrast => "high-contrast",
    };
    line(out, "theme", &theme, &s.theme.source)?;
    let no_color = if s.no_color { "yes" } else { "no" };
    writeln!(out, "{:<12} {no_color}  [NO_COLOR]", "no_color")?;
    Ok(exit::OK)
}

fn line(
    out: &mut dyn Write,
    name: &str,
    value: &dyn Display,
    from: &Source,
) -> std::io::Result<()> {
    writeln!(out, "{name:<12} {value}  [{}]", source(from))
}

fn optional<T, D: Display>(
    out: &mut dyn Write,
    name: &str,
    value: Option<D>,
    setting: &Setting<T>,
) -> std::io::Result<()> {
    match value {
        Some(v) => line(out, name, &v, &setting.source),
        None => line(out, name, &"(not set)", &setting.source),
    }
}

fn source(source: &Source) -> String {
    match source {
        Source::Default => "default".into(),
        Source::File(path) => format!("file {}", path.display()),
        Source::CommandLine => "command line".into(),
        Source::Environment(var) => format!("environment {var}"),
    }
}
