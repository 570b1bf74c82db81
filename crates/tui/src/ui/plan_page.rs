//! The plan page: what the next star needs, as `ocop_words::plan::lines` words it for the
//! screen, `ocop plan` and the printed sheet alike. Enter on a line that names a criterion
//! goes to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Ctx, line, row};
use crate::app::state::SheetView;
use ocop_domain::plan::plan;
use ocop_domain::text::fit;
use ocop_words::plan::{Kind, PlanLine, lines, plan_strings};

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
    let body = lines(ctx.state.session.lang, &v.rubric, &plan);
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
