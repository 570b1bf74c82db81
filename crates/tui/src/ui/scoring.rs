//! The scoring screen: the numbers on the first line, why the rating is held on the second,
//! the outline of the sheet on the left, the current criterion in full on the right.

mod criterion;
mod outline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, line, row, spread};
use crate::app::state::SheetView;
use ocop_domain::score::{Held, Score};
use ocop_domain::text::safe::shown;
use ocop_words::rerate::rerate_strings;

pub use criterion::draw as draw_criterion;

/// Width of the outline pane, borders included.
const OUTLINE_WIDTH: u16 = 32;

pub fn draw(ctx: &Ctx, v: &SheetView, frame: &mut Frame, area: Rect) {
    let score = v.score();
    let [first, second] = header(ctx, v, &score, area.width);
    line(frame, row(area, 0), first);
    line(frame, row(area, 1), second);
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    let left = Rect {
        width: OUTLINE_WIDTH.min(body.width),
        ..body
    };
    let right = Rect {
        x: body.x + left.width,
        width: body.width.saturating_sub(left.width),
        ..body
    };
    outline::draw(ctx, v, frame, left);
    criterion::draw(ctx, v, frame, right);
}

/// The two header lines: product, set, progress, total, parts, stars; then what holds the
/// rating down, or the elimination.
pub fn header<'a>(ctx: &Ctx, v: &'a SheetView, score: &Score, width: u16) -> [Line<'a>; 2] {
    let t = &ctx.t;
    let set = match &v.earlier {
        Some(e) => (rerate_strings(ctx.state.session.lang).header)(e.score.total.0, e.score.stars),
        None => v.rubric.title(ctx.state.session.lang).to_string(),
    };
    let left = vec![
        Span::styled(format!(" {}", shown(&v.sheet.header.product_name)), t.title),
        Span::styled(format!(" · {set}"), t.plain),
    ];
    let parts: Vec<String> = score
        .parts
        .iter()
        .map(|p| format!("{} {}", p.code.letter(), p.points))
        .collect();
    let right = vec![
        Span::styled(
            format!(
                "{}/{} · {}/100 · {} · ",
                score.answered,
                score.applicable,
                score.total,
                parts.join(" ")
            ),
            t.plain,
        ),
        stars_span(ctx, score),
        Span::raw(" "),
    ];
    let first = spread(left, right, width);
    [first, reason_line(ctx, score, width)]
}

pub fn stars_span(ctx: &Ctx, score: &Score) -> Span<'static> {
    if score.eliminated() {
        Span::styled(ctx.s.eliminated, ctx.t.error)
    } else {
        Span::styled(format!("{}★", score.stars), ctx.t.accent)
    }
}

/// "4★ cần 1.5 ≥ 2, 2.2 ≥ 2" and the points still missing for the next level.
pub fn reason_line(ctx: &Ctx, score: &Score, width: u16) -> Line<'static> {
    let (s, t) = (ctx.s, &ctx.t);
    if score.eliminated() {
        let why: Vec<String> = score
            .eliminations
            .iter()
            .map(|e| ocop_words::screen::elimination_text(ctx.s, e))
            .collect();
        let text = format!(" {}: {}", s.eliminated, why.join("; "));
        return Line::styled(text, t.error);
    }
    let Some(next) = &score.next else {
        return Line::styled(format!(" {}", s.top_rating), t.ok);
    };
    let left = if next.minimums.is_empty() {
        Vec::new()
    } else {
        vec![Span::styled(
            format!(" {}", (s.held)(next.stars, &held_list(&next.minimums))),
            t.warn,
        )]
    };
    let right = if next.points_missing.0 > 0 {
        vec![Span::styled(
            format!("{} ", (s.missing_points)(next.points_missing.0, next.stars)),
            t.dim,
        )]
    } else {
        Vec::new()
    };
    spread(left, right, width)
}

pub fn held_list(held: &[Held]) -> String {
    held.iter()
        .map(|h| format!("{} ≥ {}", h.code, h.needs))
        .collect::<Vec<_>>()
        .join(", ")
}
