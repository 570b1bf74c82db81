//! The rubrics the program knows: the 26 built-in sets compiled into the binary, and any
//! province variants read from a folder, which add sets or override a built-in one by id.
//! Rubric files are parsed when first asked for, so start-up does not pay for 26 of them.

pub mod builtin;
pub mod check;
pub mod format;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

use ocop_files::Links;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use check::Problem;
use ocop_domain::Lang;
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::Sheet;
use ocop_words::{Say, pick};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    #[error("cannot read the rubric folder {}: {source}", path.display())]
    ReadDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read the rubric file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", format_problems(file, problems, Lang::En))]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

/// Why the rubric a sheet was started on cannot be had.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetRubricError {
    #[error("the rubric of sheet {id} (sha256 {sha256}) is not stored")]
    Missing { id: String, sha256: String },
    #[error("the stored rubric of sheet {id} no longer parses")]
    Unparsable { id: String },
    #[error("cannot read the rubric of sheet {id}: {message}")]
    Unreadable { id: String, message: String },
}

impl Say for CatalogError {
    fn say(&self, lang: Lang) -> String {
        let vi = match self {
            CatalogError::ReadDir { path, source } => {
                format!(
                    "không đọc được thư mục bộ tiêu chí {}: {source}",
                    path.display()
                )
            }
            CatalogError::Read { path, source } => {
                format!(
                    "không đọc được tệp bộ tiêu chí {}: {source}",
                    path.display()
                )
            }
            // The lines name file, line and column; the problems themselves are the checker's.
            CatalogError::Invalid { file, problems } => format_problems(file, problems, lang),
        };
        pick(lang, vi, self.to_string())
    }
}

impl Say for SheetRubricError {
    fn say(&self, lang: Lang) -> String {
        let vi = match self {
            SheetRubricError::Missing { id, sha256 } => {
                format!("bộ tiêu chí của phiếu {id} (sha256 {sha256}) không được lưu")
            }
            SheetRubricError::Unparsable { id } => {
                format!("bộ tiêu chí đã lưu của phiếu {id} không còn đọc được")
            }
            SheetRubricError::Unreadable { id, message } => {
                format!("không đọc được bộ tiêu chí của phiếu {id}: {message}")
            }
        };
        pick(lang, vi, self.to_string())
    }
}

/// One line per problem, `FILE:LINE:COLUMN: message`, in `lang`.
pub fn format_problems(file: &str, problems: &[Problem], lang: Lang) -> String {
    problems
        .iter()
        .map(|p| format!("{file}:{}:{}: {}", p.line, p.column, p.message.said(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a rubric came from: shown by `ocop rubric list` and `ocop config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

struct Entry {
    id: String,
    origin: Origin,
    text: String,
    parsed: OnceLock<Result<Rubric, Vec<Problem>>>,
}

impl Entry {
    fn new(id: String, origin: Origin, text: String) -> Entry {
        Entry {
            id,
            origin,
            text,
            parsed: OnceLock::new(),
        }
    }

    fn rubric(&self) -> Result<&Rubric, CatalogError> {
        self.parsed
            .get_or_init(|| check::parse(&self.text))
            .as_ref()
            .map_err(|problems| CatalogError::Invalid {
                file: self.file_name(),
                problems: problems.clone(),
            })
    }

    fn file_name(&self) -> String {
        match &self.origin {
            Origin::BuiltIn => format!("rubrics/{}.toml", self.id),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// The largest rubric file read: the longest set's is about 40 kB.
pub const RUBRIC_MAX_BYTES: u64 = 4 << 20;

/// The sets available for new sheets, in set order; and the earlier editions of the built-in
/// files, found only by SHA-256.
pub struct Catalog {
    entries: Vec<Entry>,
    /// Each with the SHA-256 prefix its file is named by (`<id>.<12 hex>.toml`), so a lookup
    /// parses only the file it may be.
    superseded: Vec<(&'static str, Entry)>,
    /// Built-in sets a variant of the same id put out of place: no longer offered, but still
    /// found by SHA-256, so sheets scored on them are recognised (`by_sha256`).
    replaced: Vec<Entry>,
}

impl Catalog {
    pub fn builtin() -> Catalog {
        let entries = builtin::FILES
            .iter()
            .map(|(name, text)| {
                let id = name.trim_end_matches(".toml").to_string();
                Entry::new(id, Origin::BuiltIn, (*text).to_string())
            })
            .collect();
        let superseded = builtin::SUPERSEDED
            .iter()
            .map(|(name, text)| {
                let mut parts = name.split('.');
                let id = parts.next().unwrap_or(name).to_string();
                let prefix = parts.next().unwrap_or_default();
                (prefix, Entry::new(id, Origin::BuiltIn, (*text).to_string()))
            })
            .collect();
        Catalog {
            entries,
            superseded,
            replaced: Vec::new(),
        }
    }

    /// The built-in sets, with every `*.toml` in `dir` added or put in place of the built-in
    /// set of the same id. Every file is checked now: a broken variant is an error at start.
    pub fn with_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::builtin();
        for path in toml_files(dir)? {
            let read = ocop_files::read_to_string(&path, RUBRIC_MAX_BYTES, Links::Follow);
            let text = read.map_err(|e| CatalogError::Read {
                path: path.clone(),
                source: e.into_io(),
            })?;
            let rubric = check::parse(&text).map_err(|problems| CatalogError::Invalid {
                file: path.display().to_string(),
                problems,
            })?;
            catalog.put(rubric, Origin::File(path), text);
        }
        Ok(catalog)
    }

    fn put(&mut self, rubric: Rubric, origin: Origin, text: String) {
        let mut entry = Entry::new(rubric.id.clone(), origin, text);
        entry.parsed = OnceLock::from(Ok(rubric));
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(slot) => {
                let old = std::mem::replace(slot, entry);
                if matches!(old.origin, Origin::BuiltIn) {
                    self.replaced.push(old);
                }
            }
            None => self.entries.push(entry),
        }
        self.entries.sort_by_key(|e| {
            (
                e.rubric().map(|r| r.set_no).unwrap_or(u8::MAX),
                e.id.clone(),
            )
        });
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    pub fn get(&self, id: &str) -> Result<Option<&Rubric>, CatalogError> {
        match self.entries.iter().find(|e| e.id == id) {
            Some(e) => e.rubric().map(Some),
            None => Ok(None),
        }
    }

    /// Every set, parsed; the first broken one is an error.
    pub fn all(&self) -> Result<Vec<&Rubric>, CatalogError> {
        self.entries.iter().map(Entry::rubric).collect()
    }

    /// The file text of a set, as a sheet started on it stores it.
    pub fn text(&self, id: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.text.as_str())
    }

    pub fn origin(&self, id: &str) -> Option<&Origin> {
        self.entries.iter().find(|e| e.id == id).map(|e| &e.origin)
    }

    /// The rubric `sheet` was started on, so it is always scored on it: this catalog's file of
    /// that SHA-256 while it still ships one, else the text stored with the sheet, which
    /// `stored` reads (only when needed).
    pub fn rubric_of<E: std::fmt::Display>(
        &self,
        sheet: &Sheet,
        stored: impl FnOnce(&str) -> Result<Option<String>, E>,
    ) -> Result<Cow<'_, Rubric>, SheetRubricError> {
        let sha256 = &sheet.rubric_sha256;
        if let Some(rubric) = self.by_sha256(sha256) {
            return Ok(Cow::Borrowed(rubric));
        }
        let id = sheet.id.to_string();
        let text = stored(sha256)
            .map_err(|e| SheetRubricError::Unreadable {
                id: id.clone(),
                message: e.to_string(),
            })?
            .ok_or_else(|| SheetRubricError::Missing {
                id: id.clone(),
                sha256: sha256.clone(),
            })?;
        check::parse(&text)
            .map(Cow::Owned)
            .map_err(|_| SheetRubricError::Unparsable { id })
    }

    /// The set whose file has this SHA-256, if it is one of these or an earlier edition of a
    /// built-in file.
    pub fn by_sha256(&self, sha: &str) -> Option<&Rubric> {
        let earlier = self
            .superseded
            .iter()
            .filter(|(prefix, _)| sha.starts_with(prefix))
            .map(|(_, e)| e);
        self.entries
            .iter()
            .chain(&self.replaced)
            .chain(earlier)
            .filter_map(|e| e.rubric().ok())
            .find(|r| r.sha256 == sha)
    }
}

fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    let read = std::fs::read_dir(dir).map_err(|source| CatalogError::ReadDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_domain::sheet::{Header, SheetId};

    fn sheet_on(rubric: &Rubric, sha256: &str) -> Sheet {
        let id = SheetId::parse("01JD0000000000000000000000").expect("id");
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+07:00").expect("time");
        let mut sheet = Sheet::new(id, rubric, Header::default(), at);
        sheet.rubric_sha256 = sha256.to_string();
        sheet
    }

    #[test]
    fn earlier_editions_are_found_by_their_hash_and_never_offered() {
        let catalog = Catalog::builtin();
        assert!(!builtin::SUPERSEDED.is_empty());
        for (name, text) in builtin::SUPERSEDED {
            let sha = check::sha256_hex(text.as_bytes());
            let (id, prefix) = name.split_once('.').expect("id.hash.toml");
            assert_eq!(
                name,
                &format!("{id}.{}.toml", &sha[..12]),
                "named by its hash"
            );
            let found = catalog.by_sha256(&sha).expect("found by its hash");
            assert_eq!(
                (found.id.as_str(), &found.sha256[..12]),
                (id, &prefix[..12])
            );
            assert_ne!(
                catalog.get(id).expect("parses").map(|r| &r.sha256),
                Some(&sha)
            );
        }
        assert_eq!(
            catalog.ids().count(),
            26,
            "only the current editions are listed"
        );
    }

    #[test]
    fn a_sheet_keeps_its_own_rubric() {
        let catalog = Catalog::builtin();
        let tea = catalog
            .get("che-tuoi-che-bien")
            .expect("parses")
            .expect("tea");
        let never = |_: &str| -> Result<Option<String>, String> { panic!("not read") };
        let shipped = catalog
            .rubric_of(&sheet_on(tea, &tea.sha256), never)
            .expect("shipped");
        assert!(matches!(shipped, Cow::Borrowed(_)));
        let old = catalog
            .text("che-tuoi-che-bien")
            .expect("text")
            .replace("Chè tươi", "Chè xưa");
        let kept = catalog
            .rubric_of(&sheet_on(tea, "old"), |_| {
                Ok::<_, String>(Some(old.clone()))
            })
            .expect("stored");
        assert_eq!(kept.title_vi, "Chè xưa, chè chế biến");
        let gone = catalog.rubric_of(&sheet_on(tea, "old"), |_| Ok::<_, String>(None));
        assert!(matches!(gone, Err(SheetRubricError::Missing { .. })));
        let broken =
            catalog.rubric_of(&sheet_on(tea, "old"), |_| Ok::<_, String>(Some("x".into())));
        assert!(matches!(broken, Err(SheetRubricError::Unparsable { .. })));
    }
}
