//! The review, and the finished sheet read-only: every criterion with its points in two
//! columns, part totals, stars and their band, what holds the rating, eliminations, what is
//! unanswered, and the evaluator's comments.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::scoring::stars_span;
use super::{Ctx, line, row, spread};
use crate::app::state::{Earlier, SheetView};
use ocop_domain::differ::differences;
use ocop_domain::rerate::compare;
use ocop_domain::rubric::{Criterion, pick};
use ocop_domain::score::{Score, Standing};
use ocop_domain::text::safe::{shown, shown_lines};
use ocop_domain::text::{fit, pad, width, wrap};
use ocop_store::SyncState;
use ocop_words::rerate::rerate_strings;
use ocop_words::screen::elimination_text;
use ocop_words::selfassess::claim_words;

/// Rows above the criteria: title, parts, holding and eliminations, unanswered or revision;
/// on a finished sheet, its sync state too; on a re-rating, earlier → now.
fn top(v: &SheetView) -> u16 {
    claim_row(v) + u16::from(v.sheet.self_assessment.is_some())
}

/// The row of the differences from the producer's claim, below the rows before it.
fn claim_row(v: &SheetView) -> u16 {
    4 + 2 * u16::from(v.read_only()) + u16::from(v.earlier.is_some())
}
/// Rows below them: the comments.
const BOTTOM: u16 = 2;

pub fn draw(ctx: &Ctx, v: &SheetView, selected: usize, frame: &mut Frame, area: Rect) {
    let score = v.score();
    title(ctx, v, &score, frame, area);
    summary(ctx, v, &score, frame, area);
    let top = top(v);
    let grid = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top + BOTTOM),
        ..area
    };
    criteria(ctx, v, selected, frame, grid);
    comment(ctx, v, frame, area);
}

fn title(ctx: &Ctx, v: &SheetView, score: &Score, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    let name = if v.read_only() {
        s.finished_view
    } else {
        s.review
    };
    let left = vec![
        Span::styled(format!(" {name}"), t.title),
        Span::styled(
            format!(" · {}", shown(&v.sheet.header.product_name)),
            t.plain,
        ),
    ];
    let right = vec![
        Span::styled(
            format!(
                "{}/{} · {}/100 · ",
                score.answered, score.applicable, score.total
            ),
            t.plain,
        ),
        stars_span(ctx, score),
        Span::styled(format!(" {} ", (s.band)(score.band_stars)), t.dim),
    ];
    line(frame, row(area, 0), spread(left, right, area.width));
}

fn summary(ctx: &Ctx, v: &SheetView, score: &Score, frame: &mut Frame, area: Rect) {
    let (s, t) = (ctx.s, &ctx.t);
    let lang = ctx.state.session.lang;
    let parts: Vec<String> = score
        .parts
        .iter()
        .map(|p| {
            let title = v.rubric.part(p.code).map_or(String::new(), |part| {
                fit(pick(&part.title_vi, part.title_en.as_deref(), lang), 16)
            });
            format!("{} {title} {}/{}", p.code.letter(), p.points, p.max)
        })
        .collect();
    let parts = Line::styled(format!(" {}", parts.join("   ")), t.plain);
    line(frame, row(area, 1), parts);
    let holding = vec![Span::styled(
        format!(" {}{}", s.holding, held(ctx, score)),
        t.warn,
    )];
    let out = elimination(ctx, score);
    line(frame, row(area, 2), spread(holding, vec![out], area.width));
    line(frame, row(area, 3), fourth(ctx, v, score));
    if v.read_only() {
        line(frame, row(area, 4), sync_line(ctx, v, area.width));
        line(frame, row(area, 5), signed_line(ctx, v, area.width));
    }
    if let Some(e) = &v.earlier {
        let y = 4 + 2 * u16::from(v.read_only());
        line(frame, row(area, y), compare_line(ctx, v, e, area.width));
    }
    if v.sheet.self_assessment.is_some() {
        line(
            frame,
            row(area, claim_row(v)),
            claim_line(ctx, v, area.width),
        );
    }
}

/// "Khác tự đánh giá của chủ thể (2 tiêu chí): 1.2 3→1, 2.3 4→·": claimed → scored.
fn claim_line(ctx: &Ctx, v: &SheetView, width: u16) -> Line<'static> {
    let w = claim_words(ctx.state.session.lang);
    let found = differences(&v.rubric, &v.sheet);
    if found.is_empty() {
        let text = fit(
            &format!(" {}", w.no_differences),
            usize::from(width).saturating_sub(1),
        );
        return Line::styled(text, ctx.t.ok);
    }
    let each: Vec<String> = found
        .iter()
        .map(|d| {
            let given = d.given.map_or("·".to_string(), |g| g.0.to_string());
            format!("{} {}→{given}", d.code, d.claimed.0)
        })
        .collect();
    let text = format!(" {}: {}", (w.differences)(found.len()), each.join(", "));
    let style = if found.iter().any(|d| d.short()) {
        ctx.t.warn
    } else {
        ctx.t.plain
    };
    Line::styled(fit(&text, usize::from(width).saturating_sub(1)), style)
}

/// Earlier → now, in total and per part, and the criteria that fell.
fn compare_line(ctx: &Ctx, v: &SheetView, e: &Earlier, width: u16) -> Line<'static> {
    let r = rerate_strings(ctx.state.session.lang);
    let c = compare((&e.rubric, &e.sheet), &v.rubric, &v.sheet);
    let parts: Vec<String> = c
        .parts
        .iter()
        .map(|(code, was, now)| format!("{} {was}→{now}", code.letter()))
        .collect();
    let mut text = (r.compare)(c.earlier.total.0, c.now.total.0, &parts.join(" "));
    if !c.fell.is_empty() {
        let fell: Vec<&str> = c.fell.iter().map(|code| code.as_str()).collect();
        text.push_str(&format!(" · {}{}", r.fell, fell.join(", ")));
    }
    let style = if c.fell.is_empty() {
        ctx.t.plain
    } else {
        ctx.t.warn
    };
    Line::styled(
        fit(&format!(" {text}"), usize::from(width).saturating_sub(1)),
        style,
    )
}

/// Who signed the finished revision, with which key.
fn signed_line(ctx: &Ctx, v: &SheetView, width: u16) -> Line<'static> {
    let (s, t) = (ctx.s, &ctx.t);
    let (text, style) = match (&v.signed, &v.sheet.assessor_id) {
        (Some(key), Some(who)) => ((s.signed_by)(who, key), t.ok),
        _ => (s.not_signed.to_string(), t.dim),
    };
    let cells = usize::from(width).saturating_sub(1);
    Line::styled(fit(&format!(" {text}"), cells), style)
}

/// Where the finished revision stands with the export folder.
fn sync_line(ctx: &Ctx, v: &SheetView, width: u16) -> Line<'static> {
    let (s, t) = (ctx.s, &ctx.t);
    let (text, style) = match &v.sync {
        SyncState::Draft => return Line::default(),
        SyncState::Waiting => (s.sync_waiting.to_string(), t.warn),
        SyncState::Synced { file, at } => {
            let when = at.format("%Y-%m-%d %H:%M").to_string();
            ((s.sync_synced)(&when, file), t.ok)
        }
        SyncState::Conflict { message } => ((s.sync_conflict)(message), t.error),
    };
    let cells = usize::from(width).saturating_sub(1);
    Line::styled(fit(&format!(" {}", shown(&text)), cells), style)
}

/// The minimums that hold the rating below its band.
fn held(ctx: &Ctx, score: &Score) -> String {
    if score.held_by.is_empty() {
        return ctx.s.none.to_string();
    }
    // The next level and the band's own level: the levels between add nothing new.
    let mut levels = vec![score.stars + 1, score.band_stars];
    levels.dedup();
    levels
        .into_iter()
        .map(|stars| {
            let at: Vec<_> = score
                .held_by
                .iter()
                .filter(|h| h.stars == stars)
                .cloned()
                .collect();
            let list: Vec<String> = at
                .iter()
                .map(|h| format!("{} ≥ {} {}", h.code, h.needs, (ctx.s.held_has)(h.has.0)))
                .collect();
            (ctx.s.held)(stars, &list.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn elimination(ctx: &Ctx, score: &Score) -> Span<'static> {
    let (s, t) = (ctx.s, &ctx.t);
    if !score.eliminated() {
        return Span::styled(format!("{}{} ", s.elimination, s.none), t.plain);
    }
    let why: Vec<String> = score
        .eliminations
        .iter()
        .map(|e| elimination_text(s, e))
        .collect();
    Span::styled(format!("{}{} ", s.elimination, why.join("; ")), t.error)
}

/// The unanswered criteria of a draft; the revision and finishing time of a finished sheet.
fn fourth(ctx: &Ctx, v: &SheetView, score: &Score) -> Line<'static> {
    let (s, t) = (ctx.s, &ctx.t);
    if let Some(at) = v.sheet.finished_at {
        let when = at.format("%Y-%m-%d %H:%M").to_string();
        return Line::styled(
            format!(" {}", (s.finished_on)(&when, v.sheet.revision)),
            t.ok,
        );
    }
    if !score.unanswered.is_empty() {
        let codes: Vec<String> = score.unanswered.iter().map(|c| c.to_string()).collect();
        return Line::styled(format!(" {}{}", s.unanswered, codes.join(", ")), t.warn);
    }
    match &v.sheet.amend_reason {
        Some(reason) => Line::styled(
            format!(" {}", (s.amends)(v.sheet.revision, &shown(reason))),
            t.dim,
        ),
        None => Line::default(),
    }
}

/// Two columns, filled top to bottom; scrolled by rows so the selected one shows.
fn criteria(ctx: &Ctx, v: &SheetView, selected: usize, frame: &mut Frame, area: Rect) {
    let leaves = v.leaves();
    let per_column = leaves.len().div_ceil(2).max(1);
    let room = usize::from(area.height).max(1);
    let at = selected % per_column;
    let top = (at + 1).saturating_sub(room);
    let half = usize::from(area.width / 2);
    for r in 0..room.min(per_column) {
        let mut spans = Vec::new();
        for col in 0..2 {
            let i = col * per_column + top + r;
            if let Some(c) = leaves.get(i) {
                let (text, style) = cell(ctx, v, c, i == selected, half.saturating_sub(1));
                spans.push(Span::styled(text, style));
                spans.push(Span::raw(" "));
            }
        }
        let y = u16::try_from(r).unwrap_or(u16::MAX);
        line(frame, row(area, y), Line::from(spans));
    }
}

fn cell(ctx: &Ctx, v: &SheetView, c: &Criterion, selected: bool, cells: usize) -> (String, Style) {
    let t = &ctx.t;
    let (points, style) = match v.standing_of(c) {
        Standing::Scored(p) => (format!("{}/{}", p.0, c.max.0), t.plain),
        Standing::Unanswered => (format!("·/{}", c.max.0), t.warn),
        Standing::NotApplicable => (format!("–/{}", c.max.0), t.dim),
        Standing::Raised => (format!("✗/{}", c.max.0), t.error),
    };
    let label = format!(" {} {}", c.code, c.text(ctx.state.session.lang));
    let room = cells.saturating_sub(width(&points) + 1);
    let text = format!("{} {points}", pad(&fit(&label, room), room));
    (text, if selected { t.selected } else { style })
}

fn comment(ctx: &Ctx, v: &SheetView, frame: &mut Frame, area: Rect) {
    let text = format!(" {}{}", ctx.s.comment, shown_lines(&v.sheet.comment));
    let lines = wrap(&text, usize::from(area.width).saturating_sub(1));
    let y0 = area.height.saturating_sub(BOTTOM);
    for (k, l) in lines.into_iter().take(usize::from(BOTTOM)).enumerate() {
        let y = y0 + u16::try_from(k).unwrap_or(0);
        line(
            frame,
            row(area, y),
            Line::styled(format!(" {l}"), ctx.t.plain),
        );
    }
}
