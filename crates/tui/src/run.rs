//! The loop: the store is opened before the terminal is taken, so startup errors print as
//! sentences; then draw, wait for a key (with a deadline only for autosave and the signal
//! check), update, run the effects, until the state says done.

use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use crate::app::Ended;
use crate::app::effect::{Ctx, run_effect};
use crate::app::msg::Msg;
use crate::app::session::Session;
use crate::app::state::{Handover, SetInfo, State, Stopped};
use crate::app::takeover;
use crate::app::term::{self, Gate, Term};
use crate::app::update::{sheet_prompt, update};
use crate::app::wake::{self, Woke};
use crate::app::{keymap, state::Purpose};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::text::FIELD_MAX_CHARS;
use ocop_words::say::disk_full;
use ocop_words::screen::strings;
use ocop_words::{Say, pick};

/// How often the status line shows a running sync's progress.
const PAINT_EVERY: Duration = Duration::from_millis(100);
/// Typed text is saved this long after the last key.
const AUTOSAVE: Duration = Duration::from_secs(2);
/// While sheets wait, the export is tried this often; twice as long after each failure, up
/// to `SYNC_MAX`, so an unreachable folder costs next to nothing.
const SYNC_EVERY: Duration = Duration::from_secs(60);
const SYNC_MAX: Duration = Duration::from_secs(15 * 60);

/// When the next background sync is due, and how long to wait after the next failure.
struct SyncTimer {
    at: Option<Instant>,
    backoff: Duration,
    waiting: usize,
}

impl SyncTimer {
    fn new() -> SyncTimer {
        SyncTimer {
            at: None,
            backoff: SYNC_EVERY,
            waiting: 0,
        }
    }

    /// After any change: a newly finished sheet is sent at once; otherwise, while sheets
    /// wait, the next try is scheduled.
    fn plan(&mut self, state: &State, ctx: &Ctx) {
        let more = state.waiting > self.waiting;
        self.waiting = state.waiting;
        if ctx.export_dir.is_none() || state.waiting == 0 {
            self.at = None;
        } else if more {
            self.at = Some(Instant::now());
        } else if self.at.is_none() {
            self.at = Some(Instant::now() + self.backoff);
        }
    }

    fn due(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    fn run(&mut self, state: &mut State, ctx: &mut Ctx, paint: Paint<'_>) {
        self.at = None;
        run_effects(
            state,
            ctx,
            vec![crate::app::Effect::Sync { asked: false }],
            paint,
        );
        self.backoff = match state.waiting {
            0 => SYNC_EVERY,
            _ => (self.backoff * 2).min(SYNC_MAX),
        };
        self.waiting = state.waiting;
        self.plan(state, ctx);
    }
}

/// Why the interface could not start or went wrong, typed until it is said.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Open(#[from] ocop_store::OpenError),
    #[error(transparent)]
    Catalog(#[from] ocop_catalog::CatalogError),
    #[error(transparent)]
    Key(#[from] ocop_sign::KeyError),
    /// The pinned province key (`roster_key`) cannot be read.
    #[error("{}", .0.en)]
    RosterKey(ocop_words::Words),
    #[error("cannot take the terminal: {0}")]
    Terminal(std::io::Error),
    #[error("the terminal failed: {0}")]
    Io(#[from] std::io::Error),
}

impl Say for RunError {
    fn say(&self, lang: Lang) -> String {
        match self {
            RunError::Open(e) => e.say(lang),
            RunError::Catalog(e) => e.say(lang),
            RunError::Key(e) => e.say(lang),
            RunError::RosterKey(w) => w.said(lang).to_string(),
            RunError::Terminal(e) => pick(
                lang,
                format!("không chiếm được thiết bị đầu cuối: {e}"),
                self.to_string(),
            ),
            RunError::Io(e) => pick(
                lang,
                format!("thiết bị đầu cuối gặp lỗi: {e}"),
                self.to_string(),
            ),
        }
    }
}

pub fn run(settings: &Settings, catalog: Catalog) -> Result<Ended, RunError> {
    let dir = settings.data_dir.value.clone();
    let store = match takeover::open(&dir, settings.lang.value, settings.take_over)? {
        Ok(store) => store,
        Err(ended) => return Ok(ended),
    };
    let sets = catalog.all()?.into_iter().map(SetInfo::of).collect();
    let mut state = initial_state(settings, sets);
    let actor = state.session.assessor.clone();
    let mut session = Session::start(&dir, &actor);
    let mut ctx = Ctx::new(store, catalog, actor, settings.config_file.clone());
    ctx.export_dir = settings.export_dir.value.clone();
    // Before the terminal is taken: a key that cannot sign is said plainly, with exit 1.
    let key = ocop_sign::assessor_key(
        settings.signing_key.value.as_deref(),
        &dir,
        settings.assessor_name().unwrap_or("ocop"),
    )?;
    if key.made {
        state.notice = Some(crate::app::state::Notice::KeyMade(key.signer.fingerprint()));
    }
    state.session.key = Some(crate::app::state::KeyInfo {
        fingerprint: key.signer.fingerprint(),
    });
    ctx.signer = Some(key.signer);
    ctx.assessor_id = settings.assessor_id.value.clone();
    ctx.lang = settings.lang.value;
    ctx.pin = match settings.roster_key.value.as_deref() {
        Some(key) => Some(ocop_export::province::Pin::parse(key).map_err(RunError::RosterKey)?),
        None => None,
    };
    run_effects(
        &mut state,
        &mut ctx,
        vec![crate::app::Effect::LoadList],
        &mut |_| {},
    );
    if let Some(reopen) = session.reopen(&state) {
        run_effects(&mut state, &mut ctx, vec![reopen], &mut |_| {});
        session.resume(&mut state);
    }
    let signals = wake::catch_signals()?;
    panic_hook(&dir, strings(settings.lang.value).crashed);
    let tty = |t: &dyn std::io::IsTerminal| t.is_terminal();
    if !tty(&std::io::stdin()) || !tty(&std::io::stdout()) {
        eprintln!("{}", strings(settings.lang.value).needs_terminal);
        return Ok(Ended::Declined);
    }
    let (mut terminal, gate) = term::take().map_err(RunError::Terminal)?;
    state.too_small = term::area().is_ok_and(crate::ui::too_small);
    let result = event_loop(
        (&mut terminal, &gate),
        (&mut state, &mut session),
        &mut ctx,
        signals,
    );
    // Terminal's drop shows the cursor and reports a failure with eprintln!, which panics
    // when a hang-up took the terminal away; `restore` shows the cursor quietly instead.
    std::mem::forget(terminal);
    term::restore();
    session.end(&dir);
    result?;
    // A key pressed in the same instant as quitting may still be being saved. After a
    // hang-up there is nobody to tell, and no terminal to tell it on.
    if let Some(reply) = ctx.settle() {
        update(&mut state, reply);
    }
    let lang = settings.lang.value;
    match &state.stopped {
        Some(Stopped::DiskFull) if !wake::hung_up() => {
            eprintln!("ocop: {}", disk_full(lang, Some(&dir)));
        }
        Some(Stopped::Unsaved(error)) if !wake::hung_up() => eprintln!("ocop: {error}"),
        _ => {}
    }
    // What was not saved is told on the way out, and the exit says it too.
    Ok(match state.stopped {
        Some(_) => Ended::Unsaved,
        None => Ended::Done,
    })
}

fn initial_state(settings: &Settings, sets: Vec<SetInfo>) -> State {
    let mut state = State::new(settings.lang.value, sets);
    state.session.theme = settings.theme.value;
    state.session.no_color = settings.no_color;
    state.session.data_dir = home_short(&settings.data_dir.value);
    state.session.assessor = settings.assessor.value.clone().unwrap_or_default();
    state.session.council = settings.council.value.clone().unwrap_or_default();
    state.session.place = settings.place.value.clone().unwrap_or_default();
    state.session.rounds = settings.rounds.clone();
    state.session.today = Some(chrono::Local::now().date_naive());
    if state.session.assessor.trim().is_empty() {
        state.popup = Some(sheet_prompt(Purpose::Assessor, "", FIELD_MAX_CHARS));
    }
    state
}

/// `~/…` for a folder under the home folder: the status line is short.
fn home_short(dir: &Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.as_deref().and_then(|h| dir.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => dir.display().to_string(),
    }
}

/// Draws a frame while a sync runs (no terminal yet, or none to spare: draws nothing).
type Paint<'a> = &'a mut dyn FnMut(&State);

fn dispatch(state: &mut State, ctx: &mut Ctx, msg: Msg, paint: Paint<'_>) {
    let effects = update(state, msg);
    run_effects(state, ctx, effects, paint);
}

/// Runs effects in order; each reply may ask for more.
fn run_effects(
    state: &mut State,
    ctx: &mut Ctx,
    effects: Vec<crate::app::Effect>,
    paint: Paint<'_>,
) {
    let mut queue: VecDeque<_> = effects.into();
    while let Some(fx) = queue.pop_front() {
        let now = chrono::Local::now().fixed_offset();
        let reply = match fx {
            crate::app::Effect::Sync { .. } => sync_shown(fx, (state, ctx), now, paint),
            fx => run_effect(fx, ctx, now),
        };
        if let Some(reply) = reply {
            queue.extend(update(state, reply));
        }
    }
}

/// Runs a sync on a second thread and, meanwhile, redraws the status line with how far it
/// is, every `PAINT_EVERY`: a sync of thousands of sheets takes seconds. The store is the
/// sync's alone while it runs; the screen only reads the counter.
fn sync_shown(
    fx: crate::app::Effect,
    (state, ctx): (&mut State, &mut Ctx),
    now: chrono::DateTime<chrono::FixedOffset>,
    paint: Paint<'_>,
) -> Option<Msg> {
    let progress = std::sync::Arc::clone(&ctx.sync_progress);
    progress.begin(0);
    let me = std::thread::current();
    let reply = std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let reply = run_effect(fx, ctx, now);
            me.unpark();
            reply
        });
        while !worker.is_finished() {
            std::thread::park_timeout(PAINT_EVERY);
            let (done, all) = progress.get();
            if all > 0 && !worker.is_finished() {
                state.syncing = Some((done, all));
                paint(state);
            }
        }
        worker.join()
    });
    state.syncing = None;
    reply.unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn event_loop(
    (terminal, gate): (&mut Term, &Gate),
    (state, session): (&mut State, &mut Session),
    ctx: &mut Ctx,
    signals: wake::Signals,
) -> std::io::Result<()> {
    // The first ask makes crossterm set up its event source, resize signal included.
    let _ = event::poll(Duration::ZERO);
    let mut autosave: Option<Instant> = None;
    // Sheets already waiting at start are tried on the timer, not before the first key.
    let mut sync = SyncTimer::new();
    sync.waiting = state.waiting;
    sync.plan(state, ctx);
    let mut redraw = true;
    while !state.done() {
        if redraw && let Err(e) = show(terminal, gate, state, ctx) {
            return lost(state, ctx, e);
        }
        redraw = false;
        let next = [autosave, sync.at].into_iter().flatten().min();
        let deadline = next.map(|at| at.saturating_duration_since(Instant::now()));
        match wake::wait(signals, deadline) {
            Woke::Hangup => {
                dispatch(state, ctx, Msg::Hangup, &mut |_| {});
                break;
            }
            Woke::Timeout if autosave.is_some_and(|at| Instant::now() >= at) => {
                autosave = None;
                dispatch(state, ctx, Msg::Autosave, &mut painter(terminal));
                redraw = true;
            }
            Woke::Timeout if sync.due() => {
                sync.run(state, ctx, &mut painter(terminal));
                redraw = true;
            }
            Woke::Timeout => {}
            Woke::Input | Woke::Other => match events(terminal, state, ctx, &mut autosave) {
                Ok(any) => {
                    redraw = any;
                    session.keys(state);
                }
                Err(e) => return lost(state, ctx, e),
            },
        }
        if let Some(handover) = state.handover.take() {
            let handed = match handover {
                Handover::Suspend => suspend(terminal, state, ctx),
                Handover::KeyLine => show_key(terminal, state, ctx, signals),
            };
            if let Err(e) = handed {
                return lost(state, ctx, e);
            }
            redraw = true;
        }
        sync.plan(state, ctx);
    }
    Ok(())
}

/// Every event crossterm has ready, without waiting; whether any came. A key's effect may
/// outlast the terminal (a sync while the SSH link drops): then the loop's next wait says so,
/// and crossterm, which would read end-of-file forever, is not asked again.
fn events(
    terminal: &mut Term,
    state: &mut State,
    ctx: &mut Ctx,
    autosave: &mut Option<Instant>,
) -> std::io::Result<bool> {
    let mut any = false;
    // A key that hands the terminal over ends the batch: the keys after it wait for it.
    while !state.done() && state.handover.is_none() && !wake::gone() && event::poll(Duration::ZERO)?
    {
        let ev = event::read()?;
        any = true;
        if let Event::Resize(..) = ev {
            let area = term::area()?;
            terminal.resize(area)?;
            state.too_small = crate::ui::too_small(area);
        }
        if let Some(msg) = keymap::to_msg(state, ev) {
            dispatch(state, ctx, msg, &mut painter(terminal));
            *autosave = state.pending_save().then(|| Instant::now() + AUTOSAVE);
        }
    }
    Ok(any)
}

/// Ctrl-Z: what was pending is saved (the update asked for it) and made durable before the
/// job stops; after `fg` the terminal may have another size and holds the shell's text, so
/// the whole screen is drawn again.
fn suspend(terminal: &mut Term, state: &mut State, ctx: &mut Ctx) -> std::io::Result<()> {
    if let Some(failed) = ctx.settle() {
        dispatch(state, ctx, failed, &mut |_| {});
        return Ok(());
    }
    if !term::suspend()? {
        state.notice = Some(crate::app::state::Notice::NoSuspend);
        return Ok(());
    }
    let area = term::area()?;
    terminal.resize(area)?;
    terminal.clear()?;
    state.too_small = crate::ui::too_small(area);
    Ok(())
}

/// `K`: the assessor's `allowed_signers` line, printed on the terminal's own screen (where a
/// line longer than the screen still copies whole, and stays after ocop ends) until a key.
fn show_key(
    terminal: &mut Term,
    state: &State,
    ctx: &Ctx,
    signals: wake::Signals,
) -> std::io::Result<()> {
    let s = strings(state.session.lang);
    // The principal finishing signs as: the line is the one the roster needs for it.
    let line = match (&ctx.signer, ctx.principal()) {
        (Some(signer), Ok(principal)) => {
            ocop_sign::allowed_signers_line(&principal, signer.public())
        }
        _ => s.key_line_none.to_string(),
    };
    term::leave()?;
    let mut out = std::io::stdout().lock();
    write!(
        out,
        "\r\n{}\r\n\r\n{line}\r\n\r\n{}\r\n",
        s.key_line_heading, s.key_line_back
    )?;
    out.flush()?;
    drop(out);
    while !wake::hung_up() {
        if wake::wait(signals, None) == Woke::Hangup {
            break;
        }
        if event::poll(Duration::ZERO)?
            && matches!(event::read()?, Event::Key(k) if k.kind != event::KeyEventKind::Release)
        {
            break;
        }
    }
    term::enter()?;
    terminal.clear()
}

/// Draws the frame and writes it once the answer it shows is durable. When that save failed,
/// the frame is dropped unseen, the sheet goes back to what the store holds, and the screen is
/// drawn again whole (the terminal never had the dropped frame to diff against).
fn show(terminal: &mut Term, gate: &Gate, state: &mut State, ctx: &mut Ctx) -> std::io::Result<()> {
    gate.hold();
    terminal.draw(|f| crate::ui::view(state, f))?;
    if let Some(failed) = ctx.settle() {
        gate.discard();
        dispatch(state, ctx, failed, &mut |_| {});
        terminal.clear()?;
        terminal.draw(|f| crate::ui::view(state, f))?;
    }
    gate.release()
}

/// Draws a frame as it is, between two effects (no edit waits to be flushed then).
fn painter(terminal: &mut Term) -> impl FnMut(&State) + '_ {
    |state| {
        let _ = terminal.draw(|f| crate::ui::view(state, f));
    }
}

/// The terminal failed: save what is pending, then report.
fn lost(state: &mut State, ctx: &mut Ctx, e: std::io::Error) -> std::io::Result<()> {
    dispatch(state, ctx, Msg::Hangup, &mut |_| {});
    Err(e)
}

/// On a panic: the terminal is restored (ratatui's hook, installed after this one, runs
/// first), the details go to a file in the data folder, and the assessor is told where.
fn panic_hook(dir: &Path, crashed: fn(&str) -> String) {
    let log = dir.join("ocop-crash.txt");
    std::panic::set_hook(Box::new(move |info| {
        term::restore();
        let details = format!("{info}\n{}\n", std::backtrace::Backtrace::force_capture());
        let written = std::fs::File::create(&log)
            .and_then(|mut f| f.write_all(details.as_bytes()))
            .is_ok();
        if written {
            eprintln!("{}", crashed(&log.display().to_string()));
        } else {
            eprintln!("{}\n{details}", crashed("-"));
        }
    }));
}
