//! The sentences by language: Vietnamese by default, English as each error's `Display`.

use std::path::{Path, PathBuf};

use super::*;
use ocop_store::{JournalDamage, OpenError, StoreError};

fn vi() -> Voice<'static> {
    Voice {
        lang: Lang::Vi,
        data_dir: Some(Path::new("/srv/ocop")),
    }
}

fn en() -> Voice<'static> {
    Voice {
        lang: Lang::En,
        ..vi()
    }
}

#[test]
fn a_lost_journal_is_said_in_both_languages_with_both_paths() {
    let e = OpenError::JournalLost {
        path: PathBuf::from("/srv/ocop/ocop.journal"),
        kept: PathBuf::from("/srv/ocop/ocop.journal.damaged"),
        damage: JournalDamage::Short(4096),
    };
    for said in [vi().sentence(&e), en().sentence(&e)] {
        assert!(said.contains("/srv/ocop/ocop.journal "), "{said}");
        assert!(said.contains("/srv/ocop/ocop.journal.damaged"), "{said}");
        assert!(said.contains("4096"), "{said}");
    }
    assert!(vi().sentence(&e).contains("có thể đã mất"));
    assert!(en().sentence(&e).contains("may be lost"));
}

#[test]
fn a_full_disk_names_the_data_folder() {
    let e = StoreError::Full;
    assert!(
        vi().sentence(&e)
            .contains("ổ đĩa chứa thư mục dữ liệu /srv/ocop đã đầy")
    );
    assert!(en().sentence(&e).contains("data folder /srv/ocop is full"));
}

#[test]
fn a_system_error_keeps_its_own_words() {
    let e = CommandError::from(std::io::Error::other("plain"));
    assert_eq!(vi().of(&e), "plain");
    assert_eq!(en().of(&e), "plain");
}

#[test]
fn a_sentence_error_speaks_the_language_asked() {
    let e = said(|w| (w.no_sheet)("01JD"));
    assert_eq!(
        vi().of(&e),
        "không có phiếu nào có mã '01JD' (xem: ocop list)"
    );
    assert_eq!(en().of(&e), "there is no sheet '01JD' (see: ocop list)");
}
