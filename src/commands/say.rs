//! Command sentences in the interface's language (Vietnamese by default, English with
//! `--lang en`). A command's error is printed through `sentence`: the English is the error's
//! own `Display`; the Vietnamese is here, one arm per variant, and the matches are exhaustive,
//! so a new variant cannot go untranslated. A sentence with no error type behind it is written
//! at its place with `pick(lang, vi, en)`.

use std::error::Error;
use std::path::Path;

use crate::cli::{Global, Lang};
use crate::commands::export::SyncCommandError;
use crate::config::{ConfigError, Settings};
use crate::store::{JOURNAL_BYTES, JournalDamage, OpenError, StoreError, is_full};

/// What a sentence needs besides the error: the language and, where known, the data folder
/// (a full disk is named by it).
#[derive(Debug, Clone, Copy)]
pub struct Say<'a> {
    pub lang: Lang,
    pub data_dir: Option<&'a Path>,
}

/// One of two sentences, by language.
pub fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

impl<'a> Say<'a> {
    /// The language and data folder of resolved settings.
    pub fn of(settings: &'a Settings) -> Say<'a> {
        Say {
            lang: settings.lang.value,
            data_dir: Some(&settings.data_dir.value),
        }
    }

    /// Before the settings are resolved (a bad config file, say): `--lang`, else a valid
    /// `OCOP_LANG`, else Vietnamese.
    pub fn before_settings(global: &Global) -> Say<'static> {
        let env = std::env::var("OCOP_LANG").ok();
        let from_env = env.and_then(|v| <Lang as clap::ValueEnum>::from_str(&v, true).ok());
        Say {
            lang: global.lang.or(from_env).unwrap_or(Lang::Vi),
            data_dir: None,
        }
    }

    /// Prints `e` on stderr as `ocop: SENTENCE`.
    pub fn error(&self, e: &(dyn Error + 'static)) {
        // The words may quote outside text (a file name, a principal): shown, never raw.
        let sentence = self.sentence(e);
        eprintln!("ocop: {}", crate::domain::text::safe::shown(&sentence));
    }

    /// The sentence for `e` in the language.
    pub fn sentence(&self, e: &(dyn Error + 'static)) -> String {
        if let Some(StoreError::Full) = e.downcast_ref::<StoreError>() {
            return self.full();
        }
        if let Some(e) = e.downcast_ref::<crate::sync::SyncError>() {
            return match e {
                crate::sync::SyncError::Store(store) => self.sentence(store.as_ref()),
                _ => sync::sync_sentence(e, self.lang),
            };
        }
        if self.lang == Lang::En {
            return e.to_string();
        }
        if let Some(e) = e.downcast_ref::<OpenError>() {
            return open_vi(e);
        }
        if let Some(e) = e.downcast_ref::<StoreError>() {
            return store_vi(e);
        }
        if let Some(e) = e.downcast_ref::<ConfigError>() {
            return config_vi(e);
        }
        if let Some(SyncCommandError::NoExportDir) = e.downcast_ref::<SyncCommandError>() {
            return "chưa đặt thư mục xuất: hãy chỉ định bằng --export-dir DIR, biến môi \
                    trường OCOP_EXPORT_DIR, hoặc export_dir trong tệp cấu hình"
                .into();
        }
        if let Some(e) = e.downcast_ref::<Said>() {
            return e.vi.clone();
        }
        e.to_string()
    }

    /// The disk of the data folder is full, naming the folder where it is known.
    pub fn full(&self) -> String {
        let dir = self.data_dir.map(|d| d.display().to_string());
        let dir = dir.unwrap_or_default();
        pick(
            self.lang,
            format!(
                "ổ đĩa chứa thư mục dữ liệu {dir} đã đầy: thay đổi cuối cùng chưa được lưu và \
                 không lưu thêm được cho đến khi có chỗ trống; hãy giải phóng chỗ trên ổ đĩa đó \
                 rồi khởi động lại ocop, ocop sẽ cho thấy những gì đã lưu"
            ),
            format!(
                "the disk holding the data folder {dir} is full: the last change was not saved, \
                 and no more can be until there is room; free some space on that disk, then \
                 restart ocop, which shows what was saved"
            ),
        )
    }
}

/// What is wrong with the settings, as a sentence in both languages (the language itself may
/// be what could not be read).
pub fn config_said(e: &ConfigError) -> Box<dyn Error> {
    Said::boxed(config_vi(e), e.to_string())
}

/// An error that is only a sentence, written in both languages where it arises.
#[derive(Debug)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    pub fn boxed(vi: String, en: String) -> Box<dyn Error> {
        Box::new(Said { vi, en })
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl Error for Said {}

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
        StoreError::Full => Say {
            lang: Lang::Vi,
            data_dir: None,
        }
        .full(),
    }
}

fn config_vi(e: &ConfigError) -> String {
    match e {
        ConfigError::Read { path, source } => {
            format!("không đọc được tệp cấu hình {}: {source}", path.display())
        }
        ConfigError::Invalid { path, message } => {
            format!("tệp cấu hình {} không hợp lệ: {message}", path.display())
        }
        ConfigError::At {
            path,
            line,
            column,
            message,
        } => format!(
            "tệp cấu hình {} không hợp lệ ở dòng {line}, cột {column}: {message}",
            path.display()
        ),
        ConfigError::Write { path, source } => {
            format!("không ghi được tệp cấu hình {}: {source}", path.display())
        }
        ConfigError::Folder { path, source } => format!(
            "không tạo được thư mục dữ liệu của người đánh giá {}: {source}",
            path.display()
        ),
        ConfigError::NoHome => "không có thư mục nhà để đặt dữ liệu và cấu hình; hãy chỉ định \
                                --data-dir và --config"
            .into(),
        ConfigError::BadEnv {
            var,
            value,
            allowed,
        } => format!(
            "biến môi trường {var}={value} không hợp lệ (chỉ nhận {allowed}); hãy sửa hoặc bỏ \
             biến đó"
        ),
    }
}

mod sync;

#[cfg(test)]
mod tests;
