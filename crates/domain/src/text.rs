//! Text as the assessor types and reads it: NFC, cut by display cells, bounded in length.

pub mod safe;

use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The most characters a note or comment keeps; a longer paste is cut, not refused.
pub const NOTE_MAX_CHARS: usize = 4000;
/// The most characters a one-line field keeps.
pub const FIELD_MAX_CHARS: usize = 200;

/// NFC, so that precomposed and combining input from different input methods compare equal.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// NFC, without control characters, bidirectional controls or invisible characters (see
/// `safe::is_hidden`: none of them belongs in a name, an address or a note, and each can make
/// a text read other than it is), at most `max` characters.
pub fn clean(s: &str, max: usize, keep_newlines: bool) -> String {
    let text: String = s
        .chars()
        .filter(|c| !safe::is_hidden(*c) || (keep_newlines && *c == '\n'))
        .take(max.saturating_mul(2))
        .collect();
    nfc(&text).chars().take(max).collect()
}

/// The text with its first letter in capitals: a sentence made to follow others, starting a
/// line ("đợt 2: …" → "Đợt 2: …").
pub fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` that fits in `cells` display cells, with `…` when cut.
pub fn fit(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cells - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The longest suffix of `s` that fits in `cells` display cells, after `…` when cut: a path
/// keeps its end, which names the folder.
pub fn fit_left(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > cells - 1 {
            break;
        }
        used += w;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// `s` padded with spaces to exactly `cells` cells (cut first if longer).
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = fit(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// `s` after as many spaces as make it `cells` cells wide (a column of numbers under a
/// heading); as it is when already wider.
pub fn pad_left(s: &str, cells: usize) -> String {
    let spaces = cells.saturating_sub(width(s));
    format!("{}{s}", " ".repeat(spaces))
}

/// Word-wrap to lines of at most `cells` cells; a word longer than a line is broken.
pub fn wrap(s: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            push_word(&mut lines, &mut line, word, cells);
        }
        lines.push(line);
    }
    lines
}

fn push_word(lines: &mut Vec<String>, line: &mut String, word: &str, cells: usize) {
    let sep = usize::from(!line.is_empty());
    if width(line) + sep + width(word) <= cells {
        if sep == 1 {
            line.push(' ');
        }
        line.push_str(word);
        return;
    }
    if !line.is_empty() {
        lines.push(std::mem::take(line));
    }
    for c in word.chars() {
        if width(line) + c.width().unwrap_or(0) > cells {
            lines.push(std::mem::take(line));
        }
        line.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_input_becomes_precomposed() {
        assert_eq!(nfc("Che\u{300}"), "Chè");
        assert_eq!(clean("a\u{1b}[2Jb", 10, false), "a[2Jb");
        assert_eq!(clean("An\u{202E}nA\u{200D}\u{FEFF}", 10, false), "AnnA");
    }

    #[test]
    fn fitting_counts_cells() {
        assert_eq!(fit("Chè Cẩm Mỹ", 20), "Chè Cẩm Mỹ");
        assert_eq!(fit("Chè Cẩm Mỹ", 5), "Chè …");
        assert_eq!(width(&pad("Mỹ", 6)), 6);
        assert_eq!(fit("漢字漢字", 5), "漢字…");
    }

    #[test]
    fn wrapping_keeps_words() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn a_pasted_megabyte_is_cut() {
        let big = "ạ".repeat(1_000_000);
        assert_eq!(
            clean(&big, NOTE_MAX_CHARS, true).chars().count(),
            NOTE_MAX_CHARS
        );
    }
}
