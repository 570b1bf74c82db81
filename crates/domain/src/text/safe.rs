//! How text from outside (the export folder, rubric files, the config file, pasted input) is
//! shown on a terminal or in a spreadsheet: the one place that decides which characters are
//! never passed on raw, and what is shown in their place.
//!
//! Passed on raw, a control character or an escape sequence (ESC, CSI, OSC, the C1 controls
//! U+0080–U+009F) is obeyed by the terminal: one planted name can clear an official's screen or
//! retitle the window. A bidirectional override or isolate reorders the text around it, and an
//! invisible format character (zero-width space, joiner, byte-order mark…) makes two different
//! names look the same. ratatui drops whole graphemes that hold a C0/C1 control, silently, but
//! passes format characters through; so the screens call this function too.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a terminal or a spreadsheet as it is: every control character
/// (C0, DEL, C1), the line and paragraph separators, and every invisible format character
/// (Unicode's `Cf`: bidirectional embeddings, overrides, marks and isolates, zero-width
/// characters, the byte-order mark, interlinear annotations, tag characters) and the Hangul
/// fillers, which draw as blanks.
pub fn is_hidden(c: char) -> bool {
    // Most text is ASCII or Vietnamese (U+00C0 to U+1EF9, none of it hidden): told in one or
    // two comparisons, it does not walk the list below; a page of a sheet asks of every letter.
    if c < '\u{7F}' {
        return c < ' ';
    }
    if ('\u{00AE}'..='\u{02FF}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
        return false;
    }
    matches!(
        c,
        // Unicode's `Cc`, the same set as `char::is_control`.
        '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether `s` holds a hidden character (a line break aside, when `newline_ok`). Only a
/// character whose first byte may start a hidden one (`suspect`) is read as a character:
/// Vietnamese (Latin letters, U+00C0 to U+1EF9) passes in one look at each byte, and so does
/// the rest of a line that has a `·` or a `→` in it.
fn has_hidden(s: &str, newline_ok: bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !suspect(b, i) {
            i += 1;
            continue;
        }
        // A suspect byte is ASCII or a lead byte: `i` is on a character boundary.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            i += 1;
            continue;
        };
        if is_hidden(c) && !(newline_ok && c == '\n') {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// Whether the character at byte `i` may be hidden, told from its first bytes: a C0 control
/// or DEL, or the start of the UTF-8 of a block where hidden characters are.
fn suspect(b: &[u8], i: usize) -> bool {
    match b[i] {
        // U+1000 to U+1FFF: only Hangul's fillers (U+115F, U+1160), Khmer's inherent vowels
        // (U+17B4, U+17B5) and Mongolian's selectors (U+180B to U+180F) hide.
        0xE1 => matches!(b.get(i + 1), Some(0x85 | 0x9E | 0xA0)),
        c => HIDING_BYTES[usize::from(c)],
    }
}

/// The bytes a hidden character's UTF-8 may start with: C0 controls and DEL themselves,
/// then the lead bytes of U+0080–U+00BF, U+0340–U+037F, U+0600–U+063F, U+06C0–U+073F,
/// U+0800–U+0FFF, U+2000–U+3FFF, U+F000–U+FFFF, and the planes beyond.
const HIDING_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let leads = [
        0x7F, 0xC2, 0xCD, 0xD8, 0xDB, 0xDC, 0xE0, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3,
    ];
    let mut i = 0;
    while i < leads.len() {
        table[leads[i]] = true;
        i += 1;
    }
    table
};

/// `s` as it may be shown on one line: every hidden character (see [`is_hidden`]) is replaced
/// by its code point in brackets, `<U+202E>`. That form, rather than a bare `�` or a dropped
/// character, is chosen for an official reading a table: it shows that something was there
/// that the eye would not see, it says exactly which character (the way Unicode's own tables
/// name it, so it can be looked up), and it cannot change the order or look of what follows.
/// Text without hidden characters is returned as it is, unallocated.
pub fn shown(s: &str) -> Cow<'_, str> {
    if !has_hidden(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` as it may be shown over several lines (a note, a comment): line breaks are kept, each
/// line is [`shown`].
pub fn shown_lines(s: &str) -> Cow<'_, str> {
    if !has_hidden(s, true) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<str>> = s.split('\n').map(shown).collect();
    Cow::Owned(lines.join("\n"))
}

/// `s` inside a JSON string: every hidden character as a `\uXXXX` escape (two for a character
/// beyond U+FFFF), so the JSON a command prints means exactly the same data and still shows
/// nothing raw on a terminal. serde_json already escapes C0 controls; it leaves C1 controls,
/// bidirectional overrides and invisible characters as they are.
pub fn json_escaped(s: &str) -> Cow<'_, str> {
    if !has_hidden(s, true) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 12);
    let mut units = [0u16; 2];
    for c in s.chars() {
        if c != '\n' && is_hidden(c) {
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first hidden character of `s`: its position in characters from 0, and the character.
pub fn first_hidden(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| is_hidden(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hidden_character_is_found_from_its_bytes() {
        let hidden = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_hidden(*c));
        for c in hidden {
            // After a suspect that is not hidden, too: `·` (U+00B7) and `→` start as some do.
            let text = format!("Chè · → {c} Cẩm Mỹ");
            let newline = c == '\n';
            assert!(has_hidden(&text, false), "U+{:04X}", u32::from(c));
            assert!(newline || has_hidden(&text, true), "U+{:04X}", u32::from(c));
        }
        assert!(!has_hidden("Chè Cẩm Mỹ, Đắk Lắk: 100 điểm · 5★ → ✗", false));
        assert!(!has_hidden("dòng một\ndòng hai", true));
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(shown("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
        assert_eq!(shown("\u{1b}]0;pwned\u{7}"), "<U+001B>]0;pwned<U+0007>");
        assert_eq!(shown("x\u{9b}2J"), "x<U+009B>2J");
        assert_eq!(shown("tab\there"), "tab<U+0009>here");
    }

    #[test]
    fn bidi_and_invisible_characters_are_shown() {
        assert_eq!(shown("abc\u{202E}fed"), "abc<U+202E>fed");
        for c in [
            '\u{202A}',
            '\u{202D}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200D}',
            '\u{200F}',
            '\u{2028}',
            '\u{2029}',
            '\u{FEFF}',
            '\u{E0041}',
            '\u{85}',
        ] {
            assert!(is_hidden(c), "{:04X}", u32::from(c));
            assert!(!shown(&format!("a{c}b")).contains(c));
        }
    }

    #[test]
    fn every_control_character_is_hidden() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(!c.is_control() || is_hidden(c), "{:04X}", u32::from(c));
        }
    }

    #[test]
    fn vietnamese_and_symbols_pass_untouched() {
        let s = "Chè Shan tuyết Mộc Châu — 5★ ⚠ 漢字 «x» ‘y’";
        assert!(matches!(shown(s), Cow::Borrowed(_)));
        assert_eq!(shown_lines("một\nhai\u{202E}"), "một\nhai<U+202E>");
        assert_eq!(first_hidden("ab\u{200B}"), Some((2, '\u{200B}')));
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string("a\u{202E}b\u{9b}c\u{E0041}").unwrap_or_default();
        let escaped = json_escaped(&json);
        assert_eq!(escaped, r#""a\u202eb\u009bc\udb40\udc41""#);
        let back: String = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, "a\u{202E}b\u{9b}c\u{E0041}");
    }
}
