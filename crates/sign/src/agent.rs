//! The few messages of the ssh-agent protocol that signing needs (draft-miller-ssh-agent):
//! list the identities, and sign data with one. Each message is a 4-byte length, a type byte
//! and its fields; strings are a 4-byte length and their bytes.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use ssh_key::{Algorithm, PublicKey, Signature, SshSig};

use super::{HASH, KeyError};

const FAILURE: u8 = 5;
const REQUEST_IDENTITIES: u8 = 11;
const IDENTITIES_ANSWER: u8 = 12;
const SIGN_REQUEST: u8 = 13;
const SIGN_RESPONSE: u8 = 14;
/// An agent may ask its user to confirm a signature; a minute is long enough for that, and a
/// dead agent cannot hang the interface for longer.
const WAIT: Duration = Duration::from_secs(60);
/// No answer of an agent to these two requests is near this size.
const MAX_MESSAGE: usize = 1 << 20;

/// Whether the agent at `socket` holds the private half of `public`.
pub fn holds(socket: &Path, public: &PublicKey) -> bool {
    let Ok(blob) = public.to_bytes() else {
        return false;
    };
    identities(socket).is_ok_and(|blobs| blobs.contains(&blob))
}

/// Signs `msg` as SSHSIG in `namespace` with the agent's key for `public`.
pub fn sign(
    socket: &Path,
    public: &PublicKey,
    namespace: &str,
    msg: &[u8],
) -> Result<SshSig, KeyError> {
    let failed = |message: String| KeyError::Agent {
        socket: socket.to_path_buf(),
        message,
    };
    let data = SshSig::signed_data(namespace, HASH, msg).map_err(|e| failed(e.to_string()))?;
    let blob = public.to_bytes().map_err(|e| failed(e.to_string()))?;
    let mut body = Vec::new();
    put_string(&mut body, &blob);
    put_string(&mut body, &data);
    body.extend_from_slice(&0u32.to_be_bytes());
    let answer = call(socket, SIGN_REQUEST, &body).map_err(failed)?;
    let mut fields = Fields(&answer);
    if fields.byte() != Some(SIGN_RESPONSE) {
        return Err(failed("it refused (does it still hold the key?)".into()));
    }
    let mut sig = Fields(fields.string().ok_or_else(|| failed(bad()))?);
    let algorithm = sig.string().and_then(|a| std::str::from_utf8(a).ok());
    let (Some(algorithm), Some(bytes)) = (algorithm, sig.string()) else {
        return Err(failed(bad()));
    };
    let signature = Algorithm::new(algorithm)
        .and_then(|a| Signature::new(a, bytes.to_vec()))
        .map_err(|e| failed(e.to_string()))?;
    SshSig::new(public.key_data().clone(), namespace, HASH, signature)
        .map_err(|e| failed(e.to_string()))
}

fn bad() -> String {
    "its answer is not a signature".into()
}

/// The public key blobs the agent holds.
fn identities(socket: &Path) -> Result<Vec<Vec<u8>>, String> {
    let answer = call(socket, REQUEST_IDENTITIES, &[])?;
    let mut fields = Fields(&answer);
    if fields.byte() != Some(IDENTITIES_ANSWER) {
        return Err("it did not list its keys".into());
    }
    let n = fields.u32().ok_or_else(bad)?;
    let mut blobs = Vec::new();
    for _ in 0..n {
        let blob = fields.string().ok_or_else(bad)?;
        fields.string().ok_or_else(bad)?; // the comment
        blobs.push(blob.to_vec());
    }
    Ok(blobs)
}

/// Sends one request and reads its answer (type byte first).
fn call(socket: &Path, kind: u8, body: &[u8]) -> Result<Vec<u8>, String> {
    let io = |e: std::io::Error| e.to_string();
    let mut stream = UnixStream::connect(socket).map_err(io)?;
    stream.set_read_timeout(Some(WAIT)).map_err(io)?;
    stream.set_write_timeout(Some(WAIT)).map_err(io)?;
    let len = u32::try_from(body.len() + 1).map_err(|e| e.to_string())?;
    let mut message = len.to_be_bytes().to_vec();
    message.push(kind);
    message.extend_from_slice(body);
    stream.write_all(&message).map_err(io)?;
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).map_err(io)?;
    let len = u32::from_be_bytes(len) as usize;
    if len == 0 || len > MAX_MESSAGE {
        return Err("its answer has an impossible length".into());
    }
    let mut answer = vec![0u8; len];
    stream.read_exact(&mut answer).map_err(io)?;
    if answer.first() == Some(&FAILURE) {
        return Err("it answered with a failure".into());
    }
    Ok(answer)
}

fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// A cursor over an answer's fields; `None` when the answer ends early.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(4)?;
        self.0 = rest;
        Some(u32::from_be_bytes(head.try_into().ok()?))
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()? as usize;
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }
}
