//! The journal file alone: records, tears, resets, and the file's own checks.

use super::*;

fn journal_with(records: &[(u64, &[u8])]) -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().expect("dir");
    let mut j = Journal::create(dir.path()).expect("create");
    for (seq, payload) in records {
        assert!(j.append(*seq, payload).expect("append"));
    }
    (dir, j)
}

fn sound(dir: &Path) -> Vec<Record> {
    match read(dir).expect("read") {
        Found::Sound(records) => records,
        other => panic!("not sound: {other:?}"),
    }
}

#[test]
fn records_come_back_in_order_and_the_file_keeps_its_size() {
    let big = vec![b'x'; 3000];
    let (dir, _j) = journal_with(&[(1, b"one"), (2, &big), (3, b"three")]);
    let found = sound(dir.path());
    let seqs: Vec<u64> = found.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(found[1].payload, big);
    let len = std::fs::metadata(dir.path().join(JOURNAL_NAME))
        .expect("meta")
        .len();
    assert_eq!(len, JOURNAL_BYTES);
}

/// The layout is a format that journals already on disk are written in: the bytes are
/// checked here by hand, not through the names the code gives them.
#[test]
fn the_file_header_and_a_record_keep_their_bytes() {
    let header = file_header();
    assert_eq!(header.len(), 28);
    assert_eq!(&header[..8], b"OCOPJRNL");
    assert_eq!(header[8..12], 2u32.to_le_bytes());
    assert_eq!(header[12..20], (1u64 << 20).to_le_bytes());
    assert_eq!(header[20..28], Sha256::digest(&header[..20])[..8]);
    let record = encode(7, b"abc");
    assert_eq!(record.len(), 24 + 3);
    assert_eq!(&record[..4], b"OCJ1");
    assert_eq!(record[4..12], 7u64.to_le_bytes());
    assert_eq!(record[12..16], 3u32.to_le_bytes());
    let mut summed = 7u64.to_le_bytes().to_vec();
    summed.extend_from_slice(&3u32.to_le_bytes());
    summed.extend_from_slice(b"abc");
    assert_eq!(record[16..24], Sha256::digest(&summed)[..8]);
    assert_eq!(&record[24..], b"abc");
}

#[test]
fn a_torn_last_record_is_not_read() {
    let (dir, j) = journal_with(&[(1, b"kept"), (2, b"torn in the middle of its write")]);
    // The second record's payload lost its last bytes (zeros, as on the fresh file).
    j.file
        .write_all_at(&[0u8; 8], 2 * SECTOR + HEADER as u64 + 20)
        .expect("tear");
    assert_eq!(pending(sound(dir.path()), 0).expect("unbroken").len(), 1);
}

#[test]
fn after_a_reset_old_records_are_stale_and_new_ones_win() {
    let (dir, mut j) = journal_with(&[(1, b"old one"), (2, b"old two"), (3, b"old three")]);
    j.reset();
    assert!(j.append(4, b"new four").expect("append"));
    let after: Vec<u64> = pending(sound(dir.path()), 3)
        .expect("unbroken")
        .iter()
        .map(|r| r.seq)
        .collect();
    assert_eq!(after, [4]);
}

#[test]
fn a_missing_record_between_two_is_damage() {
    let (dir, j) = journal_with(&[(1, b"one"), (2, b"two"), (3, b"three")]);
    j.file.write_all_at(b"XXXX", SECTOR).expect("damage");
    assert!(pending(sound(dir.path()), 0).is_none());
}

#[test]
fn a_full_journal_says_so_instead_of_writing() {
    let (_dir, mut j) = journal_with(&[]);
    let big = vec![b'x'; (JOURNAL_BYTES / 2) as usize];
    assert!(j.append(1, &big).expect("first half"));
    assert!(!j.append(2, &big).expect("no room"));
    j.reset();
    assert!(j.append(2, &big).expect("after reset"));
}

#[test]
fn a_zeroed_or_overwritten_header_is_noticed() {
    let (dir, j) = journal_with(&[(1, b"one")]);
    j.file.write_all_at(&[0u8; 28], 0).expect("zero the header");
    assert!(matches!(
        read(dir.path()).expect("read"),
        Found::Unheaded(_)
    ));
    j.file
        .write_all_at(b"OCOPJRNL\x03", 0)
        .expect("another version");
    assert!(matches!(
        read(dir.path()).expect("read"),
        Found::Unheaded(_)
    ));
}

/// The size is the journal's, to the byte: one byte less or more is damage, and a larger file
/// is not read at all.
#[test]
fn a_journal_of_another_size_is_damaged_at_the_limit_and_one_past_it() {
    let (dir, j) = journal_with(&[(1, b"one")]);
    assert!(matches!(read(dir.path()).expect("read"), Found::Sound(_)));
    j.file.set_len(JOURNAL_BYTES - 1).expect("cut");
    let found = read(dir.path()).expect("read");
    assert!(matches!(found, Found::Damaged(Damage::Short(n)) if n == JOURNAL_BYTES - 1));
    j.file.set_len(JOURNAL_BYTES + 1).expect("grow");
    let found = read(dir.path()).expect("read");
    assert!(matches!(found, Found::Damaged(Damage::TooLarge(n)) if n == JOURNAL_BYTES + 1));
    // A sparse 2 GiB file: refused from its size alone.
    j.file.set_len(2 << 30).expect("grow");
    assert!(matches!(
        read(dir.path()).expect("read"),
        Found::Damaged(Damage::TooLarge(_))
    ));
}

#[test]
fn a_journal_kept_aside_never_replaces_another() {
    let dir = tempfile::tempdir().expect("dir");
    for n in 0..3u8 {
        std::fs::write(dir.path().join(JOURNAL_NAME), [n]).expect("write");
        keep_aside(dir.path()).expect("aside");
    }
    let kept = |name: &str| std::fs::read(dir.path().join(name)).expect(name);
    assert_eq!(kept("ocop.journal.damaged"), [0]);
    assert_eq!(kept("ocop.journal.damaged-2"), [1]);
    assert_eq!(kept("ocop.journal.damaged-3"), [2]);
    assert!(!dir.path().join(JOURNAL_NAME).exists());
}

/// The fuzz target of the record parser: `OCOP_FUZZ_CASES` cases (256 by default; the
/// README says how many make ten minutes).
fn fuzz_cases() -> u32 {
    std::env::var("OCOP_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// A journal image: the header, records at their sectors, then `edits` (offset, byte) laid
/// over it and the file cut to `cut` bytes when given.
fn image(records: &[(u64, Vec<u8>)], edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut bytes = vec![0u8; JOURNAL_BYTES as usize];
    bytes[..FILE_HEADER].copy_from_slice(&file_header());
    let mut at = SECTOR as usize;
    for (seq, payload) in records {
        let record = encode(*seq, payload);
        bytes[at..at + record.len()].copy_from_slice(&record);
        at = (at + record.len()).next_multiple_of(SECTOR as usize);
    }
    for (offset, byte) in edits {
        let offset = offset % at.max(1);
        bytes[offset] = *byte;
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    bytes
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

        /// Whatever a crash or a disk did to the file: no panic, and every record read back
        /// is one that was written, whole.
        #[test]
        fn a_damaged_journal_never_panics_and_never_invents_a_record(
            records in proptest::collection::vec(
                (1u64..1000, proptest::collection::vec(any::<u8>(), 0..2000)), 0..12),
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..40),
            cut in proptest::option::weighted(0.1, any::<usize>()),
        ) {
            let bytes = image(&records, &edits, cut);
            let read = match parse(&bytes) {
                Found::Sound(read) | Found::Unheaded(read) => read,
                Found::Missing | Found::Damaged(_) => Vec::new(),
            };
            for record in &read {
                let written = (record.seq, record.payload.clone());
                prop_assert!(records.contains(&written), "invented record {}", record.seq);
            }
            let _ = pending(read, 0);
        }

        /// Any bytes at a record's place: no panic; a record that decodes re-encodes to them.
        #[test]
        fn any_bytes_decode_to_nothing_or_to_themselves(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            if let Some(record) = decode(&bytes) {
                let again = encode(record.seq, &record.payload);
                prop_assert_eq!(&bytes[..again.len()], &again[..]);
            }
        }
    }
}
