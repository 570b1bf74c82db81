//! Hidden characters in a rubric file: control characters, bidirectional overrides and
//! invisible format characters, written as they are or as TOML escapes (`\u202E`, `\e`). A
//! rubric's texts are shown to every assessor, so each one is a problem at its place, whether
//! in a text or in a comment (where an override can make the file read differently than it
//! parses). Line breaks and tabs are the file's layout and are allowed.

use ocop_domain::text::safe;
use ocop_words::{Words, words};

/// Each hidden character as (byte offset in `text`, message).
pub fn problems(text: &str) -> Vec<(usize, Words)> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some((_, '\\')) => {
                    chars.next();
                }
                Some((_, _)) => {
                    if let Some(e) = escaped(&text[at + 1..]).filter(|e| forbidden(*e)) {
                        found.push((at, message(e, true)));
                    }
                }
                None => {}
            }
        } else if forbidden(c) && !(c == '\r' && matches!(chars.peek(), Some((_, '\n')))) {
            found.push((at, message(c, false)));
        }
    }
    found
}

fn forbidden(c: char) -> bool {
    safe::is_hidden(c) && c != '\n' && c != '\t'
}

/// The character a TOML escape stands for; `after` starts after the backslash.
fn escaped(after: &str) -> Option<char> {
    let hex = |n: usize| {
        after
            .get(1..=n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    match after.chars().next()? {
        'u' => hex(4),
        'U' => hex(8),
        'x' => hex(2),
        'e' => Some('\u{1b}'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        _ => None,
    }
}

fn message(c: char, escape: bool) -> Words {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    let (kind_vi, kind_en) = if c.is_control() {
        ("một ký tự điều khiển", "a control character")
    } else if bidi {
        ("một ký tự điều khiển hướng chữ", "a bidirectional control")
    } else {
        ("một ký tự vô hình", "an invisible character")
    };
    let (written_vi, written_en) = match escape {
        true => (" (viết dạng thoát)", " (written as an escape)"),
        false => ("", ""),
    };
    let code = format!("U+{:04X}", u32::from(c));
    words!(
        "{code}{written_vi} là {kind_vi}: bộ tiêu chí không được chứa ký tự này, vì nó sẽ đến màn hình người chấm mà không thấy được hoặc đảo thứ tự chữ quanh nó",
        "{code}{written_en} is {kind_en}: a rubric may not hold one, since it would reach the assessor's screen hidden or reorder the text around it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_escaped_hidden_characters_are_found_where_they_are() {
        let text = "a = \"x\u{202E}y\"\r\nb = \"\\u001b[2J\"\n# \\\\u202E is text\nc = \"\\e\"\n";
        let found: Vec<usize> = problems(text).into_iter().map(|(at, _)| at).collect();
        assert_eq!(found, vec![6, 18, text.find("\\e").unwrap_or(0)]);
        assert!(problems("a = \"tab\\tand\\nline\"\r\n\tb = 1\n").is_empty());
    }
}
