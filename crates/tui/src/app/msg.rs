//! Messages into `update` (the assessor's intents, and the replies of effects) and the effects
//! `update` asks the loop to carry out. Both are plain data, so tests build them by hand.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::field::TextEdit;
use super::state::{Earlier, Row, SyncProblem};
use ocop_domain::rubric::{Case, Code, Rubric};
use ocop_domain::sheet::{Header, Mark, Previous, Sheet, SheetId};
use ocop_reports::council::ProductReview;
use ocop_store::SyncState;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Up,
    Down,
    /// Previous criterion, or the column to the left in the review.
    Prev,
    Next,
    Enter,
    /// Esc: back one step, never losing typed text.
    Back,
    Help,
    /// Ctrl-C, `q` on the list: save what is pending and leave.
    Quit,
    /// The terminal hung up or SIGTERM came: save what is pending and leave.
    Hangup,
    /// `K`: print the assessor's `allowed_signers` line where it can be copied.
    ShowKey,
    /// Enter on a resumed sheet: go on scoring where it stands.
    Continue,
    /// Ctrl-Z: save what is pending, then give the terminal to the shell until `fg`.
    Suspend,
    Digit(u8),
    New,
    Delete,
    Search,
    NextFilter,
    Sync,
    /// `c` in the list: the council's sheets on the product under the cursor.
    Council,
    EditNote,
    Raise,
    Review,
    Jump,
    Finish,
    Amend,
    Comment,
    /// `D` on a draft's review: record the dossier rejected (asks why, then y/n), or withdraw it.
    Dossier,
    /// `T` on a draft's review: take the producer's self-assessment from a workbook's path.
    SelfAssessment,
    /// `p`: what the next star needs.
    Plan,
    /// `R`: a new sheet re-rating the product of a finished one.
    Rerate,
    /// `=`: this criterion as the earlier sheet answered it.
    TakeEarlier,
    /// The finished sheet to re-rate, and its exported file's digest when it was synced.
    RerateLoaded {
        sheet: Box<Sheet>,
        sha256: Option<String>,
    },
    Yes,
    No,
    NextField,
    PrevField,
    Create,
    Text(TextEdit),
    /// The autosave timer ran out: typed text is saved.
    Autosave,
    Loaded {
        rows: Vec<Row>,
        waiting: usize,
    },
    Opened {
        sheet: Box<Sheet>,
        rubric: Arc<Rubric>,
        sync: SyncState,
        earlier: Option<Arc<Earlier>>,
        /// The fingerprint of the key that signed it, when finished and signed.
        signed: Option<String>,
    },
    /// The store's sync state of one revision, after a sync or a finish, and the fingerprint
    /// of the key that signed it.
    SyncStateLoaded {
        id: SheetId,
        revision: u32,
        sync: SyncState,
        signed: Option<String>,
    },
    /// The export folder read for `code`: `None` when it holds no finished sheet of it.
    CouncilReviewed {
        code: String,
        review: Option<Box<ProductReview>>,
    },
    /// The export folder holds finished sheets of `code`, but none whose signature counts.
    CouncilNotCounted {
        code: String,
        count: usize,
    },
    Saved {
        sheet: Box<Sheet>,
        at: DateTime<FixedOffset>,
        after: After,
    },
    Trashed,
    AssessorSaved(String),
    /// No export folder is set (`--export-dir`, `OCOP_EXPORT_DIR`, the config file).
    NoExportDir,
    /// The export folder is set but cannot be reached (a share not mounted).
    ExportUnreachable,
    /// A sync ran: how many sheets it wrote, how many still wait, and what failed if anything.
    /// `asked`: the assessor pressed `s` (a background sync only updates the status line).
    Synced {
        written: usize,
        waiting: usize,
        problem: Option<SyncProblem>,
        asked: bool,
    },
    Failed(String),
    /// An edit never reached the disk (its frame was held back, never shown): the sheet as
    /// the store still holds it, and why.
    Unsaved {
        sheet: Box<Sheet>,
        error: String,
    },
    /// The disk of the data folder is full: nothing more is saved until a restart. The sheet
    /// as the store still holds it, when an edit was taken back.
    DiskFull {
        sheet: Option<Box<Sheet>>,
    },
}

/// Where the scoring screen goes once an edit is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Stay,
    /// To the next unanswered applicable criterion, or the review when none is left.
    Advance,
    Review,
    /// The sheet is finished: show it read-only and refresh the list.
    Finished,
}

/// One change to an open sheet; the effect turns it into a `domain::edit` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Mark(Code, Option<Mark>),
    Note(Code, String),
    Comment(String),
    Case(Option<Case>),
    /// The dossier rejected for this reason, or (None) accepted again.
    Dossier(Option<String>),
    /// The producer's self-assessment read from this workbook (or replacing the one held).
    SelfAssessment(std::path::PathBuf),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadList,
    Open(SheetId),
    Create {
        set_id: String,
        header: Box<Header>,
        previous: Option<Previous>,
    },
    /// Load a finished sheet to re-rate its product.
    LoadRerate(SheetId),
    /// Applies the edits in order to the sheet and saves each before replying.
    Edit {
        sheet: Box<Sheet>,
        rubric: Arc<Rubric>,
        edits: Vec<Edit>,
        after: After,
    },
    Finish {
        sheet: Box<Sheet>,
        rubric: Arc<Rubric>,
    },
    Amend {
        sheet: Box<Sheet>,
        rubric: Arc<Rubric>,
        reason: String,
    },
    Trash(SheetId),
    SaveAssessor(String),
    /// Copy finished sheets to the central folder; `asked` when the assessor pressed `s`.
    Sync {
        asked: bool,
    },
    /// Read the sync state of one revision (the finished view shows it).
    LoadSyncState {
        id: SheetId,
        revision: u32,
    },
    /// Review the export folder's finished sheets of one product code.
    Council(String),
}
