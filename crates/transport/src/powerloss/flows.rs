//! The real flows into an export folder: a sync from a laptop's store into a folder here
//! (`sync_with` and `LocalFolder`), and a batch received over the wire (`receive`). Each is
//! acknowledged where the laptop learns its batch is durable, and so marks it synced.

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use ocop_catalog::Catalog;
use ocop_domain::Lang;
use ocop_domain::summary::Summary;
use ocop_export::folder::tap::{self, Op};
use ocop_export::folder::{digest_line, sheet_file_name};
use ocop_export::progress::Counter;
use ocop_export::testing::{TEA, at, finished, rubric, sign};
use ocop_store::Store;

use crate::destination::{Delivery, Destination, LocalFolder, Prepared};
use crate::error::SyncError;
use crate::receive::{Host, receive};
use crate::run::{sync_all, sync_with};
use crate::wire::{self, Message};

/// A flow: what it does to an empty export folder, and the next attempt after a power cut
/// the laptop was not told survived (Err says what went wrong).
pub struct Flow {
    pub name: &'static str,
    pub run: fn(&Path),
    pub again: fn(&Path) -> Result<(), String>,
}

pub const SYNC: Flow = Flow {
    name: "sync into a folder",
    run: |dir| {
        let (mut store, catalog) = laptop();
        let mut to = Acking(LocalFolder::new(dir));
        let report = sync_with(&mut store, &catalog, &mut to, now(), &Counter::default());
        assert!(report.is_clean(), "{report:?}");
    },
    again: |dir| {
        let (mut store, catalog) = laptop();
        let report = sync_all(&mut store, &catalog, dir, now());
        match report.is_clean() && store.waiting().is_ok_and(|w| w.is_empty()) {
            true => Ok(()),
            false => Err(format!("the next sync did not complete: {report:?}")),
        }
    },
};

pub const RECEIVE: Flow = Flow {
    name: "receive over the wire",
    run: |dir| {
        let answers = session(dir);
        assert!(durable(&answers), "{answers:?}");
    },
    again: |dir| {
        let answers = session(dir);
        let placed = answers.iter().all(|m| match m {
            Message::Answer(a) => a.failed.is_none(),
            _ => true,
        });
        match placed && durable(&answers) {
            true => Ok(()),
            false => Err(format!("the next sync did not complete: {answers:?}")),
        }
    },
};

/// The sheets of both flows: three finished, signed tea sheets.
const IDS: [&str; 3] = [
    "01JD0000000000000000000001",
    "01JD0000000000000000000002",
    "01JD0000000000000000000003",
];

fn now() -> DateTime<FixedOffset> {
    at("2026-11-21T08:00:00+07:00")
}

/// A laptop's store with the three sheets waiting for the export.
fn laptop() -> (Store, Catalog) {
    let catalog = Catalog::builtin();
    let r = rubric(TEA);
    let text = catalog.text(TEA).expect("text");
    let items: Vec<_> = IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (mut sheet, events) = finished(&r, id, "Chè Shan tuyết", i as u8 + 1);
            let signature = Some(sign(&r, &mut sheet, None, &events));
            ocop_store::Import {
                summary: Summary::of(&r, &sheet),
                sheet,
                rubric_text: text,
                events,
                finished: true,
                signature,
            }
        })
        .collect();
    let mut store = Store::in_memory().expect("store");
    store.import(&items, false).expect("import");
    (store, catalog)
}

/// A local folder that notes, as the step acknowledged, the moment it says the batch is
/// durable: `run` then marks the revisions synced.
struct Acking(LocalFolder);

impl Destination for Acking {
    fn open(&mut self) -> Result<(), SyncError> {
        self.0.open()
    }

    fn deliver(&mut self, batch: &[Prepared], progress: &Counter) -> Delivery {
        let delivery = self.0.deliver(batch, progress);
        if delivery.durable.is_ok() {
            tap::note(|| Op::Acked(1));
        }
        delivery
    }

    fn summary(&mut self, catalog: &Catalog) -> Option<SyncError> {
        self.0.summary(catalog)
    }
}

/// The three sheets sent to `receive` in one batch, as the laptop sends them; its answers.
fn session(dir: &Path) -> Vec<Message> {
    let mut input = Vec::new();
    let mut batch = vec![Message::Start(wire::Start { version: 2 })];
    batch.extend(IDS.iter().map(|id| Message::Sheet(Box::new(revision(id)))));
    batch.push(Message::Commit);
    for m in &batch {
        wire::write(&mut input, m).expect("encode");
    }
    let catalog = Catalog::builtin();
    let host = Host {
        catalog: &catalog,
        pin: None,
        lang: Lang::En,
    };
    let mut output = Heard::default();
    let _ = receive(dir, host, &mut &input[..], &mut output);
    output.heard
}

fn revision(id: &str) -> wire::Sheet {
    let r = rubric(TEA);
    let (mut sheet, trail) = finished(&r, id, "Chè Shan tuyết", 2);
    let sig = sign(&r, &mut sheet, None, &trail);
    let document = ocop_export::document::canonical_bytes(&ocop_export::document::sheet_document(
        &r, &sheet, &trail,
    ));
    let name = sheet_file_name(&sheet.id, 1);
    wire::Sheet {
        id: id.into(),
        revision: 1,
        set_id: TEA.into(),
        sha256: digest_line(&ocop_catalog::check::sha256_hex(&document), &name).into_bytes(),
        document,
        companions: vec![("sig".into(), sig.into_bytes())],
    }
}

fn durable(answers: &[Message]) -> bool {
    answers
        .iter()
        .any(|m| matches!(m, Message::Durable(d) if d.failed.is_none()))
}

/// The laptop's end of the wire: every message heard, and the moment it hears that the batch
/// is durable noted as the step acknowledged.
#[derive(Default)]
struct Heard {
    bytes: Vec<u8>,
    heard: Vec<Message>,
}

impl Write for Heard {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// The receiver flushes after each message: read what has arrived.
    fn flush(&mut self) -> io::Result<()> {
        let mut rest = &self.bytes[..];
        while let Ok(message) = wire::read(&mut rest) {
            if matches!(&message, Message::Durable(d) if d.failed.is_none()) {
                tap::note(|| Op::Acked(1));
            }
            self.heard.push(message);
        }
        let used = self.bytes.len() - rest.len();
        self.bytes.drain(..used);
        Ok(())
    }
}
