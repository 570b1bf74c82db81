//! Taking the terminal and giving it back. Frames go out through one large buffer, flushed
//! once per frame: a redraw leaves as one write, not a write per kilobyte, which over SSH means
//! fewer packets and no half-drawn screen between them.

use std::io::{self, BufWriter, Stdout};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The interface's terminal.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Larger than any frame (a full 200×60 repaint is about 10 KB).
const FRAME_BUFFER: usize = 64 * 1024;

/// Raw mode, the alternate screen and bracketed paste; on failure the terminal is given back.
pub fn take() -> io::Result<Term> {
    let taken = crossterm::terminal::enable_raw_mode().and_then(|()| {
        crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        Terminal::new(CrosstermBackend::new(out))
    });
    if taken.is_err() {
        restore();
    }
    taken
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
