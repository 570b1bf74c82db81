//! What the interface knows at one moment: the screen and its own state, the popup on top,
//! the sheet list, and what the status line says. Only `update` changes it; `ui::view` reads it.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::field::{Field, Loss};
use ocop_config::ThemeName;
use ocop_domain::Lang;
use ocop_domain::due::{DUE_SOON_DAYS, Due, Rounds};
use ocop_domain::rubric::{Code, Criterion, Rubric};
use ocop_domain::score::{Score, Standing, score, standing};
use ocop_domain::search::{Query, fold};
use ocop_domain::sheet::{Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_store::SyncState;

mod council;
mod form;
mod layout;
pub use council::{CouncilView, MAX_SPREAD};
pub use form::{FieldProblem, HeaderForm};
pub use layout::{MIN_HEIGHT, MIN_WIDTH, too_small};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub summary: Summary,
    /// Where its latest revision stands with the export folder, as the store says.
    pub sync: SyncState,
    /// On the latest finished sheet of a product rated 3★ or more: when its rating falls
    /// due, estimated from that evaluation (`due::mark_due` sets it when the list loads).
    pub due: Option<Due>,
}

/// A product set as the new-sheet picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetInfo {
    pub id: String,
    pub set_no: u8,
    pub title_vi: String,
    pub title_en: String,
    pub folded: String,
}

impl SetInfo {
    /// The set's title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        ocop_domain::rubric::pick(&self.title_vi, Some(&self.title_en), lang)
    }

    pub fn of(rubric: &Rubric) -> SetInfo {
        SetInfo {
            id: rubric.id.clone(),
            set_no: rubric.set_no,
            title_vi: rubric.title_vi.clone(),
            title_en: rubric.title_en.clone(),
            folded: fold(&format!(
                "{} {} {} {}",
                rubric.set_no, rubric.id, rubric.title_vi, rubric.title_en
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Drafts,
    Finished,
    Waiting,
    /// Products whose re-rating window is open or opens within 30 days.
    Due,
}

impl Filter {
    pub const ORDER: [Filter; 5] = [
        Filter::All,
        Filter::Drafts,
        Filter::Finished,
        Filter::Waiting,
        Filter::Due,
    ];

    pub fn next(self) -> Filter {
        let i = Filter::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        Filter::ORDER[(i + 1) % Filter::ORDER.len()]
    }

    pub fn keeps(self, row: &Row, today: Option<NaiveDate>) -> bool {
        use ocop_domain::sheet::Status;
        match self {
            Filter::All => true,
            Filter::Drafts => row.summary.status == Status::Draft,
            Filter::Finished => row.summary.status == Status::Finished,
            Filter::Waiting => {
                matches!(row.sync, SyncState::Waiting | SyncState::Conflict { .. })
            }
            Filter::Due => match (row.due, today) {
                (Some(due), Some(today)) => due.soon(today, DUE_SOON_DAYS),
                _ => false,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub filter: Filter,
    pub search: Field,
    /// Keys go to the search field.
    pub searching: bool,
    /// Index into the visible rows.
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetPicker {
    pub query: Field,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Scoring,
    /// The review; `selected` indexes the rubric's leaves.
    Review {
        selected: usize,
    },
    /// What the next star needs; `selected` indexes `Plan::codes`, `back` is where Esc goes.
    Plan {
        selected: usize,
        back: PlanBack,
    },
}

/// The page the plan was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanBack {
    Scoring,
    Review(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEdit {
    pub field: Field,
    /// Typed since the last save.
    pub dirty: bool,
}

/// The sheet a re-rating follows, with the rubric it was scored on and its result, scored
/// once when it is loaded (it never changes; the scoring header shows it on every frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    pub sheet: Sheet,
    pub rubric: Arc<Rubric>,
    pub score: Score,
}

impl Earlier {
    pub fn new(sheet: Sheet, rubric: Arc<Rubric>) -> Earlier {
        let score = score(&rubric, &sheet);
        Earlier {
            sheet,
            rubric,
            score,
        }
    }
}

/// An open sheet: the scoring and review screens, and the finished view.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetView {
    pub sheet: Sheet,
    pub rubric: Arc<Rubric>,
    pub current: Code,
    /// Index into `choices(current)`.
    pub highlight: usize,
    pub page: Page,
    pub note: Option<NoteEdit>,
    /// The assessor closed the case question without answering: do not ask again.
    pub case_dismissed: bool,
    /// Reopened by a start (after a crash, a take-over, the next morning): no option is
    /// highlighted and Enter only goes on, until the assessor has seen where they are.
    pub resumed: bool,
    /// For a re-rating, the earlier sheet, shown beside each criterion.
    pub earlier: Option<Arc<Earlier>>,
    /// Where this revision stands with the export folder, as the store last said.
    pub sync: SyncState,
    /// The fingerprint (`SHA256:…`) of the key that signed this finished revision.
    pub signed: Option<String>,
}

/// One line of a criterion's option list: a rubric option (1-based) or "not met".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Option(u8),
    NotMet,
}

impl SheetView {
    pub fn score(&self) -> Score {
        score(&self.rubric, &self.sheet)
    }

    pub fn criterion(&self) -> Option<&Criterion> {
        self.rubric.criterion(&self.current)
    }

    pub fn leaves(&self) -> Vec<&Criterion> {
        self.rubric.leaves().collect()
    }

    pub fn standing_of(&self, leaf: &Criterion) -> Standing {
        standing(&self.rubric, &self.sheet, leaf)
    }

    /// What the digits and the highlight choose from, in rubric order.
    pub fn choices(&self, leaf: &Criterion) -> Vec<Pick> {
        let mut picks: Vec<Pick> = leaf
            .options_for(self.sheet.case)
            .filter_map(|(n, _)| u8::try_from(n).ok().map(Pick::Option))
            .collect();
        if !leaf.has_zero_option() {
            picks.push(Pick::NotMet);
        }
        picks
    }

    pub fn read_only(&self) -> bool {
        self.sheet.is_finished()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    List(ListView),
    PickSet(SetPicker),
    Header(HeaderForm),
    Sheet(Box<SheetView>),
    Council(Box<CouncilView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Delete {
        id: SheetId,
        product: String,
    },
    Finish,
    /// Open revision `revision` of the finished sheet, for this reason: asked after the
    /// reason is typed, so no text typed there by mistake amends a sheet on its own.
    Amend {
        revision: u32,
        reason: String,
    },
    /// Record the dossier rejected for this reason: the product is eliminated.
    RejectDossier {
        reason: String,
    },
    /// Withdraw the rejection: the dossier stands again.
    AcceptDossier,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Jump,
    Raise(Code),
    Comment,
    Amend,
    Assessor,
    /// Why the dossier is rejected.
    Dossier,
    /// The path of the producer's filled self-assessment workbook.
    SelfAssessment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub field: Field,
    pub dirty: bool,
    /// A problem with what was typed, shown under the field.
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    NoSuchCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help,
    Confirm(Ask),
    Prompt(Prompt),
    /// Which of the two cases the tourism site falls under; the labels come from the rubric.
    Case(Vec<String>),
}

/// A line for the status bar, in the interface's terms; the view words it.
/// Why sheets still wait after a sync, kept in the status line until a sync goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProblem {
    /// The export folder is missing or cannot be reached (a share not mounted).
    Unreachable,
    /// A host reached over SSH did not take the sheets (worded by the view).
    Remote(ocop_transport::remote::RemoteError),
    /// Anything else, in the words of the sync (a conflict, a full disk, …).
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Failed(String),
    OnlyDrafts,
    Unanswered(usize),
    NotRaisable,
    Finished,
    Trashed,
    NoExportDir,
    /// Ctrl-Z where no shell could continue the process (no job control): nothing stopped.
    NoSuspend,
    /// The sheet under the cursor has no product code: no council to show.
    NoProductCode,
    /// The export folder is set but not there to read.
    ExportUnreachable,
    /// The export folder holds no finished sheet with this product code.
    NoCouncil(String),
    /// Only a finished sheet can be re-rated.
    RerateFinishedOnly,
    /// `=` on a criterion the earlier sheet did not answer, or whose answer has no match now.
    NoEarlierAnswer,
    Synced {
        written: usize,
        waiting: usize,
    },
    ReadOnly,
    /// The first start made the signing key, with this fingerprint.
    KeyMade(String),
    /// The export folder holds this many finished sheets of the code, none of them counted.
    CouncilNotCounted(String, usize),
    /// The field being typed into did not keep all of the last key or paste.
    TextLost(Loss),
    /// The disk of the data folder is full.
    DiskFull,
}

/// The settings of this run: who assesses, in which language and colours, on which data
/// folder and day, with which sets and key. Set at start; a screen reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub lang: Lang,
    pub theme: ThemeName,
    pub no_color: bool,
    pub data_dir: String,
    pub assessor: String,
    pub council: String,
    /// The place name a new sheet's date line starts with (`place` in the settings).
    pub place: String,
    /// The province's evaluation rounds: the "due" filter names the one a dossier must reach.
    pub rounds: Rounds,
    /// Today's date, given by the loop at start: the header form's default.
    pub today: Option<NaiveDate>,
    pub sets: Vec<SetInfo>,
    /// The assessor's signing key, once loaded: the help tells where its public line is.
    pub key: Option<KeyInfo>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    pub rows: Vec<Row>,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub saved_at: Option<DateTime<FixedOffset>>,
    pub waiting: usize,
    /// What kept the last sync from sending everything.
    pub sync_problem: Option<SyncProblem>,
    /// While a sync runs: revisions placed and in all, for the status line (set by the loop).
    pub syncing: Option<(u64, u64)>,
    pub notice: Option<Notice>,
    /// Why the data folder takes no more changes until a restart; quitting then exits 1.
    pub stopped: Option<Stopped>,
    /// The terminal is below 80×24 (set by the loop at start and on each resize): the screen
    /// only says so, and no key but quitting is taken.
    pub too_small: bool,
    /// What the loop is to do with the terminal itself, once the update has run (it takes
    /// this back).
    pub handover: Option<Handover>,
    pub quit: bool,
}

/// The terminal handed over by the loop, outside the screen the view draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handover {
    /// Ctrl-Z: what is pending saved, the terminal given to the shell until `fg`.
    Suspend,
    /// `K`: the key's `allowed_signers` line printed on the terminal's own screen.
    KeyLine,
}

/// The assessor's signing key, as the interface mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub fingerprint: String,
}

/// Why the store refuses every change until a restart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// The disk of the data folder is full.
    DiskFull,
    /// An answer may not have reached the disk, in the store's words.
    Unsaved(String),
}

impl State {
    pub fn new(lang: Lang, sets: Vec<SetInfo>) -> State {
        State {
            session: Session {
                lang,
                theme: ThemeName::Default,
                no_color: false,
                data_dir: String::new(),
                assessor: String::new(),
                council: String::new(),
                place: String::new(),
                rounds: Rounds::default(),
                today: None,
                sets,
                key: None,
            },
            rows: Vec::new(),
            screen: Screen::List(ListView::new()),
            popup: None,
            saved_at: None,
            waiting: 0,
            sync_problem: None,
            syncing: None,
            notice: None,
            stopped: None,
            too_small: false,
            handover: None,
            quit: false,
        }
    }

    pub fn done(&self) -> bool {
        self.quit
    }

    /// Whether typed text is waiting to be saved: the loop arms the autosave timer.
    pub fn pending_save(&self) -> bool {
        let prompt = matches!(&self.popup, Some(Popup::Prompt(p)) if p.dirty && p.purpose == Purpose::Comment);
        let note =
            matches!(&self.screen, Screen::Sheet(v) if v.note.as_ref().is_some_and(|n| n.dirty));
        prompt || note
    }

    /// The rows the list shows: filter, then search.
    pub fn visible_rows(&self, view: &ListView) -> Vec<&Row> {
        view.visible(&self.rows, self.session.today)
    }

    pub fn count(&self, filter: Filter) -> usize {
        self.rows
            .iter()
            .filter(|r| filter.keeps(r, self.session.today))
            .count()
    }

    pub fn visible_sets(&self, picker: &SetPicker) -> Vec<&SetInfo> {
        picker.visible(&self.session.sets)
    }
}

impl SetPicker {
    /// The sets the query keeps, in catalog order.
    pub fn visible<'s>(&self, sets: &'s [SetInfo]) -> Vec<&'s SetInfo> {
        let query = Query::new(self.query.value());
        let mut shown: Vec<&SetInfo> = sets
            .iter()
            .filter(|s| query.is_empty() || query.matches_folded(&s.folded))
            .collect();
        // "chè" typed puts the tea set before "sơ chế": Enter takes the first.
        query.sort(&mut shown, |s| {
            query.best([s.title_vi.as_str(), s.title_en.as_str()])
        });
        shown
    }
}

impl ListView {
    /// The rows this list shows: filter, then search; the due filter soonest to close first.
    pub fn visible<'r>(&self, rows: &'r [Row], today: Option<NaiveDate>) -> Vec<&'r Row> {
        let query = Query::new(self.search.value());
        let mut shown: Vec<&Row> = rows
            .iter()
            .filter(|r| self.filter.keeps(r, today))
            .filter(|r| query.is_empty() || query.matches_folded(&r.summary.folded))
            .collect();
        if self.filter == Filter::Due {
            shown.sort_by_key(|r| r.due.map(|d| d.window_closes));
        }
        // Ranked on the row's folded copy (product first, then producer, code and set): a
        // keystroke over ten thousand rows folds nothing.
        query.sort(&mut shown, |r| {
            let s = &r.summary;
            let text = || format!("{} {} {}", s.product_name, s.producer, s.product_code);
            query.rank_folded(&s.folded, text)
        });
        shown
    }

    pub fn new() -> ListView {
        ListView {
            filter: Filter::All,
            search: Field::new("", 100),
            searching: false,
            selected: 0,
        }
    }
}

impl Default for ListView {
    fn default() -> ListView {
        ListView::new()
    }
}
