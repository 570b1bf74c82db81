//! Store tests on real files in temporary folders: reopen, lock, corruption, permissions, schema.

use std::os::unix::fs::PermissionsExt;

use redb::Durability;

use super::tables::{META, VERSION_KEY};
use super::tests::Fixture;
use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn reopen_keeps_everything() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let (sheet, audit) = {
        let mut store = Store::open(&dir).expect("open");
        let mut sheet = f.create(&mut store, 1);
        f.answer(&mut store, &mut sheet, 0, 1);
        f.finish(&mut store, &mut sheet, 2);
        (sheet.clone(), store.audit(&sheet.id).expect("audit"))
    };
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.dir(), Some(dir.as_path()));
    assert_eq!(
        store.sheet(&sheet.id, None).expect("read"),
        Some(sheet.clone())
    );
    assert_eq!(store.audit(&sheet.id).expect("audit"), audit);
    assert_eq!(
        store.waiting().expect("waiting"),
        vec![(sheet.id.clone(), 1)]
    );
    assert_eq!(store.summaries().expect("list").len(), 1);
}

#[test]
fn folder_is_private_and_files_too() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("a").join("data");
    let _store = Store::open(&dir).expect("open");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(FILE_NAME)), 0o600);
    assert_eq!(mode(&dir.join(super::journal::JOURNAL_NAME)), 0o600);
}

#[test]
fn second_open_in_the_same_process_is_locked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let first = Store::open(tmp.path()).expect("open");
    let err = Store::open(tmp.path())
        .err()
        .expect("second open must fail");
    assert!(matches!(&err, OpenError::Locked { dir } if dir == tmp.path()));
    let message = err.to_string();
    assert!(
        message.contains(&tmp.path().display().to_string()),
        "{message}"
    );
    drop(first);
    Store::open(tmp.path()).expect("open after the first closed");
}

#[test]
fn foreign_file_is_damaged_and_left_as_it_was() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join(FILE_NAME);
    let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).expect("write");
    let err = Store::open(tmp.path()).err().expect("must fail");
    assert!(matches!(&err, OpenError::Damaged { path: p, .. } if *p == path));
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(&path).expect("read"), garbage);
}

#[test]
fn redb_header_with_garbage_behind_it_is_damaged_and_left_as_it_was() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join(FILE_NAME);
    let mut bytes = b"redb\x1A\x0A\xA9\x0D\x0A".to_vec();
    bytes.extend((0..8192u32).map(|i| (i * 31 % 253) as u8));
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(tmp.path()).err().expect("must fail");
    assert!(matches!(err, OpenError::Damaged { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn a_damaged_header_is_found_at_open_and_left_as_it_was() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().expect("tmp");
    {
        let mut store = Store::open(tmp.path()).expect("open");
        for n in 0..40 {
            let mut sheet = f.create(&mut store, n);
            f.answer(&mut store, &mut sheet, 0, 1);
        }
    }
    let path = tmp.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&path).expect("read");
    // Keep redb's magic, scribble over the rest of its header: both commit slots are lost.
    for (i, b) in bytes[9..1024].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37) ^ 0x5A;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(tmp.path()).err().expect("must fail");
    assert!(matches!(err, OpenError::Damaged { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn newer_schema_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    set_version(&Store::open(tmp.path()).expect("open"), SCHEMA_VERSION + 1);
    let before = std::fs::read(tmp.path().join(FILE_NAME)).expect("read");
    let err = Store::open(tmp.path()).err().expect("must fail");
    let after = std::fs::read(tmp.path().join(FILE_NAME)).expect("read");
    assert!(before == after, "the newer file was changed");
    assert!(
        matches!(err, OpenError::TooNew { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
    assert!(err.to_string().contains("newer version"));
}

fn set_version(store: &Store, version: u64) {
    let mut tx = store.db.begin_write().expect("tx");
    tx.set_durability(Durability::Immediate).expect("durable");
    tx.open_table(META)
        .expect("meta")
        .insert(VERSION_KEY, version)
        .expect("insert");
    tx.commit().expect("commit");
}

#[test]
fn an_older_schema_is_brought_up_to_date_keeping_the_sheets() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().expect("tmp");
    let sheet = {
        let mut store = Store::open(tmp.path()).expect("open");
        let sheet = f.create(&mut store, 1);
        set_version(&store, 0);
        sheet
    };
    let store = Store::open(tmp.path()).expect("reopen");
    assert_eq!(store.sheet(&sheet.id, None).expect("read"), Some(sheet));
    let tx = redb::ReadableDatabase::begin_read(&store.db).expect("read");
    let version = tx
        .open_table(META)
        .expect("meta")
        .get(VERSION_KEY)
        .expect("get");
    assert_eq!(version.map(|v| v.value()), Some(SCHEMA_VERSION));
}

#[test]
fn schema_version_is_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path()).expect("open");
    let tx = redb::ReadableDatabase::begin_read(&store.db).expect("read");
    let meta = tx.open_table(META).expect("meta");
    let version = meta.get(VERSION_KEY).expect("get").map(|v| v.value());
    assert_eq!(version, Some(SCHEMA_VERSION));
}

#[test]
fn a_panic_while_opening_becomes_none() {
    assert_eq!(super::open::quietly(|| 7), Some(7));
    let caught: Option<()> = super::open::quietly(|| panic!("redb found a bad page"));
    assert!(caught.is_none());
}

#[test]
fn damage_deep_in_the_file_is_an_error_not_a_crash() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().expect("tmp");
    {
        let mut store = Store::open(tmp.path()).expect("open");
        for n in 0..30 {
            f.create(&mut store, n);
        }
    }
    let path = tmp.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&path).expect("read");
    // Every page after redb's header region loses its first bytes.
    for page in 1..bytes.len() / 4096 {
        for (i, b) in bytes[page * 4096..page * 4096 + 64].iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(91) ^ 0xA5;
        }
    }
    std::fs::write(&path, &bytes).expect("write");
    match Store::open(tmp.path()) {
        Err(err) => assert!(
            matches!(err, OpenError::Damaged { .. } | OpenError::Storage { .. }),
            "{err}"
        ),
        Ok(store) => assert!(store.summaries().is_err(), "damage went unnoticed"),
    }
}

#[test]
fn another_programs_redb_file_is_refused_untouched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join(FILE_NAME);
    {
        let db = redb::Database::create(&path).expect("create");
        let tx = db.begin_write().expect("tx");
        let notes: redb::TableDefinition<&str, &str> = redb::TableDefinition::new("notes");
        tx.open_table(notes)
            .expect("table")
            .insert("a", "b")
            .expect("insert");
        tx.commit().expect("commit");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(tmp.path()).err().expect("must fail");
    assert!(matches!(err, OpenError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("another program"), "{err}");
    assert!(std::fs::read(&path).expect("read") == before, "changed");
}

#[test]
fn a_signature_is_stored_with_its_finish_and_an_older_file_has_none() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let (unsigned, signed) = {
        let mut store = Store::open(&dir).expect("open");
        // Finished as a release before signing did: the file has no signatures table.
        let mut unsigned = f.create(&mut store, 1);
        f.finish(&mut store, &mut unsigned, 2);
        assert_eq!(store.signature(&unsigned.id, 1).expect("read"), None);
        let mut signed = f.create(&mut store, 3);
        let event = ocop_domain::edit::finish(&mut signed, super::tests::by(4)).expect("finish");
        let summary = Summary::of(f.rubric(), &signed);
        store
            .finish(
                &signed,
                &summary,
                &event,
                Some("-----BEGIN SSH SIGNATURE-----\n"),
            )
            .expect("finish");
        (unsigned, signed)
    };
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.signature(&unsigned.id, 1).expect("read"), None);
    assert_eq!(
        store.signature(&signed.id, 1).expect("read").as_deref(),
        Some("-----BEGIN SSH SIGNATURE-----\n")
    );
    assert_eq!(
        store.sheet(&unsigned.id, None).expect("read"),
        Some(unsigned)
    );
}
