//! The province's key: the council's secretary signs the roster (`allowed_signers.sig`,
//! namespace `ocop-roster`) and every certificate (`<certificate>.json.sig`, namespace
//! `ocop-certificate`) with one key, and readers pin that key by its fingerprint
//! (`roster_key`, `--roster-key`, `OCOP_ROSTER_KEY`). With a pin, a roster or a certificate
//! the pinned key did not sign counts nothing; without one, anyone who can write the folder
//! can add a member or a certificate, and every reader says so.

use std::path::{Path, PathBuf};

use ocop_domain::Lang;
use ocop_files::Links;

use ssh_key::{HashAlg, PublicKey, SshSig};

use ocop_words::Words;
use ocop_words::words;

use crate::scan::SIG_MAX_BYTES;

/// The province key a reader trusts, by its `SHA256:…` fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// A pin as written in the settings: a `SHA256:…` fingerprint (as `ssh-keygen -l` and
    /// `ocop key` print it), or the public key itself (`ssh-ed25519 AAAA…`).
    pub fn parse(text: &str) -> Result<Pin, Words> {
        let text = text.trim();
        if let Ok(key) = PublicKey::from_openssh(text) {
            return Ok(Pin(key.fingerprint(HashAlg::Sha256).to_string()));
        }
        let digest = text.strip_prefix("SHA256:").unwrap_or_default();
        let base64 = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/';
        if digest.len() == 43 && digest.chars().all(base64) {
            return Ok(Pin(text.to_string()));
        }
        let shown = format!("{text:?}");
        Err(words!(
            "khoá tỉnh được ghim (roster_key) {shown} không phải một dấu vân tay SHA256:… hay \
             một khoá công khai OpenSSH",
            "the pinned province key (roster_key) {shown} is neither a SHA256:… fingerprint \
             nor an OpenSSH public key"
        ))
    }

    pub fn fingerprint(&self) -> &str {
        &self.0
    }
}

/// Whether the file at `path` carries, beside it (`<path>.sig`), a signature in `namespace`
/// by the pinned key over exactly `bytes`; why not, when it does not.
pub fn check(path: &Path, bytes: &[u8], namespace: &str, pin: &Pin) -> Result<(), Words> {
    let sig_path = sig_path(path);
    let want = pin.fingerprint();
    let read = ocop_files::read(&sig_path, SIG_MAX_BYTES, Links::Refuse);
    let armored = read.map(|b| String::from_utf8_lossy(&b).into_owned());
    let armored = armored.map_err(|e| {
        let why = crate::scan::refused(e);
        why.map(|why, lang| match lang {
            Lang::Vi => format!("không có chữ ký của khoá tỉnh ({want}) bên cạnh: tệp .sig {why}"),
            Lang::En => {
                format!("has no signature by the province key ({want}) beside it: its .sig {why}")
            }
        })
    })?;
    let sig = SshSig::from_pem(armored.trim()).map_err(|_| {
        words!(
            "tệp .sig của nó không phải một chữ ký SSH",
            "its .sig is not an SSH signature"
        )
    })?;
    let have = sig.public_key().fingerprint(HashAlg::Sha256).to_string();
    if have != want {
        return Err(words!(
            "được ký bằng khoá {have}, không phải khoá tỉnh được ghim {want}",
            "is signed by key {have}, not by the pinned province key {want}"
        ));
    }
    if sig.namespace() != namespace {
        let ns = format!("{:?}", sig.namespace());
        return Err(words!(
            "chữ ký của nó dành cho namespace {ns}, không phải {namespace}",
            "its signature is for namespace {ns}, not {namespace}"
        ));
    }
    PublicKey::from(sig.public_key().clone())
        .verify(namespace, bytes, &sig)
        .map_err(|_| {
            words!(
                "chữ ký của khoá tỉnh không khớp với nội dung: tệp đã bị sửa sau khi ký",
                "the province key's signature does not match its content: the file was \
                 changed after it was signed"
            )
        })
}

/// The signature's path beside a file.
pub fn sig_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// What every reader of a folder says when no province key is pinned.
pub fn unpinned() -> Words {
    words!(
        "chưa ghim khoá tỉnh (roster_key, --roster-key, OCOP_ROSTER_KEY): ai ghi được thư mục \
         này đều có thể thêm một thành viên vào allowed_signers hay một giấy chứng nhận",
        "no province key is pinned (roster_key, --roster-key, OCOP_ROSTER_KEY): anyone who \
         can write this folder can add a member to allowed_signers, or a certificate"
    )
}
