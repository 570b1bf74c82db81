//! Every sentence the program says to a person, in Vietnamese (the default) and English.
//!
//! - `screen`: the interface's words, one table per language, so a missing entry does not build.
//! - `plan`, `rerate`, `report`, `labels`: the plan, the re-rating, the council report and a
//!   sheet on paper or in the terminal (`ocop show`, `ocop rubric show`).
//! - `command`, `due`, `key`, `takeover`: the headless commands' sentences, and what is said
//!   on the plain terminal before the interface starts.
//! - `Words`: one sentence in both languages, made where the fact is found (`words!`): a
//!   finding of `verify`, a problem of the rubric checker.
//! - `Say`: what every error enum implements beside its English `Display`; `Said`, an error
//!   that is only a sentence.

pub mod command;
pub mod due;
pub mod key;
pub mod labels;
pub mod plan;
pub mod report;
pub mod rerate;
pub mod say;
pub mod screen;
pub mod selfassess;
pub mod takeover;
pub mod terms;

pub use ocop_domain::Lang;
pub use say::{Said, Say, pick};

use std::fmt;

/// A sentence for a person, in both of the program's languages. `verify` and `council` find
/// what is wrong with a file where the fact is known, deep in the reading; the command says it
/// in the language asked for (Vietnamese unless `--lang en`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub vi: String,
    pub en: String,
}

impl Words {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Words {
        Words {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn said(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Each language's sentence made from this one's.
    pub fn map(&self, f: impl Fn(&str, Lang) -> String) -> Words {
        Words {
            vi: f(&self.vi, Lang::Vi),
            en: f(&self.en, Lang::En),
        }
    }
}

/// In JSON and CSV, for other tools, the English sentence: it does not change with `--lang`,
/// as the keys and column names do not.
impl serde::Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

/// Vietnamese, the default language.
impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// `words!("… {x} …", "… {x} …")`: the Vietnamese and English sentences, each formatted.
#[macro_export]
macro_rules! words {
    ($vi:literal, $en:literal $(,)?) => {
        $crate::Words {
            vi: format!($vi),
            en: format!($en),
        }
    };
}
