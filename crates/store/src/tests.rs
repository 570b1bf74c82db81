//! Store logic on redb's in-memory backend.

use chrono::{DateTime, FixedOffset, TimeZone};

use super::*;
use ocop_catalog::Catalog;
use ocop_domain::audit::Change;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Header, Mark, SheetId, Status};

pub(super) fn at(minute: u32) -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(7 * 3600).expect("offset");
    tz.with_ymd_and_hms(2026, 6, 1, 9, minute, 0)
        .single()
        .expect("time")
}

pub(super) fn by(minute: u32) -> By<'static> {
    By {
        actor: "Nguyễn Văn An",
        at: at(minute),
    }
}

pub(super) struct Fixture {
    pub catalog: Catalog,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            catalog: Catalog::builtin(),
        }
    }

    pub fn rubric(&self) -> &Rubric {
        self.catalog.all().expect("catalog")[0]
    }

    /// Creates and stores a new sheet, returning it.
    pub fn create(&self, store: &mut Store, n: u8) -> Sheet {
        let rubric = self.rubric();
        let id = SheetId::parse(&format!("01JD00000000000000000000{n:02}")).expect("id");
        let header = Header {
            product_name: format!("Chè Shan tuyết {n}"),
            producer: "HTX Chè Thanh Sơn".into(),
            ..Header::default()
        };
        let mut sheet = Sheet::new(id, rubric, header, at(0));
        let event = edit::created(&mut sheet, by(0));
        let text = self.catalog.text(&rubric.id).expect("text");
        store
            .create(&sheet, text, &Summary::of(rubric, &sheet), &event)
            .expect("create");
        sheet
    }

    pub fn answer(&self, store: &mut Store, sheet: &mut Sheet, leaf: usize, minute: u32) {
        let rubric = self.rubric();
        let code = rubric.leaves().nth(leaf).expect("leaf").code.clone();
        let event = edit::set_mark(sheet, &code, Some(Mark::NotMet), by(minute)).expect("edit");
        store
            .save(sheet, &Summary::of(rubric, sheet), &event)
            .expect("save");
    }

    pub fn finish(&self, store: &mut Store, sheet: &mut Sheet, minute: u32) {
        let event = edit::finish(sheet, by(minute)).expect("finish");
        let summary = Summary::of(self.rubric(), sheet);
        store
            .finish(sheet, &summary, &event, None)
            .expect("store finish");
    }
}

#[test]
fn create_save_and_read_back() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut sheet = f.create(&mut store, 1);
    f.answer(&mut store, &mut sheet, 0, 1);
    f.answer(&mut store, &mut sheet, 1, 2);
    assert_eq!(
        store.sheet(&sheet.id, None).expect("read"),
        Some(sheet.clone())
    );
    assert_eq!(store.revisions(&sheet.id).expect("revisions"), vec![1]);
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 3);
    let text = store.rubric_text(&sheet.rubric_sha256).expect("rubric");
    assert_eq!(text.as_deref(), f.catalog.text(&sheet.set_id));
    let listed = store.summaries().expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].summary.answered, 2);
    assert_eq!(listed[0].sync, SyncState::Draft);
}

#[test]
fn create_twice_is_refused() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let sheet = f.create(&mut store, 1);
    let mut again = sheet.clone();
    let event = edit::created(&mut again, by(1));
    let err = store.create(&again, "x", &Summary::of(f.rubric(), &again), &event);
    assert!(matches!(err, Err(StoreError::Exists { .. })));
}

#[test]
fn finish_queues_and_refuses_later_saves() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut sheet = f.create(&mut store, 1);
    f.finish(&mut store, &mut sheet, 3);
    assert_eq!(
        store.waiting().expect("waiting"),
        vec![(sheet.id.clone(), 1)]
    );
    assert_eq!(
        store.sync_state(&sheet.id, 1).expect("state"),
        SyncState::Waiting
    );
    // A stale draft copy of the finished revision cannot overwrite it.
    let mut stale = sheet.clone();
    stale.status = Status::Draft;
    let code = f.rubric().leaves().next().expect("leaf").code.clone();
    let event = edit::set_mark(&mut stale, &code, Some(Mark::NotMet), by(4)).expect("edit");
    let err = store.save(&stale, &Summary::of(f.rubric(), &stale), &event);
    assert!(matches!(err, Err(StoreError::Finished { .. })));
    assert_eq!(store.sheet(&sheet.id, None).expect("read"), Some(sheet));
}

#[test]
fn amend_leaves_the_finished_revision_untouched() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut sheet = f.create(&mut store, 1);
    f.answer(&mut store, &mut sheet, 0, 1);
    f.finish(&mut store, &mut sheet, 2);
    let (mut draft, event) = edit::amend(&sheet, "sai điểm 1.1", by(5));
    store
        .amend(&draft, &Summary::of(f.rubric(), &draft), &event)
        .expect("amend");
    f.answer(&mut store, &mut draft, 1, 6);
    assert_eq!(store.revisions(&sheet.id).expect("revs"), vec![1, 2]);
    assert_eq!(
        store.sheet(&sheet.id, Some(1)).expect("r1"),
        Some(sheet.clone())
    );
    assert_eq!(
        store.sheet(&sheet.id, None).expect("r2"),
        Some(draft.clone())
    );
    assert_eq!(
        store.sync_state(&sheet.id, 1).expect("s1"),
        SyncState::Waiting
    );
    assert_eq!(
        store.sync_state(&sheet.id, 2).expect("s2"),
        SyncState::Draft
    );
    let listed = store.summaries().expect("list");
    assert_eq!(listed[0].summary.revision, 2);
    // Amending again from revision 1 is stale.
    let (again, event) = edit::amend(&sheet, "again", by(7));
    let err = store.amend(&again, &Summary::of(f.rubric(), &again), &event);
    assert!(matches!(err, Err(StoreError::Revision { .. })));
    // An amendment draft is not trashed: that would hide the finished revision.
    let trashed = AuditEvent {
        change: Change::Trashed,
        ..event
    };
    assert!(matches!(
        store.trash(&sheet.id, &trashed),
        Err(StoreError::Finished { .. })
    ));
}

#[test]
fn trash_and_restore() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let a = f.create(&mut store, 1);
    let mut b = f.create(&mut store, 2);
    let event = |s: &Sheet, change| AuditEvent {
        sheet_id: s.id.clone(),
        revision: s.revision,
        at: at(9),
        actor: "An".into(),
        change,
    };
    store
        .trash(&a.id, &event(&a, Change::Trashed))
        .expect("trash");
    assert_eq!(store.summaries().expect("list").len(), 1);
    assert_eq!(store.trashed().expect("trash")[0].summary.id, a.id);
    store
        .restore(&a.id, &event(&a, Change::Restored))
        .expect("restore");
    assert_eq!(store.summaries().expect("list").len(), 2);
    assert!(store.trashed().expect("trash").is_empty());
    assert!(matches!(
        store.restore(&a.id, &event(&a, Change::Restored)),
        Err(StoreError::NotFound { .. })
    ));
    f.finish(&mut store, &mut b, 10);
    assert!(matches!(
        store.trash(&b.id, &event(&b, Change::Trashed)),
        Err(StoreError::Finished { .. })
    ));
    assert_eq!(store.audit(&a.id).expect("audit").len(), 3);
}

#[test]
fn outbox_states() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut sheet = f.create(&mut store, 1);
    let draft_state = store.set_sync_state(&sheet.id, 1, &SyncState::Waiting, None);
    assert!(matches!(draft_state, Err(StoreError::NoRevision { .. })));
    f.finish(&mut store, &mut sheet, 1);
    let conflict = SyncState::Conflict {
        message: "another file".into(),
    };
    store
        .set_sync_state(&sheet.id, 1, &conflict, None)
        .expect("conflict");
    assert_eq!(store.waiting().expect("waiting").len(), 1);
    let synced = SyncState::Synced {
        file: "x.json".into(),
        at: at(20),
    };
    let event = AuditEvent {
        sheet_id: sheet.id.clone(),
        revision: 1,
        at: at(20),
        actor: "An".into(),
        change: Change::Synced {
            file: "x.json".into(),
        },
    };
    store
        .set_sync_state(&sheet.id, 1, &synced, Some(&event))
        .expect("synced");
    assert!(store.waiting().expect("waiting").is_empty());
    assert_eq!(store.summaries().expect("list")[0].sync, synced);
    assert_eq!(store.audit(&sheet.id).expect("audit").last(), Some(&event));
}

#[test]
fn summaries_are_newest_first() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut a = f.create(&mut store, 1);
    let _b = f.create(&mut store, 2);
    f.answer(&mut store, &mut a, 0, 30);
    let ids: Vec<SheetId> = store
        .summaries()
        .expect("list")
        .into_iter()
        .map(|l| l.summary.id)
        .collect();
    assert_eq!(ids[0], a.id);
}

#[test]
fn a_refused_write_commits_nothing() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut sheet = f.create(&mut store, 1);
    let code = f.rubric().leaves().next().expect("leaf").code.clone();
    let event = edit::set_mark(&mut sheet, &code, Some(Mark::NotMet), by(1)).expect("edit");
    // A summary of another revision: the whole save is refused, the event included.
    let mut summary = Summary::of(f.rubric(), &sheet);
    summary.revision = 9;
    assert!(matches!(
        store.save(&sheet, &summary, &event),
        Err(StoreError::Refused { .. })
    ));
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 1);
    assert_eq!(
        store
            .sheet(&sheet.id, None)
            .expect("read")
            .expect("sheet")
            .answers
            .len(),
        0
    );
}

#[test]
fn import_stores_a_batch_and_marks_demo_sheets() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let rubric = f.rubric();
    let text = f.catalog.text(&rubric.id).expect("text");
    let item = |n: u8, finish: bool| {
        let id = SheetId::parse(&format!("01JE00000000000000000000{n:02}")).expect("id");
        let mut sheet = Sheet::new(id, rubric, Header::default(), at(0));
        let mut events = vec![edit::created(&mut sheet, by(0))];
        if finish {
            events.push(edit::finish(&mut sheet, by(1)).expect("finish"));
        }
        let summary = Summary::of(rubric, &sheet);
        Import {
            sheet,
            rubric_text: text,
            summary,
            events,
            finished: finish,
            signature: None,
        }
    };
    let batch = [item(1, false), item(2, true)];
    store.import(&batch, true).expect("import");
    assert_eq!(store.ids().expect("ids").len(), 2);
    assert_eq!(store.real_sheets().expect("real"), 0);
    assert_eq!(store.waiting().expect("waiting").len(), 1);
    assert_eq!(store.audit(&batch[1].sheet.id).expect("audit").len(), 2);
    assert!(matches!(
        store.import(&[item(3, false), item(1, false)], true),
        Err(StoreError::Exists { .. })
    ));
    assert_eq!(store.ids().expect("ids").len(), 2, "all or nothing");
    f.create(&mut store, 5);
    assert_eq!(store.real_sheets().expect("real"), 1);
}

#[test]
fn sync_states_in_one_batch_all_or_nothing() {
    let f = Fixture::new();
    let mut store = Store::in_memory().expect("store");
    let mut a = f.create(&mut store, 1);
    let mut b = f.create(&mut store, 2);
    let c = f.create(&mut store, 3);
    f.finish(&mut store, &mut a, 1);
    f.finish(&mut store, &mut b, 2);
    let synced = SyncState::Synced {
        file: "f.json".into(),
        at: at(30),
    };
    let with_draft = [
        (a.id.clone(), 1, synced.clone(), None),
        (c.id.clone(), 1, synced.clone(), None),
    ];
    assert!(matches!(
        store.set_sync_states(&with_draft),
        Err(StoreError::NoRevision { .. })
    ));
    assert_eq!(
        store.waiting().expect("waiting").len(),
        2,
        "nothing committed"
    );
    let both = [
        (a.id.clone(), 1, synced.clone(), None),
        (b.id.clone(), 1, synced, None),
    ];
    store.set_sync_states(&both).expect("batch");
    assert!(store.waiting().expect("waiting").is_empty());
}
