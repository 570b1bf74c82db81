//! Raw terminal events to messages, by what has the keys: the popup on top first, then a
//! focused text field, then the screen. Unknown keys give no message.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::field::TextEdit;
use super::msg::Msg;
use super::state::{Page, Popup, Screen, State};

pub fn to_msg(state: &State, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_msg(state, key),
        Event::Paste(text) if typing(state) => Some(Msg::Text(TextEdit::Paste(text))),
        _ => None,
    }
}

fn key_msg(state: &State, key: KeyEvent) -> Option<Msg> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Msg::Quit);
    }
    // The screen shows only "needs 80×24": a key would change what nobody can see.
    if state.too_small {
        return None;
    }
    if let Some(popup) = &state.popup {
        return popup_key(popup, key);
    }
    // F1 is help everywhere, `?` too where it cannot be typed text.
    let picking = matches!(state.screen, Screen::PickSet(_));
    if key.code == KeyCode::F(1) || (picking && key.code == KeyCode::Char('?')) {
        return Some(Msg::Help);
    }
    if typing(state) {
        return typing_key(key, ctrl);
    }
    match &state.screen {
        Screen::List(_) => list_key(key),
        Screen::Sheet(v) if v.page == Page::Scoring => scoring_key(key),
        // Read-only: ↑/↓ choose, Enter go, Esc back, ? help.
        Screen::Sheet(v) if matches!(v.page, Page::Plan { .. }) => common_key(key),
        Screen::Sheet(_) => review_key(key),
        // Read-only: ↑/↓ scroll, Esc back, ? help.
        Screen::Council(_) => common_key(key),
        Screen::PickSet(_) | Screen::Header(_) => None,
    }
}

/// Whether keys go to a text field.
pub fn typing(state: &State) -> bool {
    match (&state.popup, &state.screen) {
        (Some(Popup::Prompt(_)), _) => true,
        (Some(_), _) => false,
        (None, Screen::List(l)) => l.searching,
        (None, Screen::PickSet(_) | Screen::Header(_)) => true,
        (None, Screen::Sheet(v)) => v.note.is_some(),
        (None, Screen::Council(_)) => false,
    }
}

fn popup_key(popup: &Popup, key: KeyEvent) -> Option<Msg> {
    match popup {
        Popup::Help => Some(Msg::Back),
        Popup::Confirm(_) => match key.code {
            KeyCode::Char('y' | 'Y' | 'c' | 'C') => Some(Msg::Yes),
            KeyCode::Char('n' | 'N' | 'k' | 'K') | KeyCode::Esc => Some(Msg::No),
            _ => None,
        },
        Popup::Case(_) => match key.code {
            KeyCode::Char(c @ '1'..='2') => digit(c),
            KeyCode::Esc => Some(Msg::Back),
            _ => None,
        },
        Popup::Prompt(_) => typing_key(key, key.modifiers.contains(KeyModifiers::CONTROL)),
    }
}

fn typing_key(key: KeyEvent, ctrl: bool) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Char('s') if ctrl => Msg::Create,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Msg::Text(TextEdit::Insert(c)),
        KeyCode::Backspace => Msg::Text(TextEdit::Backspace),
        KeyCode::Delete => Msg::Text(TextEdit::Delete),
        KeyCode::Left => Msg::Text(TextEdit::Left),
        KeyCode::Right => Msg::Text(TextEdit::Right),
        KeyCode::Home => Msg::Text(TextEdit::Home),
        KeyCode::End => Msg::Text(TextEdit::End),
        KeyCode::Enter => Msg::Enter,
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab => Msg::NextField,
        KeyCode::BackTab => Msg::PrevField,
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        _ => return None,
    };
    Some(msg)
}

fn digit(c: char) -> Option<Msg> {
    c.to_digit(10)
        .and_then(|d| u8::try_from(d).ok())
        .map(Msg::Digit)
}

/// Keys shared by every screen without a text field.
fn common_key(key: KeyEvent) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Enter => Msg::Enter,
        KeyCode::Esc => Msg::Back,
        KeyCode::Char('?') => Msg::Help,
        _ => return None,
    };
    Some(msg)
}

fn list_key(key: KeyEvent) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Char('n') => Msg::New,
        KeyCode::Char('d') => Msg::Delete,
        KeyCode::Char('/') => Msg::Search,
        KeyCode::Tab => Msg::NextFilter,
        KeyCode::Char('s') => Msg::Sync,
        KeyCode::Char('c') => Msg::Council,
        KeyCode::Char('R') => Msg::Rerate,
        KeyCode::Char('q') => Msg::Quit,
        _ => return common_key(key),
    };
    Some(msg)
}

fn scoring_key(key: KeyEvent) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Char(c @ '0'..='9') => return digit(c),
        KeyCode::Left | KeyCode::Char('h') | KeyCode::PageUp => Msg::Prev,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::PageDown => Msg::Next,
        KeyCode::Char(':') => Msg::Jump,
        KeyCode::Char('e') => Msg::EditNote,
        KeyCode::Char('x') => Msg::Raise,
        KeyCode::Char('r') => Msg::Review,
        KeyCode::Char('p') => Msg::Plan,
        KeyCode::Char('=') => Msg::TakeEarlier,
        _ => return common_key(key),
    };
    Some(msg)
}

fn review_key(key: KeyEvent) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Left | KeyCode::Char('h') | KeyCode::PageUp => Msg::Prev,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::PageDown => Msg::Next,
        KeyCode::Char('f') => Msg::Finish,
        KeyCode::Char('c') => Msg::Comment,
        KeyCode::Char('a') => Msg::Amend,
        KeyCode::Char('p') => Msg::Plan,
        KeyCode::Char('R') => Msg::Rerate,
        _ => return common_key(key),
    };
    Some(msg)
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::harness::Harness;
    use crate::cli::Lang;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    #[test]
    fn list_keys() {
        let h = Harness::new(Lang::Vi).expect("harness");
        let s = &h.state;
        assert_eq!(to_msg(s, key(KeyCode::Char('q'))), Some(Msg::Quit));
        assert_eq!(to_msg(s, key(KeyCode::Char('?'))), Some(Msg::Help));
        assert_eq!(to_msg(s, key(KeyCode::Char('j'))), Some(Msg::Down));
        assert_eq!(to_msg(s, key(KeyCode::Tab)), Some(Msg::NextFilter));
        assert_eq!(to_msg(s, key(KeyCode::Char('c'))), Some(Msg::Council));
        assert_eq!(to_msg(s, key(KeyCode::Char('z'))), None);
        assert_eq!(to_msg(s, Event::Paste("x".into())), None);
    }

    #[test]
    fn scoring_keys_and_text_fields() {
        let mut h = Harness::new(Lang::Vi).expect("harness");
        h.new_sheet("che tuoi", "Chè", "HTX");
        let s = &h.state;
        assert_eq!(to_msg(s, key(KeyCode::Char('7'))), Some(Msg::Digit(7)));
        assert_eq!(to_msg(s, key(KeyCode::PageDown)), Some(Msg::Next));
        assert_eq!(to_msg(s, key(KeyCode::Char('h'))), Some(Msg::Prev));
        assert_eq!(to_msg(s, key(KeyCode::Char(':'))), Some(Msg::Jump));
        assert_eq!(to_msg(s, ctrl('c')), Some(Msg::Quit));
        h.key(KeyCode::Char('e'));
        let s = &h.state;
        assert!(typing(s));
        let q = Some(Msg::Text(TextEdit::Insert('q')));
        assert_eq!(to_msg(s, key(KeyCode::Char('q'))), q);
        assert_eq!(
            to_msg(s, key(KeyCode::Char('1'))),
            Some(Msg::Text(TextEdit::Insert('1')))
        );
        let paste = Some(Msg::Text(TextEdit::Paste("ghi chú".into())));
        assert_eq!(to_msg(s, Event::Paste("ghi chú".into())), paste);
        assert_eq!(to_msg(s, key(KeyCode::F(1))), Some(Msg::Help));
        assert_eq!(to_msg(s, ctrl('c')), Some(Msg::Quit));
    }

    #[test]
    fn a_question_takes_only_its_answers() {
        let mut h = Harness::new(Lang::Vi).expect("harness");
        h.state.popup = Some(Popup::Confirm(crate::app::state::Ask::Finish));
        let s = &h.state;
        assert_eq!(to_msg(s, key(KeyCode::Char('y'))), Some(Msg::Yes));
        assert_eq!(to_msg(s, key(KeyCode::Esc)), Some(Msg::No));
        assert_eq!(to_msg(s, key(KeyCode::Char('f'))), None);
        assert_eq!(to_msg(s, key(KeyCode::Char('q'))), None);
    }
}
