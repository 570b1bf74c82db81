//! `ocop config`: each effective setting, its value and where it came from, and the paths.

use ocop_domain::text::safe::shown;
use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::commands::exit;
use ocop_config::{Setting, Settings, Source};
use ocop_domain::Named;
use ocop_store::FILE_NAME;
use ocop_words::command::command_words;

/// Prints every setting; a rubric folder that is not there is marked in its row, and said on
/// stderr with what to do (exit 1: the other commands stop on it).
pub fn print(settings: &Settings, out: &mut dyn Write) -> Outcome {
    for (name, value, from) in rows(settings) {
        writeln!(out, "{name:<12} {value}  [{from}]")?;
    }
    let Some(dir) = missing_rubrics(settings) else {
        return Ok(exit::OK);
    };
    let said = command_words(settings.lang.value).no_rubrics_dir;
    eprintln!("ocop: {}", shown(&said(dir)));
    Ok(exit::FAILED)
}

fn missing_rubrics(s: &Settings) -> Option<&Path> {
    s.rubrics_dir.value.as_deref().filter(|d| !d.is_dir())
}

/// (name, value, where it came from), in the order printed.
fn rows(s: &Settings) -> Vec<(&'static str, String, String)> {
    let absent = if s.config_file.exists() {
        ""
    } else {
        " (absent)"
    };
    let (lang, theme) = (s.lang.value.name(), s.theme.value.name());
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
        match missing_rubrics(s) {
            Some(dir) => (
                "rubrics_dir",
                format!("{} (missing)", dir.display()),
                source(&s.rubrics_dir.source),
            ),
            None => path_row("rubrics_dir", &s.rubrics_dir),
        },
        text_row("assessor", &s.assessor),
        text_row("assessor_id", &s.assessor_id),
        path_row("signing_key", &s.signing_key),
        text_row("roster_key", &s.roster_key),
        text_row("council", &s.council),
        text_row("place", &s.place),
        ("round", rounds(&s.rounds), rounds_source(s)),
        ("lang", lang.into(), source(&s.lang.source)),
        ("theme", theme.into(), source(&s.theme.source)),
        (
            "no_color",
            (if s.no_color { "yes" } else { "no" }).into(),
            "NO_COLOR".into(),
        ),
    ]
}

/// "30/4 → 30/6, 30/10 → 30/12": each round's commune deadline and the province's.
fn rounds(rounds: &ocop_domain::due::Rounds) -> String {
    let day = |(m, d): (u32, u32)| format!("{d}/{m}");
    let each: Vec<String> = rounds
        .days()
        .iter()
        .map(|r| format!("{} → {}", day(r.forward_by), day(r.evaluated_by)))
        .collect();
    each.join(", ")
}

fn rounds_source(s: &Settings) -> String {
    if s.rounds == ocop_domain::due::Rounds::default() {
        "default".into()
    } else {
        source(&Source::File(s.config_file.clone()))
    }
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
