//! The HTML being built: a string that takes markup only from this crate's own literals and
//! every outside text (names, notes, reasons, rubric text) through `text`, which escapes it
//! for HTML and shows hidden characters (bidirectional controls and the like) as `shown` does,
//! so nothing on paper differs from what the record holds.

use ocop_domain::text::safe::{shown, shown_lines};

#[derive(Debug, Default)]
pub struct Page(String);

impl Page {
    /// An empty page with room for a whole sheet (tens of kilobytes), so it grows once or not.
    pub fn new() -> Page {
        Page(String::with_capacity(48 * 1024))
    }

    /// Markup written by this crate; never outside text.
    pub fn raw(&mut self, markup: &str) -> &mut Page {
        self.0.push_str(markup);
        self
    }

    /// Outside text on one line, escaped.
    pub fn text(&mut self, s: &str) -> &mut Page {
        escape_into(&shown(s), &mut self.0);
        self
    }

    /// Rubric text already escaped by `escape_into` (a `Prepared`'s): a rubric holding a
    /// hidden character never loads (`catalog::check`), so it is not searched for one again.
    pub fn escaped(&mut self, s: &str) -> &mut Page {
        self.0.push_str(s);
        self
    }

    /// Outside text that may hold line breaks (a note, the comments), escaped.
    pub fn lines(&mut self, s: &str) -> &mut Page {
        escape_into(&shown_lines(s), &mut self.0);
        self
    }

    /// `<tag class="class">text</tag>`, the text escaped.
    pub fn el(&mut self, tag: &str, class: &str, s: &str) -> &mut Page {
        self.open(tag, class).text(s).close(tag)
    }

    pub fn open(&mut self, tag: &str, class: &str) -> &mut Page {
        self.0.push('<');
        self.0.push_str(tag);
        if !class.is_empty() {
            self.0.push_str(" class=\"");
            self.0.push_str(class);
            self.0.push('"');
        }
        self.raw(">")
    }

    pub fn close(&mut self, tag: &str) -> &mut Page {
        self.raw("</").raw(tag).raw(">")
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Escapes the five characters HTML gives meaning to, in text and in quoted attributes. The
/// text between them is copied in one piece: `verify` prints thousands of pages.
pub fn escape_into(s: &str, out: &mut String) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if !SPECIAL[usize::from(b)] {
            continue;
        }
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // The five are ASCII, so `i` is on a character boundary.
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// The bytes `escape_into` replaces: one look each, for a page's tens of kilobytes of text.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_text_cannot_make_markup() {
        let mut page = Page::default();
        page.text("<script>alert('x')</script> & \"Chè\"");
        let html = page.into_string();
        assert_eq!(
            html,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Chè&quot;"
        );
    }

    #[test]
    fn hidden_characters_are_shown_not_kept() {
        let mut page = Page::default();
        page.text("Chè\u{202E}gnahT");
        let html = page.into_string();
        assert_eq!(html, "Chè&lt;U+202E&gt;gnahT");
    }
}
