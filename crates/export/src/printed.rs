//! The printable copy of an exported sheet revision, `<id>.r<rev>.html` beside its JSON: the
//! page of `print`, in Vietnamese (the official language of the record), naming the file it
//! was made from with its SHA-256 and the key that signed it. Sync writes it from the very
//! document it writes, `verify` rebuilds it from the document it reads, and `ocop print` of a
//! finished sheet gives the same bytes.

use crate::signature::SigFile;
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::rubric::Rubric;
use ocop_domain::score::{Score, score};
use ocop_domain::sheet::Sheet;
use ocop_print::{
    GENERATOR, LAYOUT, LAYOUTS, Prepared, Printable, Signature, Source, sheet_html_as,
};
use ocop_words::Words;
use ocop_words::words;

/// The suffix of the printable copy, in place of the document's `.json`.
pub const SUFFIX: &str = ".html";

/// `<id>.r<rev>.html` for the document named `<id>.r<rev>.json`.
pub fn html_name(document_name: &str) -> String {
    let stem = document_name.strip_suffix(".json").unwrap_or(document_name);
    format!("{stem}{SUFFIX}")
}

/// The page of a finished revision whose document has these bytes and this signature.
pub fn printed_html(
    rubric: &Rubric,
    sheet: &Sheet,
    document: &[u8],
    sig: Option<&str>,
    lang: Lang,
) -> String {
    let fingerprint = sig.and_then(ocop_sign::signer_fingerprint);
    let made = Scored {
        rubric,
        sheet,
        score: &score(rubric, sheet),
        prepared: None,
    };
    page(made, sha256_hex(document), fingerprint, (lang, LAYOUT))
}

/// A finished revision, scored on its rubric, with the rubric's text when it was prepared
/// for many pages.
#[derive(Clone, Copy)]
pub struct Scored<'a> {
    pub rubric: &'a Rubric,
    pub sheet: &'a Sheet,
    pub score: &'a Score,
    pub prepared: Option<&'a Prepared>,
}

/// The page of a finished revision whose file has the SHA-256 `sha256` (in hex), signed by
/// the key of `fingerprint`.
/// The page in `layout` (sync writes the latest, `LAYOUT`).
fn page(
    s: Scored,
    sha256: String,
    fingerprint: Option<String>,
    (lang, layout): (Lang, u32),
) -> String {
    let sheet = s.sheet;
    let signature = fingerprint.map(|fingerprint| Signature {
        principal: sheet.assessor_id.clone().unwrap_or_default(),
        fingerprint,
    });
    let source = Source {
        file: crate::folder::sheet_file_name(&sheet.id, sheet.revision),
        sha256,
    };
    let p = Printable {
        rubric: s.rubric,
        sheet,
        signature,
        source: Some(source),
        prepared: s.prepared,
    };
    sheet_html_as(&p, s.score, lang, layout)
}

/// The most a printable copy may weigh before `verify` refuses to read it whole: a page is
/// tens of kilobytes.
const MAX_BYTES: u64 = 4 << 20;

/// What `verify` has read of a sheet file: the SHA-256 of its bytes (in hex) and its `.sig`.
#[derive(Debug, Clone, Copy)]
pub struct Made<'a> {
    pub sha256: &'a str,
    pub sig: &'a SigFile,
}

/// What is wrong with the printable copy `name` beside a sheet file made into `sheet`, which
/// `read` reads (to at most the bytes it is given): it must be, byte for byte, the page made
/// from the file's document and signature. (A sheet exported before printable copies existed
/// has none, and that is no problem: the caller checks only a copy that is there.)
pub fn copy_problem(
    (name, read): (&str, impl FnOnce(u64) -> Result<Vec<u8>, Words>),
    made: Made,
    sheet: Scored,
) -> Option<Words> {
    let have = match read(MAX_BYTES) {
        Ok(have) => have,
        Err(why) => {
            return Some(why.map(|why, lang| match lang {
                Lang::Vi => format!("bản in {name} của nó {why}"),
                Lang::En => format!("its printable copy {name} {why}"),
            }));
        }
    };
    if let SigFile::Unreadable(e) = made.sig {
        return Some(words!(
            "không đọc được chữ ký của nó để kiểm tra {name}: {e}",
            "its signature cannot be read to check {name}: {e}"
        ));
    }
    let fingerprint = made.sig.fingerprint();
    // Checked against the layout it says it was made by, while this build still makes it.
    let said = layout_of(&have);
    let layout = said.filter(|n| LAYOUTS.contains(n)).unwrap_or(LAYOUT);
    let want = page(
        sheet,
        made.sha256.to_string(),
        fingerprint,
        (Lang::Vi, layout),
    );
    if have == want.as_bytes() {
        return None;
    }
    Some(match said {
        Some(n) if !LAYOUTS.contains(&n) => words!(
            "bản in {name} của nó được làm theo mẫu {n} của ocop print, còn ocop này làm mẫu \
             {LAYOUT}: không kiểm tra được ở đây",
            "its printable copy {name} was made by layout {n} of ocop print, and this ocop \
             makes layout {LAYOUT}: it cannot be checked here"
        ),
        _ => words!(
            "bản in {name} của nó không phải trang được làm từ nó (đã bị sửa sau khi đồng bộ)",
            "its printable copy {name} is not the page made from it (changed after sync)"
        ),
    })
}

/// The layout number a page says it was made by.
fn layout_of(page: &[u8]) -> Option<u32> {
    let head = String::from_utf8_lossy(&page[..page.len().min(512)]);
    let rest = head.split_once(GENERATOR)?.1;
    rest.split('"').next()?.parse().ok()
}
