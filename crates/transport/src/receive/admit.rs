//! What a receiver admits where its folder has a roster: only a revision that could count.
//! Its signature must hold under the roster principal that is its `assessor_id`, and an
//! amendment must follow the revision it names, there in the folder with the SHA-256 it
//! carries. A key that may only run `ocop receive` (a laptop's, stolen or not) can then add
//! its own member's sheets and nothing else: never another member's revision, never a
//! revision that takes the place of one that is not there.
//! The printable copy is made here from the admitted document, never taken from the peer.

use std::path::Path;

use ocop_catalog::Catalog;
use ocop_catalog::check::{sha256, sha256_hex};
use ocop_domain::Lang;
use ocop_export::document::Document;
use ocop_export::folder::{SHEETS, sheet_file_name};
use ocop_export::province::Pin;
use ocop_export::roster::Roster;
use ocop_export::scan::ReadError;
use ocop_export::signature::{self, Content, Seal, SigFile};
use ocop_files::Links;
use ocop_words::Words;
use ocop_words::words;

/// What the receiving folder requires of a revision.
pub struct Admission<'a> {
    dir: &'a Path,
    roster: Option<Roster>,
    catalog: &'a Catalog,
}

impl<'a> Admission<'a> {
    /// The folder's roster, read once per session (checked against `pin` when one is set).
    pub fn read(dir: &'a Path, catalog: &'a Catalog, pin: Option<&Pin>) -> Result<Self, ReadError> {
        Ok(Admission {
            dir,
            roster: Roster::read(dir, pin)?,
            catalog,
        })
    }

    /// Why `doc` (whose file has these bytes, signed by `sig`) cannot be admitted, if so.
    pub fn refusal(&self, doc: &Document, bytes: &[u8], sig: Option<&[u8]>) -> Option<Words> {
        let roster = self.roster.as_ref()?;
        let armored = sig.map(String::from_utf8_lossy);
        let sig = SigFile::of(armored.as_deref());
        let digest = sha256(bytes);
        let file = Content {
            bytes,
            sha256: Some(&digest),
            holds: None,
        };
        let id = doc.assessor.id.as_deref();
        match signature::seal_file(file, id, &sig, Some(roster)) {
            Seal::Signed { .. } => self.chain_refusal(doc),
            refused => refused.reason(),
        }
    }

    /// An amendment names the revision it follows, which must be here, unchanged.
    fn chain_refusal(&self, doc: &Document) -> Option<Words> {
        let n = doc.revision;
        if n == 1 && doc.supersedes.is_none() {
            return None;
        }
        let Some(previous) = doc.supersedes.filter(|p| *p < n) else {
            return Some(words!(
                "phiên bản {n} không thay thế một phiên bản trước nó",
                "revision {n} does not supersede an earlier revision"
            ));
        };
        let id = ocop_domain::sheet::SheetId::parse(&doc.sheet_id);
        let name = id.map(|id| sheet_file_name(&id, previous));
        let path = name.map(|name| self.dir.join(SHEETS).join(&doc.rubric.set_id).join(name));
        let max = ocop_export::scan::SHEET_FILE_MAX_BYTES;
        let read = |p: std::path::PathBuf| ocop_files::read(&p, max, Links::Refuse).ok();
        let have = path.and_then(read).map(|b| sha256_hex(&b));
        let Some(have) = have else {
            return Some(words!(
                "phiên bản {n} sửa đổi phiên bản {previous}, phiên bản này không có ở đây",
                "revision {n} amends revision {previous}, which is not here"
            ));
        };
        match doc.supersedes_sha256.as_deref() {
            Some(want) if want == have => None,
            want => {
                let want = want.unwrap_or("—");
                Some(words!(
                    "phiên bản {n} sửa đổi phiên bản {previous} có sha256 {want}, nhưng tệp ở đây \
                     có sha256 {have}",
                    "revision {n} amends revision {previous} with sha256 {want}, but the file here \
                     has sha256 {have}"
                ))
            }
        }
    }

    /// The printable copy of an admitted revision, made here; none when its rubric is not
    /// known here (the sheet is still taken; `verify` names the missing rubric).
    pub fn printed(&self, doc: &Document, bytes: &[u8], sig: Option<&[u8]>) -> Option<Vec<u8>> {
        let rubric = self.catalog.by_sha256(&doc.rubric.sha256)?;
        let sheet = ocop_export::verify::sheet_of(doc).ok()?;
        let sig = sig.map(String::from_utf8_lossy);
        let page =
            ocop_export::printed::printed_html(rubric, &sheet, bytes, sig.as_deref(), Lang::Vi);
        Some(page.into_bytes())
    }
}
