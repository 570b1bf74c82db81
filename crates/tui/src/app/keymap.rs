//! Raw terminal events to messages, by the table of what has the keys (`keys::context`): the
//! popup on top, else the screen; where a field is typed into, keys not in its table edit it.
//! Unknown keys give no message.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::field::TextEdit;
use super::keys::{EVERYWHERE, Key, context};
use super::msg::Msg;
use super::state::{Popup, State};

pub fn to_msg(state: &State, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_msg(state, key),
        Event::Paste(text) if typing(state) => Some(Msg::Text(TextEdit::Paste(text))),
        _ => None,
    }
}

fn key_msg(state: &State, event: KeyEvent) -> Option<Msg> {
    let pressed = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    let everywhere = EVERYWHERE;
    // Quitting and suspending are taken at any size, whatever has the keys.
    if pressed.ctrl && matches!(pressed.code, KeyCode::Char('c' | 'z')) {
        return everywhere.msg(pressed);
    }
    // The screen shows only "needs 80×24": a key would change what nobody can see.
    if state.too_small {
        return None;
    }
    // Help closes on any key.
    if state.popup == Some(Popup::Help) {
        return Some(Msg::Back);
    }
    let (table, _) = context(state);
    let help = state
        .popup
        .is_none()
        .then(|| everywhere.msg(pressed))
        .flatten();
    help.or_else(|| table.msg(pressed))
        .or_else(|| table.typing.then(|| text_edit(pressed)).flatten())
}

/// Whether keys go to a text field.
pub fn typing(state: &State) -> bool {
    context(state).0.typing
}

/// A key that edits the field being typed into; any other Ctrl key is no text.
fn text_edit(pressed: Key) -> Option<Msg> {
    let edit = match pressed.code {
        KeyCode::Char(_) if pressed.ctrl => return None,
        KeyCode::Char(c) => TextEdit::Insert(c),
        KeyCode::Backspace => TextEdit::Backspace,
        KeyCode::Delete => TextEdit::Delete,
        KeyCode::Left => TextEdit::Left,
        KeyCode::Right => TextEdit::Right,
        KeyCode::Home => TextEdit::Home,
        KeyCode::End => TextEdit::End,
        _ => return None,
    };
    Some(Msg::Text(edit))
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::harness::Harness;
    use ocop_domain::Lang;

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
