//! Key sequences through `update` whose outcome is checked on the drawn screen as well: they
//! draw with `ui::view`, so they live beside `update`, not inside it (`update` never draws).

mod claim;
mod council;
mod dossier;
mod guard;
mod pick;
mod resume;
mod text;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::harness::Harness;
use crate::app::state::{Screen, SheetView};

/// The open sheet; a test that expects one fails here when it is not.
fn view(h: &Harness) -> &SheetView {
    match &h.state.screen {
        Screen::Sheet(v) => v,
        other => panic!("not on a sheet: {other:?}"),
    }
}

/// The screen at 80×24, every cell in order.
fn screen_text(h: &Harness) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::ui::view(&h.state, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    buffer.content.iter().map(|c| c.symbol()).collect()
}
