//! The power-loss harness (test builds only). A flow runs on the real store, its database on
//! a disk that notes every write and flush (`backend`) and its journal tapped the same way
//! (`tap`). Then, at the moment before every flush and at the end, the two files are built as
//! a power cut could leave them (`crash`, with `fates` choosing which states), written to a
//! folder, and opened with `Store::open`; what it holds is judged against what the flow had
//! acknowledged (`check`). SIGKILL keeps the page cache; this forgets every unflushed write.
//!
//! `OCOP_POWERLOSS_STATES` (states per flow, default 500), `OCOP_POWERLOSS_SEED` and
//! `OCOP_POWERLOSS_BREAK` (`journal`, `database`: skip that flush in the real code) tune it.

mod backend;
mod check;
mod crash;
mod fates;
mod flows;
mod tests;

use std::fs;
use std::path::{Path, PathBuf};

use self::backend::Recording;
use self::check::{Snapshot, judge};
use self::crash::{Fate, Moment, walk};
use self::fates::{Rng, fates, possible, shares, told};
use self::flows::{Driver, Flow};
use crate::journal::JOURNAL_NAME;
use crate::tap::{self, Break, Log, Op, Which};
use crate::tests::Fixture;
use crate::{FILE_NAME, Store, open, replay};
use ocop_domain::sheet::SheetId;

/// How hard to look.
#[derive(Debug, Clone)]
pub struct Settings {
    /// About this many states per flow, shared out over its moments (at least one each; a
    /// moment with fewer possible states takes them all).
    pub states: usize,
    pub seed: u64,
    /// A flush the real code skips while the flow runs.
    pub broken: Option<Break>,
}

impl Settings {
    pub fn from_env() -> Settings {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let broken = match std::env::var("OCOP_POWERLOSS_BREAK").as_deref() {
            Ok("journal") => Some(Break::Journal),
            Ok("database") => Some(Break::Database),
            _ => None,
        };
        Settings {
            states: number("OCOP_POWERLOSS_STATES", 500) as usize,
            seed: number("OCOP_POWERLOSS_SEED", 1),
            broken,
        }
    }
}

/// What a flow's power cuts found.
#[derive(Debug, Default)]
pub struct Report {
    pub flow: &'static str,
    /// Moments a power cut was simulated at (before each flush, and the end).
    pub moments: usize,
    pub states: usize,
    /// States the store refused to open with its sentence, losing nothing acknowledged.
    pub refused: usize,
    pub failed: usize,
    /// The first few failures, in words.
    pub failures: Vec<String>,
}

/// A flow as it ran: the files before it, every operation, and what each step acknowledged.
struct Recorded {
    database: Vec<u8>,
    journal: Vec<u8>,
    log: Log,
    ids: Vec<SheetId>,
    states: Vec<Snapshot>,
    labels: Vec<String>,
}

pub fn run(flow: &Flow, settings: &Settings) -> Report {
    let scratch = scratch();
    let recorded = record(flow, &scratch.path().join("flow"), settings.broken);
    let ops = recorded.log.ops().clone();
    let budgets = budgets(&recorded, &ops, settings.states);
    let mut rng = Rng::new(settings.seed);
    let mut report = Report {
        flow: flow.name,
        moments: crash::count(&ops),
        ..Report::default()
    };
    let dir = scratch.path().join("data");
    let (database, journal) = (recorded.database.clone(), recorded.journal.clone());
    walk(database, journal, &ops, |moment| {
        let split = moment.database.pending.len();
        let budget = budgets[moment.number - 1];
        for fates in fates(&moment.pending(), budget, &mut rng) {
            report.states += 1;
            let (d, j) = fates.split_at(split);
            let images = (moment.database.image(d), moment.journal.image(j));
            match reopen(&dir, images, &recorded, moment.acked) {
                Ok(Opened::Sound) => {}
                Ok(Opened::Refused) => report.refused += 1,
                Err(why) => {
                    report.failed += 1;
                    if report.failures.len() < 3 {
                        report.failures.push(failure(flow, moment, (d, j), &why));
                    }
                }
            }
        }
    });
    report
}

/// `total` states shared out over the flow's moments.
fn budgets(recorded: &Recorded, ops: &[Op], total: usize) -> Vec<usize> {
    let mut caps = Vec::new();
    let (database, journal) = (recorded.database.clone(), recorded.journal.clone());
    walk(database, journal, ops, |moment| {
        caps.push(possible(&moment.pending()))
    });
    shares(&caps, total)
}

/// A failed state in words: where the power was cut, what became of the writes, what was lost.
fn failure(flow: &Flow, moment: &Moment<'_>, (d, j): (&[Fate], &[Fate]), why: &str) -> String {
    let before = match moment.before {
        Some(Which::Database) => "the database's flush",
        Some(Which::Journal) => "the journal's flush",
        None => "the end",
    };
    format!(
        "{}: a power cut before {before} (moment {}; database writes since its flush: {}; \
         journal's: {}): {why}",
        flow.name,
        moment.number,
        told(d),
        told(j)
    )
}

/// Runs the flow: its setup on a store closed cleanly, then its steps on the same files
/// with every write and flush noted.
fn record(flow: &Flow, dir: &Path, broken: Option<Break>) -> Recorded {
    let f = Fixture::new();
    let mut driver = Driver::new(&f, Store::open(dir).expect("open for the setup"));
    (flow.setup)(&mut driver);
    drop(driver.store.take());
    let database = fs::read(dir.join(FILE_NAME)).expect("the database");
    let journal = fs::read(dir.join(JOURNAL_NAME)).expect("the journal");
    let log = Log::default();
    driver.store = Some(tapped(dir, &database, &log));
    driver.log = Some(log.clone());
    driver.start();
    tap::set_break(broken);
    (flow.steps)(&mut driver);
    // A clean close is part of the flow: its flush too.
    drop(driver.store.take());
    tap::set_break(None);
    Recorded {
        database,
        journal,
        log,
        ids: driver.ids(),
        states: driver.states,
        labels: driver.labels,
    }
}

/// The store of `dir` as `Store::open` makes it, but its database on a noting disk holding
/// `database`, and its journal noting into `log`.
fn tapped(dir: &Path, database: &[u8], log: &Log) -> Store {
    let backend = Recording::new(database, log.clone()).expect("disk");
    let db = redb::Builder::new()
        .create_with_backend(backend)
        .expect("the database on the noting disk");
    open::prepare(&db, &dir.join(FILE_NAME)).expect("prepare");
    let mut journal = replay::open(&db, dir).expect("the journal");
    journal.tap(log.clone());
    Store {
        db,
        dir: Some(dir.to_path_buf()),
        journal: Some(journal),
        poisoned: None,
    }
}

enum Opened {
    Sound,
    /// Refused with a sentence; opened as the sentence says, nothing acknowledged was lost.
    Refused,
}

/// Opens the two files as a power cut left them, judges what the store holds, and opens
/// them once more to find the same.
fn reopen(
    dir: &Path,
    (database, journal): (Vec<u8>, Vec<u8>),
    recorded: &Recorded,
    acked: usize,
) -> Result<Opened, String> {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).expect("scratch folder");
    fs::write(dir.join(FILE_NAME), database).expect("write the database");
    fs::write(dir.join(JOURNAL_NAME), journal).expect("write the journal");
    let (store, refusal) = match Store::open(dir) {
        Ok(store) => (store, None),
        Err(e) => (as_the_sentence_says(dir, &e)?, Some(e.to_string())),
    };
    let found = Snapshot::of(&store, &recorded.ids)
        .map_err(|e| format!("the store opened but could not be read: {e}"))?;
    drop(store);
    let judged = judge(&found, &recorded.states, &recorded.labels, acked).and_then(|()| {
        // What the first start repaired and replayed is kept, and replayed once only.
        let again = Store::open(dir).map_err(|e| format!("the second start failed: {e}"))?;
        let second = Snapshot::of(&again, &recorded.ids).map_err(|e| e.to_string())?;
        match second == found {
            true => Ok(()),
            false => Err("the second start holds other than the first".into()),
        }
    });
    match (judged, refusal) {
        (Ok(()), None) => Ok(Opened::Sound),
        (Ok(()), Some(_)) => Ok(Opened::Refused),
        (Err(why), None) => Err(why),
        (Err(why), Some(sentence)) => Err(format!("the store refused ({sentence}); {why}")),
    }
}

/// After a refusal, what its sentence tells the assessor: the journal moved aside (or kept
/// aside by the store already), then a second start.
fn as_the_sentence_says(dir: &Path, e: &crate::OpenError) -> Result<Store, String> {
    let journal = dir.join(JOURNAL_NAME);
    if !e.to_string().contains(JOURNAL_NAME) {
        return Err(format!("the store did not open: {e}"));
    }
    if journal.exists() {
        fs::rename(&journal, dir.join("journal.aside")).expect("aside");
    }
    Store::open(dir).map_err(|again| format!("the store did not open: {e}; then: {again}"))
}

/// A folder for the states, in memory where the system has one (flushes cost nothing there).
fn scratch() -> tempfile::TempDir {
    let shm = PathBuf::from("/dev/shm");
    let builder = tempfile::Builder::new().prefix("ocop-powerloss").clone();
    match shm.is_dir() {
        true => builder.tempdir_in(shm),
        false => builder.tempdir(),
    }
    .expect("scratch folder")
}
