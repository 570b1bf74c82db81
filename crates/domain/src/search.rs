//! Matching as an assessor types: case and diacritics ignored, so `che cam my` finds
//! `Chè Cẩm Mỹ` and `d` finds `đ`.

use std::cmp::Reverse;

use unicode_normalization::UnicodeNormalization;

/// Lower case, without tone and vowel marks, `đ` as `d`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// A query: its words folded (what must match) and, those typed with marks, as typed in
/// lower case (what ranks an accent-exact match first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    folded: Vec<String>,
    typed: Vec<String>,
}

impl Query {
    pub fn new(typed: &str) -> Query {
        let lower: String = typed.nfc().flat_map(char::to_lowercase).collect();
        Query {
            folded: fold(typed).split_whitespace().map(str::to_string).collect(),
            // Only words typed with their marks rank by them: "tra" is not "trà" made exact.
            typed: lower
                .split_whitespace()
                .filter(|w| fold(w) != *w)
                .map(str::to_string)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// `folded` must already be folded (the list keeps a folded copy of each row).
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.folded
            .iter()
            .all(|word| folded.contains(word.as_str()))
    }

    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.matches_folded(&fold(text))
    }

    /// How well `text` answers the query, or `None` when some word is not in it: the best
    /// of several texts sorts first. `chè` puts "Chè tươi" before "sơ chế", then a word
    /// found whole before one found at a word's start before one found inside a word, then
    /// the match nearer the start, then the shorter text.
    pub fn rank(&self, text: &str) -> Option<Rank> {
        self.rank_folded(&fold(text), || text.to_string())
    }

    /// `rank`, for a text already folded (the list keeps a folded copy of each row); `text`
    /// gives it unfolded, asked only when a word was typed with its marks. A keystroke over
    /// ten thousand rows folds nothing.
    pub fn rank_folded(&self, folded: &str, text: impl FnOnce() -> String) -> Option<Rank> {
        let mut rank = Rank {
            exact: Reverse(0),
            whole: Reverse(0),
            starts: Reverse(0),
            at: usize::MAX,
            len: folded.len(),
        };
        for word in &self.folded {
            let found = Found::best(folded, word)?;
            rank.whole.0 += usize::from(found.whole);
            rank.starts.0 += usize::from(found.start);
            rank.at = rank.at.min(found.at);
        }
        if !self.typed.is_empty() {
            let lower: String = text().nfc().flat_map(char::to_lowercase).collect();
            rank.exact.0 = self
                .typed
                .iter()
                .filter(|w| lower.contains(w.as_str()))
                .count();
        }
        Some(rank)
    }

    /// The best rank among `texts` (a set's titles); `None` when no one of them holds every
    /// word (the set matched on its number or id).
    pub fn best<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Option<Rank> {
        texts.into_iter().filter_map(|t| self.rank(t)).min()
    }

    /// Sorts what matched best first, stably: the order they came in stays among equals, and
    /// those ranked `None` come last.
    pub fn sort<T>(&self, items: &mut [T], rank: impl Fn(&T) -> Option<Rank>) {
        if self.is_empty() {
            return;
        }
        items.sort_by_cached_key(|item| {
            let rank = rank(item);
            (rank.is_none(), rank)
        });
    }
}

/// A text's standing against a query; smaller is better (see `Query::rank`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    exact: Reverse<usize>,
    whole: Reverse<usize>,
    starts: Reverse<usize>,
    at: usize,
    len: usize,
}

/// The best place of one folded word in a folded text.
struct Found {
    whole: bool,
    start: bool,
    /// In bytes from the text's start.
    at: usize,
}

impl Found {
    fn best(text: &str, word: &str) -> Option<Found> {
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        text.match_indices(word)
            .map(|(i, _)| {
                let start = edge(text[..i].chars().next_back());
                let whole = start && edge(text[i + word.len()..].chars().next());
                Found {
                    whole,
                    start,
                    at: i,
                }
            })
            .min_by_key(|f| (!f.whole, !f.start, f.at))
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

    #[test]
    fn a_query_typed_with_its_accents_ranks_the_exact_word_first() {
        let q = Query::new("chè");
        let tea = q.rank("Chè tươi, chè chế biến").expect("tea");
        let rice = q.rank("Gạo, ngũ cốc, hạt sơ chế khác").expect("rice");
        assert!(tea < rice);
        // Without accents: the whole word at the start, then the shorter text.
        let q = Query::new("che");
        assert!(q.rank("Chè tươi, chè chế biến") < q.rank("Chế biến từ gạo, ngũ cốc"));
        assert!(q.rank("Chế biến từ gạo, ngũ cốc") < q.rank("Gạo, ngũ cốc, hạt sơ chế khác"));
        // A word found whole beats one found inside another ("co" in "con").
        let q = Query::new("do uong co con");
        assert!(q.rank("Đồ uống có cồn khác") < q.rank("Đồ uống không cồn khác"));
        assert_eq!(q.rank("Chè tươi"), None);
        // Typed without marks, a word is not exact anywhere: "tra" finds "trà" whole first.
        let q = Query::new("tra");
        assert!(q.rank("Sản phẩm trà từ thực vật khác") < q.rank("Thủ công (trang trí)"));
    }
}
