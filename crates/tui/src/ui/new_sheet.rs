//! A new sheet: the product set picker, then the header form with problems named in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, cursor_at, field_tail, line, row};
use crate::app::state::FieldProblem;
use crate::app::state::{HeaderForm, SetInfo, SetPicker};
use ocop_domain::sheet::HeaderField;
use ocop_domain::text::{pad, width};

pub fn draw_picker(ctx: &Ctx, picker: &SetPicker, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    line(
        frame,
        row(area, 0),
        Line::styled(format!(" {}", s.pick_title), t.title),
    );
    let label = format!(" {}", s.pick_filter);
    let label_w = width(&label);
    let cells = usize::from(area.width).saturating_sub(label_w + 1);
    let (shown, cursor) = field_tail(picker.query.value(), picker.query.cursor(), cells);
    let filter = Line::from(vec![
        Span::styled(label, t.dim),
        Span::styled(shown.clone(), t.accent),
    ]);
    line(frame, row(area, 1), filter);
    if ctx.state.popup.is_none() {
        cursor_at(frame, row(area, 1), label_w, &shown, cursor);
    }
    let sets = ctx.state.visible_sets(picker);
    let room = usize::from(area.height.saturating_sub(3));
    let top = picker.selected.saturating_sub(room.saturating_sub(1));
    for (i, set) in sets.iter().enumerate().skip(top).take(room) {
        let selected = i == picker.selected;
        let y = u16::try_from(3 + i - top).unwrap_or(u16::MAX);
        line(
            frame,
            row(area, y),
            set_line(ctx, set, selected, area.width),
        );
    }
}

fn set_line(ctx: &Ctx, set: &SetInfo, selected: bool, cells: u16) -> Line<'static> {
    let title = set.title(ctx.state.session.lang);
    let marker = if selected { "▶" } else { " " };
    let text = pad(
        &format!("{marker}{:>3}  {title}", set.set_no),
        usize::from(cells),
    );
    let style = if selected {
        ctx.t.selected
    } else {
        ctx.t.plain
    };
    Line::styled(text, style)
}

pub fn draw_form(ctx: &Ctx, form: &HeaderForm, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    let set_title = form.set.title(ctx.state.session.lang);
    let kind = match form.previous {
        Some(_) => ocop_words::rerate::rerate_strings(ctx.state.session.lang).form_title,
        None => s.form_title,
    };
    let title = format!(" {kind} · {} {}", form.set.set_no, set_title);
    line(frame, row(area, 0), Line::styled(title, t.title));
    let problems = form.problems();
    let label_w = s.fields.iter().map(|f| width(f)).max().unwrap_or(0) + 6;
    for (i, field) in HeaderField::ORDER.iter().enumerate() {
        let y = u16::try_from(2 + 2 * i).unwrap_or(u16::MAX);
        let problem = problems.iter().find(|(f, _)| f == field).map(|(_, p)| *p);
        let at = row(area, y);
        field_row(ctx, form, (i, *field), problem, label_w, frame, at);
    }
}

/// One field: its label (`*` when required), its text, and its problem named after it.
fn field_row(
    ctx: &Ctx,
    form: &HeaderForm,
    (i, field): (usize, HeaderField),
    problem: Option<FieldProblem>,
    label_w: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &ctx.t;
    let focused = i == form.focus;
    let required = matches!(field, HeaderField::ProductName | HeaderField::Producer);
    let star = if required { "*" } else { " " };
    let name = ctx.s.fields.get(i).copied().unwrap_or_default();
    let label = format!(" {star} {}", pad(name, label_w - 4));
    let note = problem_text(ctx, problem, form.tried);
    let cells = usize::from(area.width).saturating_sub(label_w + width(&note) + 2);
    let (value, cursor) = form
        .fields
        .get(i)
        .map_or(("", 0), |f| (f.value(), f.cursor()));
    let (shown, cursor) = field_tail(value, cursor, cells);
    let note_style = match problem {
        Some(p) if p.blocks() => t.error,
        _ => t.warn,
    };
    let spans = vec![
        Span::styled(label, if focused { t.accent } else { t.plain }),
        Span::styled(
            pad(&shown, cells),
            if focused { t.selected } else { t.plain },
        ),
        Span::styled(format!(" {note}"), note_style),
    ];
    line(frame, area, Line::from(spans));
    if focused && ctx.state.popup.is_none() {
        cursor_at(frame, area, label_w, &shown, cursor);
    }
}

/// Required fields are named once creation was tried; a bad date or code shape at once.
fn problem_text(ctx: &Ctx, problem: Option<FieldProblem>, tried: bool) -> String {
    match problem {
        Some(FieldProblem::Required) if tried => format!("← {}", ctx.s.required),
        Some(FieldProblem::BadDate) => format!("← {}", ctx.s.bad_date),
        Some(FieldProblem::CodeShape) => format!("← {}", ctx.s.code_shape),
        _ => String::new(),
    }
}
