//! Waiting for a key, a deadline or a signal, without busy loops. The wait is a plain
//! `poll(2)` on the terminal's input and a self-pipe written by the signal handler, so an idle
//! screen sleeps in the kernel, SIGHUP/SIGTERM wake it at once, and a terminal that has gone
//! (POLLHUP) is seen as a hang-up. crossterm is asked for events only once input is ready:
//! its own wait loops forever reading end-of-file from a closed terminal.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

static HANGUP: AtomicBool = AtomicBool::new(false);
/// The write end of the self-pipe, or -1 before `catch_signals`.
static PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(_: libc::c_int) {
    HANGUP.store(true, Ordering::SeqCst);
    let fd = PIPE.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: write(2) is async-signal-safe; the pipe is non-blocking, so a full pipe
        // (the loop is awake anyway) drops the byte instead of blocking the handler.
        unsafe {
            libc::write(fd, (&raw const byte).cast(), 1);
        }
    }
}

/// The read end of the self-pipe, to pass to `wait`.
#[derive(Debug, Clone, Copy)]
pub struct Signals(libc::c_int);

/// Installs the SIGHUP and SIGTERM handlers and the pipe they write to.
pub fn catch_signals() -> std::io::Result<Signals> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 fills the two descriptors it is given.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    PIPE.store(fds[1], Ordering::SeqCst);
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only touches atomics and write(2).
    unsafe {
        libc::signal(libc::SIGHUP, handler);
        libc::signal(libc::SIGTERM, handler);
    }
    Ok(Signals(fds[0]))
}

pub fn hung_up() -> bool {
    HANGUP.load(Ordering::SeqCst)
}

/// Whether the terminal has gone (or SIGHUP/SIGTERM came) since the last wait: a long effect
/// (a sync) may outlast it, and crossterm must not be asked for more events then.
pub fn gone() -> bool {
    if hung_up() {
        return true;
    }
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no waiting.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Woke {
    /// The terminal has input (crossterm may parse it into events).
    Input,
    /// The deadline passed.
    Timeout,
    /// SIGHUP, SIGTERM, or the terminal went away.
    Hangup,
    /// Another signal (a resize): ask crossterm what it has.
    Other,
}

/// Sleeps until input, the deadline (`None`: no deadline) or a signal.
pub fn wait(signals: Signals, deadline: Option<Duration>) -> Woke {
    if hung_up() {
        return Woke::Hangup;
    }
    let mut fds = [
        libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: signals.0,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    // Rounded up, so the wake-up is never before the deadline.
    let ms = deadline.map_or(-1, |d| i32::try_from(d.as_millis() + 1).unwrap_or(i32::MAX));
    // SAFETY: two valid pollfds; poll returns EINTR on any signal, which is fine.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    match n {
        _ if hung_up() || fds[0].revents & gone != 0 => Woke::Hangup,
        0 => Woke::Timeout,
        _ if fds[0].revents & libc::POLLIN != 0 => Woke::Input,
        _ => Woke::Other,
    }
}
