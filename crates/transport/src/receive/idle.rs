//! The receiver's idle limit: a laptop that connects and then says nothing (a dead link, or a
//! peer that means to hold the receiver) is let go after `IDLE`, with a sentence, instead of
//! holding `ocop receive` forever. Only time spent waiting to read counts: writing a batch or
//! rebuilding the summaries is never cut short, and files are only ever linked into place
//! whole, so stopping between reads leaves nothing half written.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ocop_domain::Lang;
use ocop_words::words;

/// How long the receiver waits for the laptop's next bytes (`OCOP_RECEIVE_IDLE_SECONDS`
/// changes it, for tests and for slow links).
pub const IDLE: Duration = Duration::from_secs(300);

/// The idle limit in force: `OCOP_RECEIVE_IDLE_SECONDS` when set to a number, else `IDLE`.
pub fn limit() -> Duration {
    std::env::var("OCOP_RECEIVE_IDLE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(IDLE, Duration::from_secs)
}

/// A reader whose waits are watched: `watch` ends the process when one lasts past the limit.
pub struct Watched<R> {
    inner: R,
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    waiting: AtomicBool,
    /// When the current wait began, in milliseconds after `started`.
    since_ms: AtomicU64,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.state.waiting.store(true, Ordering::SeqCst);
        let read = self.inner.read(buf);
        self.state.waiting.store(false, Ordering::SeqCst);
        read
    }
}

/// Wraps `inner` and starts the watch: past `limit` in one wait, the sentence goes to
/// standard error in `lang` and the process exits with `code`.
pub fn watch<R: Read>(inner: R, limit: Duration, lang: Lang, code: i32) -> Watched<R> {
    let state = Arc::new(State::default());
    let started = Instant::now();
    let watched = Arc::clone(&state);
    std::thread::spawn(move || {
        let mut was_waiting = false;
        loop {
            std::thread::sleep(
                Duration::from_millis(200).min(limit / 4 + Duration::from_millis(1)),
            );
            let now = started.elapsed().as_millis() as u64;
            let waiting = watched.waiting.load(Ordering::SeqCst);
            if waiting && !was_waiting {
                watched.since_ms.store(now, Ordering::SeqCst);
            }
            was_waiting = waiting;
            let since = watched.since_ms.load(Ordering::SeqCst);
            if waiting && now.saturating_sub(since) > limit.as_millis() as u64 {
                let n = limit.as_secs();
                let said = words!(
                    "không nhận được gì từ máy gửi trong {n} giây: dừng nhận (những tệp đã \
                     ghi vẫn nguyên vẹn)",
                    "nothing came from the laptop for {n} s: the receiver stops (the files \
                     written so far are whole)"
                );
                eprintln!("ocop receive: {}", said.said(lang));
                std::process::exit(code);
            }
        }
    });
    Watched { inner, state }
}
