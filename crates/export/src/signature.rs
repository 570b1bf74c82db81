//! Whose sheet is this: the signature beside a sheet file (`<file>.sig`, SSHSIG, namespace
//! `ocop-sheet`) checked against its bytes, and its key against the folder's roster. A sheet
//! counts for a council only when all of this holds; `verify` names whatever does not.

use std::path::Path;

use ocop_domain::Lang;
use ocop_files::{FileError, Links};

use signature::Verifier;
use ssh_key::{HashAlg, PublicKey, SshSig};

use crate::document::{canonical_bytes, sheet_document};
use crate::finding::{Link, Problem};
use crate::roster::Roster;
use ocop_catalog::check::sha256_hex;
use ocop_domain::audit::AuditEvent;
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::Sheet;
use ocop_sign::{KeyError, NAMESPACE, Signer};
use ocop_words::Words;
use ocop_words::words;

mod batch;
pub use batch::Batch;

/// Seals a sheet being finished: it takes the signer's principal as its `assessor_id` and,
/// when it amends revision N, the SHA-256 of N's file (`previous`, with N's own audit); then
/// its document (`audit` holds every event, the finishing one too) is signed. Returns the
/// armored signature that goes beside its file.
pub fn seal_sheet(
    signer: &Signer,
    principal: &str,
    rubric: &Rubric,
    sheet: &mut Sheet,
    previous: Option<&Sheet>,
    audit: &[AuditEvent],
) -> Result<String, KeyError> {
    sheet.assessor_id = Some(principal.to_string());
    sheet.supersedes_sha256 =
        previous.map(|p| sha256_hex(&canonical_bytes(&sheet_document(rubric, p, audit))));
    signer.sign(&canonical_bytes(&sheet_document(rubric, sheet, audit)))
}

/// The signature's file name beside a sheet file.
pub fn sig_name(sheet_file: &str) -> String {
    format!("{sheet_file}.sig")
}

/// What a sheet's signature proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seal {
    /// Signed by the key the roster gives to the sheet's `assessor_id`.
    Signed {
        principal: String,
        fingerprint: String,
    },
    /// No `.sig` beside it: finished before sheets were signed, or never signed.
    Unsigned,
    /// Signed, but the signature does not hold or its signer is not the sheet's member.
    Refused(Words),
}

impl Seal {
    pub fn is_signed(&self) -> bool {
        matches!(self, Seal::Signed { .. })
    }

    /// Why the sheet does not count, as one sentence; `None` when it is signed.
    pub fn reason(&self) -> Option<Words> {
        match self {
            Seal::Signed { .. } => None,
            Seal::Unsigned => Some(words!(
                "không có chữ ký (.sig) bên cạnh",
                "has no signature (.sig) beside it"
            )),
            Seal::Refused(why) => Some(why.clone()),
        }
    }
}

pub use crate::scan::SIG_MAX_BYTES;

/// The `.sig` beside a sheet file, read and parsed once for every check that needs it.
#[derive(Debug)]
pub enum SigFile {
    /// No `.sig` beside it.
    Absent,
    /// There, but it cannot be read (or is no regular file, or too large): why.
    Unreadable(Words),
    /// Read, but not an SSH signature.
    Unparsed,
    Parsed(Box<SshSig>),
}

impl SigFile {
    /// Reads and parses `<path>.sig`, if there.
    pub fn read(sheet_path: &Path) -> SigFile {
        let mut name = sheet_path.as_os_str().to_owned();
        name.push(".sig");
        let read = ocop_files::read(Path::new(&name), SIG_MAX_BYTES, Links::Refuse);
        SigFile::of_read(read)
    }

    /// What reading a `.sig` gave: absent, unreadable, or its text parsed.
    pub fn of_read(read: Result<Vec<u8>, FileError>) -> SigFile {
        match read {
            Ok(bytes) => SigFile::of(Some(&String::from_utf8_lossy(&bytes))),
            Err(e) if e.is_not_found() => SigFile::Absent,
            Err(e) => SigFile::Unreadable(crate::scan::refused(e)),
        }
    }

    /// An armored signature, or none.
    pub fn of(armored: Option<&str>) -> SigFile {
        match armored.map(SshSig::from_pem) {
            None => SigFile::Absent,
            Some(Ok(sig)) => SigFile::Parsed(Box::new(sig)),
            Some(Err(_)) => SigFile::Unparsed,
        }
    }

    /// `SHA256:…` of the key that made it, when it parses.
    pub fn fingerprint(&self) -> Option<String> {
        match self {
            SigFile::Parsed(sig) => Some(sig.public_key().fingerprint(HashAlg::Sha256).to_string()),
            _ => None,
        }
    }
}

/// A signed sheet file: its bytes, their SHA-256 when the reader has already taken it for the
/// `.sha256` beside it, and whether its signature holds when a `Batch` has already told.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub bytes: &'a [u8],
    pub sha256: Option<&'a [u8; 32]>,
    pub holds: Option<bool>,
}

impl Content<'_> {
    /// A file whose signature a batch has already checked: its bytes are not needed again.
    pub fn told(holds: bool) -> Content<'static> {
        Content {
            bytes: &[],
            sha256: None,
            holds: Some(holds),
        }
    }
}

/// Checks a sheet's signature (its `.sig`, read) over its file, and its signer against
/// `roster` and the sheet's `assessor_id`. Without a roster, a sound signature is still
/// refused: nothing says whose key it is.
pub fn seal_file(
    file: Content,
    assessor_id: Option<&str>,
    sig: &SigFile,
    roster: Option<&Roster>,
) -> Seal {
    let sig = match sig {
        SigFile::Absent => return Seal::Unsigned,
        SigFile::Unreadable(e) => {
            return Seal::Refused(e.map(|e, lang| match lang {
                Lang::Vi => format!("tệp .sig của nó: {e}"),
                Lang::En => format!("its .sig: {e}"),
            }));
        }
        SigFile::Unparsed => {
            return Seal::Refused(words!(
                "tệp .sig của nó không phải một chữ ký SSH",
                "its .sig is not an SSH signature"
            ));
        }
        SigFile::Parsed(sig) => sig,
    };
    let fingerprint = sig.public_key().fingerprint(HashAlg::Sha256).to_string();
    if sig.namespace() != NAMESPACE {
        // Outside text, quoted and escaped: a control character cannot reach the terminal.
        let namespace = format!("{:?}", sig.namespace());
        return Seal::Refused(words!(
            "chữ ký của nó dành cho namespace {namespace}, không phải {NAMESPACE}",
            "its signature is for namespace {namespace}, not {NAMESPACE}"
        ));
    }
    if !holds(sig, file) {
        return Seal::Refused(words!(
            "chữ ký của nó (khoá {fingerprint}) không khớp với nội dung: tệp đã bị sửa sau khi \
             ký, hoặc chữ ký là của một phiếu khác",
            "its signature (key {fingerprint}) does not match its content: the file was \
             changed after it was signed, or the signature is another sheet's"
        ));
    }
    let Some(roster) = roster else {
        return Seal::Refused(words!(
            "được ký bằng khoá {fingerprint}, không kiểm tra được: thư mục không có allowed_signers",
            "signed by key {fingerprint}, which cannot be checked: the folder has no allowed_signers"
        ));
    };
    member(assessor_id, sig.public_key(), &fingerprint, roster)
}

/// Whether `sig` (in namespace `ocop-sheet`) holds over the file, whoever made it. A signature
/// made over the file's SHA-256, as `sign::HASH` makes them, is checked against the digest the
/// reader already took, when it took one: the file is hashed once. One made over SHA-512
/// (`ssh-keygen`'s default) hashes the file.
fn holds(sig: &SshSig, file: Content) -> bool {
    if let Some(told) = file.holds {
        return told;
    }
    match (sig.hash_alg(), file.sha256) {
        (HashAlg::Sha256, Some(digest)) => {
            let data = signed_data(sig, digest);
            sig.public_key().verify(&data, sig.signature()).is_ok()
        }
        _ => PublicKey::from(sig.public_key().clone())
            .verify(NAMESPACE, file.bytes, sig)
            .is_ok(),
    }
}

/// What an SSHSIG signs (PROTOCOL.sshsig): the preamble, then the namespace, the reserved
/// field, the hash's name and the message's hash, each as an SSH string.
fn signed_data(sig: &SshSig, digest: &[u8; 32]) -> Vec<u8> {
    let mut data = b"SSHSIG".to_vec();
    let fields: [&[u8]; 4] = [
        sig.namespace().as_bytes(),
        sig.reserved(),
        sig.hash_alg().as_str().as_bytes(),
        digest,
    ];
    for field in fields {
        data.extend_from_slice(&(field.len() as u32).to_be_bytes());
        data.extend_from_slice(field);
    }
    data
}

/// The signer's place in the roster, against the sheet's `assessor_id`.
fn member(
    assessor_id: Option<&str>,
    key: &ssh_key::public::KeyData,
    fp: &str,
    roster: &Roster,
) -> Seal {
    if roster.is_revoked(key) {
        return Seal::Refused(words!(
            "được ký bằng khoá {fp}, khoá đã bị thu hồi trong revoked_keys",
            "signed by key {fp}, which revoked_keys revokes"
        ));
    }
    let principals = roster.principals_of(key);
    if principals.is_empty() {
        return Seal::Refused(words!(
            "được ký bằng khoá {fp}, khoá không có trong allowed_signers cho namespace {NAMESPACE}",
            "signed by key {fp}, which is not in allowed_signers for namespace {NAMESPACE}"
        ));
    }
    let Some(id) = assessor_id else {
        return Seal::Refused(words!(
            "không ghi assessor_id, nên không đối chiếu được người ký",
            "names no assessor_id, so its signer cannot be matched"
        ));
    };
    if !roster.allows(key, id) {
        let given = principals
            .iter()
            .map(|p| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Seal::Refused(words!(
            "được ký bằng khoá {fp}, khoá mà allowed_signers giao cho {given}, không phải cho \
             assessor_id {id:?} của phiếu",
            "signed by key {fp}, which allowed_signers gives to {given}, not to the sheet's \
             assessor_id {id:?}"
        ));
    }
    Seal::Signed {
        principal: id.to_string(),
        fingerprint: fp.to_string(),
    }
}

/// What `verify` says of the signature of a sheet file naming `assessor_id`, when it does not
/// count.
pub fn file_problem(
    file: Content,
    assessor_id: Option<&str>,
    sig: &SigFile,
    roster: Option<&Roster>,
) -> Option<Words> {
    // Without a roster the folder-wide line says so once; a sound signature is not repeated.
    match seal_file(file, assessor_id, sig, roster) {
        Seal::Refused(_) if roster.is_none() && sound(file, sig) => None,
        other => other.reason(),
    }
}

/// The signature holds over these bytes, whoever made it.
fn sound(file: Content, sig: &SigFile) -> bool {
    matches!(sig, SigFile::Parsed(sig) if sig.namespace() == NAMESPACE && holds(sig, file))
}

/// `chain_problem` for every document of a folder; `digest_of(link, r)` gives the SHA-256 of
/// revision `r` of `link`'s sheet, when the folder holds it.
pub fn chain_problems<'a>(
    links: &'a [Link],
    digest_of: impl Fn(&'a Link, u32) -> Option<&'a str>,
) -> Vec<Problem> {
    links
        .iter()
        .filter_map(|link| {
            let message = chain_problem(link, |r| digest_of(link, r))?;
            Some(Problem {
                path: link.path.clone(),
                message,
            })
        })
        .collect()
}

/// The amendment chain by content: revision N+1 carries the SHA-256 of revision N's file, so
/// a revision removed, replaced or altered after it was amended is found. `digest_of` gives
/// the SHA-256 of a revision's file in the folder, when it is there.
pub fn chain_problem<'a>(doc: &Link, digest_of: impl Fn(u32) -> Option<&'a str>) -> Option<Words> {
    let previous = doc.supersedes?;
    let Some(want) = doc.supersedes_sha256.as_deref() else {
        // Sheets finished before the chain existed carry no digest; a signed one must.
        return doc.signed_as.then(|| {
            words!(
                "sửa đổi phiên bản {previous} nhưng không mang SHA-256 của nó (supersedes_sha256)",
                "amends revision {previous} but does not carry its SHA-256 (supersedes_sha256)"
            )
        });
    };
    match digest_of(previous) {
        Some(have) if have == want => None,
        Some(have) => Some(words!(
            "sửa đổi phiên bản {previous} có sha256 {want}, nhưng sha256 của tệp đó là {have}",
            "amends revision {previous} with sha256 {want}, but that file's sha256 is {have}"
        )),
        None => None, // the plain chain check already says the revision is missing
    }
}
