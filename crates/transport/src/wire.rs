//! The sync protocol between a laptop and `ocop receive`, spoken over the stdin and stdout of
//! an SSH session. Every message is one frame: a tag byte, the payload's length (4 bytes, big
//! endian) and the payload, a small JSON object for the control frames.
//!
//! The receiver speaks first (`Hello`: the versions it speaks, or `Refused` with why); the
//! laptop answers `Start` with the version it chose, sends one `Sheet` per revision, then
//! `Commit`. The receiver answers each `Sheet` once placed (per file: written, already there,
//! or a conflict with both digests), then `Durable` once every folder it changed is flushed,
//! then `Summary`. An answer counts only once `Durable` has come. The laptop reads on a
//! thread of its own while it writes, so neither side blocks on a full pipe.
//!
//! A `Sheet` carries its document, its `.sha256` line and companion files by kind
//! (`COMPANIONS`); the receiver builds every name from the validated id, revision and set.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

/// The versions of this protocol this build speaks, oldest first. Version 2 adds the
/// printable copy (`html`) to the companions; a laptop sends it only to a receiver that
/// speaks 2, so an older receiver still takes the sheets.
pub const VERSIONS: (u16, u16) = (1, 2);

/// The first version whose receivers take the printable copy.
pub const PRINTED_SINCE: u16 = 2;

/// The largest frame either side accepts: a sheet's document is tens of kilobytes, so this is
/// far above any real one, and bounds what one frame can cost the receiver.
pub const MAX_FRAME: u32 = 8 << 20;

/// The companion files a revision may carry besides its `.sha256`: the kind named on the
/// wire, and the suffix the receiver adds to the document's name. A kind missing here is
/// refused by the receiver. The printable copy (`html`) is not here: it takes the place of
/// the document's `.json` (see `companion_name`).
pub const COMPANIONS: &[(&str, &str)] = &[("sig", ".sig")];

/// The suffix of a companion kind, when this build knows it.
pub fn companion_suffix(kind: &str) -> Option<&'static str> {
    COMPANIONS.iter().find(|(k, _)| *k == kind).map(|(_, s)| *s)
}

/// The file name of a companion of the document `document_name` (`<id>.r<rev>.json`), when
/// this build knows its kind: `<id>.r<rev>.json.sig` for the signature, `<id>.r<rev>.html`
/// for the printable copy.
pub fn companion_name(document_name: &str, kind: &str) -> Option<String> {
    match kind {
        "html" => Some(ocop_export::printed::html_name(document_name)),
        _ => companion_suffix(kind).map(|suffix| format!("{document_name}{suffix}")),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    /// The oldest and newest protocol versions the receiver speaks.
    pub versions: (u16, u16),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    pub version: u16,
}

/// Why the receiver cannot take anything, or one revision, or cannot make a batch durable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub problem: Problem,
    /// The receiver's sentence, for the laptop's log (English).
    pub message: String,
    /// The same sentence in Vietnamese, where the receiver has it (a receiver of an earlier
    /// release sends English alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_vi: Option<String>,
}

impl Failure {
    /// A failure said in both languages.
    pub fn said(problem: Problem, said: &ocop_words::Words) -> Failure {
        Failure {
            problem,
            message: said.en.to_string(),
            message_vi: Some(said.vi.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The receiving folder is missing or not a folder.
    FolderMissing,
    /// The receiving disk is full.
    Full,
    /// The receiving folder is not writable.
    Unwritable,
    /// The laptop asked for something the receiver refuses (a bad name, an unknown kind).
    Refused,
    /// Anything else on the receiving side.
    Other,
}

/// One revision to place: the receiver names its files from these fields alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub id: String,
    pub revision: u32,
    pub set_id: String,
    pub document: Vec<u8>,
    /// The `sha256sum` line of the document, as the laptop computed it.
    pub sha256: Vec<u8>,
    /// Companion files by kind (see `COMPANIONS`), in the order they are to be written.
    pub companions: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placed {
    Written,
    /// The same bytes were there already.
    AlreadyThere,
    /// Other bytes hold the name; nothing was overwritten.
    Conflict {
        ours: String,
        theirs: String,
    },
}

/// What became of one file of a revision, named relative to the receiving folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileAnswer {
    pub file: String,
    pub placed: Placed,
}

/// The receiver's answer for the revision at `index` in the batch: its files in order, and,
/// when it stopped before the last, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub index: u32,
    pub files: Vec<FileAnswer>,
    pub failed: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Durable {
    /// None when every folder the batch changed is flushed to disk.
    pub failed: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryDone {
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Hello(Hello),
    Refused(Failure),
    Start(Start),
    Sheet(Box<Sheet>),
    Commit,
    Answer(Answer),
    Durable(Durable),
    Summary(SummaryDone),
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    #[error("the connection ended")]
    Closed,
    #[error("the other side sent something that is not the sync protocol: {0}")]
    Garbled(String),
    #[error("the connection failed: {0}")]
    Io(#[from] io::Error),
}

impl ocop_words::Say for WireError {
    fn say(&self, lang: ocop_domain::Lang) -> String {
        let vi = match self {
            WireError::Closed => "kết nối đã đóng".to_string(),
            WireError::Garbled(what) => {
                format!("bên kia gửi thứ không phải giao thức đồng bộ: {what}")
            }
            WireError::Io(e) => format!("kết nối gặp lỗi: {e}"),
        };
        ocop_words::pick(lang, vi, self.to_string())
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, WireError> {
    serde_json::to_vec(value).map_err(garbled)
}

fn garbled(what: impl std::fmt::Display) -> WireError {
    WireError::Garbled(what.to_string())
}

/// Writes one message as one frame (not flushed).
pub fn write(out: &mut dyn Write, message: &Message) -> Result<(), WireError> {
    let (tag, payload) = match message {
        Message::Hello(m) => (b'H', to_json(m)?),
        Message::Refused(m) => (b'R', to_json(m)?),
        Message::Start(m) => (b'S', to_json(m)?),
        Message::Sheet(sheet) => (b'F', encode_sheet(sheet)?),
        Message::Commit => (b'C', Vec::new()),
        Message::Answer(m) => (b'A', to_json(m)?),
        Message::Durable(m) => (b'D', to_json(m)?),
        Message::Summary(m) => (b'U', to_json(m)?),
    };
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|n| *n <= MAX_FRAME)
        .ok_or_else(|| garbled("a frame too large to send"))?;
    out.write_all(&[tag])?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(&payload)?;
    Ok(())
}

/// Reads one frame; `Closed` when the stream ends cleanly before it.
pub fn read(input: &mut dyn Read) -> Result<Message, WireError> {
    let mut head = [0u8; 5];
    match input.read(&mut head[..1])? {
        0 => return Err(WireError::Closed),
        _ => input.read_exact(&mut head[1..]).map_err(cut)?,
    }
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]);
    if len > MAX_FRAME {
        return Err(garbled(format!("a frame of {len} bytes")));
    }
    let mut payload = vec![0u8; len as usize];
    input.read_exact(&mut payload).map_err(cut)?;
    decode(head[0], &payload)
}

fn cut(e: io::Error) -> WireError {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => WireError::Closed,
        _ => WireError::Io(e),
    }
}

fn decode(tag: u8, payload: &[u8]) -> Result<Message, WireError> {
    fn json<T: for<'a> Deserialize<'a>>(p: &[u8]) -> Result<T, WireError> {
        serde_json::from_slice(p).map_err(garbled)
    }
    Ok(match tag {
        b'H' => Message::Hello(json(payload)?),
        b'R' => Message::Refused(json(payload)?),
        b'S' => Message::Start(json(payload)?),
        b'F' => Message::Sheet(Box::new(decode_sheet(payload)?)),
        b'C' if payload.is_empty() => Message::Commit,
        b'A' => Message::Answer(json(payload)?),
        b'D' => Message::Durable(json(payload)?),
        b'U' => Message::Summary(json(payload)?),
        other => return Err(garbled(format!("a frame tagged {other:#04x}"))),
    })
}

/// The header of a `Sheet` frame; the bodies follow it, after a newline, in this order:
/// document, `.sha256`, then each companion.
#[derive(Serialize, Deserialize)]
struct SheetHead {
    id: String,
    revision: u32,
    set: String,
    lengths: Vec<u32>,
    companions: Vec<String>,
}

fn encode_sheet(sheet: &Sheet) -> Result<Vec<u8>, WireError> {
    let bodies: Vec<&[u8]> = [&sheet.document[..], &sheet.sha256[..]]
        .into_iter()
        .chain(sheet.companions.iter().map(|(_, b)| &b[..]))
        .collect();
    let lengths = bodies
        .iter()
        .map(|b| u32::try_from(b.len()).map_err(garbled))
        .collect::<Result<_, _>>()?;
    let head = SheetHead {
        id: sheet.id.clone(),
        revision: sheet.revision,
        set: sheet.set_id.clone(),
        lengths,
        companions: sheet.companions.iter().map(|(k, _)| k.clone()).collect(),
    };
    let mut out = serde_json::to_vec(&head).map_err(garbled)?;
    out.push(b'\n');
    bodies.into_iter().for_each(|b| out.extend_from_slice(b));
    Ok(out)
}

fn decode_sheet(payload: &[u8]) -> Result<Sheet, WireError> {
    let split = payload.iter().position(|b| *b == b'\n');
    let split = split.ok_or_else(|| garbled("a sheet without its header"))?;
    let head: SheetHead = serde_json::from_slice(&payload[..split]).map_err(garbled)?;
    if head.lengths.len() != head.companions.len() + 2 {
        return Err(garbled("a sheet whose lengths do not match its files"));
    }
    let mut rest = &payload[split + 1..];
    let mut bodies = Vec::new();
    for len in &head.lengths {
        let len = *len as usize;
        if len > rest.len() {
            return Err(garbled("a sheet shorter than its header says"));
        }
        let (body, tail) = rest.split_at(len);
        bodies.push(body.to_vec());
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(garbled("a sheet longer than its header says"));
    }
    let mut bodies = bodies.into_iter();
    let mut next = || bodies.next().unwrap_or_default();
    Ok(Sheet {
        id: head.id,
        revision: head.revision,
        set_id: head.set,
        document: next(),
        sha256: next(),
        companions: head.companions.into_iter().map(|k| (k, next())).collect(),
    })
}

#[cfg(test)]
#[path = "wire/tests.rs"]
mod tests;
