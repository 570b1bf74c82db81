//! The current criterion in full: its text, its guidance, its options with points and ★
//! minimums (numbered as the digits choose them), the elimination rule, and the note.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::state::{Pick, SheetView};
use crate::ui::Ctx;
use ocop_domain::claim::points_of;
use ocop_domain::rerate::earlier_answer;
use ocop_domain::rubric::{Criterion, pick};
use ocop_domain::score::Standing;
use ocop_domain::sheet::Mark;
use ocop_domain::text::safe::{shown, shown_lines};
use ocop_domain::text::{fit, pad, width, wrap};
use ocop_words::plan::option_text;
use ocop_words::rerate::rerate_strings;
use ocop_words::selfassess::claim_text;

/// Cells for the points and star mark at the end of an option.
const POINTS_W: usize = 7;

/// Lines of the pane, each with its style.
type Lines = Vec<(String, Style)>;

pub fn draw(ctx: &Ctx, v: &SheetView, frame: &mut Frame, area: Rect) {
    let Some(c) = v.criterion() else {
        return;
    };
    let lang = ctx.state.session.lang;
    let cells = usize::from(area.width.saturating_sub(2));
    let inner = frame_it(ctx, c, frame, area);
    let mut lines: Lines = wrap(c.text(lang), cells)
        .into_iter()
        .map(|l| (l, ctx.t.title))
        .collect();
    if let Some(note) = &c.note {
        let text = pick(&note.text_vi, note.text_en.as_deref(), lang);
        lines.extend(wrap(text, cells).into_iter().map(|l| (l, ctx.t.dim)));
    }
    if let Some(text) = earlier_line(ctx, v, c) {
        lines.extend(wrap(&text, cells).into_iter().map(|l| (l, ctx.t.accent)));
    }
    if let Some(text) = claim_line(ctx, v, c) {
        lines.extend(wrap(&text, cells).into_iter().map(|l| (l, ctx.t.accent)));
    }
    lines.push((String::new(), ctx.t.plain));
    let focus = options(ctx, v, c, cells, &mut lines);
    lines.push((String::new(), ctx.t.plain));
    rule_lines(ctx, v, c, cells, &mut lines);
    let note_at = lines.len();
    let (note_lines, cursor) = note(ctx, v, cells);
    lines.extend(note_lines);
    let focus = cursor.map_or(focus, |(y, _)| note_at + y);
    let top = (focus + 1).saturating_sub(usize::from(inner.height));
    show(frame, inner, lines, top);
    if let Some((y, x)) = cursor
        && ctx.state.popup.is_none()
    {
        place_cursor(frame, inner, (note_at + y).checked_sub(top), x);
    }
}

/// On a re-rating: how the earlier sheet answered this criterion, by code.
fn earlier_line(ctx: &Ctx, v: &SheetView, c: &Criterion) -> Option<String> {
    let e = v.earlier.as_ref()?;
    let r = rerate_strings(ctx.state.session.lang);
    let Some((mark, points)) = earlier_answer(&e.rubric, &e.sheet, &c.code) else {
        return Some(r.earlier_none.to_string());
    };
    Some(match mark {
        Mark::Chose { option } => {
            let old = e.rubric.criterion(&c.code)?;
            let text = option_text(old, usize::from(*option), ctx.state.session.lang);
            (r.earlier)(points.0, text)
        }
        Mark::NotMet => r.earlier_not_met.to_string(),
        Mark::NotApplicable => r.earlier_not_applicable.to_string(),
        Mark::Raised { .. } => r.earlier_raised.to_string(),
    })
}

/// The producer's claim on this criterion, with what shows it: read, never chosen for the
/// assessor.
fn claim_line(ctx: &Ctx, v: &SheetView, c: &Criterion) -> Option<String> {
    let claim = v.sheet.self_assessment.as_ref()?.claims.get(&c.code)?;
    let points = points_of(&v.rubric, &c.code, claim.option).map_or(0, |p| p.0);
    let (what, proof) = (shown(&claim.description), shown(&claim.evidence));
    let lang = ctx.state.session.lang;
    Some(claim_text(lang, (claim.option, points), &what, &proof))
}

/// The border, titled with the code and text on the left and the maximum on the right;
/// returns the inside.
fn frame_it(ctx: &Ctx, c: &Criterion, frame: &mut Frame, area: Rect) -> Rect {
    let cells = usize::from(area.width.saturating_sub(2));
    let text = fit(c.text(ctx.state.session.lang), cells.saturating_sub(22));
    let title = format!(" {}  {text} ", c.code);
    let max = format!(" {} ", (ctx.s.max)(c.max.0));
    let block = Block::bordered()
        .title(Line::styled(title, ctx.t.title))
        .title(Line::styled(max, ctx.t.dim).right_aligned())
        .border_style(ctx.t.focus_border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The lines from `top` on, as many as fit.
fn show(frame: &mut Frame, area: Rect, lines: Lines, top: usize) {
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(usize::from(area.height))
        .map(|(text, style)| Line::styled(text, style))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

fn place_cursor(frame: &mut Frame, area: Rect, y: Option<usize>, x: usize) {
    let Some(y) = y
        .and_then(|y| u16::try_from(y).ok())
        .filter(|y| *y < area.height)
    else {
        return;
    };
    let x = u16::try_from(x)
        .unwrap_or(0)
        .min(area.width.saturating_sub(1));
    frame.set_cursor_position(Position {
        x: area.x + x,
        y: area.y + y,
    });
}

/// The widest an option's text is set, in cells.
const OPTION_TEXT_MAX: usize = 64;

/// Adds the option lines; returns the index of the last line of the highlighted option.
fn options(ctx: &Ctx, v: &SheetView, c: &Criterion, cells: usize, lines: &mut Lines) -> usize {
    let t = &ctx.t;
    if v.standing_of(c) == Standing::NotApplicable {
        lines.push((format!("— {}", ctx.s.not_applicable), t.warn));
    }
    let chosen = match v.sheet.mark(&c.code) {
        Some(Mark::Chose { option }) => Some(Pick::Option(*option)),
        Some(Mark::NotMet) => Some(Pick::NotMet),
        _ => None,
    };
    let mut focus = lines.len();
    for (i, p) in v.choices(c).into_iter().enumerate() {
        let highlighted = i == v.highlight && !v.read_only() && !v.resumed;
        let is_chosen = chosen == Some(p);
        let (style, marker) = match (highlighted, is_chosen) {
            (true, _) => (t.selected, "▶"),
            (false, true) => (t.accent, "✓"),
            _ => (t.plain, " "),
        };
        for l in option_lines(ctx, c, p, marker, cells) {
            lines.push((l, style));
        }
        if highlighted {
            focus = lines.len().saturating_sub(1);
        }
    }
    focus
}

/// "▶ 2  text…   2 ★3": the number the digit chooses, the text wrapped, points and stars.
fn option_lines(ctx: &Ctx, c: &Criterion, p: Pick, marker: &str, cells: usize) -> Vec<String> {
    let lang = ctx.state.session.lang;
    let (number, text, points, star) = match p {
        Pick::Option(n) => {
            let o = c.options.get(usize::from(n).saturating_sub(1));
            let text = o.map_or("", |o| pick(&o.text_vi, o.text_en.as_deref(), lang));
            let star = o.and_then(|o| o.min_star).map(|s| format!("★{s}"));
            (n.to_string(), text, o.map_or(0, |o| o.points.0), star)
        }
        Pick::NotMet => ("0".to_string(), ctx.s.not_met, 0, None),
    };
    // On a wide screen the text stays a readable measure, its points beside it; and a moved
    // highlight repaints the same few cells whatever the width (bytes on a slow link).
    let text_w = cells.saturating_sub(5 + POINTS_W).clamp(1, OPTION_TEXT_MAX);
    let tail = format!("{points:>3} {:<3}", star.unwrap_or_default());
    wrap(text, text_w)
        .into_iter()
        .enumerate()
        .map(|(k, l)| match k {
            0 => format!("{marker}{number:>2}  {}{tail}", pad(&l, text_w)),
            _ => format!("     {}", pad(&l, text_w)),
        })
        .collect()
}

fn rule_lines(ctx: &Ctx, v: &SheetView, c: &Criterion, cells: usize, lines: &mut Lines) {
    if let Some(Mark::Raised { reason }) = v.sheet.mark(&c.code) {
        let text = format!("{}{}", ctx.s.raised, shown(reason));
        lines.extend(wrap(&text, cells).into_iter().map(|l| (l, ctx.t.error)));
    } else if c.rule().is_some_and(|r| r.is_raisable()) && !v.read_only() {
        lines.push((ctx.s.raisable.to_string(), ctx.t.dim));
    }
    if v.rubric.stop_on_zero_group(&c.code).is_some() {
        lines.extend(
            wrap(ctx.s.zero_stops, cells)
                .into_iter()
                .map(|l| (l, ctx.t.warn)),
        );
    }
}

/// The note lines and, while it is edited, the cursor as (line, column) within them.
fn note(ctx: &Ctx, v: &SheetView, cells: usize) -> (Lines, Option<(usize, usize)>) {
    let label = ctx.s.note;
    match &v.note {
        Some(edit) => {
            let value = edit.field.value();
            let before: String = value.chars().take(edit.field.cursor()).collect();
            let lines = wrap(&format!("{label}{value}"), cells);
            let head = format!("{label}{before}");
            let upto = wrap(&head, cells);
            let y = upto.len().saturating_sub(1);
            // wrap drops the space the cursor stands after.
            let x = upto.last().map_or(0, |l| width(l)) + usize::from(head.ends_with(' '));
            let styled = lines.into_iter().map(|l| (l, ctx.t.accent)).collect();
            (styled, Some((y, x)))
        }
        None => {
            let text = v.sheet.note(&v.current);
            let text = if text.is_empty() {
                format!("{label}{}", ctx.s.note_hint)
            } else {
                format!("{label}{}", shown_lines(text))
            };
            (
                wrap(&text, cells)
                    .into_iter()
                    .map(|l| (l, ctx.t.plain))
                    .collect(),
                None,
            )
        }
    }
}
