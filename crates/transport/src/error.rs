//! Why a sync left a revision waiting, or could not do part of its work: one typed reason,
//! carried as a value from where it arises to where a person reads it (the command's line per
//! sheet, the interface's status line), which words it in the interface's language
//! (`commands::say`). Each reason goes to every revision it holds back, so it is `Clone`:
//! errors that are not (the store's, the writer's) are shared behind an `Arc`.

use std::path::PathBuf;
use std::sync::Arc;

use ocop_catalog::SheetRubricError;
use ocop_domain::Lang;
use ocop_export::folder::WriteError;
use ocop_store::StoreError;
use ocop_words::{Say, Words};

mod remote;

pub use remote::{RemoteError, classify};

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// The store could not read or record a revision.
    #[error(transparent)]
    Store(Arc<StoreError>),
    #[error("revision {revision} is not in the store")]
    NotInStore { revision: u32 },
    /// The rubric the sheet was scored on cannot be had, so no document can be built.
    #[error(transparent)]
    Rubric(Arc<SheetRubricError>),
    /// Writing into a folder on this machine failed (conflicts included).
    #[error(transparent)]
    Write(Arc<WriteError>),
    #[error("{source} (the folder could not be flushed to disk)")]
    Flush { source: Arc<WriteError> },
    #[error("{} is not open", dir.display())]
    NotOpen { dir: PathBuf },
    /// Over SSH: the host, the connection or the receiver refused or failed.
    #[error(transparent)]
    Remote(RemoteError),
    #[error(
        "{file} on {host} already holds other content (sha256 {theirs}; this sheet's is \
         {ours}); nothing was overwritten"
    )]
    RemoteConflict {
        file: String,
        host: String,
        ours: String,
        theirs: String,
    },
    /// The destination gave fewer answers than revisions, yet said the batch was durable.
    #[error("the export folder gave no answer for it; the next sync tries it again")]
    NoAnswer,
    #[error("{host} answered without placing a file")]
    NothingPlaced { host: String },
    #[error("summary.csv on {host}: {message}")]
    RemoteSummary { host: String, message: String },
    #[error("{host} did not say whether summary.csv was rebuilt; the next sync rebuilds it")]
    SummaryUnknown { host: String },
    /// The printable copy could not be made from the sheet's document.
    #[error("its printable copy could not be made: {}", .0.en)]
    Printed(Words),
}

impl SyncError {
    /// Another file holds the revision's name: recorded in the store as a conflict, and no
    /// retry with the folder unchanged can place it.
    pub fn is_conflict(&self) -> bool {
        match self {
            SyncError::Write(e) => e.is_conflict(),
            SyncError::RemoteConflict { .. } => true,
            _ => false,
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> SyncError {
        SyncError::Store(Arc::new(e))
    }
}

impl From<WriteError> for SyncError {
    fn from(e: WriteError) -> SyncError {
        SyncError::Write(Arc::new(e))
    }
}

impl From<SheetRubricError> for SyncError {
    fn from(e: SheetRubricError) -> SyncError {
        SyncError::Rubric(Arc::new(e))
    }
}

impl From<RemoteError> for SyncError {
    fn from(e: RemoteError) -> SyncError {
        SyncError::Remote(e)
    }
}

impl Say for SyncError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (SyncError::Store(store), _) => store.say(lang),
            (SyncError::Remote(remote), _) => remote.say(lang),
            (_, Lang::En) => self.to_string(),
            (_, Lang::Vi) => sync_vi(self),
        }
    }

    fn disk_full(&self) -> bool {
        matches!(self, SyncError::Store(store) if store.disk_full())
    }
}

fn sync_vi(e: &SyncError) -> String {
    match e {
        SyncError::Store(store) => store.say(Lang::Vi),
        SyncError::NotInStore { revision } => {
            format!("phiên bản {revision} không có trong cơ sở dữ liệu")
        }
        SyncError::Rubric(rubric) => {
            format!("không có bộ tiêu chí của phiếu: {}", rubric.say(Lang::Vi))
        }
        SyncError::Write(write) => write.say(Lang::Vi),
        SyncError::Flush { source } => format!(
            "{} (không ghi hẳn được thư mục xuống đĩa)",
            source.say(Lang::Vi)
        ),
        SyncError::NotOpen { dir } => format!("thư mục {} chưa được mở", dir.display()),
        SyncError::Remote(remote) => remote.say(Lang::Vi),
        SyncError::RemoteConflict {
            file,
            host,
            ours,
            theirs,
        } => format!(
            "{file} trên {host} đã có nội dung khác (sha256 {theirs}; của phiếu này là {ours}); \
             không ghi đè gì"
        ),
        SyncError::NoAnswer => {
            "thư mục xuất không trả lời cho phiếu này; lần đồng bộ sau sẽ thử lại".into()
        }
        SyncError::NothingPlaced { host } => format!("{host} trả lời mà không ghi tệp nào"),
        SyncError::RemoteSummary { host, message } => {
            format!("summary.csv trên {host}: {message}")
        }
        SyncError::SummaryUnknown { host } => format!(
            "{host} không cho biết summary.csv đã được dựng lại chưa; lần đồng bộ sau sẽ dựng lại"
        ),
        SyncError::Printed(why) => format!("không làm được bản in của phiếu: {}", why.vi),
    }
}
