//! One text field as the assessor types into it: tui-input underneath, with every insertion
//! normalised to NFC (input methods send precomposed or combining marks) and a length bound,
//! so a pasted megabyte is cut rather than held.

use tui_input::{Input, InputRequest};

use crate::domain::text;

/// An edit to the focused text field, from a key or a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextEdit {
    Insert(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

#[derive(Debug, Clone, Default)]
pub struct Field {
    input: Input,
    max: usize,
}

/// Fields compare by what they show: the text and the cursor.
impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor() && self.max == other.max
    }
}

impl Eq for Field {}

impl Field {
    pub fn new(value: &str, max: usize) -> Field {
        let value: String = text::clean(value, max, false);
        Field {
            input: Input::new(value),
            max,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Applies an edit; returns whether the text changed.
    pub fn apply(&mut self, edit: TextEdit) -> bool {
        let before = self.input.value().to_string();
        match edit {
            TextEdit::Insert(c) => self.insert(&c.to_string()),
            TextEdit::Paste(s) => self.insert(&s),
            TextEdit::Backspace => self.request(InputRequest::DeletePrevChar),
            TextEdit::Delete => self.request(InputRequest::DeleteNextChar),
            TextEdit::Left => self.request(InputRequest::GoToPrevChar),
            TextEdit::Right => self.request(InputRequest::GoToNextChar),
            TextEdit::Home => self.request(InputRequest::GoToStart),
            TextEdit::End => self.request(InputRequest::GoToEnd),
        }
        before != self.input.value()
    }

    fn request(&mut self, req: InputRequest) {
        let _ = self.input.handle(req);
    }

    /// Inserts at the cursor and renormalises the whole text: a combining mark typed after a
    /// letter composes with it, and the cursor stays after what was inserted.
    fn insert(&mut self, s: &str) {
        let value = self.input.value();
        let split = value
            .char_indices()
            .nth(self.input.cursor())
            .map_or(value.len(), |(i, _)| i);
        let room = self.max.saturating_sub(value.chars().count());
        // Pasted newlines and tabs become spaces: fields are one line.
        let flat: String = s
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let added = text::clean(&flat, room.max(1), false);
        let head = text::nfc(&format!("{}{}", &value[..split], added));
        let whole = text::clean(&format!("{head}{}", &value[split..]), self.max, false);
        let cursor = head.chars().count().min(whole.chars().count());
        self.input = Input::new(whole).with_cursor(cursor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_compose_and_backspace_removes_one_letter() {
        let mut f = Field::new("", 50);
        for c in "Che\u{300}".chars() {
            f.apply(TextEdit::Insert(c));
        }
        assert_eq!(f.value(), "Chè");
        assert_eq!(f.cursor(), 3);
        f.apply(TextEdit::Backspace);
        assert_eq!(f.value(), "Ch");
    }

    #[test]
    fn inserts_at_the_cursor() {
        let mut f = Field::new("ac", 50);
        f.apply(TextEdit::Home);
        f.apply(TextEdit::Right);
        f.apply(TextEdit::Insert('b'));
        assert_eq!((f.value(), f.cursor()), ("abc", 2));
    }

    #[test]
    fn a_big_paste_is_cut() {
        let mut f = Field::new("", 100);
        f.apply(TextEdit::Paste("ạ\n".repeat(100_000)));
        assert_eq!(f.value().chars().count(), 100);
        f.apply(TextEdit::Insert('x'));
        assert_eq!(f.value().chars().count(), 100);
    }
}
