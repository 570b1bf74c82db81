//! Where the assessor was: the open sheet, its criterion, and the note being typed, in
//! `ocop.place` beside the database, so that every start (after a quit, a hang-up, a take-over
//! or a crash) opens that screen again.
//!
//! The interface writes it whenever it changes, the note's text with every key, through a
//! fresh file and a rename but without fsync: a killed process loses none of it (the page cache
//! holds it), and a key costs no flush, so the answer budgets stay as they were. The answers
//! themselves are durable as always; after a power cut the place may be the one before, and a
//! place that does not read is no place (the list opens).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::holder::replace;

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
    let bytes = std::fs::read(dir.join(PLACE_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Records the place; `None` (the list) removes the file.
pub fn write(dir: &Path, place: Option<&Place>) -> std::io::Result<()> {
    match place {
        Some(place) => {
            let bytes = serde_json::to_vec(place).map_err(std::io::Error::other)?;
            replace(dir, PLACE_FILE, &bytes)
        }
        None => match std::fs::remove_file(dir.join(PLACE_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_back_the_list_removes_it_and_garbage_is_no_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read(dir.path()), None);
        let place = Place {
            sheet: "01JD0000000000000000000000".into(),
            criterion: "1.2".into(),
            note: Some("nhãn mới in".into()),
        };
        write(dir.path(), Some(&place)).expect("write");
        assert_eq!(read(dir.path()), Some(place));
        write(dir.path(), None).expect("list");
        assert_eq!(read(dir.path()), None);
        write(dir.path(), None).expect("nothing to remove is fine");
        std::fs::write(dir.path().join(PLACE_FILE), b"\0\0").expect("garbage");
        assert_eq!(read(dir.path()), None);
    }
}
