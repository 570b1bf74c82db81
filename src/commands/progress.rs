//! Progress of a command's long work (`sync`, `verify`, `council`, `demo`) on a terminal: a
//! bar on stderr with the count, the rate and the time left. It is drawn only when both
//! stderr and stdout are a terminal, so a pipe, a file or a test gets no byte more than
//! before; and it is cleared before the command prints its result. The work only counts (a
//! `sync::Counter`); a second thread draws from the count ten times a second, so the work
//! never waits on the terminal. Any command uses it in one line:
//!
//! ```ignore
//! let label = command_words(lang).verifying;
//! let verdict = progress::shown(lang, label, |c| verify_counted(dir, cat, c));
//! ```

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use ocop_domain::Lang;
use ocop_export::progress::Counter;
use ocop_words::command::command_words;

/// How often the bar is redrawn from the count.
const EVERY: Duration = Duration::from_millis(100);

/// Runs `work` with a counter; while it runs, a bar named `label` shows its count on a
/// terminal. Returns what `work` returns. `work` prints nothing: the bar is on the line until
/// it returns, so the command prints its result after (or into a buffer, then after).
pub fn shown<T>(lang: Lang, label: &str, work: impl FnOnce(&Counter) -> T) -> T {
    let counter = Counter::default();
    if !on_terminal() {
        return work(&counter);
    }
    let (finished, wait) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(|| draw(lang, label, &counter, wait));
        let result = work(&counter);
        // The drawing thread ends as soon as the work does (or unwinds: the sender drops).
        drop(finished);
        result
    })
}

/// Whether a person is watching: stdout and stderr both a terminal that can redraw a line.
fn on_terminal() -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    std::io::stderr().is_terminal() && std::io::stdout().is_terminal() && !dumb
}

/// Redraws the bar from the count until the work is over, then clears it.
fn draw(lang: Lang, label: &str, counter: &Counter, finished: mpsc::Receiver<()>) {
    let mut bar: Option<ProgressBar> = None;
    while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(EVERY) {
        let (done, total) = counter.get();
        if total == 0 {
            continue;
        }
        let bar = bar.get_or_insert_with(|| new_bar(lang, label, total));
        bar.set_length(total);
        bar.set_position(done);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

fn new_bar(lang: Lang, label: &str, total: u64) -> ProgressBar {
    let template = command_words(lang).progress;
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    // Whole items a second: "812/s", not indicatif's "812.3456/s".
    let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0}", state.per_sec());
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
    }
    bar.set_message(label.to_string());
    bar
}
