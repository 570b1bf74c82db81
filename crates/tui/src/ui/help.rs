//! `?`: every key of the current screen, then the keys that work everywhere, from the screen's
//! bindings table.

use ratatui::text::{Line, Span};

use super::Ctx;
use crate::app::keys::{EVERYWHERE, Mode, screen_keys};
use ocop_domain::text::{pad, width};

pub fn lines(ctx: &Ctx) -> Vec<Line<'static>> {
    let lang = ctx.state.session.lang;
    let (table, mode) = screen_keys(ctx.state);
    let everywhere = EVERYWHERE;
    let all: Vec<(&str, &str)> = table
        .help(mode, lang)
        .into_iter()
        .chain(everywhere.help(Mode::default(), lang))
        .collect();
    let key_w = all.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
    let mut out: Vec<Line> = all
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(pad(k, key_w), ctx.t.accent),
                Span::styled(what, ctx.t.plain),
            ])
        })
        .collect();
    out.push(Line::default());
    if let Some(key) = &ctx.state.session.key {
        out.push(Line::styled(
            (ctx.s.help_key)(&key.fingerprint),
            ctx.t.plain,
        ));
    }
    out.push(Line::styled(ctx.s.help_close, ctx.t.dim));
    out
}
