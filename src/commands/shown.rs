//! The writer every command prints through: whatever a command writes, text from outside
//! included, reaches the terminal (or the pipe) with its hidden characters made visible by
//! `domain::text::safe`, so a path that forgot to call it cannot print them raw. Tables call
//! `safe::shown` themselves before padding, so that their columns stay aligned.

use std::io::{self, Write};

use ocop_domain::text::safe;

/// How hidden characters are made visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `<U+202E>`, for a person reading text.
    Text,
    /// `\u202e`, inside the strings of a JSON document: the same data for the tool that reads it.
    Json,
}

/// Wraps a writer. UTF-8 split across two writes is held back until it is whole; bytes that
/// are not UTF-8 at all are written as `�`.
pub struct Shown<W: Write> {
    inner: W,
    form: Form,
    pending: Vec<u8>,
}

impl<W: Write> Shown<W> {
    pub fn new(inner: W, form: Form) -> Shown<W> {
        Shown {
            inner,
            form,
            pending: Vec::new(),
        }
    }

    fn put(&mut self, text: &str) -> io::Result<()> {
        let shown = match self.form {
            Form::Text => safe::shown_lines(text),
            Form::Json => safe::json_escaped(text),
        };
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: Write> Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.put(text)?;
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.put(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // An incomplete character at the end: wait for the rest of it.
                        None => {
                            self.pending = bad.to_vec();
                            rest = &[];
                        }
                        Some(n) => {
                            self.put("\u{FFFD}")?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.put("\u{FFFD}")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(form: Form, parts: &[&[u8]]) -> String {
        let mut out = Shown::new(Vec::new(), form);
        for p in parts {
            out.write_all(p).unwrap_or_default();
        }
        String::from_utf8(out.inner).unwrap_or_default()
    }

    #[test]
    fn nothing_hidden_passes() {
        let text = "Chè\u{1b}]0;x\u{7}\n\u{202E}a\n";
        assert_eq!(
            through(Form::Text, &[text.as_bytes()]),
            "Chè<U+001B>]0;x<U+0007>\n<U+202E>a\n"
        );
        assert_eq!(through(Form::Json, &[b"\"\xe2\x80\xae\""]), "\"\\u202e\"");
    }

    #[test]
    fn a_character_split_between_writes_is_kept_whole() {
        let bytes = "ạ\u{202E}".as_bytes();
        assert_eq!(
            through(Form::Text, &[&bytes[..2], &bytes[2..4], &bytes[4..]]),
            "ạ<U+202E>"
        );
        assert_eq!(through(Form::Text, &[b"a\xffb"]), "a\u{FFFD}b");
    }
}
