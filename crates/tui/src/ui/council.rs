//! The council screen: every member's sheet on one product, from the export folder, read-only.
//! Members with their part points, total and stars; the mean and its stars; the spread against
//! the limit; the criteria members disagree on most; the minimums and eliminations raised.
//! One row per item, never wrapped, so the row count is `CouncilView::body_rows`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, line, row, spread};
use crate::app::state::{CouncilView, MAX_SPREAD};
use ocop_domain::text::safe::shown;
use ocop_domain::text::{fit, pad};
use ocop_reports::council::{Member, ProductReview};

/// The parts in the order of the rubric.
const PARTS: [&str; 3] = ["A", "B", "C"];
/// Cells of each number column (parts, total).
const NUMBER: usize = 7;
/// Cells right of the numbers: a gap and the stars (or "eliminated").
const STARS: usize = 12;

/// Draws the screen; returns the key line.
pub fn draw(ctx: &Ctx, view: &CouncilView, frame: &mut Frame, area: Rect) {
    title(ctx, &view.review, frame, area);
    let body = body(ctx, &view.review, area.width);
    let room = usize::from(area.height.saturating_sub(1));
    // Bounded here too: a taller terminal than the smallest shows more and scrolls less.
    let top = view.scroll.min(body.len().saturating_sub(room));
    for (i, l) in body.into_iter().skip(top).take(room).enumerate() {
        let y = u16::try_from(i + 1).unwrap_or(u16::MAX);
        line(frame, row(area, y), l);
    }
}

fn title(ctx: &Ctx, r: &ProductReview, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    let left = vec![
        Span::styled(format!(" {}", s.council_title), t.title),
        Span::styled(format!(" · {}", shown(&r.product_name)), t.plain),
    ];
    let right = vec![Span::styled(
        format!(
            "{} · {} ",
            shown(&r.product_code),
            (s.council_members)(r.members.len())
        ),
        t.dim,
    )];
    line(frame, row(area, 0), spread(left, right, area.width));
}

/// Every row below the title, in order; see `CouncilView::body_rows`.
fn body(ctx: &Ctx, r: &ProductReview, width: u16) -> Vec<Line<'static>> {
    let (s, t) = (ctx.s, &ctx.t);
    let name = usize::from(width).saturating_sub(1 + NUMBER * 4 + STARS);
    let mut out = vec![Line::styled(
        table_row(
            s.col_member,
            name,
            PARTS.map(String::from),
            s.col_total,
            s.col_stars,
        ),
        t.title,
    )];
    out.extend(r.members.iter().map(|m| member_row(ctx, m, name)));
    let means = PARTS.map(|code| {
        r.mean_parts
            .iter()
            .find(|p| p.code == code)
            .map_or(String::new(), |p| format!("{:.2}", p.mean))
    });
    let total = format!("{:.2}", r.mean_total);
    // The council's stars: the band held down by star minimums, or none when eliminated.
    let stars = match r.eliminated {
        true => ctx.s.st_eliminated.to_string(),
        false => format!("{}★", r.stars),
    };
    out.push(Line::styled(
        table_row(s.council_mean, name, means, &total, &stars),
        t.accent,
    ));
    let spread_style = if r.flagged { t.error } else { t.ok };
    let spread_text = (s.council_spread)(r.spread, MAX_SPREAD, r.flagged);
    out.push(Line::styled(format!(" {spread_text}"), spread_style));
    out.extend(lists(ctx, r, width));
    out
}

/// One row of the members' table: a label, the three parts, the total and the stars.
fn table_row(label: &str, name: usize, parts: [String; 3], total: &str, stars: &str) -> String {
    let numbers: String = parts.iter().map(|p| format!("{p:>NUMBER$}")).collect();
    format!(
        " {}{numbers}{total:>NUMBER$}  {}",
        pad(&fit(label, name), name),
        fit(stars, STARS - 2)
    )
}

fn member_row(ctx: &Ctx, m: &Member, name: usize) -> Line<'static> {
    let parts = PARTS.map(|code| {
        m.parts
            .iter()
            .find(|p| p.code == code)
            .map_or(String::new(), |p| p.points.to_string())
    });
    let (stars, style) = if m.eliminated {
        (ctx.s.st_eliminated.to_string(), ctx.t.error)
    } else {
        (format!("{}★", m.stars), ctx.t.plain)
    };
    let text = table_row(&shown(&m.seat()), name, parts, &m.total.to_string(), &stars);
    Line::styled(text, style)
}

/// The three lists, each a heading ("none" when empty) and one row per item.
fn lists(ctx: &Ctx, r: &ProductReview, width: u16) -> Vec<Line<'static>> {
    let s = ctx.s;
    let disagreements = r.disagreements.iter().map(|d| {
        let points: Vec<String> = d.points.iter().map(u16::to_string).collect();
        let by = (s.council_disagree_by)(d.spread);
        format!("{:<8} {by:<10} {}", shown(&d.code), points.join(" · "))
    });
    // The council's own minimums first: what holds its stars down, on the members' means.
    let council = r.held_by.iter().map(|h| {
        let mean = format!("{:.2}", h.mean);
        (s.council_held)(h.stars, &shown(&h.code), h.needs, &mean)
    });
    let minimums = r.minimums.iter().map(|m| {
        let has = (s.held_has)(m.has);
        let held = (s.held)(m.stars, &format!("{} ≥ {} {has}", shown(&m.code), m.needs));
        let who = ocop_reports::council::seat(&m.assessor, &m.principal);
        format!("{}: {held}", shown(&who))
    });
    let eliminations = r.eliminations.iter().map(|e| {
        let who = ocop_reports::council::seat(&e.assessor, &e.principal);
        match &e.code {
            Some(code) => format!("{}: {} {}", shown(&who), shown(code), shown(&e.reason)),
            None => format!("{}: {}", shown(&who), shown(&e.reason)),
        }
    });
    let mut out = Vec::new();
    let t = &ctx.t;
    out.extend(list(
        ctx,
        s.council_disagree,
        disagreements.collect(),
        t.plain,
        width,
    ));
    out.extend(list(
        ctx,
        s.council_minimums,
        council.chain(minimums).collect(),
        t.warn,
        width,
    ));
    out.extend(list(
        ctx,
        s.council_eliminations,
        eliminations.collect(),
        t.error,
        width,
    ));
    // Shown only when some are left out, so a fully signed council reads as before.
    if !r.not_counted.is_empty() {
        let left_out = r
            .not_counted
            .iter()
            .map(|n| format!("{}: {}", n.assessor, n.reason));
        out.extend(list(
            ctx,
            s.council_not_counted,
            left_out.collect(),
            t.warn,
            width,
        ));
    }
    out
}

fn list(
    ctx: &Ctx,
    heading: &str,
    items: Vec<String>,
    style: ratatui::style::Style,
    width: u16,
) -> Vec<Line<'static>> {
    let cells = usize::from(width).saturating_sub(1);
    let none = if items.is_empty() { ctx.s.none } else { "" };
    let mut out = vec![Line::styled(
        fit(&format!(" {heading}{none}"), cells),
        ctx.t.title,
    )];
    out.extend(
        items
            .into_iter()
            .map(|item| Line::styled(fit(&format!("   {item}"), cells), style)),
    );
    out
}
