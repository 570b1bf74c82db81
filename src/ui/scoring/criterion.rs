//! The current criterion in full: its text, its guidance, its options with points and ★
//! minimums (numbered as the digits choose them), the elimination rule, and the note.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::state::{Pick, SheetView};
use crate::domain::rubric::{Criterion, pick};
use crate::domain::score::Standing;
use crate::domain::sheet::Mark;
use crate::domain::text::{fit, pad, width, wrap};
use crate::ui::Ctx;

/// Cells for the points and star mark at the end of an option.
const POINTS_W: usize = 7;

pub fn draw(ctx: &Ctx, v: &SheetView, frame: &mut Frame, area: Rect) {
    let Some(c) = v.criterion() else {
        return;
    };
    let english = ctx.state.english();
    let cells = usize::from(area.width.saturating_sub(2));
    let title = format!(" {}  {} ", c.code, fit(c.text(english), cells.saturating_sub(22)));
    let block = Block::bordered()
        .title(Line::styled(title, ctx.t.title))
        .title(Line::styled(format!(" {} ", (ctx.s.max)(c.max.0)), ctx.t.dim).right_aligned())
        .border_style(ctx.t.focus_border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<(String, Style)> = Vec::new();
    for l in wrap(c.text(english), cells) {
        lines.push((l, ctx.t.title));
    }
    if let Some(note) = &c.note {
        let text = pick(&note.text_vi, note.text_en.as_deref(), english);
        lines.extend(wrap(text, cells).into_iter().map(|l| (l, ctx.t.dim)));
    }
    lines.push((String::new(), ctx.t.plain));
    let focus = options(ctx, v, c, cells, &mut lines);
    lines.push((String::new(), ctx.t.plain));
    rule_lines(ctx, v, c, cells, &mut lines);
    let note_at = lines.len();
    let (note_lines, cursor) = note(ctx, v, cells);
    lines.extend(note_lines);
    let room = usize::from(inner.height);
    let focus_end = match cursor {
        Some((y, _)) => note_at + y,
        None => focus,
    };
    let top = (focus_end + 1).saturating_sub(room);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(room)
        .map(|(text, style)| Line::styled(text, style))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if let Some((y, x)) = cursor
        && ctx.state.popup.is_none()
        && note_at + y >= top
        && note_at + y - top < room
    {
        let y = u16::try_from(note_at + y - top).unwrap_or(0);
        let x = u16::try_from(x).unwrap_or(0).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position {
            x: inner.x + x,
            y: inner.y + y,
        });
    }
}

/// Adds the option lines; returns the index of the last line of the highlighted option.
fn options(
    ctx: &Ctx,
    v: &SheetView,
    c: &Criterion,
    cells: usize,
    lines: &mut Vec<(String, Style)>,
) -> usize {
    let t = &ctx.t;
    let english = ctx.state.english();
    if v.standing_of(c) == Standing::NotApplicable {
        lines.push((format!("— {}", ctx.s.not_applicable), t.warn));
    }
    let chosen = match v.sheet.mark(&c.code) {
        Some(Mark::Chose { option }) => Some(Pick::Option(*option)),
        Some(Mark::NotMet) => Some(Pick::NotMet),
        _ => None,
    };
    let text_w = cells.saturating_sub(5 + POINTS_W).max(1);
    let mut focus = lines.len();
    for (i, p) in v.choices(c).into_iter().enumerate() {
        let (number, text, points, star) = match p {
            Pick::Option(n) => {
                let o = c.options.get(usize::from(n).saturating_sub(1));
                let text = o.map_or("", |o| pick(&o.text_vi, o.text_en.as_deref(), english));
                let star = o.and_then(|o| o.min_star).map(|s| format!("★{s}"));
                (n.to_string(), text, o.map_or(0, |o| o.points.0), star)
            }
            Pick::NotMet => ("0".to_string(), ctx.s.not_met, 0, None),
        };
        let highlighted = i == v.highlight && !v.read_only();
        let is_chosen = chosen == Some(p);
        let style = match (highlighted, is_chosen) {
            (true, _) => t.selected,
            (false, true) => t.accent,
            _ => t.plain,
        };
        let marker = match (highlighted, is_chosen) {
            (true, _) => "▶",
            (false, true) => "✓",
            _ => " ",
        };
        let tail = format!("{points:>3} {:<3}", star.unwrap_or_default());
        for (k, l) in wrap(text, text_w).into_iter().enumerate() {
            let head = if k == 0 {
                format!("{marker}{number:>2}  ")
            } else {
                " ".repeat(5)
            };
            let end = if k == 0 { tail.clone() } else { String::new() };
            lines.push((format!("{head}{}{end}", pad(&l, text_w)), style));
        }
        if highlighted {
            focus = lines.len().saturating_sub(1);
        }
    }
    focus
}

fn rule_lines(
    ctx: &Ctx,
    v: &SheetView,
    c: &Criterion,
    cells: usize,
    lines: &mut Vec<(String, Style)>,
) {
    if let Some(Mark::Raised { reason }) = v.sheet.mark(&c.code) {
        let text = format!("{}{reason}", ctx.s.raised);
        lines.extend(wrap(&text, cells).into_iter().map(|l| (l, ctx.t.error)));
    } else if c.rule().is_some_and(|r| r.is_raisable()) && !v.read_only() {
        lines.push((ctx.s.raisable.to_string(), ctx.t.dim));
    }
}

/// The note lines and, while it is edited, the cursor as (line, column) within them.
fn note(ctx: &Ctx, v: &SheetView, cells: usize) -> (Vec<(String, Style)>, Option<(usize, usize)>) {
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
                format!("{label}{text}")
            };
            (wrap(&text, cells).into_iter().map(|l| (l, ctx.t.plain)).collect(), None)
        }
    }
}
