//! How an error becomes a sentence in the language asked for. Every error enum of the program
//! implements `Say` beside its English `#[error]` text; the match in each impl is exhaustive,
//! so a new variant cannot go unsaid in Vietnamese.

use ocop_domain::Lang;

/// A value that can be said to a person in either language.
pub trait Say {
    fn say(&self, lang: Lang) -> String;

    /// The disk this error met is full: the one who prints it names the folder.
    fn disk_full(&self) -> bool {
        false
    }
}

/// One of two sentences, by language.
pub fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// An error that is only a sentence, written in both languages where it arises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Said {}

impl Say for Said {
    fn say(&self, lang: Lang) -> String {
        pick(lang, self.vi.clone(), self.en.clone())
    }
}

/// The disk of the data folder is full, naming the folder where it is known.
pub fn disk_full(lang: Lang, data_dir: Option<&std::path::Path>) -> String {
    let dir = data_dir
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    pick(
        lang,
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

impl Say for ocop_domain::edit::EditError {
    fn say(&self, lang: Lang) -> String {
        match self {
            ocop_domain::edit::EditError::Finished => pick(
                lang,
                "phiếu đã hoàn thành; hãy mở phiên bản sửa đổi để thay đổi".into(),
                self.to_string(),
            ),
        }
    }
}
