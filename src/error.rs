//! One error for every command: each module's typed error converts into it with `From`, keeps
//! its type until it is printed, is said in the language of `--lang` through `Say`, and
//! chooses the exit code (2 when another ocop holds the data folder, else 1).

use std::path::Path;

use ocop_domain::Lang;
use ocop_words::command::CommandWords;
use ocop_words::say::disk_full;
use ocop_words::{Said, Say};

/// Exit codes, as documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const WAITING: u8 = 3;
}

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Open(#[from] ocop_store::OpenError),
    #[error(transparent)]
    Store(#[from] ocop_store::StoreError),
    #[error(transparent)]
    Config(#[from] ocop_config::ConfigError),
    #[error(transparent)]
    Catalog(#[from] ocop_catalog::CatalogError),
    #[error(transparent)]
    Rubric(#[from] ocop_catalog::SheetRubricError),
    #[error(transparent)]
    Key(#[from] ocop_sign::KeyError),
    #[error(transparent)]
    Edit(#[from] ocop_domain::edit::EditError),
    #[error(transparent)]
    Write(#[from] ocop_export::folder::WriteError),
    #[error(transparent)]
    Read(#[from] ocop_export::scan::ReadError),
    #[error(transparent)]
    Certify(#[from] ocop_export::certificate::CertifyError),
    #[error(transparent)]
    Sync(#[from] ocop_transport::SyncError),
    #[error(transparent)]
    Target(#[from] ocop_transport::target::TargetError),
    #[error(transparent)]
    Receive(#[from] ocop_transport::receive::Stop),
    #[error(transparent)]
    Interface(#[from] ocop_tui::RunError),
    #[error(transparent)]
    Said(#[from] Said),
    /// Refused before anything ran, as a usage error: said in both languages.
    #[error("{0}")]
    Refused(Said),
    /// Reading or writing a file or the terminal; the sentence is the system's.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

/// Sentences for a command's error, in the language asked for, naming the data folder where
/// one is known (a full disk is said with it).
#[derive(Debug, Clone, Copy)]
pub struct Voice<'a> {
    pub lang: Lang,
    pub data_dir: Option<&'a Path>,
}

impl CommandError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Open(ocop_store::OpenError::Locked { .. }) => exit::USAGE,
            CommandError::Refused(_) => exit::USAGE,
            _ => exit::FAILED,
        }
    }

    /// `ocop rubric show 11 | head` closes the pipe early: that is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    fn said(&self) -> Option<&dyn Say> {
        Some(match self {
            CommandError::Open(e) => e,
            CommandError::Store(e) => e,
            CommandError::Config(e) => e,
            CommandError::Catalog(e) => e,
            CommandError::Rubric(e) => e,
            CommandError::Key(e) => e,
            CommandError::Edit(e) => e,
            CommandError::Write(e) => e,
            CommandError::Read(e) => e,
            CommandError::Certify(e) => e,
            CommandError::Sync(e) => e,
            CommandError::Target(e) => e,
            CommandError::Receive(e) => e,
            CommandError::Interface(e) => e,
            CommandError::Said(e) | CommandError::Refused(e) => e,
            CommandError::Io(_) | CommandError::Json(_) => return None,
        })
    }
}

impl Voice<'_> {
    /// The sentence for `e`.
    pub fn sentence(&self, e: &dyn Say) -> String {
        if e.disk_full() {
            return disk_full(self.lang, self.data_dir);
        }
        e.say(self.lang)
    }

    /// The sentence for a command's error.
    pub fn of(&self, e: &CommandError) -> String {
        match e.said() {
            Some(said) => self.sentence(said),
            // The system's own words (the operating system's, serde's): there are no others.
            None => e.to_string(),
        }
    }

    /// Prints `e` on stderr as `ocop: SENTENCE`.
    pub fn error(&self, e: &CommandError) {
        // The words may quote outside text (a file name, a principal): shown, never raw.
        let sentence = self.of(e);
        eprintln!("ocop: {}", ocop_domain::text::safe::shown(&sentence));
    }
}

/// An error that is only a sentence of the commands' words, in both languages.
pub fn said(f: impl Fn(&CommandWords) -> String) -> CommandError {
    CommandError::Said(Said::from_both(f))
}

#[cfg(test)]
mod tests;
