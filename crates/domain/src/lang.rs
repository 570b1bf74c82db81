//! The two languages of everything a person reads, and the small trait by which a setting
//! whose value is one of a few names (a language, a theme) is read from text.

/// Vietnamese is the default language; English is the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A value chosen by name, as a flag, a variable or a config file writes it.
pub trait Named: Sized + Copy + 'static {
    /// Every value, in the order the help lists them.
    const ALL: &'static [Self];

    fn name(self) -> &'static str;

    /// The value of `text`, ignoring case.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.name().eq_ignore_ascii_case(text.trim()))
    }

    /// The names, as a sentence lists them: `vi, en`.
    fn names() -> String {
        Self::ALL
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Named for Lang {
    const ALL: &'static [Lang] = &[Lang::Vi, Lang::En];

    fn name(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}
