//! The answer journal with the database: what a crash leaves (redb at its last durable commit,
//! the journal with every record flushed) is put together again at opening.

use std::fs;
use std::path::Path;

use super::journal::JOURNAL_NAME;
use super::tests::Fixture;
use super::*;

/// A fixture and a data folder (inside a temporary one, kept while the first is).
fn folder() -> (Fixture, tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    (Fixture::new(), tmp, dir)
}

/// The two files as a crash would leave them: `redb` from before the journaled saves (their
/// commits were never flushed), the journal from after them.
fn crash_copy(dir: &Path, redb: &[u8], journal: &[u8]) {
    fs::write(dir.join(FILE_NAME), redb).expect("redb");
    fs::write(dir.join(JOURNAL_NAME), journal).expect("journal");
}

/// A folder holding one stored sheet (durably), then three journaled answers to it: the
/// database bytes from before the answers, the journal's after them, and the sheet.
fn three_answers(f: &Fixture, dir: &Path) -> (Vec<u8>, Vec<u8>, Sheet) {
    let mut store = Store::open(dir).expect("open");
    let mut sheet = f.create(&mut store, 1);
    let durable = fs::read(dir.join(FILE_NAME)).expect("read redb");
    for leaf in 0..3 {
        f.answer(&mut store, &mut sheet, leaf, 1 + leaf as u32);
    }
    let journal = fs::read(dir.join(JOURNAL_NAME)).expect("read journal");
    drop(store);
    (durable, journal, sheet)
}

/// Where the journal's `n`th record (from 0) starts.
fn record_at(journal: &[u8], n: usize) -> usize {
    journal
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"OCJ1")
        .nth(n)
        .map(|(at, _)| at)
        .expect("record")
}

#[test]
fn answers_only_the_journal_holds_are_stored_at_opening() {
    let (f, _tmp, dir) = folder();
    let (durable, journal, sheet) = three_answers(&f, &dir);
    crash_copy(&dir, &durable, &journal);
    let store = Store::open(&dir).expect("reopen after the crash");
    assert_eq!(
        store.sheet(&sheet.id, None).expect("read"),
        Some(sheet.clone())
    );
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 4);
    let row = &store.summaries().expect("list")[0];
    assert_eq!(row.summary, Summary::of(f.rubric(), &sheet));
    drop(store);
    // Stored once: opening again replays nothing twice.
    let store = Store::open(&dir).expect("third opening");
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 4);
}

#[test]
fn a_damaged_record_between_two_is_refused_and_the_journal_left_as_it_was() {
    let (f, _tmp, dir) = folder();
    let (durable, mut journal, sheet) = three_answers(&f, &dir);
    // The first record's magic: the second and third still check out, so this is damage, not
    // a torn last write.
    let first = record_at(&journal, 0);
    journal[first..first + 4].copy_from_slice(b"XXXX");
    crash_copy(&dir, &durable, &journal);
    let err = Store::open(&dir).err().expect("refused");
    assert!(matches!(err, OpenError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains(JOURNAL_NAME), "{err}");
    let kept = fs::read(dir.join(JOURNAL_NAME)).expect("journal");
    assert!(kept == journal, "the journal was changed");
    // What the sentence says to do: moved aside, the database opens as last flushed.
    fs::rename(dir.join(JOURNAL_NAME), dir.join("journal.aside")).expect("aside");
    let store = Store::open(&dir).expect("opens without it");
    let stored = store.sheet(&sheet.id, None).expect("read").expect("sheet");
    assert!(stored.answers.is_empty());
}

#[test]
fn a_torn_last_record_is_an_answer_never_shown_and_the_rest_are_stored() {
    let (f, _tmp, dir) = folder();
    let (durable, mut journal, sheet) = three_answers(&f, &dir);
    // The third record (each takes 10 sectors here) lost a byte of its payload.
    let third = record_at(&journal, 2);
    journal[third + 100] ^= 0xFF;
    crash_copy(&dir, &durable, &journal);
    let store = Store::open(&dir).expect("reopen");
    let stored = store.sheet(&sheet.id, None).expect("read").expect("sheet");
    assert_eq!(stored.answers.len(), 2);
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 3);
}

#[test]
fn hundreds_of_answers_outgrow_the_journal_and_all_are_kept() {
    let (f, _tmp, dir) = folder();
    let mut store = Store::open(&dir).expect("open");
    let mut sheet = f.create(&mut store, 1);
    let leaves = f.rubric().leaves().count();
    for i in 0..600 {
        f.answer(&mut store, &mut sheet, i % leaves, (i % 60) as u32);
    }
    drop(store);
    let len = fs::metadata(dir.join(JOURNAL_NAME)).expect("journal").len();
    assert_eq!(len, 1 << 20, "the journal starts over instead of growing");
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 601);
    assert_eq!(store.sheet(&sheet.id, None).expect("read"), Some(sheet));
}

#[test]
fn finishing_makes_the_database_hold_everything_without_the_journal() {
    let (f, _tmp, dir) = folder();
    let mut store = Store::open(&dir).expect("open");
    let mut sheet = f.create(&mut store, 1);
    f.answer(&mut store, &mut sheet, 0, 1);
    f.finish(&mut store, &mut sheet, 2);
    // The database file as finishing left it, with the journal gone: nothing is missing.
    let durable = fs::read(dir.join(FILE_NAME)).expect("read redb");
    drop(store);
    fs::write(dir.join(FILE_NAME), durable).expect("redb");
    fs::remove_file(dir.join(JOURNAL_NAME)).expect("no journal");
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(
        store.sheet(&sheet.id, None).expect("read"),
        Some(sheet.clone())
    );
    assert_eq!(store.audit(&sheet.id).expect("audit").len(), 3);
}

#[test]
fn a_journal_the_disk_refuses_stops_every_write_until_a_restart() {
    use std::os::fd::AsRawFd;
    let (f, _tmp, dir) = folder();
    let mut store = Store::open(&dir).expect("open");
    let mut sheet = f.create(&mut store, 1);
    f.answer(&mut store, &mut sheet, 0, 1);
    // From here the journal's writes fail: its descriptor now names a read-only file.
    let fd = store.journal.as_ref().expect("journal").raw_fd();
    let read_only = fs::File::open(dir.join(JOURNAL_NAME)).expect("read-only");
    // SAFETY: both descriptors are open; dup2 only replaces what `fd` refers to.
    assert!(unsafe { libc::dup2(read_only.as_raw_fd(), fd) } >= 0);
    let rubric = f.rubric();
    let code = rubric.leaves().nth(1).expect("leaf").code.clone();
    let mut next = sheet.clone();
    let mark = Some(ocop_domain::sheet::Mark::NotMet);
    let event =
        ocop_domain::edit::set_mark(&mut next, &code, mark, super::tests::by(2)).expect("edit");
    let err = store
        .save(&next, &Summary::of(rubric, &next), &event)
        .expect_err("not saved");
    assert!(err.to_string().contains("restart ocop"), "{err}");
    let again = store.save(&next, &Summary::of(rubric, &next), &event);
    assert!(again.is_err(), "a later write is refused too");
    drop(store);
    let store = Store::open(&dir).expect("a restart opens the folder");
    let stored = store.sheet(&sheet.id, None).expect("read").expect("sheet");
    let first = rubric.leaves().next().expect("leaf").code.clone();
    assert!(
        stored.answers.contains_key(&first),
        "the answer saved before is kept"
    );
}

/// What a crash leaves after three journaled answers: the database as last flushed (marking
/// the journal open) and the journal holding the answers. Both files are read while the store
/// is open, as a crash would leave them; the store then closes, and the copy is put back.
fn crashed(f: &Fixture, dir: &Path) -> (Vec<u8>, Vec<u8>, Sheet) {
    let mut store = Store::open(dir).expect("open");
    let mut sheet = f.create(&mut store, 1);
    for leaf in 0..3 {
        f.answer(&mut store, &mut sheet, leaf, 1 + leaf as u32);
    }
    let redb = fs::read(dir.join(FILE_NAME)).expect("read redb");
    let journal = fs::read(dir.join(JOURNAL_NAME)).expect("read journal");
    drop(store);
    (redb, journal, sheet)
}

/// The journal after a crash, damaged as a whole in `damage`'s way: the start stops with the
/// journal's name, keeps it aside unchanged, and the next start opens as last flushed.
fn a_journal_damaged_whole_after_a_crash_is_reported(damage: impl Fn(&mut Vec<u8>)) {
    let (f, _tmp, dir) = folder();
    let (redb, mut journal, sheet) = crashed(&f, &dir);
    damage(&mut journal);
    crash_copy(&dir, &redb, &journal);
    let err = Store::open(&dir).err().expect("refused");
    assert!(matches!(err, OpenError::JournalLost { .. }), "{err}");
    let said = err.to_string();
    assert!(
        said.contains(JOURNAL_NAME) && said.contains("may be lost"),
        "{said}"
    );
    let kept = dir.join("ocop.journal.damaged");
    assert!(said.contains(&kept.display().to_string()), "{said}");
    assert!(
        fs::read(&kept).expect("kept aside") == journal,
        "the journal was changed"
    );
    let store = Store::open(&dir).expect("the next start opens");
    let stored = store.sheet(&sheet.id, None).expect("read").expect("sheet");
    assert!(stored.answers.is_empty(), "opens as last flushed");
    drop(store);
    assert!(Store::open(&dir).is_ok(), "and so does the one after it");
}

#[test]
fn a_zeroed_journal_after_a_crash_is_reported() {
    a_journal_damaged_whole_after_a_crash_is_reported(|j| j.fill(0));
}

#[test]
fn a_random_filled_journal_after_a_crash_is_reported() {
    a_journal_damaged_whole_after_a_crash_is_reported(|j| {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for byte in j.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *byte = x as u8;
        }
    });
}

#[test]
fn a_journal_cut_short_after_a_crash_is_reported() {
    a_journal_damaged_whole_after_a_crash_is_reported(|j| j.truncate(4096));
}

#[test]
fn a_journal_larger_than_its_limit_after_a_crash_is_reported_without_reading_it() {
    a_journal_damaged_whole_after_a_crash_is_reported(|j| j.resize(j.len() + 1, 0));
}

#[test]
fn a_sound_journal_after_a_crash_gives_back_every_answer() {
    let (f, _tmp, dir) = folder();
    let (redb, journal, sheet) = crashed(&f, &dir);
    crash_copy(&dir, &redb, &journal);
    let store = Store::open(&dir).expect("reopen after the crash");
    assert_eq!(store.sheet(&sheet.id, None).expect("read"), Some(sheet));
    drop(store);
    assert!(!dir.join("ocop.journal.damaged").exists());
}

/// After a clean close the journal holds nothing the database lacks: a damaged one is kept
/// aside and made anew, and the start goes on.
#[test]
fn a_damaged_journal_after_a_clean_close_is_kept_aside_and_made_anew() {
    let (f, _tmp, dir) = folder();
    let (_, _, sheet) = crashed(&f, &dir);
    fs::write(dir.join(JOURNAL_NAME), vec![0u8; 1 << 20]).expect("zero it");
    let store = Store::open(&dir).expect("opens");
    assert_eq!(store.sheet(&sheet.id, None).expect("read"), Some(sheet));
    assert!(dir.join("ocop.journal.damaged").exists());
    drop(store);
    assert!(Store::open(&dir).is_ok());
}
