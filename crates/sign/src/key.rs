//! Loading a signing key, and making the default one on the first start.

use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use ssh_key::private::Ed25519Keypair;
use ssh_key::{Algorithm, LineEnding, PrivateKey, PublicKey};

use super::{KeyError, Signer, agent};

/// The default key's file name in the data folder; its public half is beside it as `.pub`.
pub const DEFAULT_KEY: &str = "ocop_ed25519";

/// The largest key file read: an OpenSSH key of any kind is well under this.
pub const KEY_MAX_BYTES: u64 = 64 * 1024;

/// Loads the key at `path`. When `agent_socket` is given and that agent holds the key, the
/// agent signs; otherwise the private key must be here and not protected by a passphrase
/// (asking for one would hang a sync run from cron).
pub fn load(path: &Path, agent_socket: Option<&Path>) -> Result<Signer, KeyError> {
    let (private, public) = read(path)?;
    if let Some(socket) = agent_socket.filter(|s| agent::holds(s, &public)) {
        return Ok(Signer::Agent {
            socket: socket.to_path_buf(),
            public,
        });
    }
    match private {
        Some(key) if key.is_encrypted() => Err(KeyError::Encrypted {
            path: path.to_path_buf(),
        }),
        Some(key) => Ok(Signer::File(Box::new(key))),
        None => Err(KeyError::NoAgentForPublic {
            path: path.to_path_buf(),
        }),
    }
}

/// The public half of the key at `path`, a private key (behind a passphrase or not) or its
/// `.pub`: all that the `allowed_signers` line needs, with no agent and no passphrase.
pub fn public_of(path: &Path) -> Result<PublicKey, KeyError> {
    read(path).map(|(_, public)| public)
}

/// The key file read: its private key when it holds one, and its public key (Ed25519 only).
fn read(path: &Path) -> Result<(Option<PrivateKey>, PublicKey), KeyError> {
    // A key is a few kilobytes: a FIFO, a device or a larger file is refused, never waited on
    // or read whole (`ocop_files`).
    let read = ocop_files::read_to_string(path, KEY_MAX_BYTES, ocop_files::Links::Follow);
    let text = read.map_err(|e| KeyError::Read {
        path: path.to_path_buf(),
        source: e.into_io(),
    })?;
    let invalid = |e: ssh_key::Error| KeyError::Invalid {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let private = if text.contains("PRIVATE KEY") {
        Some(PrivateKey::from_openssh(&text).map_err(invalid)?)
    } else {
        None
    };
    let public = match &private {
        Some(key) => key.public_key().clone(),
        None => PublicKey::from_openssh(text.trim()).map_err(invalid)?,
    };
    if public.algorithm() != Algorithm::Ed25519 {
        return Err(KeyError::NotEd25519 {
            path: path.to_path_buf(),
            algorithm: public.algorithm().to_string(),
        });
    }
    Ok((private, public))
}

/// The default key `DIR/ocop_ed25519` (0600, with `.pub` beside it), made now when absent.
/// Returns its path and whether it was made.
pub fn ensure_default(data_dir: &Path, comment: &str) -> Result<(PathBuf, bool), KeyError> {
    let path = data_dir.join(DEFAULT_KEY);
    if path.exists() {
        return Ok((path, false));
    }
    let create = |source| KeyError::Create {
        path: path.clone(),
        source,
    };
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(data_dir)
        .map_err(create)?;
    let key = new_key(comment).map_err(create)?;
    let other = |e: ssh_key::Error| create(io::Error::other(e.to_string()));
    let private = key.to_openssh(LineEnding::LF).map_err(other)?;
    let public = key.public_key().to_openssh().map_err(other)?;
    write_new(&data_dir.join(format!("{DEFAULT_KEY}.pub")), &public, 0o644).map_err(create)?;
    write_new(&path, &private, 0o600).map_err(create)?;
    Ok((path, true))
}

fn new_key(comment: &str) -> io::Result<PrivateKey> {
    let mut seed = [0u8; 32];
    fs::File::open("/dev/urandom")?.read_exact(&mut seed)?;
    Ok(seeded_key(&seed, comment))
}

fn seeded_key(seed: &[u8; 32], comment: &str) -> PrivateKey {
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(seed));
    key.set_comment(comment);
    key
}

/// A key made from a fixed seed: the same everywhere, so it proves nothing about anyone. For
/// `ocop demo` and tests only.
pub fn seeded(seed: &[u8; 32], comment: &str) -> Signer {
    Signer::File(Box::new(seeded_key(seed, comment)))
}

/// The key `ocop demo` signs its sheets with; its private half is in every copy of ocop.
pub fn demo_signer() -> Signer {
    let seed: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(b"ocop demo signing key").into();
    seeded(&seed, "ocop demo")
}

/// Writes a new file with `mode`, flushed to disk; an existing file is replaced only when it
/// is the public half (the private key is written last, and its presence means "made").
fn write_new(path: &Path, text: &str, mode: u32) -> io::Result<()> {
    let _ = fs::remove_file(path).or_else(|e| match e.kind() {
        io::ErrorKind::NotFound => Ok(()),
        _ => Err(e),
    });
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        file.write_all(b"\n")?;
    }
    file.sync_all()
}
