//! The sheet list: filters with counts, the search field, one row per sheet, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, cursor_at, field_tail, line, row, spread};
use crate::app::state::{Filter, ListView, Row};
use ocop_domain::sheet::Status;
use ocop_domain::text;
use ocop_domain::text::safe::shown;
use ocop_domain::text::{fit, pad};
use ocop_store::SyncState;

/// Draws the list; returns the key line.
pub fn draw(ctx: &Ctx, view: &ListView, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    // The counts are what the line is for: a title that does not fit beside them is only
    // "OCOP", never a cut word.
    let counts = counts(ctx, view);
    let counts_w: usize = counts.iter().map(|c| text::width(&c.content)).sum();
    let full = format!(" {}", s.app_title);
    let title = if text::width(&full) + counts_w < usize::from(area.width) {
        full
    } else {
        " OCOP".to_string()
    };
    let title = vec![Span::styled(title, t.title)];
    line(frame, row(area, 0), spread(title, counts, area.width));
    search_line(ctx, view, frame, row(area, 1));
    line(frame, row(area, 2), header(ctx, area.width));
    let rows = ctx.state.visible_rows(view);
    if rows.is_empty() {
        line(frame, row(area, 4), empty(ctx));
    }
    // Under the "due" filter the last line names the round the selected dossier must reach.
    let round = (view.filter == Filter::Due)
        .then(|| {
            rows.get(view.selected)
                .and_then(|r| round_line(ctx, r, area.width))
        })
        .flatten();
    let room = usize::from(area.height.saturating_sub(3 + u16::from(round.is_some())));
    if let Some(text) = round {
        let last = area.height.saturating_sub(1);
        line(frame, row(area, last), Line::styled(text, t.accent));
    }
    let top = view.selected.saturating_sub(room.saturating_sub(1));
    for (i, r) in rows.iter().enumerate().skip(top).take(room) {
        let y = u16::try_from(3 + i - top).unwrap_or(u16::MAX);
        let style = if i == view.selected {
            t.selected
        } else {
            t.plain
        };
        let text = row_text(ctx, r, (i == view.selected, view.filter), area.width);
        line(frame, row(area, y), Line::styled(text, style));
    }
}

/// " Đợt 2: xã chuyển hồ sơ trước 30/10/2026, tỉnh đánh giá trước 30/12/2026", fitted.
fn round_line(ctx: &Ctx, r: &Row, width: u16) -> Option<String> {
    let today = ctx.state.session.today?;
    let round = r.due?.round(today, &ctx.state.session.rounds)?;
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let w = ocop_words::due::due_words(ctx.state.session.lang);
    let text = (w.round)(
        round.number,
        &day(round.forward_by),
        &day(round.evaluated_by),
    );
    Some(format!(
        " {}",
        fit(
            &text::capitalized(&text),
            usize::from(width).saturating_sub(2)
        )
    ))
}

/// Why the list shows nothing: no sheets yet, or none matching.
fn empty(ctx: &Ctx) -> Line<'static> {
    let text = if ctx.state.rows.is_empty() {
        ctx.s.list_empty
    } else {
        ctx.s.list_no_match
    };
    Line::styled(format!("  {text}"), ctx.t.dim)
}

/// "Nháp 3 · Xong 12 · Chờ đồng bộ 2 · Tất cả 15", the active filter highlighted.
fn counts<'a>(ctx: &Ctx, view: &ListView) -> Vec<Span<'a>> {
    let t = &ctx.t;
    [
        Filter::Drafts,
        Filter::Finished,
        Filter::Waiting,
        Filter::Due,
        Filter::All,
    ]
    .iter()
    .enumerate()
    .flat_map(|(i, f)| {
        let sep = Span::styled(if i == 0 { "" } else { " · " }, t.dim);
        let text = format!("{} {}", filter_name(ctx, *f), ctx.state.count(*f));
        let style = if *f == view.filter {
            t.selected
        } else {
            t.plain
        };
        [sep, Span::styled(text, style)]
    })
    .collect()
}

fn search_line(ctx: &Ctx, view: &ListView, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    let label = format!(" {}", s.search);
    let label_w = ocop_domain::text::width(&label);
    let cells = usize::from(area.width).saturating_sub(label_w + 16);
    let (shown, cursor) = field_tail(view.search.value(), view.search.cursor(), cells);
    let style = if view.searching { t.accent } else { t.plain };
    let left = vec![
        Span::styled(label.clone(), t.dim),
        Span::styled(shown.clone(), style),
    ];
    let right = vec![Span::styled(s.filter_hint, t.dim)];
    line(frame, area, spread(left, right, area.width));
    if view.searching && ctx.state.popup.is_none() {
        cursor_at(frame, area, label_w, &shown, cursor);
    }
}

fn filter_name(ctx: &Ctx, filter: Filter) -> &'static str {
    match filter {
        Filter::All => ctx.s.filter_all,
        Filter::Drafts => ctx.s.filter_drafts,
        Filter::Finished => ctx.s.filter_finished,
        Filter::Waiting => ctx.s.filter_waiting,
        Filter::Due => ctx.s.filter_due,
    }
}

/// Column widths: the product takes what the others leave.
fn widths(width: u16) -> [usize; 6] {
    let fixed = 1 + 17 + 4 + 11 + 9 + 9;
    let product = usize::from(width).saturating_sub(fixed).max(8);
    [product, 17, 4, 11, 9, 9]
}

fn header(ctx: &Ctx, width: u16) -> Line<'static> {
    let s = ctx.s;
    let w = widths(width);
    let text = format!(
        " {}{}{}{}{}{}",
        pad(s.col_product, w[0]),
        pad(s.col_code, w[1]),
        pad(s.col_set, w[2]),
        pad(s.col_status, w[3]),
        pad(s.col_progress, w[4]),
        pad(s.col_points, w[5]),
    );
    Line::styled(text, ctx.t.title)
}

fn row_text(ctx: &Ctx, r: &Row, (selected, filter): (bool, Filter), width: u16) -> String {
    let w = widths(width);
    let m = &r.summary;
    let status = match (m.status, &r.sync) {
        (Status::Draft, _) => ctx.s.st_draft,
        (Status::Finished, SyncState::Synced { .. }) => ctx.s.st_synced,
        (Status::Finished, SyncState::Conflict { .. }) => ctx.s.st_conflict,
        (Status::Finished, _) => ctx.s.st_waiting,
    };
    // Under the "due" filter the status column shows when the rating expires.
    let expires = r
        .due
        .filter(|_| filter == Filter::Due)
        .map(|d| d.expires.to_string());
    let status = expires.as_deref().unwrap_or(status);
    let points = if m.eliminated {
        format!("{:>3} {}", m.total, fit(ctx.s.st_eliminated, 5))
    } else {
        format!("{:>3}  {}★", m.total, m.stars)
    };
    format!(
        "{}{}{}{}{}{}{}",
        if selected { "▶" } else { " " },
        cell(&shown(&m.product_name), w[0]),
        cell(&shown(&m.product_code), w[1]),
        pad(&m.set_no.to_string(), w[2]),
        pad(status, w[3]),
        pad(&format!("{:>5}/{}", m.answered, m.applicable), w[4]),
        pad(&points, w[5]),
    )
}

/// `text` in `cells` cells, the last always a space between columns.
fn cell(text: &str, cells: usize) -> String {
    format!("{} ", pad(text, cells.saturating_sub(1)))
}
