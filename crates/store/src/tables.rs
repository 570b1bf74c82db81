//! The tables, their keys, and the JSON codec of their values. Values are JSON so a future
//! version can read them with added fields; keys are plain strings and numbers so ranges work.

use redb::TableDefinition;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{StoreError, codec};

/// The schema this build writes. A file with a higher one is refused; a lower one is migrated.
pub const SCHEMA_VERSION: u64 = 1;
pub(super) const VERSION_KEY: &str = "schema_version";
/// The sequence number of the last journal record redb holds (see `journal`).
pub(super) const JOURNAL_KEY: &str = "journal_seq";
/// 1 while the journal may hold answers redb has not flushed: set durably before a session's
/// first journal record, cleared by the flush that closes the store (see `replay`). Absent in
/// a database no version 2 journal has been written for.
pub(super) const OPEN_KEY: &str = "journal_open";
/// Ids of sheets `ocop demo` made; any other sheet is a real one.
pub(super) const DEMO: TableDefinition<&str, ()> = TableDefinition::new("demo");

/// `schema_version`, `journal_seq` and `journal_open` → number.
pub(super) const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// (id, revision) → Sheet JSON.
pub(super) const SHEETS: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("sheets");
/// id → latest revision.
pub(super) const LATEST: TableDefinition<&str, u32> = TableDefinition::new("latest");
/// id → Summary JSON of the latest revision.
pub(super) const SUMMARIES: TableDefinition<&str, &[u8]> = TableDefinition::new("summaries");
/// rubric file SHA-256 → the file's text.
pub(super) const RUBRICS: TableDefinition<&str, &str> = TableDefinition::new("rubrics");
/// (id, sequence from 0) → AuditEvent JSON.
pub(super) const AUDIT: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("audit");
/// (id, revision) → SyncState JSON, for finished revisions only.
pub(super) const OUTBOX: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("outbox");
/// (id, revision) → the armored SSH signature of that finished revision's document. Made
/// after schema 1 began: a file without it simply has no signed sheet.
pub(super) const SIGNATURES: TableDefinition<(&str, u32), &str> =
    TableDefinition::new("signatures");
/// ids of trashed drafts.
pub(super) const TRASH: TableDefinition<&str, ()> = TableDefinition::new("trash");

pub(super) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(codec)
}

pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(codec)
}
