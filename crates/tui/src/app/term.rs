//! Taking the terminal and giving it back. Frames go out through one buffer, written once per
//! frame: a redraw leaves as one write, not a write per kilobyte, which over SSH means fewer
//! packets and no half-drawn screen between them. A frame can be held back until the answer
//! it shows is durable.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The interface's terminal.
pub type Term = Terminal<CrosstermBackend<Frames>>;

/// Larger than any frame (a full 200×60 repaint is about 10 KB).
const FRAME_BUFFER: usize = 64 * 1024;

/// The frame being drawn, shared by the writer ratatui draws into and the loop's `Gate`.
struct Pending {
    bytes: Vec<u8>,
    held: bool,
}

/// What ratatui writes to: `flush` writes the frame, unless the gate holds it.
pub struct Frames(Rc<RefCell<Pending>>);

/// The loop's hand on the frame: hold it while the answer it shows is on its way to disk.
pub struct Gate(Rc<RefCell<Pending>>);

impl Gate {
    /// Until `release` (or `discard`), drawing collects the frame without writing it.
    pub fn hold(&self) {
        self.0.borrow_mut().held = true;
    }

    pub fn release(&self) -> io::Result<()> {
        self.0.borrow_mut().held = false;
        Frames(Rc::clone(&self.0)).flush()
    }

    /// Forgets the held frame: the terminal never sees it.
    pub fn discard(&self) {
        let mut p = self.0.borrow_mut();
        p.bytes.clear();
        p.held = false;
    }
}

impl Write for Frames {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut p = self.0.borrow_mut();
        if p.held || p.bytes.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(&p.bytes).and_then(|()| out.flush());
        p.bytes.clear();
        written
    }
}

/// The whole terminal, sized now.
pub fn area() -> io::Result<Rect> {
    let (cols, rows) = crossterm::terminal::size()?;
    Ok(Rect::new(0, 0, cols, rows))
}

/// Raw mode, the alternate screen and bracketed paste; on failure the terminal is given back.
/// The viewport is fixed and changed only on a resize event: asking the terminal's size on
/// every frame costs an open(2) of /dev/tty per key.
pub fn take() -> io::Result<(Term, Gate)> {
    let taken = crossterm::terminal::enable_raw_mode().and_then(|()| {
        crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        let pending = Rc::new(RefCell::new(Pending {
            bytes: Vec::with_capacity(FRAME_BUFFER),
            held: false,
        }));
        let out = Frames(Rc::clone(&pending));
        let viewport = Viewport::Fixed(area()?);
        let term =
            Terminal::with_options(CrosstermBackend::new(out), TerminalOptions { viewport })?;
        Ok((term, Gate(pending)))
    });
    if taken.is_err() {
        restore();
    }
    taken
}

/// Ctrl-Z: gives the terminal to the shell and stops the job, as the terminal's own Ctrl-Z
/// would outside raw mode; once `fg` continues it, takes the terminal again (the caller
/// redraws it whole). False, and nothing done, where no shell could continue it.
pub fn suspend() -> io::Result<bool> {
    if !job_control() {
        return Ok(false);
    }
    restore();
    // SAFETY: kill(2) of this process group (the shell's job) with SIGTSTP, whose default
    // action stops it; the call returns once SIGCONT has come.
    unsafe {
        libc::kill(0, libc::SIGTSTP);
    }
    crossterm::terminal::enable_raw_mode()?;
    enter()?;
    Ok(true)
}

/// Back to the terminal's own screen, raw mode kept: what is written there stays in its
/// scrollback, and a long line wraps as the terminal's own, so it copies as one line.
pub fn leave() -> io::Result<()> {
    crossterm::execute!(io::stdout(), LeaveAlternateScreen, crossterm::cursor::Show)
}

/// The interface's screen again (the caller clears and redraws it).
pub fn enter() -> io::Result<()> {
    crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Whether a shell could continue this process after a stop: its parent is in the same
/// session and another process group (a shell's job). Otherwise the group is orphaned (a
/// forced command under sshd, `exec ocop`), the kernel discards SIGTSTP, and nobody has `fg`.
fn job_control() -> bool {
    // SAFETY: plain queries of process ids.
    unsafe {
        let parent = libc::getppid();
        libc::getsid(parent) == libc::getsid(0) && libc::getpgid(parent) != libc::getpgrp()
    }
}

/// Gives the terminal back. Quietly: after a hang-up there is no terminal left, and a report
/// on a closed stderr would panic.
pub fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}
