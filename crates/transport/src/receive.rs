//! `ocop receive DIR`: the province's side of a sync over SSH. It speaks the protocol of
//! `wire` on stdin and stdout and writes each revision into `DIR` with the local sync's own
//! writer (`Folder`): a temporary file, flushed, linked to a name that is never replaced, and
//! the changed folders flushed before it answers that the batch is durable.
//!
//! Every name is built here from a validated sheet id, revision and set id, and only a
//! document that reads as that very sheet revision is taken; where the folder has a roster,
//! only a revision that could count (`admit`), and the printable copy is always made here.
//! A key that may run nothing but this command can add its own member's sheets and do
//! nothing else.

mod admit;
pub mod idle;

use ocop_catalog::Catalog;
use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

use admit::Admission;
use ocop_export::province::Pin;
use ocop_words::Words;
use ocop_words::words;

use crate::wire::{self, Answer, FileAnswer, Message, Placed, Problem, WireError};
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::sheet::SheetId;
use ocop_export::document::{self, SCHEMA};
use ocop_export::folder::{Folder, Put, SHEETS, WriteError, digest_line, sheet_file_name};
use ocop_reports::summary_csv;
use ocop_words::{Say, pick};

/// What the receiving host brings to a session: its rubrics (to print each admitted
/// revision), the province key it pins, and the language it says refusals in on its side.
#[derive(Clone, Copy)]
pub struct Host<'a> {
    pub catalog: &'a Catalog,
    pub pin: Option<&'a Pin>,
    pub lang: Lang,
}

/// Runs one session: `Ok` when the laptop's batch was answered in full.
pub fn receive(
    dir: &Path,
    host: Host<'_>,
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<(), Stop> {
    session(dir, host, input, output)
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

fn session(
    dir: &Path,
    host: Host<'_>,
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<(), Stop> {
    let mut folder = match Folder::open(dir) {
        Ok(folder) => folder,
        Err(e) => return refuse(output, Problem::FolderMissing, e.to_string()),
    };
    let admission = match Admission::read(dir, host.catalog, host.pin) {
        Ok(admission) => admission,
        Err(e) => return refuse(output, Problem::Other, e.to_string()),
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
                let answer = place((&mut folder, &admission), index, &sheet, host.lang);
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
        true => summary_csv::rebuild(dir, host.catalog)
            .err()
            .map(|e| e.to_string()),
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
    eprintln!("ocop receive: {}", ocop_domain::text::safe::shown(&message));
    let message_vi = None;
    let failure = wire::Failure {
        problem,
        message,
        message_vi,
    };
    send(output, Message::Refused(failure))?;
    Err(Stop::Refused)
}

/// Writes one revision's files in order, stopping at the first that cannot be placed. A
/// refusal is said on this side too, in `lang`.
fn place(
    (folder, admission): (&mut Folder, &Admission<'_>),
    index: u32,
    sheet: &wire::Sheet,
    lang: Lang,
) -> Answer {
    let mut answer = Answer {
        index,
        files: Vec::new(),
        failed: None,
    };
    let files = match files_of(sheet, admission) {
        Ok(files) => files,
        Err(why) => {
            eprintln!(
                "ocop receive: {}",
                ocop_domain::text::safe::shown(why.said(lang))
            );
            answer.failed = Some(wire::Failure::said(Problem::Refused, &why));
            return answer;
        }
    };
    for (name, bytes) in files {
        let file = format!("{SHEETS}/{}/{name}", sheet.set_id);
        let placed = match folder.put_file(&sheet.set_id, &name, &bytes) {
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

/// A file to place: its name in the set's folder, and its bytes (sent, or made here).
type Named<'s> = (String, Cow<'s, [u8]>);

/// The file names and bytes of a revision, once it is known to be what it says it is and
/// admitted: the document, its digest, its signature as sent, and its printable copy as
/// made here (the peer's is never taken).
fn files_of<'s>(
    sheet: &'s wire::Sheet,
    admission: &Admission<'_>,
) -> Result<Vec<Named<'s>>, Words> {
    let shown = format!("{:?}", sheet.id);
    let id = SheetId::parse(&sheet.id)
        .ok_or_else(|| words!("{shown} không phải mã phiếu", "{shown} is not a sheet id"))?;
    let name = sheet_file_name(&id, sheet.revision);
    let doc = document::parse(&sheet.document).map_err(|e| words!("{name}: {e}", "{name}: {e}"))?;
    let same = doc.schema == SCHEMA
        && doc.sheet_id == sheet.id
        && doc.revision == sheet.revision
        && doc.rubric.set_id == sheet.set_id;
    if !same {
        return Err(words!(
            "{name} không phải phiên bản phiếu mà nó được gửi với tư cách",
            "{name} is not the sheet revision it was sent as"
        ));
    }
    let line = digest_line(&sha256_hex(&sheet.document), &name);
    if sheet.sha256 != line.as_bytes() {
        return Err(words!(
            "{name}.sha256 không khớp với tài liệu được gửi",
            "{name}.sha256 does not match the document sent"
        ));
    }
    let mut sig = None;
    let mut files = vec![
        (name.clone(), Cow::Borrowed(&sheet.document[..])),
        (format!("{name}.sha256"), Cow::Borrowed(&sheet.sha256[..])),
    ];
    for (kind, bytes) in &sheet.companions {
        let file = wire::companion_name(&name, kind).ok_or_else(|| {
            let kind = format!("{kind:?}");
            words!(
                "{name}: không nhận tệp đi kèm loại {kind}",
                "{name}: companion files of kind {kind} are not taken"
            )
        })?;
        match kind.as_str() {
            "html" => {}
            "sig" => {
                sig = Some(&bytes[..]);
                files.push((file, Cow::Borrowed(&bytes[..])));
            }
            _ => files.push((file, Cow::Borrowed(&bytes[..]))),
        }
    }
    if let Some(why) = admission.refusal(&doc, &sheet.document, sig) {
        return Err(why.map(|why, lang| match lang {
            Lang::Vi => format!("{name} bị từ chối: {why}"),
            Lang::En => format!("{name} is refused: {why}"),
        }));
    }
    if let Some(page) = admission.printed(&doc, &sheet.document, sig) {
        let html = ocop_export::printed::html_name(&name);
        files.push((html, Cow::Owned(page)));
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
        message_vi: Some(e.say(Lang::Vi)),
    }
}

#[cfg(test)]
#[path = "receive/tests.rs"]
mod tests;
