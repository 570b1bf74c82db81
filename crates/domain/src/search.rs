//! Matching as an assessor types: case and diacritics ignored, so `che cam my` finds
//! `Chè Cẩm Mỹ` and `d` finds `đ`.

use unicode_normalization::UnicodeNormalization;

/// Lower case, without tone and vowel marks, `đ` as `d`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// A query split into folded words; every word must appear somewhere in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<String>);

impl Query {
    pub fn new(typed: &str) -> Query {
        Query(fold(typed).split_whitespace().map(str::to_string).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `folded` must already be folded (the list keeps a folded copy of each row).
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.0.iter().all(|word| folded.contains(word.as_str()))
    }

    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.matches_folded(&fold(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_case_are_ignored() {
        assert!(Query::new("che cam my").matches("Chè Cẩm Mỹ"));
        assert!(Query::new("d").matches("Đường phèn"));
        assert!(Query::new("ĐƯỜNG").matches("đường phèn"));
        assert!(Query::new("mỹ chè").matches("Chè Cẩm Mỹ"));
        assert!(!Query::new("che xanh").matches("Chè Cẩm Mỹ"));
    }

    #[test]
    fn combining_marks_match_precomposed() {
        assert!(Query::new("Che\u{300}").matches("Chè"));
    }
}
