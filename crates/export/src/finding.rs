//! What `verify` finds, and what its checks of a folder keep of each sheet file: the types the
//! roster's, the signatures' and the folder's checks share.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::document::{Document, PreviousDoc};
use ocop_domain::Lang;
use ocop_words::Words;
use ocop_words::words;

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
    /// The product as the code's other sheets must name it too: its set and its name.
    pub set_id: String,
    pub product_name: String,
    pub previous: Option<PreviousDoc>,
    /// The SHA-256 of the file.
    pub sha256: String,
}

/// A product's name as two sheets of one product may both write it: spacing and letter case
/// aside.
pub fn same_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.join(" ").to_lowercase()
}

/// Every file whose product code another file gives to another product (another set, or
/// another name): the code is a conflict, and the council counts none of its sheets.
pub fn code_conflicts(links: &[Link]) -> Vec<Problem> {
    let mut by_code: std::collections::BTreeMap<&str, Vec<&Link>> = Default::default();
    for link in links.iter().filter(|l| !l.product_code.trim().is_empty()) {
        by_code
            .entry(link.product_code.as_str())
            .or_default()
            .push(link);
    }
    let variant = |l: &Link| (l.set_id.clone(), same_name(&l.product_name));
    let mut problems = Vec::new();
    for (code, group) in by_code {
        let Some(first) = group.first() else { continue };
        let Some(other) = group.iter().find(|l| variant(l) != variant(first)) else {
            continue;
        };
        for link in &group {
            let them = match variant(link) == variant(first) {
                true => other,
                false => first,
            };
            let (name, set) = (&them.product_name, &them.set_id);
            let file = them.path.file_name().unwrap_or_default().to_string_lossy();
            problems.push(Problem {
                path: link.path.clone(),
                message: words!(
                    "dùng chung mã sản phẩm {code:?} với một sản phẩm khác: {name:?} (bộ {set}), \
                     trong {file}; hội đồng không tính phiếu nào của mã này",
                    "shares its product code {code:?} with another product: {name:?} (set {set}), \
                     in {file}; the council counts no sheet of this code"
                ),
            });
        }
    }
    problems
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
            set_id: doc.rubric.set_id,
            product_name: doc.product.name,
            previous: doc.previous,
            sha256,
        }
    }
}
