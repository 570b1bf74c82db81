//! The Vietnamese of a sync's reasons (`SyncError`) and of the export folder writer's
//! (`WriteError`), one arm per variant, so that a new reason cannot go untranslated. A host's
//! reason over SSH is worded by the interface's table (`ui::strings`), in either language.

use crate::cli::Lang;
use crate::sync::SyncError;
use crate::sync::folder::WriteError;
use crate::ui::strings::strings;

/// A sync's reason in `lang`.
pub fn sync_sentence(e: &SyncError, lang: Lang) -> String {
    match (e, lang) {
        (SyncError::Remote(remote), _) => (strings(lang).remote)(remote),
        (_, Lang::En) => e.to_string(),
        (_, Lang::Vi) => sync_vi(e),
    }
}

fn sync_vi(e: &SyncError) -> String {
    match e {
        SyncError::Store(store) => super::store_vi(store),
        SyncError::NotInStore { revision } => {
            format!("phiên bản {revision} không có trong cơ sở dữ liệu")
        }
        SyncError::Rubric(rubric) => format!("không có bộ tiêu chí của phiếu: {rubric}"),
        SyncError::Write(write) => write_vi(write),
        SyncError::Flush { source } => format!(
            "{} (không ghi hẳn được thư mục xuống đĩa)",
            write_vi(source)
        ),
        SyncError::NotOpen { dir } => format!("thư mục {} chưa được mở", dir.display()),
        SyncError::Remote(remote) => (strings(Lang::Vi).remote)(remote),
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
        SyncError::Printed(why) => format!("không làm được bản in của phiếu: {why}"),
    }
}

pub fn write_vi(e: &WriteError) -> String {
    match e {
        WriteError::Missing { dir } => {
            format!(
                "thư mục xuất {} không có hoặc không tới được",
                dir.display()
            )
        }
        WriteError::NotAFolder { path } => format!("{} không phải là thư mục", path.display()),
        WriteError::Symlink { path } => format!(
            "{} là một liên kết tượng trưng; đồng bộ chỉ ghi vào thư mục và tệp thật",
            path.display()
        ),
        WriteError::BadName { name } => {
            format!("'{name}' không thể là tên một tệp trong thư mục xuất")
        }
        WriteError::Conflict { path, ours, theirs } => format!(
            "{} đã có nội dung khác (sha256 {theirs}; của phiếu này là {ours}); không ghi đè gì",
            path.display()
        ),
        WriteError::Unwritable { path, source } => format!(
            "thư mục xuất không ghi được tại {}: {source}",
            path.display()
        ),
        WriteError::Full { path, source } => {
            format!("thư mục xuất đã đầy tại {}: {source}", path.display())
        }
        WriteError::Io { path, source } => {
            format!("không ghi được {}: {source}", path.display())
        }
    }
}
