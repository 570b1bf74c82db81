//! The HTML being built: a string that takes markup only from this crate's own literals and
//! every outside text (names, notes, reasons, rubric text) through `text`, which escapes it
//! for HTML and shows hidden characters (bidirectional controls and the like) as `shown` does,
//! so nothing on paper differs from what the record holds.

use crate::domain::text::safe::{shown, shown_lines};

#[derive(Debug, Default)]
pub struct Page(String);

impl Page {
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
        match class {
            "" => self.raw(&format!("<{tag}>")),
            _ => self.raw(&format!("<{tag} class=\"{class}\">")),
        }
    }

    pub fn close(&mut self, tag: &str) -> &mut Page {
        self.raw(&format!("</{tag}>"))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Escapes the five characters HTML gives meaning to, in text and in quoted attributes.
pub fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

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
