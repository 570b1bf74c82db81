//! Whose sheet is this: the signature beside a sheet file (`<file>.sig`, SSHSIG, namespace
//! `ocop-sheet`) checked against its bytes, and its key against the folder's roster. A sheet
//! counts for a council only when all of this holds; `verify` names whatever does not.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use ssh_key::{HashAlg, PublicKey, SshSig};

use super::document::{Document, canonical_bytes, sheet_document};
use super::roster::Roster;
use super::verify::{Link, Problem};
use crate::catalog::check::sha256_hex;
use crate::domain::audit::AuditEvent;
use crate::domain::rubric::Rubric;
use crate::domain::sheet::Sheet;
use crate::sign::{KeyError, NAMESPACE, Signer};

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
    Refused(String),
}

impl Seal {
    pub fn is_signed(&self) -> bool {
        matches!(self, Seal::Signed { .. })
    }

    /// Why the sheet does not count, as one sentence; `None` when it is signed.
    pub fn reason(&self) -> Option<String> {
        match self {
            Seal::Signed { .. } => None,
            Seal::Unsigned => Some("has no signature (.sig) beside it".into()),
            Seal::Refused(why) => Some(why.clone()),
        }
    }
}

/// Reads `<path>.sig`, if there.
pub fn read_sig(sheet_path: &Path) -> io::Result<Option<String>> {
    let mut name = sheet_path.as_os_str().to_owned();
    name.push(".sig");
    match fs::read(Path::new(&name)) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Checks a sheet's armored signature over its file `bytes`, and its signer against `roster`
/// and the document's `assessor_id`. Without a roster, a sound signature is still refused:
/// nothing says whose key it is.
pub fn seal(bytes: &[u8], doc: &Document, sig: Option<&str>, roster: Option<&Roster>) -> Seal {
    seal_as(bytes, doc.assessor.id.as_deref(), sig, roster)
}

/// `seal` of a sheet whose `assessor_id` is `assessor_id`: what a reader that does not parse
/// the whole document (the council's) checks.
pub fn seal_as(
    bytes: &[u8],
    assessor_id: Option<&str>,
    sig: Option<&str>,
    roster: Option<&Roster>,
) -> Seal {
    let Some(sig) = sig else {
        return Seal::Unsigned;
    };
    let Ok(sig) = SshSig::from_pem(sig) else {
        return Seal::Refused("its .sig is not an SSH signature".into());
    };
    let fingerprint = sig.public_key().fingerprint(HashAlg::Sha256).to_string();
    if sig.namespace() != NAMESPACE {
        return Seal::Refused(format!(
            // Outside text, quoted and escaped: a control character cannot reach the terminal.
            "its signature is for namespace {:?}, not {NAMESPACE}",
            sig.namespace()
        ));
    }
    let key = PublicKey::from(sig.public_key().clone());
    if key.verify(NAMESPACE, bytes, &sig).is_err() {
        return Seal::Refused(format!(
            "its signature (key {fingerprint}) does not match its content: the file was \
             changed after it was signed, or the signature is another sheet's"
        ));
    }
    let Some(roster) = roster else {
        return Seal::Refused(format!(
            "signed by key {fingerprint}, which cannot be checked: the folder has no allowed_signers"
        ));
    };
    member(assessor_id, sig.public_key(), &fingerprint, roster)
}

/// The signer's place in the roster, against the sheet's `assessor_id`.
fn member(
    assessor_id: Option<&str>,
    key: &ssh_key::public::KeyData,
    fp: &str,
    roster: &Roster,
) -> Seal {
    if roster.is_revoked(key) {
        return Seal::Refused(format!("signed by key {fp}, which revoked_keys revokes"));
    }
    let principals = roster.principals_of(key);
    if principals.is_empty() {
        return Seal::Refused(format!(
            "signed by key {fp}, which is not in allowed_signers for namespace {NAMESPACE}"
        ));
    }
    let Some(id) = assessor_id else {
        return Seal::Refused("names no assessor_id, so its signer cannot be matched".into());
    };
    if !roster.allows(key, id) {
        return Seal::Refused(format!(
            "signed by key {fp}, which allowed_signers gives to {}, not to the sheet's \
             assessor_id {id:?}",
            principals
                .iter()
                .map(|p| format!("{p:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Seal::Signed {
        principal: id.to_string(),
        fingerprint: fp.to_string(),
    }
}

/// What `verify` says of a sheet file's signature, when it does not count.
pub fn file_problem(
    path: &Path,
    bytes: &[u8],
    doc: &Document,
    roster: Option<&Roster>,
) -> Option<String> {
    let sig = match read_sig(path) {
        Ok(sig) => sig,
        Err(e) => return Some(format!("its .sig cannot be read: {e}")),
    };
    // Without a roster the folder-wide line says so once; a sound signature is not repeated.
    match seal(bytes, doc, sig.as_deref(), roster) {
        Seal::Refused(_) if roster.is_none() && sound(bytes, sig.as_deref()) => None,
        other => other.reason(),
    }
}

/// The signature holds over these bytes, whoever made it.
fn sound(bytes: &[u8], sig: Option<&str>) -> bool {
    let Some(sig) = sig.and_then(|s| SshSig::from_pem(s).ok()) else {
        return false;
    };
    PublicKey::from(sig.public_key().clone())
        .verify(NAMESPACE, bytes, &sig)
        .is_ok()
}

/// `chain_problem` for every document of a folder; `digests` holds each file's SHA-256 by
/// sheet id and revision.
pub fn chain_problems(links: &[Link], digests: &BTreeMap<(String, u32), String>) -> Vec<Problem> {
    links
        .iter()
        .filter_map(|link| {
            let message = chain_problem(link, |r| digests.get(&link.key(r)).cloned())?;
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
pub fn chain_problem(doc: &Link, digest_of: impl Fn(u32) -> Option<String>) -> Option<String> {
    let previous = doc.supersedes?;
    let Some(want) = doc.supersedes_sha256.as_deref() else {
        // Sheets finished before the chain existed carry no digest; a signed one must.
        return doc.signed_as.then(|| {
            format!("amends revision {previous} but does not carry its SHA-256 (supersedes_sha256)")
        });
    };
    match digest_of(previous) {
        Some(have) if have == want => None,
        Some(have) => Some(format!(
            "amends revision {previous} with sha256 {want}, but that file's sha256 is {have}"
        )),
        None => None, // the plain chain check already says the revision is missing
    }
}
