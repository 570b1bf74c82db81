//! What the next star needs, as lines: built once from a `Plan` for the screen (`p`) and for
//! `ocop plan`, so both say the same. A line that names a criterion carries its code, and
//! Enter on the screen goes to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::scoring::elimination_text;
use super::strings::Strings;
use super::strings::plan::{PlanStrings, plan_strings};
use super::{Ctx, line, row};
use crate::app::state::SheetView;
use crate::domain::plan::{Plan, plan};
use crate::domain::rubric::{Code, Criterion, Rubric, pick};
use crate::domain::text::fit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Heading,
    Item,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub kind: Kind,
    pub code: Option<Code>,
    pub text: String,
}

fn plain(kind: Kind, text: String) -> PlanLine {
    PlanLine {
        kind,
        code: None,
        text,
    }
}

/// The plan in words, in the order the producer reads it.
pub fn lines(
    s: &Strings,
    p: &PlanStrings,
    rubric: &Rubric,
    plan: &Plan,
    en: bool,
) -> Vec<PlanLine> {
    let mut out = Vec::new();
    if plan.score.eliminated() {
        let why: Vec<String> = plan
            .score
            .eliminations
            .iter()
            .map(|e| elimination_text(s, e))
            .collect();
        out.push(plain(Kind::Warning, (p.eliminated)(&why.join("; "))));
    }
    if plan.steps.is_empty() {
        out.push(plain(Kind::Heading, p.top.to_string()));
    }
    for step in &plan.steps {
        let head = (p.step)(step.stars, step.points_missing.0, step.minimums.len());
        out.push(plain(Kind::Heading, head));
        for m in &step.minimums {
            let Some(c) = rubric.criterion(&m.code) else {
                continue;
            };
            let text = (p.needs)(
                c.code.as_str(),
                c.text(en),
                option_text(c, m.option, en),
                m.has.0,
                c.max.0,
            );
            out.push(item(&m.code, text));
        }
    }
    out.push(plain(Kind::Heading, p.gains.to_string()));
    if plan.gains.is_empty() {
        out.push(plain(Kind::Item, p.nothing_to_gain.to_string()));
    }
    for g in &plan.gains {
        let Some(c) = rubric.criterion(&g.code) else {
            continue;
        };
        let text = (p.gain)(
            g.points().0,
            c.code.as_str(),
            c.text(en),
            option_text(c, g.option, en),
        );
        out.push(item(&g.code, text));
    }
    out
}

fn item(code: &Code, text: String) -> PlanLine {
    PlanLine {
        kind: Kind::Item,
        code: Some(code.clone()),
        text,
    }
}

pub fn option_text(c: &Criterion, option: usize, en: bool) -> &str {
    c.options
        .get(option.wrapping_sub(1))
        .map_or("", |o| pick(&o.text_vi, o.text_en.as_deref(), en))
}

/// The plan page of an open sheet: title, then the lines, the `selected`-th criterion marked
/// (items are counted as `Plan::codes` lists them).
pub fn draw(ctx: &Ctx, v: &SheetView, selected: usize, frame: &mut Frame, area: Rect) {
    let p = plan_strings(ctx.state.session.lang);
    let plan = plan(&v.rubric, &v.sheet);
    let title = format!(
        " {} · {} · {}/100 · {}★",
        p.title, v.sheet.header.product_name, plan.score.total, plan.score.stars
    );
    let width = usize::from(area.width);
    line(
        frame,
        row(area, 0),
        Line::styled(fit(&title, width), ctx.t.title),
    );
    let body = lines(ctx.s, p, &v.rubric, &plan, ctx.state.english());
    let at = body
        .iter()
        .enumerate()
        .filter(|(_, l)| l.code.is_some())
        .nth(selected)
        .map_or(0, |(i, _)| i);
    let rows = usize::from(area.height.saturating_sub(2));
    let top = (at + 1).saturating_sub(rows);
    for (i, l) in body.iter().enumerate().skip(top).take(rows) {
        let (text, style) = styled(ctx, l, i == at);
        let y = u16::try_from(i - top + 2).unwrap_or(u16::MAX);
        line(frame, row(area, y), Line::styled(fit(&text, width), style));
    }
}

fn styled(ctx: &Ctx, l: &PlanLine, chosen: bool) -> (String, ratatui::style::Style) {
    match l.kind {
        Kind::Title | Kind::Heading => (format!(" {}", l.text), ctx.t.title),
        Kind::Warning => (format!(" {}", l.text), ctx.t.error),
        Kind::Item if chosen && l.code.is_some() => (format!("▶  {}", l.text), ctx.t.selected),
        Kind::Item => (format!("   {}", l.text), ctx.t.plain),
    }
}
