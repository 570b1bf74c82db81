//! The real flows the harness walks, each a setup (stored and closed cleanly before the
//! power cuts begin) and steps, each step acknowledged to the flow as the interface would
//! show it: answering, the journal wrapping round, finishing, amending, a re-rating, and
//! deleting and restoring.

use super::check::Snapshot;
use crate::tap::{Log, Op};
use crate::tests::{Fixture, at, by};
use crate::{Store, SyncState};
use ocop_domain::audit::{AuditEvent, Change};
use ocop_domain::edit;
use ocop_domain::sheet::{Header, Previous, Sheet, SheetId};
use ocop_domain::summary::Summary;

/// A flow: what is stored before, and the steps under power cuts.
pub struct Flow {
    pub name: &'static str,
    pub setup: fn(&mut Driver<'_>),
    pub steps: fn(&mut Driver<'_>),
}

pub const ANSWERING: Flow = Flow {
    name: "answering",
    setup: |d| d.create(None),
    steps: |d| (0..12).for_each(|leaf| d.answer(0, leaf)),
};

/// Past the journal's end (about 200 answers of this size), so it is flushed into the
/// database and written again from its start over the stale records.
pub const JOURNAL_WRAP: Flow = Flow {
    name: "journal wrap",
    setup: |d| d.create(None),
    steps: |d| (0..230).for_each(|n| d.answer(0, n)),
};

pub const FINISHING: Flow = Flow {
    name: "finishing",
    setup: |d| {
        d.create(None);
        d.create(None);
    },
    steps: |d| {
        (0..3).for_each(|leaf| d.answer(0, leaf));
        d.finish(0);
        d.synced(0);
        (0..2).for_each(|leaf| d.answer(1, leaf));
    },
};

pub const AMENDING: Flow = Flow {
    name: "amending",
    setup: |d| {
        d.create(None);
        d.answer(0, 0);
        d.finish(0);
        d.create(None);
    },
    steps: |d| {
        d.amend(0);
        (1..3).for_each(|leaf| d.answer(0, leaf));
        d.finish(0);
        (0..2).for_each(|leaf| d.answer(1, leaf));
    },
};

pub const RERATING: Flow = Flow {
    name: "re-rating",
    setup: |d| {
        d.create(None);
        (0..3).for_each(|leaf| d.answer(0, leaf));
        d.finish(0);
    },
    steps: |d| {
        d.create(Some(0));
        (0..3).for_each(|leaf| d.answer(1, leaf));
        d.finish(1);
    },
};

pub const TRASH_AND_RESTORE: Flow = Flow {
    name: "deleting and restoring",
    setup: |d| {
        d.create(None);
        d.create(None);
    },
    steps: |d| {
        d.answer(0, 0);
        d.trash(0);
        d.answer(1, 0);
        d.restore(0);
        d.answer(0, 1);
        d.answer(1, 1);
    },
};

/// What a finished sheet is signed with; the store keeps it as given.
const SIGNATURE: &str = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n";

/// Runs a flow's steps on a store, and once tapped records what each acknowledged.
pub struct Driver<'a> {
    pub f: &'a Fixture,
    pub store: Option<Store>,
    pub sheets: Vec<Sheet>,
    /// The tap, once the power cuts begin.
    pub log: Option<Log>,
    /// The store as each step left it (`states[0]`: before the first).
    pub states: Vec<Snapshot>,
    pub labels: Vec<String>,
    minute: u32,
}

impl<'a> Driver<'a> {
    pub fn new(f: &'a Fixture, store: Store) -> Driver<'a> {
        Driver {
            f,
            store: Some(store),
            sheets: Vec::new(),
            log: None,
            states: Vec::new(),
            labels: Vec::new(),
            minute: 0,
        }
    }

    pub fn ids(&self) -> Vec<SheetId> {
        self.sheets.iter().map(|s| s.id.clone()).collect()
    }

    fn store(&mut self) -> &mut Store {
        self.store
            .as_mut()
            .expect("the store is open during the flow")
    }

    /// The store as it is now, as the flow's first state.
    pub fn start(&mut self) {
        let ids = self.ids();
        let store = self.store.as_ref().expect("store");
        self.states = vec![Snapshot::of(store, &ids).expect("the first state")];
    }

    /// A step returned: acknowledged, and what the store holds now is what it must keep.
    fn done(&mut self, label: String) {
        let Some(log) = &self.log else { return };
        self.labels.push(label);
        log.note(Op::Acked(self.labels.len()));
        let ids = self.ids();
        let store = self.store.as_ref().expect("store");
        self.states
            .push(Snapshot::of(store, &ids).expect("read after a step"));
    }

    /// Minutes on the sheets' clock, one per step, round the hour.
    fn tick(&mut self) -> u32 {
        self.minute = (self.minute + 1) % 60;
        self.minute
    }

    /// A new sheet; with `Some(i)`, a re-rating of sheet `i` (its latest revision).
    fn create(&mut self, earlier: Option<usize>) {
        let n = self.sheets.len() + 1;
        let rubric = self.f.rubric();
        let id = SheetId::parse(&format!("01JD00000000000000000000{n:02}")).expect("id");
        let header = Header {
            product_name: format!("Chè Shan tuyết {n}"),
            ..Header::default()
        };
        let mut sheet = Sheet::new(id, rubric, header, at(0));
        sheet.previous = earlier.map(|i| Previous {
            sheet_id: self.sheets[i].id.clone(),
            revision: self.sheets[i].revision,
            sha256: None,
        });
        let event = edit::created(&mut sheet, by(self.tick()));
        let text = self.f.catalog.text(&rubric.id).expect("text");
        let summary = Summary::of(rubric, &sheet);
        self.store()
            .create(&sheet, text, &summary, &event)
            .expect("create");
        let label = match earlier {
            Some(i) => format!("re-rate sheet {} as sheet {}", self.sheets[i].id, sheet.id),
            None => format!("create sheet {}", sheet.id),
        };
        self.sheets.push(sheet);
        self.done(label);
    }

    fn answer(&mut self, i: usize, n: usize) {
        let leaf = n % self.f.rubric().leaves().count();
        let minute = self.tick();
        let (f, store) = (self.f, self.store.as_mut().expect("store"));
        f.answer(store, &mut self.sheets[i], leaf, minute);
        let sheet = &self.sheets[i];
        let code = &self.f.rubric().leaves().nth(leaf).expect("leaf").code;
        self.done(format!(
            "answer {code} on sheet {} r{} (its audit event {})",
            sheet.id,
            sheet.revision,
            self.store
                .as_ref()
                .map_or(0, |s| s.audit(&sheet.id).map_or(0, |a| a.len()))
        ));
    }

    fn finish(&mut self, i: usize) {
        let by = by(self.tick());
        let event = edit::finish(&mut self.sheets[i], by).expect("finish");
        let sheet = self.sheets[i].clone();
        let summary = Summary::of(self.f.rubric(), &sheet);
        self.store()
            .finish(&sheet, &summary, &event, Some(SIGNATURE))
            .expect("store finish");
        self.done(format!(
            "finish sheet {} r{} (signed, queued for the export)",
            sheet.id, sheet.revision
        ));
    }

    /// The export took the sheet's latest revision.
    fn synced(&mut self, i: usize) {
        let (id, revision) = (self.sheets[i].id.clone(), self.sheets[i].revision);
        let state = SyncState::Synced {
            file: format!("sheets/x/{id}.r{revision}.json"),
            at: at(self.tick()),
        };
        self.store()
            .set_sync_state(&id, revision, &state, None)
            .expect("sync state");
        self.done(format!("record sheet {id} r{revision} as synced"));
    }

    fn amend(&mut self, i: usize) {
        let by = by(self.tick());
        let (draft, event) = edit::amend(&self.sheets[i], "sai điểm", by);
        let summary = Summary::of(self.f.rubric(), &draft);
        self.store().amend(&draft, &summary, &event).expect("amend");
        let label = format!("amend sheet {} as r{}", draft.id, draft.revision);
        self.sheets[i] = draft;
        self.done(label);
    }

    fn trash(&mut self, i: usize) {
        let event = self.event(i, Change::Trashed);
        let id = self.sheets[i].id.clone();
        self.store().trash(&id, &event).expect("trash");
        self.done(format!("delete sheet {id}"));
    }

    fn restore(&mut self, i: usize) {
        let event = self.event(i, Change::Restored);
        let id = self.sheets[i].id.clone();
        self.store().restore(&id, &event).expect("restore");
        self.done(format!("restore sheet {id}"));
    }

    fn event(&mut self, i: usize, change: Change) -> AuditEvent {
        AuditEvent {
            sheet_id: self.sheets[i].id.clone(),
            revision: self.sheets[i].revision,
            at: at(self.tick()),
            actor: "Nguyễn Văn An".into(),
            change,
        }
    }
}
