//! `?`: every key of the current screen, then the keys that work everywhere.

use ratatui::text::Line;

use super::Ctx;
use super::strings::KeyHelp;
use crate::app::state::{Page, Screen};
use crate::domain::text::pad;

pub fn keys(ctx: &Ctx) -> &'static [KeyHelp] {
    let s = ctx.s;
    match &ctx.state.screen {
        Screen::List(_) => s.help_list,
        Screen::PickSet(_) => s.help_pick,
        Screen::Header(_) => s.help_form,
        Screen::Council(_) => s.help_council,
        Screen::Sheet(v) => match v.page {
            Page::Scoring => s.help_scoring,
            Page::Review { .. } if v.read_only() => s.help_finished,
            Page::Review { .. } => s.help_review,
            Page::Plan { .. } => s.help_plan,
        },
    }
}

pub fn lines(ctx: &Ctx) -> Vec<Line<'static>> {
    let all: Vec<&KeyHelp> = keys(ctx).iter().chain(ctx.s.help_everywhere).collect();
    let key_w = all
        .iter()
        .map(|(k, _)| crate::domain::text::width(k))
        .max()
        .unwrap_or(0)
        + 2;
    let mut out: Vec<Line> = all
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                ratatui::text::Span::styled(pad(k, key_w), ctx.t.accent),
                ratatui::text::Span::styled(*what, ctx.t.plain),
            ])
        })
        .collect();
    out.push(Line::default());
    if let Some(key) = &ctx.state.key {
        out.push(Line::styled(
            (ctx.s.help_key)(&key.fingerprint),
            ctx.t.plain,
        ));
    }
    out.push(Line::styled(ctx.s.help_close, ctx.t.dim));
    out
}
