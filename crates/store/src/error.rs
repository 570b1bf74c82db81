//! The store's errors: one enum for opening, one for reading and writing. Their `Display` is a
//! sentence fit to show the assessor.

use std::path::PathBuf;

use super::journal::Damage;
use crate::journal::{Damage as JournalDamage, JOURNAL_BYTES};
use ocop_domain::Lang;
use ocop_domain::sheet::SheetId;
use ocop_words::Say;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    #[error(
        "the data folder {} is in use by another ocop (one program per data folder)",
        dir.display()
    )]
    Locked { dir: PathBuf },
    #[error("{} is damaged or is not an ocop database ({detail}); it was left as it is", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{} was written by a newer version of ocop (schema {found}; this one reads up to {supported}); update ocop",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    #[error(
        "the data folder {} is a file, not a folder; move that file away, or give another \
         folder with --data-dir or OCOP_DATA_DIR",
        dir.display()
    )]
    NotAFolder { dir: PathBuf },
    #[error("cannot open {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {}: {message}", path.display())]
    Storage { path: PathBuf, message: String },
    /// The journal was unreadable as a whole after a session that did not close cleanly.
    #[error(
        "{} could not be read after ocop last stopped without closing ({damage}): the answers \
         given since the database was last flushed (at most about 200) may be lost. The file \
         was kept as {}; start ocop again, which opens the sheets as last flushed, check the \
         latest answers, and keep that file for support",
        path.display(),
        kept.display()
    )]
    JournalLost {
        path: PathBuf,
        kept: PathBuf,
        damage: Damage,
    },
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("sheet {id} is finished; amend it to change it")]
    Finished { id: SheetId },
    #[error("there is no sheet {id}")]
    NotFound { id: SheetId },
    #[error("there is no revision {revision} of sheet {id}")]
    NoRevision { id: SheetId, revision: u32 },
    #[error("sheet {id} exists already")]
    Exists { id: SheetId },
    #[error("sheet {id} is at revision {latest}, not {given}")]
    Revision {
        id: SheetId,
        given: u32,
        latest: u32,
    },
    #[error("sheet {id} cannot be stored this way: {reason}")]
    Refused { id: SheetId, reason: &'static str },
    #[error("the database failed: {0}")]
    Storage(String),
    /// A save that may not have reached the disk: every write is refused until a restart.
    #[error("an answer could not be saved ({0}); restart ocop, which then shows what was saved")]
    Unsaved(String),
    /// The disk holding the data folder is full. Said with the folder where it is known (the
    /// command or the interface adds it); after an answer's save, writes stop as for `Unsaved`.
    #[error(
        "the disk holding the data folder is full: the last change was not saved, and no more \
         can be until there is room; free some space on that disk, then restart ocop, which \
         shows what was saved"
    )]
    Full,
}

/// Any redb error becomes `StoreError::Storage` (`Full` for a full disk), so redb's types stay
/// inside the module and `?` converts them.
impl From<redb::Error> for StoreError {
    fn from(e: redb::Error) -> StoreError {
        match &e {
            redb::Error::Io(io) if is_full(io) => StoreError::Full,
            _ => StoreError::Storage(e.to_string()),
        }
    }
}

/// Each operation's error of redb, by way of `redb::Error`.
macro_rules! from_redb {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for StoreError {
            fn from(e: $error) -> StoreError {
                StoreError::from(redb::Error::from(e))
            }
        }
    )*};
}

from_redb!(
    redb::StorageError,
    redb::TableError,
    redb::TransactionError,
    redb::SetDurabilityError,
    redb::CommitError,
);

/// The disk (or the user's quota on it) has no room left.
pub fn is_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

pub(super) fn codec(e: serde_json::Error) -> StoreError {
    StoreError::Storage(format!("a stored record does not decode: {e}"))
}

impl Say for OpenError {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => open_vi(self),
            Lang::En => self.to_string(),
        }
    }
}

fn open_vi(e: &OpenError) -> String {
    match e {
        OpenError::Locked { dir } => format!(
            "thư mục dữ liệu {} đang được một ocop khác dùng (mỗi thư mục dữ liệu chỉ một \
             chương trình); hãy đóng chương trình kia rồi chạy lại",
            dir.display()
        ),
        OpenError::Damaged { path, detail } => format!(
            "{} bị hỏng hoặc không phải cơ sở dữ liệu ocop ({detail}); tệp được giữ nguyên",
            path.display()
        ),
        OpenError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "{} được ghi bởi một phiên bản ocop mới hơn (lược đồ {found}; bản này đọc đến \
             {supported}); hãy cập nhật ocop",
            path.display()
        ),
        OpenError::NotAFolder { dir } => format!(
            "thư mục dữ liệu {} là một tệp, không phải thư mục; hãy chuyển tệp đó đi, hoặc chỉ \
             thư mục khác bằng --data-dir hay OCOP_DATA_DIR",
            dir.display()
        ),
        OpenError::Io { path, source } if is_full(source) => format!(
            "ổ đĩa chứa {} đã đầy nên chưa mở được; hãy giải phóng chỗ trống rồi chạy lại ocop \
             (không có gì bị thay đổi)",
            path.display()
        ),
        OpenError::Io { path, source } => {
            format!("không mở được {}: {source}", path.display())
        }
        OpenError::Storage { path, message } => {
            format!("không mở được {}: {message}", path.display())
        }
        OpenError::JournalLost { path, kept, damage } => format!(
            "không đọc được {} sau lần ocop dừng mà không đóng ({}): các câu trả lời từ lần \
             cơ sở dữ liệu được ghi xuống đĩa gần nhất (nhiều nhất khoảng 200) có thể đã mất. \
             Tệp được giữ lại thành {}; hãy chạy lại ocop (các phiếu mở ra như lần ghi gần \
             nhất), kiểm tra các câu trả lời cuối, và giữ tệp đó để hỗ trợ kỹ thuật",
            path.display(),
            damage_vi(*damage),
            kept.display()
        ),
    }
}

fn damage_vi(damage: JournalDamage) -> String {
    match damage {
        JournalDamage::Header => "phần đầu tệp không khớp".into(),
        JournalDamage::Short(n) => format!("tệp dài {n} byte thay vì {JOURNAL_BYTES}"),
        JournalDamage::TooLarge(n) => {
            format!("tệp dài {n} byte, lớn hơn {JOURNAL_BYTES} byte của một nhật ký")
        }
    }
}

impl Say for StoreError {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => store_vi(self),
            Lang::En => self.to_string(),
        }
    }

    fn disk_full(&self) -> bool {
        matches!(self, StoreError::Full)
    }
}

fn store_vi(e: &StoreError) -> String {
    match e {
        StoreError::Finished { id } => {
            format!("phiếu {id} đã hoàn thành; hãy mở phiên bản sửa đổi để thay đổi")
        }
        StoreError::NotFound { id } => format!("không có phiếu {id}"),
        StoreError::NoRevision { id, revision } => {
            format!("phiếu {id} không có phiên bản {revision}")
        }
        StoreError::Exists { id } => format!("phiếu {id} đã có"),
        StoreError::Revision { id, given, latest } => {
            format!("phiếu {id} đang ở phiên bản {latest}, không phải {given}")
        }
        StoreError::Refused { id, reason } => {
            format!("phiếu {id} không lưu được theo cách này: {reason}")
        }
        StoreError::Storage(message) => format!("cơ sở dữ liệu gặp lỗi: {message}"),
        StoreError::Unsaved(why) => format!(
            "một câu trả lời chưa lưu được ({why}); hãy khởi động lại ocop, ocop sẽ cho thấy \
             những gì đã lưu"
        ),
        StoreError::Full => ocop_words::say::disk_full(Lang::Vi, None),
    }
}

#[cfg(test)]
mod tests {
    use super::StoreError;
    use redb::{CommitError, StorageError, TransactionError};

    /// A full disk is `Full` whichever of redb's operations met it; anything else keeps
    /// redb's words.
    #[test]
    fn a_full_disk_from_any_of_redbs_errors_is_full_and_the_rest_keeps_its_words() {
        let io = |kind| StorageError::Io(std::io::Error::from(kind));
        let full = std::io::ErrorKind::StorageFull;
        let quota = std::io::ErrorKind::QuotaExceeded;
        assert!(matches!(StoreError::from(io(full)), StoreError::Full));
        let commit = CommitError::Storage(io(quota));
        assert!(matches!(StoreError::from(commit), StoreError::Full));
        let begin = TransactionError::Storage(io(full));
        assert!(matches!(StoreError::from(begin), StoreError::Full));
        let damaged = StoreError::from(StorageError::Corrupted("page 7 is not a page".into()));
        assert!(
            matches!(&damaged, StoreError::Storage(m) if m.contains("page 7 is not a page")),
            "{damaged}"
        );
        let denied = StoreError::from(io(std::io::ErrorKind::PermissionDenied));
        assert!(matches!(denied, StoreError::Storage(_)), "{denied}");
    }
}
