//! `ocop rubric list | show | check`.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::commands::exit;
use ocop_catalog::{Catalog, check, format_problems};
use ocop_domain::Lang;
use ocop_domain::rubric::{Choice, Criterion, Rubric, pick};
use ocop_words::command::command_words;
use ocop_words::labels::{Labels, labels};

use crate::error::CommandError;
use ocop_domain::text;

pub fn list(catalog: &Catalog, out: &mut dyn Write) -> Result<u8, CommandError> {
    for rubric in catalog.all()? {
        writeln!(
            out,
            "{:>2}  {:<32} {:<44} {:>3}",
            rubric.set_no,
            rubric.id,
            text::fit(&rubric.title_vi, 44),
            rubric.leaves().count()
        )?;
    }
    Ok(exit::OK)
}

/// Finds a set by id or by number.
pub fn find<'a>(catalog: &'a Catalog, key: &str) -> Option<&'a Rubric> {
    let all = catalog.all().ok()?;
    all.into_iter()
        .find(|r| r.id == key || key.parse::<u8>().ok() == Some(r.set_no))
}

pub fn show(catalog: &Catalog, key: &str, lang: Lang, out: &mut dyn Write) -> io::Result<u8> {
    let Some(rubric) = find(catalog, key) else {
        writeln!(out, "{}", (command_words(lang).no_set)(key))?;
        return Ok(exit::FAILED);
    };
    write_sheet(rubric, labels(lang), out)?;
    Ok(exit::OK)
}

const WIDTH: usize = 78;

fn write_sheet(r: &Rubric, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    let set = (l.set)(r.set_no);
    writeln!(out, "{set}: {} ({})", r.title(l.lang), r.id)?;
    writeln!(out, "{} · {} · sha256 {}", r.edition, r.sector_vi, r.sha256)?;
    for d in &r.disqualifiers {
        write_wrapped(out, &format!("{}: {d}", l.dossier), "", "")?;
    }
    for part in &r.parts {
        let title = pick(&part.title_vi, part.title_en.as_deref(), l.lang);
        let head = format!("{}. {}", part.code.letter(), title);
        let points = l.points.to_lowercase();
        writeln!(
            out,
            "\n{} {} {points}",
            text::pad(&head, WIDTH - 8),
            part.max
        )?;
        for c in r.criteria.iter().filter(|c| c.part == part.code) {
            write_criterion(c, l, out)?;
        }
    }
    Ok(())
}

fn write_criterion(c: &Criterion, l: &Labels, out: &mut dyn Write) -> io::Result<()> {
    let indent = "  ".repeat(c.code.depth() + 1);
    let head = format!("{} {}", c.code, c.text(l.lang));
    let room = WIDTH - 4 - indent.len();
    for (i, line) in text::wrap(&head, room).iter().enumerate() {
        match i {
            0 => writeln!(out, "{indent}{} {:>3}", text::pad(line, room), c.max)?,
            _ => writeln!(out, "{indent}  {line}")?,
        }
    }
    let inner = format!("{indent}    ");
    if let Some(note) = &c.note {
        let tag = (l.rule)(&note.rule).map_or(String::new(), |t| format!(" [{t}]"));
        let body = pick(&note.text_vi, note.text_en.as_deref(), l.lang);
        write_wrapped(out, &format!("{body}{tag}"), &inner, &inner)?;
    }
    for (n, case) in c.cases.iter().enumerate() {
        write_wrapped(out, &format!("({}) {case}", n + 1), &inner, &inner)?;
    }
    for o in &c.options {
        write_option(o, l.lang, &inner, out)?;
    }
    if c.is_leaf() && !c.has_zero_option() {
        let none = l.not_met;
        writeln!(
            out,
            "{inner}{} {:>3}",
            text::pad(&format!("□ {none}"), WIDTH - 8 - inner.len()),
            0
        )?;
    }
    Ok(())
}

fn write_option(o: &Choice, lang: Lang, inner: &str, out: &mut dyn Write) -> io::Result<()> {
    let case = o
        .case
        .map_or(String::new(), |c| format!("({}) ", c.number()));
    let body = format!("□ {case}{}", pick(&o.text_vi, o.text_en.as_deref(), lang));
    let star = o.min_star.map_or(String::new(), |s| format!(" ★{s}"));
    let room = WIDTH - 8 - inner.len();
    let lines = text::wrap(&body, room);
    for (i, line) in lines.iter().enumerate() {
        match i {
            0 => writeln!(
                out,
                "{inner}{} {:>3}{star}",
                text::pad(line, room),
                o.points
            )?,
            _ => writeln!(out, "{inner}  {line}")?,
        }
    }
    Ok(())
}

fn write_wrapped(out: &mut dyn Write, s: &str, first: &str, rest: &str) -> io::Result<()> {
    for (i, line) in text::wrap(s, WIDTH - first.len()).iter().enumerate() {
        writeln!(out, "{}{line}", if i == 0 { first } else { rest })?;
    }
    Ok(())
}

/// Checks each file; prints one line per problem; 0 when all are sound.
pub fn check_files(files: &[PathBuf], lang: Lang, out: &mut dyn Write) -> io::Result<u8> {
    let w = command_words(lang);
    let mut sound = true;
    for path in files {
        let name = path.display().to_string();
        let max = ocop_catalog::RUBRIC_MAX_BYTES;
        let problems = match ocop_files::read(path, max, ocop_files::Links::Follow) {
            Ok(bytes) => problems_in(&bytes, lang),
            Err(e) => vec![format!("{name}: {}", (w.cannot_read)(&e.into_io()))],
        };
        let problems: Vec<String> = problems
            .into_iter()
            .map(|p| {
                if p.starts_with(&name) {
                    p
                } else {
                    format!("{name}:{p}")
                }
            })
            .collect();
        sound &= problems.is_empty();
        for p in problems {
            writeln!(out, "{p}")?;
        }
    }
    Ok(if sound { exit::OK } else { exit::FAILED })
}

/// Problems as `LINE:COLUMN: message`.
fn problems_in(bytes: &[u8], lang: Lang) -> Vec<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column =
                String::from_utf8_lossy(good.rsplit(|b| *b == b'\n').next().unwrap_or(&[]))
                    .chars()
                    .count()
                    + 1;
            return vec![format!("{line}:{column}: {}", command_words(lang).not_utf8)];
        }
    };
    match check::parse(text) {
        Ok(_) => Vec::new(),
        Err(problems) => format_problems("", &problems, lang)
            .lines()
            .map(|l| l.trim_start_matches(':').to_string())
            .collect(),
    }
}
