use std::fs;

use super::*;
use crate::destination::Delivery;
use ocop_domain::edit::{self, By};
use ocop_domain::summary::Summary;
use ocop_export::folder::{Folder, WriteError};
use ocop_export::testing::{TEA, at, finished, rubric, sign, write_roster};

fn now() -> DateTime<FixedOffset> {
    at("2026-11-21T08:00:00+07:00")
}

/// A store holding `n` finished tea sheets, waiting for the export.
fn store_with(n: u8, product: &str) -> (Store, Catalog) {
    laptop("01JD", n, product)
}

/// A laptop's store: `n` finished tea sheets whose ids start with `prefix` (4 characters).
fn laptop(prefix: &str, n: u8, product: &str) -> (Store, Catalog) {
    let catalog = Catalog::builtin();
    let r = rubric(TEA);
    let text = catalog.text(TEA).expect("text");
    let mut store = Store::in_memory().expect("store");
    let items: Vec<_> = (0..n)
        .map(|i| {
            let id = format!("{prefix}00000000000000000000{i:02}");
            let (mut sheet, events) = finished(&r, &id, product, i % 4 + 1);
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
    store.import(&items, false).expect("import");
    (store, catalog)
}

#[test]
fn writes_every_waiting_revision_and_marks_it_synced() {
    let (mut store, catalog) = store_with(3, "Chè Shan tuyết");
    let tmp = tempfile::tempdir().expect("tempdir");
    let report = sync_all(&mut store, &catalog, tmp.path(), now());
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.written(), 3);
    assert!(store.waiting().expect("waiting").is_empty());
    let first = &report.sheets[0];
    let file = format!("sheets/{TEA}/{}.r1.json", first.id);
    assert!(
        matches!(&first.outcome, Outcome::Written { file: f, .. } if *f == file),
        "{:?}",
        first.outcome
    );
    assert_eq!(
        store.sync_state(&first.id, 1).expect("state"),
        SyncState::Synced {
            file: file.clone(),
            at: now()
        }
    );
    let trail = store.audit(&first.id).expect("audit");
    assert!(
        matches!(&trail.last().expect("event").change, Change::Synced { file: f } if *f == file)
    );
    let csv = fs::read_to_string(tmp.path().join("summary.csv")).expect("summary");
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn nothing_waiting_touches_nothing() {
    let (mut store, catalog) = store_with(0, "x");
    let tmp = tempfile::tempdir().expect("tempdir");
    let report = sync_all(&mut store, &catalog, tmp.path(), now());
    assert!(report.is_clean() && report.sheets.is_empty());
    assert_eq!(fs::read_dir(tmp.path()).expect("dir").count(), 0);
}

#[test]
fn a_missing_folder_leaves_every_sheet_waiting_with_the_reason() {
    let (mut store, catalog) = store_with(2, "Chè");
    let tmp = tempfile::tempdir().expect("tempdir");
    let share = tmp.path().join("share");
    let report = sync_all(&mut store, &catalog, &share, now());
    assert_eq!(report.waiting().count(), 2);
    let why = report.last_error().expect("a reason");
    assert!(
        matches!(why, SyncError::Write(e) if matches!(**e, WriteError::Missing { .. })),
        "{why:?}"
    );
    assert!(
        why.to_string().contains("missing or not reachable"),
        "{why}"
    );
    assert_eq!(store.waiting().expect("waiting").len(), 2);
    assert!(!share.exists());
    fs::create_dir(&share).expect("mkdir");
    assert!(sync_all(&mut store, &catalog, &share, now()).is_clean());
}

#[test]
fn a_file_written_before_a_crash_is_recognised_not_rewritten() {
    let (mut store, catalog) = store_with(1, "Chè");
    let tmp = tempfile::tempdir().expect("tempdir");
    let (id, rev) = store.waiting().expect("waiting")[0].clone();
    let p = prepare(&store, &catalog, &id, rev).expect("prepare");
    let mut folder = Folder::open(tmp.path()).expect("folder");
    folder.put(&p.set_id, &p.name, &p.bytes).expect("put");
    let report = sync_all(&mut store, &catalog, tmp.path(), now());
    assert!(
        matches!(report.sheets[0].outcome, Outcome::AlreadyThere { .. }),
        "{report:?}"
    );
    assert!(store.waiting().expect("waiting").is_empty());
}

#[test]
fn another_file_under_the_name_is_a_conflict_and_stays_waiting() {
    let (mut store, catalog) = store_with(1, "Chè");
    let tmp = tempfile::tempdir().expect("tempdir");
    let (id, rev) = store.waiting().expect("waiting")[0].clone();
    let dir = tmp.path().join("sheets").join(TEA);
    fs::create_dir_all(&dir).expect("mkdir");
    let name = format!("{id}.r{rev}.json");
    fs::write(dir.join(&name), b"{\"other\": true}\n").expect("write");
    let report = sync_all(&mut store, &catalog, tmp.path(), now());
    assert!(
        matches!(report.sheets[0].outcome, Outcome::Conflict { .. }),
        "{report:?}"
    );
    assert!(matches!(
        store.sync_state(&id, rev).expect("state"),
        SyncState::Conflict { .. }
    ));
    assert_eq!(store.waiting().expect("waiting").len(), 1);
    assert_eq!(
        fs::read(dir.join(&name)).expect("kept"),
        b"{\"other\": true}\n"
    );
}

#[test]
fn an_amendment_is_exported_beside_its_first_revision() {
    let (mut store, catalog) = store_with(1, "Chè");
    let tmp = tempfile::tempdir().expect("tempdir");
    assert!(sync_all(&mut store, &catalog, tmp.path(), now()).is_clean());
    let (id, _) = (store.summaries().expect("list")[0].summary.id.clone(), 1);
    let first = store.sheet(&id, Some(1)).expect("read").expect("there");
    let by = By {
        actor: "An",
        at: now(),
    };
    let (mut draft, event) = edit::amend(&first, "sai điểm 1.1", by);
    let r = rubric(TEA);
    store
        .amend(&draft, &Summary::of(&r, &draft), &event)
        .expect("amend");
    let event = edit::finish(&mut draft, by).expect("finish");
    let mut audit = store.audit(&id).expect("audit");
    audit.push(event.clone());
    let sig = sign(&r, &mut draft, Some(&first), &audit);
    store
        .finish(&draft, &Summary::of(&r, &draft), &event, Some(&sig))
        .expect("finish");
    let report = sync_all(&mut store, &catalog, tmp.path(), now());
    assert!(report.is_clean() && report.written() == 1, "{report:?}");
    write_roster(tmp.path());
    let verdict = ocop_export::verify::verify(tmp.path(), &catalog, None).expect("verify");
    assert!(verdict.problems.is_empty(), "{:?}", verdict.problems);
    assert_eq!(verdict.sheets, 2);
    // Revision 2 names revision 1's file by its SHA-256: that file, as exported.
    let set = tmp.path().join("sheets").join(TEA);
    let r1 = fs::read(set.join(format!("{id}.r1.json"))).expect("r1");
    let sha = ocop_catalog::check::sha256_hex(&r1);
    assert_eq!(draft.supersedes_sha256.as_deref(), Some(sha.as_str()));
    assert!(set.join(format!("{id}.r2.json.sig")).is_file());
}

#[test]
fn a_summary_grown_sync_by_sync_equals_one_made_from_scratch() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // The first laptop's rows are reused by the second sync; the second laptop's product
    // needs quoting, so its rows are always rendered from their files.
    let (mut first, catalog) = store_with(3, "Chè Shan tuyết");
    sync_all(&mut first, &catalog, tmp.path(), now());
    let (mut second, _) = laptop("01JE", 4, "Chè \"xanh\", Tất Thắng");
    sync_all(&mut second, &catalog, tmp.path(), now());
    let grown = fs::read(tmp.path().join("summary.csv")).expect("summary");
    let listing = ocop_export::scan::list(tmp.path()).expect("listing");
    let entries: Vec<_> = listing.sheets().cloned().collect();
    let scratch =
        ocop_reports::summary_csv::render(&entries, &Default::default(), &Catalog::builtin());
    assert_eq!(
        String::from_utf8_lossy(&grown),
        String::from_utf8_lossy(&scratch)
    );
    assert_eq!(String::from_utf8_lossy(&grown).lines().count(), 8);
}

/// A local folder that takes two revisions per delivery, and counts the deliveries and the
/// most revisions it ever held at once.
struct TwoAtATime {
    folder: LocalFolder,
    deliveries: usize,
    most: usize,
}

impl Destination for TwoAtATime {
    fn open(&mut self) -> Result<(), SyncError> {
        self.folder.open()
    }

    fn deliver(&mut self, batch: &[Prepared], progress: &Counter) -> Delivery {
        self.deliveries += 1;
        self.most = self.most.max(batch.len());
        self.folder.deliver(batch, progress)
    }

    fn summary(&mut self, catalog: &Catalog) -> Option<SyncError> {
        self.folder.summary(catalog)
    }

    fn most_at_once(&self) -> usize {
        2
    }
}

#[test]
fn revisions_go_in_rounds_and_every_one_is_written_and_recorded() {
    let (mut store, catalog) = store_with(5, "Chè Shan tuyết");
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut to = TwoAtATime {
        folder: LocalFolder::new(tmp.path()),
        deliveries: 0,
        most: 0,
    };
    let progress = Counter::default();
    let report = sync_with(&mut store, &catalog, &mut to, now(), &progress);
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.written(), 5);
    assert_eq!((to.deliveries, to.most), (3, 2));
    assert_eq!(progress.get(), (5, 5));
    assert!(store.waiting().expect("waiting").is_empty());
    let csv = fs::read_to_string(tmp.path().join("summary.csv")).expect("summary");
    assert_eq!(csv.lines().count(), 6, "one summary, of every round");
    let verdict = ocop_export::verify::verify(tmp.path(), &catalog, None).expect("verify");
    assert_eq!(verdict.sheets, 5);
}
