//! A new sheet: the product set picker, then the header form with problems named in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, cursor_at, field_tail, line, row};
use crate::app::state::{HeaderForm, SetPicker};
use crate::app::update::{FieldProblem, form_problems};
use crate::domain::sheet::HeaderField;
use crate::domain::text::{pad, width};

pub fn draw_picker(ctx: &Ctx, picker: &SetPicker, frame: &mut Frame, area: Rect) -> String {
    let (s, t) = (ctx.s, &ctx.t);
    line(frame, row(area, 0), Line::styled(format!(" {}", s.pick_title), t.title));
    let label = format!(" {}", s.pick_filter);
    let label_w = width(&label);
    let cells = usize::from(area.width).saturating_sub(label_w + 1);
    let (shown, cursor) = field_tail(picker.query.value(), picker.query.cursor(), cells);
    let filter = Line::from(vec![Span::styled(label, t.dim), Span::styled(shown.clone(), t.accent)]);
    line(frame, row(area, 1), filter);
    if ctx.state.popup.is_none() {
        cursor_at(frame, row(area, 1), label_w, &shown, cursor);
    }
    let sets = ctx.state.visible_sets(picker);
    let room = usize::from(area.height.saturating_sub(3));
    let top = picker.selected.saturating_sub(room.saturating_sub(1));
    for (i, set) in sets.iter().enumerate().skip(top).take(room) {
        let selected = i == picker.selected;
        let title = if ctx.state.english() { &set.title_en } else { &set.title_vi };
        let text = format!(
            "{}{:>3}  {}",
            if selected { "▶" } else { " " },
            set.set_no,
            title
        );
        let style = if selected { t.selected } else { t.plain };
        let y = u16::try_from(3 + i - top).unwrap_or(u16::MAX);
        let text = pad(&text, usize::from(area.width));
        line(frame, row(area, y), Line::styled(text, style));
    }
    format!(" {}", s.keys_pick)
}

pub fn draw_form(ctx: &Ctx, form: &HeaderForm, frame: &mut Frame, area: Rect) -> String {
    let (s, t) = (ctx.s, &ctx.t);
    let set_title = if ctx.state.english() { &form.set.title_en } else { &form.set.title_vi };
    let title = format!(" {} · {} {}", s.form_title, form.set.set_no, set_title);
    line(frame, row(area, 0), Line::styled(title, t.title));
    let problems = form_problems(form);
    let label_w = HeaderField::ORDER
        .iter()
        .enumerate()
        .map(|(i, _)| width(s.fields[i]))
        .max()
        .unwrap_or(0)
        + 6;
    for (i, field) in HeaderField::ORDER.iter().enumerate() {
        let y = u16::try_from(2 + 2 * i).unwrap_or(u16::MAX);
        let focused = i == form.focus;
        let required = matches!(field, HeaderField::ProductName | HeaderField::Producer);
        let label = format!(
            " {} {}",
            if required { "*" } else { " " },
            pad(s.fields[i], label_w - 4)
        );
        let problem = problems.iter().find(|(f, _)| f == field).map(|(_, p)| *p);
        let note = problem_text(ctx, problem, form.tried);
        let cells = usize::from(area.width).saturating_sub(label_w + width(&note) + 2);
        let value = form.fields.get(i).map(|f| (f.value(), f.cursor()));
        let (value, cursor) = value.unwrap_or(("", 0));
        let (shown, cursor) = field_tail(value, cursor, cells);
        let label_style = if focused { t.accent } else { t.plain };
        let value_style = if focused { t.selected } else { t.plain };
        let note_style = match problem {
            Some(p) if p.blocks() => t.error,
            _ => t.warn,
        };
        let spans = vec![
            Span::styled(label, label_style),
            Span::styled(pad(&shown, cells), value_style),
            Span::styled(format!(" {note}"), note_style),
        ];
        line(frame, row(area, y), Line::from(spans));
        if focused && ctx.state.popup.is_none() {
            cursor_at(frame, row(area, y), label_w, &shown, cursor);
        }
    }
    format!(" {}", s.keys_form)
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
