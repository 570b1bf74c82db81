//! The audit trail: every change to a sheet, who made it and when. A finished sheet is a legal
//! record; the trail shows how it came to be.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::rubric::{Case, Code};
use super::sheet::{HeaderField, Mark, SheetId};

mod read;
pub use read::{maybe_timestamp, timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub sheet_id: SheetId,
    pub revision: u32,
    #[serde(deserialize_with = "read::timestamp")]
    pub at: DateTime<FixedOffset>,
    pub actor: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// Read by `read`, in one pass; written as serde derives it.
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "read::ChangeFields"
)]
pub enum Change {
    Created {
        set_id: String,
        rubric_sha256: String,
    },
    Mark {
        code: Code,
        old: Option<Mark>,
        new: Option<Mark>,
    },
    Note {
        code: Code,
        old: String,
        new: String,
    },
    Header {
        field: HeaderField,
        old: String,
        new: String,
    },
    Case {
        old: Option<Case>,
        new: Option<Case>,
    },
    Dossier {
        old: Option<String>,
        new: Option<String>,
    },
    Comment {
        old: String,
        new: String,
    },
    /// The producer's self-assessment attached, replaced or removed: the files' SHA-256.
    SelfAssessment {
        file: Option<String>,
        old: Option<String>,
        new: Option<String>,
    },
    Finished,
    Amended {
        from_revision: u32,
        reason: String,
    },
    Trashed,
    Restored,
    Synced {
        file: String,
    },
}
