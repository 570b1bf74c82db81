//! One text field as the assessor types into it: tui-input underneath, with every insertion
//! normalised to NFC (input methods send precomposed or combining marks) and a length bound,
//! so a pasted megabyte is cut rather than held. What an insertion left out (past the length
//! bound; line breaks; control and invisible characters, which a field refuses) is kept as a
//! `Loss`, so the interface can say so: nothing typed or pasted is changed without a word.

use tui_input::{Input, InputRequest};

use ocop_domain::text::{self, safe};

/// What the last insertion into a field did not keep as it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loss {
    /// The text went past the field's length bound, which is this many characters.
    pub cut_at: Option<usize>,
    /// Line breaks or tabs became spaces: the field is one line.
    pub flattened: bool,
    /// The first control, bidirectional or invisible character left out.
    pub dropped: Option<char>,
}

impl Loss {
    fn any(&self) -> bool {
        self.cut_at.is_some() || self.flattened || self.dropped.is_some()
    }
}

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
    /// A line break, in a field of several lines (a note, the comments).
    Newline,
    /// The line above or below, at the same column, in a field of several lines.
    Up,
    Down,
}

#[derive(Debug, Clone, Default)]
pub struct Field {
    input: Input,
    max: usize,
    lost: Loss,
    /// Keeps line breaks (a note, the comments: what was seen on the site, in paragraphs).
    multiline: bool,
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
            lost: Loss::default(),
            multiline: false,
        }
    }

    /// A field of several lines: Enter breaks the line, and pasted line breaks stay.
    pub fn lines(value: &str, max: usize) -> Field {
        let value: String = text::clean(value, max, true);
        Field {
            input: Input::new(value),
            max,
            lost: Loss::default(),
            multiline: true,
        }
    }

    /// What the last edit left out, if anything.
    pub fn lost(&self) -> Option<Loss> {
        self.lost.any().then_some(self.lost)
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
        self.lost = Loss::default();
        match edit {
            TextEdit::Insert(c) => self.insert(&c.to_string()),
            TextEdit::Paste(s) => self.insert(&s),
            TextEdit::Backspace => self.request(InputRequest::DeletePrevChar),
            TextEdit::Delete => self.request(InputRequest::DeleteNextChar),
            TextEdit::Left => self.request(InputRequest::GoToPrevChar),
            TextEdit::Right => self.request(InputRequest::GoToNextChar),
            TextEdit::Home if self.multiline => self.move_to_column(0, 0),
            TextEdit::End if self.multiline => self.move_to_column(0, usize::MAX),
            TextEdit::Home => self.request(InputRequest::GoToStart),
            TextEdit::End => self.request(InputRequest::GoToEnd),
            TextEdit::Newline if self.multiline => self.insert("\n"),
            TextEdit::Up if self.multiline => self.move_lines(-1),
            TextEdit::Down if self.multiline => self.move_lines(1),
            TextEdit::Newline | TextEdit::Up | TextEdit::Down => {}
        }
        before != self.input.value()
    }

    fn request(&mut self, req: InputRequest) {
        let _ = self.input.handle(req);
    }

    /// The cursor's line (0-based) and column, in characters.
    fn line_and_column(&self) -> (usize, usize) {
        let before: String = self.value().chars().take(self.cursor()).collect();
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, column)
    }

    /// To the line `by` lines away (kept within the text), at the same column or its end.
    fn move_lines(&mut self, by: isize) {
        let (line, column) = self.line_and_column();
        let last = self.value().matches('\n').count();
        let target = line.saturating_add_signed(by).min(last);
        if target != line {
            self.move_to_column(target as isize - line as isize, column);
        }
    }

    /// To `column` (or the line's end) of the line `by` lines from the cursor's.
    fn move_to_column(&mut self, by: isize, column: usize) {
        let (line, _) = self.line_and_column();
        let target = line.saturating_add_signed(by);
        let lines: Vec<&str> = self.value().split('\n').collect();
        let before: usize = lines
            .iter()
            .take(target)
            .map(|l| l.chars().count() + 1)
            .sum();
        let len = lines.get(target).map_or(0, |l| l.chars().count());
        let cursor = before + column.min(len);
        self.input = Input::new(self.value().to_string()).with_cursor(cursor);
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
        // Tabs become spaces; line breaks too, but in a field of several lines.
        let keep = self.multiline;
        let flat: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| match c {
                '\n' if keep => c,
                '\n' | '\t' => ' ',
                c => c,
            })
            .collect();
        // One character more than fits, to tell a cut from an exact fit (after NFC, which may
        // compose a typed accent with the letter before it).
        let wanted = text::clean(&flat, room.saturating_add(1), keep);
        let would_be = text::nfc(&format!("{}{wanted}{}", &value[..split], &value[split..]));
        self.lost = Loss {
            cut_at: (would_be.chars().count() > self.max).then_some(self.max),
            flattened: if keep {
                s.contains('\t')
            } else {
                s.contains(['\n', '\t'])
            },
            dropped: flat.chars().find(|c| *c != '\n' && safe::is_hidden(*c)),
        };
        let added = text::clean(&flat, room.max(1), keep);
        let head = text::nfc(&format!("{}{}", &value[..split], added));
        let whole = text::clean(&format!("{head}{}", &value[split..]), self.max, keep);
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
    fn what_a_paste_loses_is_told() {
        let mut f = Field::new("", 10);
        f.apply(TextEdit::Paste("a\u{202E}b\u{1b}[2J".into()));
        assert_eq!(f.value(), "ab[2J");
        let lost = f.lost().expect("a loss");
        assert_eq!((lost.cut_at, lost.dropped), (None, Some('\u{202E}')));
        f.apply(TextEdit::Insert('c'));
        assert_eq!(f.lost(), None, "a plain key loses nothing");
        f.apply(TextEdit::Paste("1234\n5".into()));
        assert_eq!(f.value(), "ab[2Jc1234");
        let lost = f.lost().expect("a loss");
        assert_eq!((lost.cut_at, lost.flattened), (Some(10), true));
        f.apply(TextEdit::Insert('x'));
        assert_eq!(
            f.lost().and_then(|l| l.cut_at),
            Some(10),
            "full: a key is refused"
        );
    }

    #[test]
    fn a_field_of_several_lines_keeps_its_breaks_and_moves_between_lines() {
        let mut f = Field::lines("", 200);
        for c in "Nhãn mới in".chars() {
            f.apply(TextEdit::Insert(c));
        }
        f.apply(TextEdit::Newline);
        f.apply(TextEdit::Paste("- chưa có mã QR\r\n- bao bì tốt".into()));
        assert_eq!(f.value(), "Nhãn mới in\n- chưa có mã QR\n- bao bì tốt");
        assert_eq!(f.lost(), None, "line breaks are kept, not flattened");
        // Up keeps the column; Home and End stay on the line.
        f.apply(TextEdit::Up);
        f.apply(TextEdit::Home);
        f.apply(TextEdit::Insert('*'));
        assert_eq!(f.value(), "Nhãn mới in\n*- chưa có mã QR\n- bao bì tốt");
        f.apply(TextEdit::Up);
        f.apply(TextEdit::End);
        f.apply(TextEdit::Insert('.'));
        assert!(f.value().starts_with("Nhãn mới in.\n"));
        f.apply(TextEdit::Down);
        f.apply(TextEdit::Down);
        f.apply(TextEdit::Down);
        f.apply(TextEdit::End);
        f.apply(TextEdit::Insert('!'));
        assert!(f.value().ends_with("bao bì tốt!"), "{}", f.value());
        // A typed accent composes; Backspace removes one letter, across a break too.
        f.apply(TextEdit::Newline);
        for c in "Che\u{300}".chars() {
            f.apply(TextEdit::Insert(c));
        }
        assert!(f.value().ends_with("!\nChè"));
        for _ in 0..4 {
            f.apply(TextEdit::Backspace);
        }
        assert!(f.value().ends_with("bao bì tốt!"));
        // One line's field still flattens a pasted break, and says so.
        let mut one = Field::new("", 50);
        one.apply(TextEdit::Paste("a\nb".into()));
        assert_eq!(one.value(), "a b");
        assert!(one.lost().is_some_and(|l| l.flattened));
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
