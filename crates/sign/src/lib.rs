//! The assessor's signing key and the signature of a finished sheet, in OpenSSH's own format
//! (SSHSIG, as `ssh-keygen -Y sign` writes it), namespace `ocop-sheet`: the office checks a
//! sheet with the tools it already has. The key is an Ed25519 OpenSSH key: one made on the
//! first start beside the data (`ocop_ed25519`, 0600), or any key given as `signing_key`. When
//! an ssh-agent (`SSH_AUTH_SOCK`) holds it, the agent signs, so with `ssh -A` the private key
//! stays on the assessor's own laptop and `signing_key` may name only its `.pub`.

mod agent;
mod key;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use ocop_domain::Lang;
use ocop_words::{Say, pick};
use ssh_key::{HashAlg, LineEnding, PublicKey, SshSig};

pub use key::{DEFAULT_KEY, demo_signer, ensure_default, load, public_of, seeded};

/// The SSHSIG namespace of a sheet signature; `allowed_signers` lines name it.
pub const NAMESPACE: &str = "ocop-sheet";
/// The namespace of the province's signature over the council's roster (`allowed_signers.sig`).
pub const ROSTER_NAMESPACE: &str = "ocop-roster";
/// The namespace of the province's signature over a certificate (`<certificate>.json.sig`).
pub const CERTIFICATE_NAMESPACE: &str = "ocop-certificate";

/// The hash a signature is made over. SHA-256, which `ssh-keygen -Y verify` accepts as it does
/// its default SHA-512: it is the digest a sheet's `.sha256` already names, so a reader that
/// checks both hashes the file once (`sync::signature::holds`), and the processors of recent
/// years compute it in hardware.
pub const HASH: HashAlg = HashAlg::Sha256;

/// Why a key cannot be loaded or cannot sign. Every message is a sentence naming the key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("cannot read the signing key {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the signing key {} is not an OpenSSH key: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("the signing key {} is {algorithm}; ocop signs with Ed25519 keys only", path.display())]
    NotEd25519 { path: PathBuf, algorithm: String },
    #[error(
        "the signing key {} is protected by a passphrase and no ssh-agent holds it: run \
         `ssh-add {}` (or connect with `ssh -A` from where it is loaded), then try again",
        path.display(), path.display()
    )]
    Encrypted { path: PathBuf },
    #[error(
        "{} is a public key, and no ssh-agent (SSH_AUTH_SOCK) holds its private key: load it \
         with `ssh-add` where it is kept and connect with `ssh -A`",
        path.display()
    )]
    NoAgentForPublic { path: PathBuf },
    #[error("cannot make the signing key {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the ssh-agent at {} did not sign: {message}", socket.display())]
    Agent { socket: PathBuf, message: String },
    #[error("the sheet could not be signed: {message}")]
    Sign { message: String },
}

impl Say for KeyError {
    fn say(&self, lang: Lang) -> String {
        let vi = match self {
            KeyError::Read { path, source } => {
                format!("không đọc được khoá ký {}: {source}", path.display())
            }
            KeyError::Invalid { path, message } => {
                format!(
                    "khoá ký {} không phải khoá OpenSSH: {message}",
                    path.display()
                )
            }
            KeyError::NotEd25519 { path, algorithm } => format!(
                "khoá ký {} là {algorithm}; ocop chỉ ký bằng khoá Ed25519",
                path.display()
            ),
            KeyError::Encrypted { path } => format!(
                "khoá ký {0} được bảo vệ bằng mật khẩu và không ssh-agent nào giữ nó: hãy chạy \
                 `ssh-add {0}` (hoặc kết nối bằng `ssh -A` từ máy đã nạp khoá), rồi thử lại",
                path.display()
            ),
            KeyError::NoAgentForPublic { path } => format!(
                "{} là khoá công khai, và không ssh-agent nào (SSH_AUTH_SOCK) giữ khoá bí mật \
                 của nó: hãy nạp khoá bằng `ssh-add` ở nơi giữ khoá rồi kết nối bằng `ssh -A`",
                path.display()
            ),
            KeyError::Create { path, source } => {
                format!("không tạo được khoá ký {}: {source}", path.display())
            }
            KeyError::Agent { socket, message } => {
                format!("ssh-agent tại {} không ký: {message}", socket.display())
            }
            KeyError::Sign { message } => format!("không ký được phiếu: {message}"),
        };
        pick(lang, vi, self.to_string())
    }
}

/// The assessor's key as the settings give it.
#[derive(Debug, Clone)]
pub struct AssessorKey {
    pub signer: Signer,
    /// The key's file: `signing_key`, or the default key in the data folder.
    pub path: PathBuf,
    /// The default key was made just now (the first start).
    pub made: bool,
}

/// `signing_key` when set, else the default key in `data_dir`, made now when absent. An
/// ssh-agent at `SSH_AUTH_SOCK` that holds the key signs in its place.
pub fn assessor_key(
    signing_key: Option<&Path>,
    data_dir: &Path,
    comment: &str,
) -> Result<AssessorKey, KeyError> {
    let agent = std::env::var_os("SSH_AUTH_SOCK")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    let (path, made) = match signing_key {
        Some(path) => (path.to_path_buf(), false),
        None => ensure_default(data_dir, comment)?,
    };
    let signer = load(&path, agent.as_deref())?;
    Ok(AssessorKey { signer, path, made })
}

/// What signs: the private key itself, or an ssh-agent that holds it.
#[derive(Debug, Clone)]
pub enum Signer {
    File(Box<ssh_key::PrivateKey>),
    Agent { socket: PathBuf, public: PublicKey },
}

impl Signer {
    pub fn public(&self) -> &PublicKey {
        match self {
            Signer::File(key) => key.public_key(),
            Signer::Agent { public, .. } => public,
        }
    }

    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        fingerprint(self.public())
    }

    /// Signs `msg` (a sheet's canonical file bytes) in namespace `ocop-sheet`; the armored
    /// signature, as `ssh-keygen -Y sign` writes it into `<file>.sig`.
    pub fn sign(&self, msg: &[u8]) -> Result<String, KeyError> {
        self.sign_in(NAMESPACE, msg)
    }

    /// Signs `msg` in `namespace` (the province's roster and certificates have their own).
    pub fn sign_in(&self, namespace: &str, msg: &[u8]) -> Result<String, KeyError> {
        let sig = match self {
            Signer::File(key) => key.sign(namespace, HASH, msg).map_err(sign_err)?,
            Signer::Agent { socket, public } => agent::sign(socket, public, namespace, msg)?,
        };
        sig.to_pem(LineEnding::LF).map_err(sign_err)
    }
}

fn sign_err(e: ssh_key::Error) -> KeyError {
    KeyError::Sign {
        message: e.to_string(),
    }
}

/// The line an `allowed_signers` file takes for this key: `principal namespaces="ocop-sheet"
/// ssh-ed25519 AAAA…`.
/// A public key's `SHA256:…` fingerprint, as `ssh-keygen -l` prints it.
pub fn fingerprint(public: &PublicKey) -> String {
    public.fingerprint(HashAlg::Sha256).to_string()
}

pub fn allowed_signers_line(principal: &str, public: &PublicKey) -> String {
    let mut public = public.clone();
    public.set_comment("");
    let key = public.to_openssh().unwrap_or_default();
    format!("{principal} namespaces=\"{NAMESPACE}\" {}", key.trim())
}

/// The `allowed_signers` a demo export gets: the demo key, for any principal (`*`).
pub fn demo_roster(demo: &Signer) -> String {
    format!(
        "# The key of `ocop demo`: it signs as any assessor, and anyone has it.\n\
         # Never keep it in a real council's roster.\n{}\n",
        allowed_signers_line("*", demo.public())
    )
}

/// The fingerprint of the key that made an armored signature, or `None` when it does not parse.
pub fn signer_fingerprint(armored: &str) -> Option<String> {
    let sig = SshSig::from_pem(armored).ok()?;
    Some(sig.public_key().fingerprint(HashAlg::Sha256).to_string())
}

/// The ASCII principal for a name: `Nguyễn Văn An` → `nguyen-van-an`. Empty when the name
/// has no letter or digit.
pub fn principal_of(name: &str) -> String {
    let folded = ocop_domain::search::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A principal ocop accepts: ASCII letters, digits, `.`, `_`, `-`, `@`; no spaces, commas or
/// quotes, which would change the meaning of an `allowed_signers` line.
pub fn valid_principal(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 64
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@'))
}
