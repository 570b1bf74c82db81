//! The outline of the sheet: parts, groups and criteria with their marks and points, scrolled
//! so the current criterion stays in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::state::SheetView;
use crate::ui::Ctx;
use ocop_domain::rubric::{Criterion, Points};
use ocop_domain::score::Standing;
use ocop_domain::text::{fit, pad, width};

pub fn draw(ctx: &Ctx, v: &SheetView, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(format!(" {} ", ctx.s.outline))
        .border_style(ctx.t.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cells = usize::from(inner.width);
    let mut lines: Vec<(String, Style)> = Vec::new();
    let mut current = 0;
    for part in &v.rubric.parts {
        let points: Points = leaves_under(v, |c| c.part == part.code);
        let title = part.title_vi.as_str();
        let title =
            ocop_domain::rubric::pick(title, part.title_en.as_deref(), ctx.state.session.lang);
        lines.push((
            row(&format!("{} {title}", part.code.letter()), points, cells),
            ctx.t.title,
        ));
        for c in v.rubric.criteria.iter().filter(|c| c.part == part.code) {
            if c.code == v.current {
                current = lines.len();
            }
            lines.push(criterion_line(ctx, v, c, cells));
        }
    }
    let room = usize::from(inner.height);
    let top = current
        .saturating_sub(room / 2)
        .min(lines.len().saturating_sub(room));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(room)
        .map(|(text, style)| Line::styled(text, style))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn criterion_line(ctx: &Ctx, v: &SheetView, c: &Criterion, cells: usize) -> (String, Style) {
    let t = &ctx.t;
    let indent = " ".repeat(c.code.depth());
    let text = c.text(ctx.state.session.lang);
    if !c.is_leaf() {
        let points = ocop_domain::score::points_under(&v.rubric, &v.sheet, &c.code);
        let label = format!(" {indent}{} {}", c.code, text);
        return (row(&label, points, cells), t.plain);
    }
    let current = c.code == v.current;
    let (mark, points, style) = match v.standing_of(c) {
        Standing::Unanswered => ("·", None, t.plain),
        Standing::Scored(p) => ("✓", Some(p), t.ok),
        Standing::NotApplicable => ("–", None, t.dim),
        Standing::Raised => ("✗", None, t.error),
    };
    let label = format!(
        "{}{indent}{mark} {} {}",
        if current { "▶" } else { " " },
        c.code,
        text
    );
    let style = if current { t.selected } else { style };
    let text = match points {
        Some(p) => row(&label, p, cells),
        None => pad(&label, cells),
    };
    (text, style)
}

fn leaves_under(v: &SheetView, keep: impl Fn(&Criterion) -> bool) -> Points {
    v.rubric
        .leaves()
        .filter(|c| keep(c))
        .map(|c| match v.standing_of(c) {
            Standing::Scored(p) => p,
            _ => Points(0),
        })
        .sum()
}

/// `label` cut to leave room for the points, right-aligned at the end.
fn row(label: &str, points: Points, cells: usize) -> String {
    let points = format!("{:>3}", points.0);
    let room = cells.saturating_sub(width(&points) + 1);
    format!("{} {points}", pad(&fit(label, room), room))
}
