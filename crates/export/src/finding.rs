//! What `verify` finds, and what its checks of a folder keep of each sheet file: the types the
//! roster's, the signatures' and the folder's checks share.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::document::{Document, PreviousDoc};
use ocop_domain::Lang;
use ocop_words::Words;

/// One thing wrong with a file of the folder, said in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: Words,
}

impl Problem {
    /// `path: message`, in `lang`.
    pub fn said(&self, lang: Lang) -> String {
        format!("{}: {}", self.path.display(), self.message.said(lang))
    }
}

/// In Vietnamese, the default language.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(Lang::Vi))
    }
}

/// What the folder-wide checks (amendment chains, re-ratings) need of a sheet file, kept
/// instead of its whole document: a province's 100,000 documents do not fit in memory.
#[derive(Debug, Clone)]
pub struct Link {
    pub path: PathBuf,
    pub sheet_id: String,
    pub revision: u32,
    pub supersedes: Option<u32>,
    pub supersedes_sha256: Option<String>,
    /// It names an `assessor_id`: it was signed, so an amendment must carry its digest.
    pub signed_as: bool,
    pub product_code: String,
    pub previous: Option<PreviousDoc>,
    /// The SHA-256 of the file.
    pub sha256: String,
}

impl Link {
    pub fn of(path: &Path, doc: Document, sha256: String) -> Link {
        Link {
            path: path.to_path_buf(),
            sheet_id: doc.sheet_id,
            revision: doc.revision,
            supersedes: doc.supersedes,
            supersedes_sha256: doc.supersedes_sha256,
            signed_as: doc.assessor.id.is_some(),
            product_code: doc.product.code,
            previous: doc.previous,
            sha256,
        }
    }
}
