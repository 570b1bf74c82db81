//! Where the assessor was: the open sheet, its criterion, and the note being typed, in
//! `ocop.place` beside the database, so that every start (after a quit, a hang-up, a take-over
//! or a crash) opens that screen again.
//!
//! The interface writes it whenever it changes, the note's text with every key, in place and
//! without fsync (`SmallFile`): a killed process loses none of it, and a key costs no flush.
//! The answers themselves are durable as always; after a power cut the place may be the one
//! before, and a place that does not read is no place (the list opens).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::small_file::{SMALL_MAX_BYTES, SmallFile};
use ocop_files::Links;

/// The place file's name inside the data folder.
pub const PLACE_FILE: &str = "ocop.place";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The open sheet's id.
    pub sheet: String,
    /// The criterion on screen.
    pub criterion: String,
    /// The note being typed, when the note editor was open.
    pub note: Option<String>,
}

/// The place last written, if any reads.
pub fn read(dir: &Path) -> Option<Place> {
    // Not a regular file, or past a small file's size: no place (`ocop_files`).
    let path = dir.join(PLACE_FILE);
    let bytes = ocop_files::read(&path, SMALL_MAX_BYTES, Links::Refuse).ok()?;
    serde_json::from_slice::<Option<Place>>(bytes.trim_ascii_end()).ok()?
}

/// The place file, open for writing.
pub struct PlaceFile(SmallFile);

impl PlaceFile {
    pub fn open(dir: &Path) -> std::io::Result<PlaceFile> {
        SmallFile::open(&dir.join(PLACE_FILE)).map(PlaceFile)
    }

    /// Records the place; `None` is the list.
    pub fn write(&mut self, place: Option<&Place>) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(&place).map_err(std::io::Error::other)?;
        self.0.write(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_back_over_a_longer_one_and_garbage_is_no_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read(dir.path()), None);
        let place = Place {
            sheet: "01JD0000000000000000000000".into(),
            criterion: "1.2".into(),
            note: Some("nhãn mới in".into()),
        };
        let mut file = PlaceFile::open(dir.path()).expect("open");
        file.write(Some(&place)).expect("write");
        assert_eq!(read(dir.path()), Some(place.clone()));
        file.write(None).expect("list");
        assert_eq!(read(dir.path()), None);
        // A shorter place over a longer one reads as itself, also after a new start.
        let long = Place {
            note: Some("ghi chú rất dài ".repeat(20)),
            ..place.clone()
        };
        file.write(Some(&long)).expect("long");
        file.write(Some(&place)).expect("short");
        assert_eq!(read(dir.path()), Some(place.clone()));
        let mut again = PlaceFile::open(dir.path()).expect("again");
        again.write(None).expect("list");
        assert_eq!(read(dir.path()), None);
        std::fs::write(dir.path().join(PLACE_FILE), b"\0\0").expect("garbage");
        assert_eq!(read(dir.path()), None);
    }
}
