//! The popup over a screen: help, a yes/no question, a prompt, the case question. Drawn in a
//! box centred on the screen, clipped to it at any size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Ctx, cursor_at, field_tail, help};
use crate::app::keys::{Mode, popup_table};
use crate::app::state::{Ask, Popup, Problem, Prompt, Purpose};
use ocop_domain::text::{pad, width, wrap};

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some(popup) = &ctx.state.popup else {
        return;
    };
    // The popup's own keys, from its bindings table.
    let keys = popup_table(popup).footer(Mode::default(), ctx.state.session.lang);
    match popup {
        Popup::Help => {
            boxed(ctx, frame, area, ctx.s.help_title, help::lines(ctx));
        }
        Popup::Confirm(ask) => {
            let text = match ask {
                Ask::Delete { product, .. } => (ctx.s.ask_delete)(product),
                Ask::Finish => ctx.s.ask_finish.to_string(),
                Ask::Amend { revision, reason } => (ctx.s.ask_amend)(*revision, reason),
                Ask::RejectDossier { reason } => (ctx.s.ask_reject_dossier)(reason),
                Ask::AcceptDossier => ctx.s.ask_accept_dossier.to_string(),
            };
            let lines = vec![
                Line::styled(text, ctx.t.plain),
                Line::default(),
                Line::styled(keys, ctx.t.accent),
            ];
            boxed(ctx, frame, area, "", lines);
        }
        Popup::Case(labels) => {
            let mut lines: Vec<Line> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| Line::styled(format!("{}  {l}", i + 1), ctx.t.plain))
                .collect();
            lines.push(Line::default());
            lines.push(Line::styled(keys, ctx.t.dim));
            boxed(ctx, frame, area, ctx.s.case_title, lines);
        }
        Popup::Prompt(p) => prompt(ctx, p, keys, frame, area),
    }
}

/// A bordered box sized to its lines, centred, with the lines wrapped inside.
fn boxed(ctx: &Ctx, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) -> Rect {
    let max_w = area.width.saturating_sub(4).max(1);
    let widest = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .max(width(title) + 2);
    let w = u16::try_from(widest + 4)
        .unwrap_or(u16::MAX)
        .clamp(1, max_w);
    let inner_w = usize::from(w.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    let h = u16::try_from(rows + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.max(1));
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(w)) / 2,
        y: area.y + (area.height.saturating_sub(h)) / 2,
        width: w.min(area.width),
        height: h,
    };
    let mut block = Block::bordered()
        .border_style(ctx.t.focus_border)
        .style(ctx.t.plain);
    if !title.is_empty() {
        block = block.title(Line::styled(format!(" {title} "), ctx.t.title));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
    rect
}

fn prompt(ctx: &Ctx, p: &Prompt, keys: String, frame: &mut Frame, area: Rect) {
    let s = ctx.s;
    let label = match &p.purpose {
        Purpose::Jump => s.prompt_jump,
        Purpose::Raise(_) => s.prompt_raise,
        Purpose::Comment => s.prompt_comment,
        Purpose::Amend => s.prompt_amend,
        Purpose::Dossier => s.prompt_dossier,
        Purpose::SelfAssessment => s.prompt_self_assessment,
        Purpose::Assessor => s.prompt_assessor,
    };
    let inner_w = usize::from(area.width.saturating_sub(8)).clamp(1, 70);
    let (field_lines, cursor) = field_lines(p, inner_w.saturating_sub(2).max(1));
    let mut lines = vec![Line::styled(pad(label, inner_w), ctx.t.plain)];
    let n = field_lines.len();
    lines.extend(
        field_lines
            .into_iter()
            .map(|l| Line::styled(format!("› {l}"), ctx.t.accent)),
    );
    lines.push(match p.problem {
        Some(Problem::Empty) => Line::styled(s.problem_empty, ctx.t.error),
        Some(Problem::NoSuchCode) => Line::styled(s.problem_code, ctx.t.error),
        None => Line::default(),
    });
    lines.push(Line::styled(keys, ctx.t.dim));
    let rect = boxed(ctx, frame, area, "", lines);
    // Inside the border, below the label, after "› ".
    let field_row = Rect {
        x: rect.x + 3,
        y: rect.y + 2 + u16::try_from(cursor.0).unwrap_or(0),
        width: rect.width.saturating_sub(4),
        height: 1,
    };
    if cursor.0 < n && field_row.y < rect.y + rect.height.saturating_sub(1) {
        cursor_at(frame, field_row, 0, &" ".repeat(cursor.1), cursor.1);
    }
}

/// The field's lines in `cells` (the comments wrap over up to eight lines; the rest scroll
/// sideways) and the cursor as (line, column).
fn field_lines(p: &Prompt, cells: usize) -> (Vec<String>, (usize, usize)) {
    if p.purpose == Purpose::Comment {
        let value = p.field.value();
        let before: String = value.chars().take(p.field.cursor()).collect();
        let upto = wrap(&before, cells);
        // wrap drops the space the cursor stands after.
        let x = upto.last().map_or(0, |l| width(l)) + usize::from(before.ends_with(' '));
        let mut shown = wrap(value, cells);
        shown.truncate(8);
        (shown, (upto.len().saturating_sub(1).min(7), x))
    } else {
        let (shown, x) = field_tail(p.field.value(), p.field.cursor(), cells.saturating_sub(1));
        (vec![shown], (0, x))
    }
}
