//! Each screen's keys, in one table per screen: the keys, the message each sends, and what
//! the help and the footer call them in both languages. The keymap, the footer line and the
//! help screen are all read from these tables, so adding a key is one line of one table, and
//! a binding without its English or Vietnamese words does not build.

mod popup;
mod screens;
mod sheet;

use crossterm::event::KeyCode;

use super::msg::Msg;
use super::state::{Page, Popup, Purpose, Screen, State};
use ocop_domain::Lang;

/// A key as a table names it: a key code, with or without Ctrl (Shift is part of the
/// character: `R`, `?`, `:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// A label in both languages: a struct literal, so neither can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub vi: &'static str,
    pub en: &'static str,
}

pub const fn w(vi: &'static str, en: &'static str) -> Words {
    Words { vi, en }
}

/// The same word in both languages (a key's name).
pub const fn same(both: &'static str) -> Words {
    Words { vi: both, en: both }
}

impl Words {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// Which sheets a binding is offered on, in the help and the footer. A key is still read on
/// the others, so that the update can say why it does nothing there ("read only").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Any,
    Draft,
    Finished,
    /// A draft re-rating a product: the earlier sheet stands beside each criterion.
    Rerate,
    /// A draft that is not a re-rating (the footer has room for other keys there).
    Fresh,
}

/// What the screen shows: a draft or a finished sheet, a re-rating or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mode {
    pub finished: bool,
    pub rerate: bool,
}

impl On {
    pub fn holds(self, mode: Mode) -> bool {
        match self {
            On::Any => true,
            On::Draft => !mode.finished,
            On::Finished => mode.finished,
            On::Rerate => !mode.finished && mode.rerate,
            On::Fresh => !mode.finished && !mode.rerate,
        }
    }
}

const HELP_KEY: &[(Key, Msg)] = &[(ch('?'), Msg::Help)];

/// The keys most screens share.
const CHOOSE: &[(Key, Msg)] = &[
    (key(KeyCode::Up), Msg::Up),
    (ch('k'), Msg::Up),
    (key(KeyCode::Down), Msg::Down),
    (ch('j'), Msg::Down),
];
const ENTER: &[(Key, Msg)] = &[(key(KeyCode::Enter), Msg::Enter)];
const ESC: &[(Key, Msg)] = &[(key(KeyCode::Esc), Msg::Back)];

/// One line of the help: the keys it reads and what each sends, how the help names them,
/// and the footer's words for it where the footer names it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Empty for the text typed into the screen's field.
    pub keys: &'static [(Key, Msg)],
    pub shown: Words,
    /// `None` only for what the help lists among the keys of every screen (`?`), and for a
    /// footer's label that is no key ("read only").
    pub does: Option<Words>,
    pub on: On,
    pub footer: Option<(Words, On)>,
}

impl Binding {
    pub const fn new(keys: &'static [(Key, Msg)], shown: Words, does: Words) -> Binding {
        Binding {
            keys,
            shown,
            does: Some(does),
            on: On::Any,
            footer: None,
        }
    }

    /// `?` on a screen: the help lists it once, among the keys of every screen.
    pub const fn help(footer: Words, on: On) -> Binding {
        Binding {
            keys: HELP_KEY,
            shown: same("?"),
            does: None,
            on,
            footer: Some((footer, on)),
        }
    }

    /// A footer's word that names no key.
    pub const fn label(footer: Words, on: On) -> Binding {
        Binding {
            keys: &[],
            shown: same(""),
            does: None,
            on,
            footer: Some((footer, on)),
        }
    }

    pub const fn on(mut self, on: On) -> Binding {
        self.on = on;
        self
    }

    /// Named in the footer wherever the binding is offered.
    pub const fn foot(mut self, words: Words) -> Binding {
        self.footer = Some((words, self.on));
        self
    }

    /// Named in the footer only on these sheets.
    pub const fn foot_on(mut self, words: Words, on: On) -> Binding {
        self.footer = Some((words, on));
        self
    }

    fn sends(&self, pressed: Key) -> Option<&Msg> {
        self.keys
            .iter()
            .find(|(k, _)| *k == pressed)
            .map(|(_, m)| m)
    }
}

/// A screen's bindings; `typing` when keys not in the table edit the screen's text field.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub bindings: &'static [Binding],
    pub typing: bool,
}

impl Table {
    /// The message a key sends here, if the table reads it.
    pub fn msg(&self, pressed: Key) -> Option<Msg> {
        self.bindings.iter().find_map(|b| b.sends(pressed)).cloned()
    }

    /// The help's lines for this mode: keys as named, and what they do.
    pub fn help(&self, mode: Mode, lang: Lang) -> Vec<(&'static str, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.on.holds(mode))
            .filter_map(|b| b.does.map(|d| (b.shown.get(lang), d.get(lang))))
            .collect()
    }

    /// The footer line for this mode; `{n}` stands for the number of options.
    pub fn footer(&self, mode: Mode, lang: Lang) -> String {
        let parts: Vec<&str> = self
            .bindings
            .iter()
            .filter_map(|b| b.footer)
            .filter(|(_, on)| on.holds(mode))
            .map(|(words, _)| words.get(lang))
            .collect();
        parts.join(" · ")
    }
}

/// The keys of every screen, listed last in every help.
pub const EVERYWHERE: Table = Table {
    typing: false,
    bindings: &[
        Binding::new(
            &[(key(KeyCode::F(1)), Msg::Help)],
            same("? F1"),
            w("trợ giúp", "help"),
        ),
        Binding::new(
            &[(ctrl('c'), Msg::Quit)],
            same("Ctrl-C"),
            w("thoát ở bất kỳ đâu (đã lưu)", "quit from anywhere (saved)"),
        ),
        Binding::new(
            &[(ctrl('z'), Msg::Suspend)],
            same("Ctrl-Z"),
            w(
                "tạm dừng, về shell (đã lưu; fg để quay lại)",
                "suspend to the shell (saved; fg returns)",
            ),
        ),
    ],
};

/// The table that has the keys now, and the mode of what it shows: the popup on top, else the
/// screen.
pub fn context(state: &State) -> (Table, Mode) {
    match &state.popup {
        Some(popup) => (popup_table(popup), Mode::default()),
        None => screen_keys(state),
    }
}

/// The screen's table under any popup (the footer names its keys), and its mode: a field being
/// typed into has its own.
pub fn screen_keys(state: &State) -> (Table, Mode) {
    match &state.screen {
        Screen::List(l) if l.searching => (screens::SEARCH, Mode::default()),
        Screen::List(_) => (screens::LIST, Mode::default()),
        Screen::PickSet(_) => (screens::PICK, Mode::default()),
        Screen::Header(_) => (screens::FORM, Mode::default()),
        Screen::Council(_) => (screens::COUNCIL, Mode::default()),
        Screen::Sheet(v) => {
            let mode = Mode {
                finished: v.read_only(),
                rerate: v.earlier.is_some(),
            };
            let table = match v.page {
                Page::Scoring if v.note.is_some() => sheet::NOTE,
                Page::Scoring if v.resumed => sheet::RESUMED,
                Page::Scoring => sheet::SCORING,
                Page::Review { .. } => sheet::REVIEW,
                Page::Plan { .. } => sheet::PLAN,
            };
            (table, mode)
        }
    }
}

pub fn popup_table(popup: &Popup) -> Table {
    match popup {
        Popup::Help => popup::HELP,
        Popup::Confirm(_) => popup::CONFIRM,
        Popup::Case(_) => popup::CASE,
        // The assessor's name cannot be skipped: no Esc offered.
        Popup::Prompt(p) if p.purpose == Purpose::Assessor => popup::PROMPT_REQUIRED,
        Popup::Prompt(p) if p.purpose == Purpose::Comment => popup::COMMENT,
        Popup::Prompt(_) => popup::PROMPT,
    }
}

/// Every table, for the tests that hold them to their promises.
#[cfg(test)]
pub const ALL: &[(&str, Table)] = &[
    ("list", screens::LIST),
    ("search", screens::SEARCH),
    ("pick", screens::PICK),
    ("form", screens::FORM),
    ("council", screens::COUNCIL),
    ("scoring", sheet::SCORING),
    ("note", sheet::NOTE),
    ("resumed", sheet::RESUMED),
    ("review", sheet::REVIEW),
    ("plan", sheet::PLAN),
    ("confirm", popup::CONFIRM),
    ("case", popup::CASE),
    ("prompt", popup::PROMPT),
    ("comment", popup::COMMENT),
    ("prompt_required", popup::PROMPT_REQUIRED),
];

#[cfg(test)]
mod tests;
