//! The laptop's side of a sync over SSH: a `Destination` that runs `ocop receive` on the host
//! through the system's ssh (`session`), offers the batch, and takes a revision as placed only
//! from the receiver's answer followed by its word that the batch is durable. Whatever fails,
//! and wherever the connection is cut, the revisions not so answered stay waiting.

mod session;

pub use crate::error::{RemoteError, classify};
pub use session::IDLE;

use crate::destination::{Answered, Delivery, Destination, Prepared, companions};
use crate::error::SyncError;
use crate::target::SshTarget;
use crate::wire::{self, Answer, Message, Placed, Problem};
use ocop_catalog::Catalog;
use ocop_catalog::check::sha256_hex;
use ocop_export::folder::{Put, digest_line};
use ocop_export::progress::Counter;
use session::Session;

pub struct Ssh {
    target: SshTarget,
    session: Option<Session>,
    problem: Option<RemoteError>,
    /// The receiver's word on `summary.csv`, once it has come.
    summary: Option<Option<String>>,
    /// The protocol version both sides speak, once the receiver has said hello.
    version: u16,
}

impl Ssh {
    pub fn new(target: SshTarget) -> Ssh {
        Ssh {
            target,
            session: None,
            problem: None,
            summary: None,
            version: wire::VERSIONS.0,
        }
    }

    fn fail(&mut self, e: RemoteError) -> SyncError {
        self.problem = Some(e.clone());
        self.session = None;
        SyncError::Remote(e)
    }

    /// The receiver's hello, and the version both speak (which it returns).
    fn handshake(&self, session: &mut Session) -> Result<u16, RemoteError> {
        let host = self.target.host.clone();
        let (ours, theirs) = match session.next()? {
            Message::Hello(hello) => (wire::VERSIONS, hello.versions),
            Message::Refused(f) => return Err(refused(&self.target, f)),
            _ => return Err(garbled(&host)),
        };
        if theirs.1 < ours.0 {
            return Err(RemoteError::TooOld { host });
        }
        if ours.1 < theirs.0 {
            return Err(RemoteError::LaptopTooOld { host });
        }
        let version = ours.1.min(theirs.1);
        session.send(&Message::Start(wire::Start { version }))?;
        Ok(version)
    }

    fn offer(&self, session: &mut Session, batch: &[Prepared]) -> Result<(), RemoteError> {
        let printed = self.version >= wire::PRINTED_SINCE;
        for p in batch {
            let sheet = wire::Sheet {
                id: p.id.to_string(),
                revision: p.revision,
                set_id: p.set_id.clone(),
                sha256: digest_line(&sha256_hex(&p.bytes), &p.name).into_bytes(),
                document: p.bytes.clone(),
                companions: companions(p, printed),
            };
            session.send(&Message::Sheet(Box::new(sheet)))?;
        }
        session.send(&Message::Commit)?;
        session.flush()
    }

    /// Reads the answers, then the durable word, then the summary's.
    fn collect(
        &mut self,
        session: &mut Session,
        n: usize,
        delivery: &mut Delivery,
        progress: &Counter,
    ) {
        let mut result = Ok(());
        while delivery.answers.len() < n && result.is_ok() {
            result = match session.next() {
                Ok(Message::Answer(a)) if a.index as usize == delivery.answers.len() => {
                    delivery.answers.push(self.answer(a));
                    progress.add(1);
                    Ok(())
                }
                Ok(_) => Err(garbled(session.host())),
                Err(e) => Err(e),
            };
        }
        let durable = result.and_then(|()| match session.next()? {
            Message::Durable(d) => Ok(d.failed),
            _ => Err(garbled(session.host())),
        });
        delivery.durable = match durable {
            Ok(None) => Ok(()),
            Ok(Some(f)) => Err(self.fail(refused(&self.target, f))),
            Err(e) => Err(self.fail(e)),
        };
        if delivery.durable.is_ok() {
            self.summary = match session.next() {
                Ok(Message::Summary(s)) => Some(s.error),
                _ => None,
            };
        }
    }

    /// One revision's answer: placed when every file is written or already there.
    fn answer(&mut self, a: Answer) -> Result<Answered, SyncError> {
        if let Some(f) = a.failed {
            let e = refused(&self.target, f);
            if matches!(
                e,
                RemoteError::DiskFull { .. } | RemoteError::FolderMissing { .. }
            ) {
                self.problem = Some(e.clone());
            }
            return Err(SyncError::Remote(e));
        }
        for file in a.files.iter() {
            if let Placed::Conflict { ours, theirs } = &file.placed {
                return Err(SyncError::RemoteConflict {
                    file: file.file.clone(),
                    host: self.target.host.clone(),
                    ours: ours.clone(),
                    theirs: theirs.clone(),
                });
            }
        }
        let host = || self.target.host.clone();
        let files = a
            .files
            .iter()
            .filter(|f| matches!(f.placed, Placed::Written))
            .count();
        let put = match a.files.first().map(|f| &f.placed) {
            Some(Placed::Written) => Put::Written,
            Some(_) => Put::AlreadyThere,
            None => return Err(SyncError::NothingPlaced { host: host() }),
        };
        Ok(Answered { put, files })
    }
}

impl Destination for Ssh {
    fn open(&mut self) -> Result<(), SyncError> {
        let mut session = Session::start(&self.target).map_err(|e| self.fail(e))?;
        match self.handshake(&mut session) {
            Ok(version) => {
                self.version = version;
                self.session = Some(session);
                Ok(())
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    fn deliver(&mut self, batch: &[Prepared], progress: &Counter) -> Delivery {
        let mut delivery = Delivery {
            answers: Vec::new(),
            durable: Ok(()),
        };
        let Some(mut session) = self.session.take() else {
            delivery.durable = Err(self.fail(garbled(&self.target.host)));
            return delivery;
        };
        match self.offer(&mut session, batch) {
            Ok(()) => self.collect(&mut session, batch.len(), &mut delivery, progress),
            Err(e) => delivery.durable = Err(self.fail(e)),
        }
        session.close();
        delivery
    }

    fn summary(&mut self, _: &Catalog) -> Option<SyncError> {
        let host = self.target.host.clone();
        match self.summary.take() {
            Some(error) => error.map(|message| SyncError::RemoteSummary { host, message }),
            None => Some(SyncError::SummaryUnknown { host }),
        }
    }

    fn problem(&self) -> Option<RemoteError> {
        self.problem.clone()
    }
}

/// The receiver's refusal, as a reason.
fn refused(target: &SshTarget, f: wire::Failure) -> RemoteError {
    let host = target.host.clone();
    match f.problem {
        Problem::FolderMissing => RemoteError::FolderMissing {
            host,
            path: target.path.clone(),
        },
        Problem::Full => RemoteError::DiskFull { host },
        Problem::Unwritable | Problem::Refused | Problem::Other => RemoteError::Refused {
            host,
            message: f.message,
            message_vi: f.message_vi,
        },
    }
}

fn garbled(host: &str) -> RemoteError {
    RemoteError::Cut {
        host: host.to_string(),
        detail: "the other side does not speak the sync protocol".to_string(),
    }
}
