//! A rubric's own text as every page of it prints it, escaped once. `verify` rebuilds the page
//! of each of a province's 100,000 sheets on a few dozen rubrics: escaping the same criteria
//! anew on every page was a tenth of its time. A page made with or without it is the same.

use super::page::escape_into;
use ocop_domain::Lang;
use ocop_domain::rubric::{Choice, Rubric, pick};

pub struct Prepared {
    /// The rubric and language it was made for: a page of another is made without it.
    sha256: String,
    lang: Lang,
    /// By criterion, in the rubric's order: its text, then each option's.
    criteria: Vec<(String, Vec<String>)>,
}

impl Prepared {
    pub fn of(rubric: &Rubric, lang: Lang) -> Prepared {
        let escaped = |s: &str| {
            let mut out = String::with_capacity(s.len());
            escape_into(s, &mut out);
            out
        };
        let option = |o: &Choice| escaped(pick(&o.text_vi, o.text_en.as_deref(), lang));
        let criteria = rubric
            .criteria
            .iter()
            .map(|c| {
                (
                    escaped(c.text(lang)),
                    c.options.iter().map(option).collect(),
                )
            })
            .collect();
        Prepared {
            sha256: rubric.sha256.clone(),
            lang,
            criteria,
        }
    }

    /// Whether it holds the text of `rubric` in that language.
    pub(super) fn fits(&self, rubric: &Rubric, lang: Lang) -> bool {
        self.lang == lang
            && self.sha256 == rubric.sha256
            && self.criteria.len() == rubric.criteria.len()
    }

    /// The text of the rubric's criterion number `i` (from 0).
    pub(super) fn criterion(&self, i: usize) -> &str {
        self.criteria.get(i).map_or("", |(text, _)| text)
    }

    /// The text of option `option` (from 1) of criterion number `i`, when it has one.
    pub(super) fn option(&self, i: usize, option: u8) -> Option<&str> {
        let options = &self.criteria.get(i)?.1;
        options
            .get(usize::from(option).wrapping_sub(1))
            .map(String::as_str)
    }
}
