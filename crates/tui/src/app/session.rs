//! The interface's session in its data folder: the holder file that tells a second `ocop` who
//! holds the folder, and the place (sheet, criterion, note being typed) that the next start
//! resumes. Both are small files written without fsync (see `store::holder`, `store::place`).

use std::path::Path;
use std::time::{Duration, Instant};

use super::msg::Effect;
use super::state::{Screen, State};
use ocop_domain::sheet::SheetId;
use ocop_store::holder::{self, Holder, HolderFile};
use ocop_store::place::{self, Place, PlaceFile};

/// The holder's time of the last key is rewritten at most this often: a key costs no write.
const KEY_EVERY: Duration = Duration::from_secs(5);

pub struct Session {
    holder: Holder,
    /// `None` when the file cannot be opened: nobody can take this session over, but the
    /// assessor can work.
    holder_file: Option<HolderFile>,
    written: Instant,
    place: Option<Place>,
    /// `None` when the file cannot be opened: the assessor can work, the place is not kept.
    file: Option<PlaceFile>,
}

impl Session {
    /// Records this process as the folder's holder (the store's lock is already taken).
    pub fn start(dir: &Path, assessor: &str) -> Session {
        let now = chrono::Local::now().fixed_offset();
        let holder = Holder::this_process(assessor, now);
        let mut holder_file = HolderFile::open(dir).ok();
        if let Some(file) = holder_file.as_mut() {
            let _ = file.write(&holder);
        }
        let place = place::read(dir);
        let file = PlaceFile::open(dir).ok();
        Session {
            holder,
            holder_file,
            written: Instant::now(),
            place,
            file,
        }
    }

    /// The effect that opens the sheet the assessor last had, if the list still holds it.
    pub fn reopen(&self, state: &State) -> Option<Effect> {
        let id = SheetId::parse(&self.place.as_ref()?.sheet)?;
        state
            .rows
            .iter()
            .any(|r| r.summary.id == id)
            .then_some(Effect::Open(id))
    }

    /// After `reopen`'s sheet opened: its criterion and the note being typed.
    pub fn resume(&self, state: &mut State) {
        if let Some(p) = &self.place {
            super::update::resume(state, &p.criterion, p.note.clone());
        }
    }

    /// At exit, while the store's lock is still held: the holder file goes, so that a stale
    /// one (after a kill) is the only kind a newcomer can find beside a command's lock.
    pub fn end(self, dir: &Path) {
        drop(self.holder_file);
        let _ = std::fs::remove_file(holder::path(dir));
    }

    /// After keys: the place when it changed, and now and then the time of the last key.
    pub fn keys(&mut self, state: &State) {
        let now = place_of(state);
        if now != self.place {
            if let Some(file) = self.file.as_mut() {
                let _ = file.write(now.as_ref());
            }
            self.place = now;
        }
        if self.written.elapsed() >= KEY_EVERY
            && let Some(file) = self.holder_file.as_mut()
        {
            self.holder.last_key = chrono::Local::now().fixed_offset();
            let _ = file.write(&self.holder);
            self.written = Instant::now();
        }
    }
}

/// Where the assessor is: an open sheet's criterion and note, or nowhere (the list).
pub fn place_of(state: &State) -> Option<Place> {
    let Screen::Sheet(v) = &state.screen else {
        return None;
    };
    Some(Place {
        sheet: v.sheet.id.to_string(),
        criterion: v.current.to_string(),
        note: v.note.as_ref().map(|n| n.field.value().to_string()),
    })
}
