//! `ocop receive DIR`: the province's side of a sync over SSH. It speaks the protocol of
//! `wire` on stdin and stdout and writes each revision into `DIR` with the local sync's own
//! writer (`Folder`): a temporary file, flushed, linked to a name that is never replaced, and
//! the changed folders flushed before it answers that the batch is durable.
//!
//! Every name is built here from a validated sheet id, revision and set id, and only a
//! document that reads as that very sheet revision is taken: a key that may run nothing but
//! this command can add sheets and do nothing else.

use std::io::{Read, Write};
use std::path::Path;

use crate::wire::{self, Answer, FileAnswer, Message, Placed, Problem, WireError};
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::sheet::SheetId;
use ocop_export::document::{self, SCHEMA};
use ocop_export::folder::{Folder, Put, SHEETS, WriteError, digest_line, sheet_file_name};
use ocop_reports::summary_csv;
use ocop_words::{Say, pick};

/// Runs one session: `Ok` when the laptop's batch was answered in full.
pub fn receive(dir: &Path, input: &mut dyn Read, output: &mut dyn Write) -> Result<(), Stop> {
    session(dir, input, output)
}

/// Why a session ended early: it refused (and told the laptop why, over the wire), or the
/// laptop's side failed.
#[derive(Debug, thiserror::Error)]
pub enum Stop {
    #[error("the batch was refused, and the laptop was told why")]
    Refused,
    #[error(transparent)]
    Wire(#[from] WireError),
}

impl Say for Stop {
    fn say(&self, lang: Lang) -> String {
        match self {
            Stop::Refused => pick(
                lang,
                "lô phiếu bị từ chối, và máy gửi đã được báo lý do".into(),
                self.to_string(),
            ),
            Stop::Wire(e) => e.say(lang),
        }
    }
}

fn session(dir: &Path, input: &mut dyn Read, output: &mut dyn Write) -> Result<(), Stop> {
    let mut folder = match Folder::open(dir) {
        Ok(folder) => folder,
        Err(e) => return refuse(output, Problem::FolderMissing, e.to_string()),
    };
    send(
        output,
        Message::Hello(wire::Hello {
            versions: wire::VERSIONS,
        }),
    )?;
    match wire::read(input)? {
        Message::Start(start) if speaks(start.version) => {}
        Message::Start(start) => {
            let why = format!("protocol version {} is not spoken here", start.version);
            return refuse(output, Problem::Refused, why);
        }
        other => return refuse(output, Problem::Refused, unexpected(&other)),
    }
    let (mut index, mut placed) = (0u32, false);
    loop {
        match wire::read(input)? {
            Message::Sheet(sheet) => {
                let answer = place(&mut folder, index, &sheet);
                placed |= answer.failed.is_none();
                send(output, Message::Answer(answer))?;
                index = index.saturating_add(1);
            }
            Message::Commit => break,
            other => return refuse(output, Problem::Refused, unexpected(&other)),
        }
    }
    let failed = folder.flush().err().map(|e| failure(&e));
    send(output, Message::Durable(wire::Durable { failed }))?;
    let error = match placed {
        true => summary_csv::rebuild(dir).err().map(|e| e.to_string()),
        false => None,
    };
    Ok(send(output, Message::Summary(wire::SummaryDone { error }))?)
}

fn speaks(version: u16) -> bool {
    (wire::VERSIONS.0..=wire::VERSIONS.1).contains(&version)
}

fn unexpected(message: &Message) -> String {
    let what = match message {
        Message::Hello(_) => "a hello",
        Message::Refused(_) => "a refusal",
        Message::Start(_) => "a second start",
        Message::Sheet(_) => "a sheet before the start",
        Message::Commit => "a commit before the start",
        _ => "an answer",
    };
    format!("the receiver takes sheets and nothing else, and was sent {what}")
}

fn send(output: &mut dyn Write, message: Message) -> Result<(), WireError> {
    wire::write(output, &message)?;
    Ok(output.flush()?)
}

fn refuse(output: &mut dyn Write, problem: Problem, message: String) -> Result<(), Stop> {
    eprintln!("ocop receive: {message}");
    send(output, Message::Refused(wire::Failure { problem, message }))?;
    Err(Stop::Refused)
}

/// Writes one revision's files in order, stopping at the first that cannot be placed.
fn place(folder: &mut Folder, index: u32, sheet: &wire::Sheet) -> Answer {
    let mut answer = Answer {
        index,
        files: Vec::new(),
        failed: None,
    };
    let files = match files_of(sheet) {
        Ok(files) => files,
        Err(message) => {
            answer.failed = Some(wire::Failure {
                problem: Problem::Refused,
                message,
            });
            return answer;
        }
    };
    for (name, bytes) in files {
        let file = format!("{SHEETS}/{}/{name}", sheet.set_id);
        let placed = match folder.put_file(&sheet.set_id, &name, bytes) {
            Ok(Put::Written) => Placed::Written,
            Ok(Put::AlreadyThere) => Placed::AlreadyThere,
            Err(WriteError::Conflict { ours, theirs, .. }) => Placed::Conflict { ours, theirs },
            Err(e) => {
                answer.failed = Some(failure(&e));
                return answer;
            }
        };
        let stop = matches!(placed, Placed::Conflict { .. });
        answer.files.push(FileAnswer { file, placed });
        if stop {
            break;
        }
    }
    answer
}

/// The file names and bytes of a revision, once it is known to be what it says it is.
fn files_of(sheet: &wire::Sheet) -> Result<Vec<(String, &[u8])>, String> {
    let id =
        SheetId::parse(&sheet.id).ok_or_else(|| format!("'{}' is not a sheet id", sheet.id))?;
    let name = sheet_file_name(&id, sheet.revision);
    let doc = document::parse(&sheet.document).map_err(|e| format!("{name}: {e}"))?;
    let same = doc.schema == SCHEMA
        && doc.sheet_id == sheet.id
        && doc.revision == sheet.revision
        && doc.rubric.set_id == sheet.set_id;
    if !same {
        return Err(format!("{name} is not the sheet revision it was sent as"));
    }
    let line = digest_line(&sha256_hex(&sheet.document), &name);
    if sheet.sha256 != line.as_bytes() {
        return Err(format!("{name}.sha256 does not match the document sent"));
    }
    let mut files = vec![(name.clone(), &sheet.document[..])];
    files.push((format!("{name}.sha256"), &sheet.sha256[..]));
    for (kind, bytes) in &sheet.companions {
        let file = wire::companion_name(&name, kind)
            .ok_or_else(|| format!("{name}: companion files of kind '{kind}' are not taken"))?;
        files.push((file, &bytes[..]));
    }
    Ok(files)
}

fn failure(e: &WriteError) -> wire::Failure {
    let problem = match e {
        WriteError::Missing { .. } => Problem::FolderMissing,
        WriteError::Full { .. } => Problem::Full,
        WriteError::Unwritable { .. } => Problem::Unwritable,
        WriteError::BadName { .. } => Problem::Refused,
        _ => Problem::Other,
    };
    wire::Failure {
        problem,
        message: e.to_string(),
    }
}

#[cfg(test)]
#[path = "receive/tests.rs"]
mod tests;
