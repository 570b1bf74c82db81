//! Drawing the state with ratatui: `view(&State, &mut Frame)` reads and draws, nothing else.
//! One file per screen; the popup on top; the two bottom lines (status, keys) on every screen.

pub mod council;
pub mod help;
pub mod list;
pub mod new_sheet;
pub mod plan_page;
pub mod popup;
pub mod review;
pub mod scoring;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::field::Loss;
use crate::app::keys::screen_keys;
use crate::app::state::{Notice, Screen, State, SyncProblem};
use ocop_domain::Lang;
use ocop_domain::text;
use ocop_domain::text::safe;
use ocop_words::Say;
use ocop_words::rerate::rerate_strings;
use ocop_words::screen::{Strings, strings};
use theme::{Theme, theme};

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

/// Below 80×24 the screen only says how large it must be (`state::too_small`).
pub fn too_small(area: Rect) -> bool {
    crate::app::state::too_small(area.width, area.height)
}

/// What every screen's drawing needs besides the state.
pub struct Ctx<'a> {
    pub s: &'static Strings,
    pub t: Theme,
    pub state: &'a State,
}

pub fn view(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let ctx = Ctx {
        s: strings(state.session.lang),
        t: theme(state.session.theme, state.session.no_color),
        state,
    };
    frame.render_widget(Paragraph::new("").style(ctx.t.plain), area);
    if too_small(area) {
        let text = (ctx.s.too_small)(area.width, area.height);
        let p = Paragraph::new(text)
            .style(ctx.t.warn)
            .wrap(Wrap { trim: true });
        frame.render_widget(p, area);
        return;
    }
    let body = Rect {
        height: area.height - 2,
        ..area
    };
    match &state.screen {
        Screen::List(v) => list::draw(&ctx, v, frame, body),
        Screen::PickSet(p) => new_sheet::draw_picker(&ctx, p, frame, body),
        Screen::Header(f) => new_sheet::draw_form(&ctx, f, frame, body),
        Screen::Council(v) => council::draw(&ctx, v, frame, body),
        Screen::Sheet(v) => match v.page {
            crate::app::state::Page::Scoring => scoring::draw(&ctx, v, frame, body),
            crate::app::state::Page::Review { selected } => {
                review::draw(&ctx, v, selected, frame, body)
            }
            crate::app::state::Page::Plan { selected, .. } => {
                plan_page::draw(&ctx, v, selected, frame, body)
            }
        },
    }
    let status = (row(area, area.height - 3), row(area, area.height - 2));
    status_line(&ctx, frame, status);
    let keys = format!(" {}", footer(state));
    // A resumed sheet says so where the keys are named, in the colour read first.
    let resumed = matches!(&state.screen, Screen::Sheet(v) if v.resumed && v.note.is_none());
    let style = if resumed { ctx.t.accent } else { ctx.t.dim };
    line(frame, row(area, area.height - 1), Line::styled(keys, style));
    popup::draw(&ctx, frame, area);
    no_hidden_cells(frame);
}

/// The net under `safe::shown`, which every screen calls on outside text: a cell that still
/// holds a hidden character (a path that forgot) shows `�` instead. ratatui itself drops a
/// grapheme holding a C0 or C1 control, silently, but passes format characters on to the
/// terminal: a right-to-left override as a cell of its own, a joiner inside its letter's cell.
fn no_hidden_cells(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        // A one-byte symbol is ASCII, whose controls ratatui has dropped already.
        let symbol = cell.symbol();
        if symbol.len() > 1 && symbol.chars().any(safe::is_hidden) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

/// The screen's keys, from its bindings table; `{n}` is the number of the criterion's options.
fn footer(state: &State) -> String {
    let (table, mode) = screen_keys(state);
    let line = table.footer(mode, state.session.lang);
    match &state.screen {
        Screen::Sheet(v) => {
            let n = v.criterion().map_or(0, |c| c.options.len());
            line.replace("{n}", &n.min(usize::from(u8::MAX)).to_string())
        }
        _ => line,
    }
}

/// A notice on the status line; one longer than it (the first start's key, a long error)
/// takes the line above too, wrapped, until the next key clears it: the keys stay named below.
fn notice_lines(frame: &mut Frame, (text, style): (String, Style), (above, area): (Rect, Rect)) {
    let cells = usize::from(area.width).saturating_sub(1);
    if text::width(&text) <= cells {
        line(frame, area, Line::styled(format!(" {text}"), style));
        return;
    }
    for (at, l) in [above, area].into_iter().zip(text::wrap(&text, cells)) {
        line(frame, at, Line::styled(format!(" {l}"), style));
    }
}

/// The data folder, the last save and how many sheets wait for sync; or a notice (which may
/// take the line above, `above`).
fn status_line(ctx: &Ctx, frame: &mut Frame, (above, area): (Rect, Rect)) {
    let s = ctx.s;
    // A running sync says how far it is, over any notice: it lasts seconds, then is gone.
    if let Some((done, all)) = ctx.state.syncing {
        let text = format!(" {}", (s.syncing)(done, all));
        line(frame, area, Line::styled(text, ctx.t.plain));
        return;
    }
    if let Some(notice) = &ctx.state.notice {
        let lang = ctx.state.session.lang;
        let said = notice_text((s, lang), notice, &ctx.t, &ctx.state.session.data_dir);
        notice_lines(frame, said, (above, area));
        return;
    }
    let saved = ctx.state.saved_at.map_or(s.unsaved.to_string(), |at| {
        (s.saved_at)(&at.format("%H:%M:%S").to_string())
    });
    let problem = match &ctx.state.sync_problem {
        None => String::new(),
        Some(SyncProblem::Unreachable) => format!(" · {}", s.export_unreachable),
        Some(SyncProblem::Remote(e)) => format!(" · {}", e.say(ctx.state.session.lang)),
        Some(SyncProblem::Other(e)) => format!(" · {}", safe::shown(e)),
    };
    // The count of sheets waiting is kept whole; a long folder loses its start.
    let rest = format!(" · {saved} · {}", (s.waiting)(ctx.state.waiting));
    let room = usize::from(area.width).saturating_sub(1 + text::width(&rest));
    let dir = text::fit_left(&safe::shown(&ctx.state.session.data_dir), room.max(8));
    let text = format!(" {dir}{rest}");
    let spans = vec![
        Span::styled(text, ctx.t.plain),
        Span::styled(problem, ctx.t.warn),
    ];
    line(frame, area, Line::from(spans));
}

/// The notice's sentence; an error's words may quote a file name, so they are `shown`.
fn notice_text(
    (s, lang): (&Strings, Lang),
    notice: &Notice,
    t: &Theme,
    data_dir: &str,
) -> (String, Style) {
    let (text, style) = notice_words((s, lang), notice, t, data_dir);
    (safe::shown(&text).into_owned(), style)
}

fn notice_words(
    (s, lang): (&Strings, Lang),
    notice: &Notice,
    t: &Theme,
    data_dir: &str,
) -> (String, Style) {
    match notice {
        Notice::Failed(e) => ((s.failed)(e), t.error),
        Notice::OnlyDrafts => (s.only_drafts.to_string(), t.warn),
        Notice::Unanswered(n) => ((s.unanswered_left)(*n), t.warn),
        Notice::NotRaisable => (s.not_raisable.to_string(), t.warn),
        Notice::Finished => (s.finished_notice.to_string(), t.ok),
        Notice::Trashed => (s.trashed.to_string(), t.ok),
        Notice::NoExportDir => (s.no_export_dir.to_string(), t.warn),
        Notice::NoSuspend => (s.no_suspend.to_string(), t.warn),
        Notice::NoProductCode => (s.no_product_code.to_string(), t.warn),
        Notice::ExportUnreachable => (s.export_unreachable_notice.to_string(), t.warn),
        Notice::NoCouncil(code) => ((s.no_council)(code), t.warn),
        Notice::Synced { written, waiting } => {
            let style = if *waiting == 0 { t.ok } else { t.warn };
            ((s.synced)(*written, *waiting), style)
        }
        Notice::ReadOnly => (s.read_only.to_string(), t.warn),
        Notice::RerateFinishedOnly => (rerate_strings(lang).finished_only.to_string(), t.warn),
        Notice::NoEarlierAnswer => (rerate_strings(lang).no_earlier.to_string(), t.warn),
        Notice::KeyMade(key) => ((s.key_made)(key), t.ok),
        Notice::CouncilNotCounted(code, n) => ((s.council_none_counted)(code, *n), t.warn),
        Notice::TextLost(loss) => (lost_text(s, loss), t.warn),
        Notice::DiskFull => ((s.disk_full)(data_dir), t.error),
    }
}

fn lost_text(s: &Strings, loss: &Loss) -> String {
    let mut parts = Vec::new();
    if let Some(n) = loss.cut_at {
        parts.push((s.text_cut)(n));
    }
    if let Some(c) = loss.dropped {
        parts.push((s.text_dropped)(&format!("U+{:04X}", u32::from(c))));
    }
    if loss.flattened {
        parts.push(s.text_flattened.to_string());
    }
    parts.join(" ")
}

/// One row of `area`, at `y` from its top (clipped to the area).
pub fn row(area: Rect, y: u16) -> Rect {
    Rect {
        x: area.x,
        y: area.y.saturating_add(y.min(area.height.saturating_sub(1))),
        width: area.width,
        height: u16::from(area.height > y),
    }
}

pub fn line(frame: &mut Frame, area: Rect, line: Line) {
    frame.render_widget(Paragraph::new(line), area);
}

/// A line with `left` at the start and `right` flush at the end; `left` is cut to make room.
pub fn spread<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: u16) -> Line<'a> {
    let right_w: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = usize::from(width).saturating_sub(right_w + 1);
    let mut out = Vec::new();
    let mut used = 0;
    for span in left {
        let w = text::width(&span.content);
        if used + w <= room {
            used += w;
            out.push(span);
        } else {
            let cut = text::fit(&span.content, room.saturating_sub(used));
            used += text::width(&cut);
            out.push(Span::styled(cut, span.style));
            break;
        }
    }
    let gap = usize::from(width).saturating_sub(used + right_w);
    out.push(Span::raw(" ".repeat(gap)));
    out.extend(right);
    Line::from(out)
}

/// Where the terminal cursor goes in a one-line field drawn at `area` after `label_w` cells.
pub fn cursor_at(frame: &mut Frame, area: Rect, label_w: usize, value: &str, cursor: usize) {
    let before: String = value.chars().take(cursor).collect();
    let x = usize::from(area.x) + label_w + text::width(&before);
    let max_x = usize::from(area.x + area.width.saturating_sub(1));
    let x = u16::try_from(x.min(max_x)).unwrap_or(area.x);
    frame.set_cursor_position(Position { x, y: area.y });
}

/// The text of a one-line field as shown in `cells`: the end of it when it is too long, so
/// the cursor at the end stays visible.
pub fn field_tail(value: &str, cursor: usize, cells: usize) -> (String, usize) {
    let before: String = value.chars().take(cursor).collect();
    if text::width(&before) < cells {
        return (text::fit(value, cells), cursor);
    }
    let mut skip = 0;
    let chars: Vec<char> = before.chars().collect();
    while text::width(&chars[skip..].iter().collect::<String>()) >= cells && skip < chars.len() {
        skip += 1;
    }
    let shown: String = value.chars().skip(skip).collect();
    (text::fit(&shown, cells), cursor - skip)
}
