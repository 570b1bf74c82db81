use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use super::plain;
use crate::audit::{AuditEvent, Change};
use crate::rubric::{Case, Code};
use crate::sheet::{HeaderField, Mark, SheetId};

fn every_kind() -> Vec<Change> {
    let code = || Code::new("1.2");
    vec![
        Change::Created {
            set_id: "che".into(),
            rubric_sha256: "ab".repeat(32),
        },
        Change::Mark {
            code: code(),
            old: None,
            new: Some(Mark::Chose { option: 3 }),
        },
        Change::Mark {
            code: code(),
            old: Some(Mark::Raised {
                reason: "Hết hạn \"ATTP\"".into(),
            }),
            new: Some(Mark::NotMet),
        },
        Change::Mark {
            code: code(),
            old: Some(Mark::NotApplicable),
            new: None,
        },
        Change::Note {
            code: code(),
            old: String::new(),
            new: "Vùng nguyên liệu\nđạt VietGAP".into(),
        },
        Change::Header {
            field: HeaderField::Producer,
            old: "HTX".into(),
            new: "HTX Chè Cẩm Mỹ".into(),
        },
        Change::Case {
            old: None,
            new: Some(Case::Second),
        },
        Change::Case {
            old: Some(Case::First),
            new: None,
        },
        Change::Dossier {
            old: None,
            new: Some("thiếu hồ sơ".into()),
        },
        Change::Comment {
            old: "a".into(),
            new: String::new(),
        },
        Change::Finished,
        Change::Amended {
            from_revision: 2,
            reason: "sai điểm".into(),
        },
        Change::Trashed,
        Change::Restored,
        Change::Synced {
            file: "x.r1.json".into(),
        },
    ]
}

#[test]
fn every_kind_of_change_reads_back_as_written() {
    let at = FixedOffset::east_opt(7 * 3600)
        .and_then(|o| o.with_ymd_and_hms(2025, 6, 2, 10, 5, 0).single())
        .expect("a valid time");
    for change in every_kind() {
        let event = AuditEvent {
            sheet_id: SheetId::parse("01JWQ9JYV0R12JXH0NRXSZC26Y").expect("a ULID"),
            revision: 1,
            at,
            actor: "Vũ Đức Khánh".into(),
            change,
        };
        let json = serde_json::to_string(&event).expect("serializes");
        let back: AuditEvent = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, event, "{json}");
    }
}

#[test]
fn the_order_of_the_keys_does_not_matter() {
    let json = r#"{"old":null,"new":{"option":2,"kind":"chose"},"code":"1.1","kind":"mark"}"#;
    let change: Change = serde_json::from_str(json).expect("reads");
    let want = Change::Mark {
        code: Code::new("1.1"),
        old: None,
        new: Some(Mark::Chose { option: 2 }),
    };
    assert_eq!(change, want);
}

#[test]
fn a_change_that_does_not_fit_its_kind_is_refused() {
    for json in [
        r#"{"kind":"note","code":"1.1","new":"x"}"#,
        r#"{"kind":"note","code":"1.1","old":null,"new":"x"}"#,
        r#"{"kind":"mark","code":"1.1","old":"chose","new":null}"#,
        r#"{"kind":"mark","old":null,"new":null}"#,
        r#"{"kind":"mark","code":"1.1","new":{"kind":"chose"}}"#,
        r#"{"kind":"mark","code":"1.1","new":{"kind":"raised"}}"#,
        r#"{"kind":"case","old":"third","new":null}"#,
        r#"{"kind":"created","set_id":"che"}"#,
        r#"{"kind":"amended","reason":"x"}"#,
        r#"{"kind":"synced"}"#,
        r#"{"kind":"renamed"}"#,
        r#"{"code":"1.1"}"#,
    ] {
        assert!(serde_json::from_str::<Change>(json).is_err(), "{json}");
    }
}

fn chrono_reads(s: &str) -> Option<DateTime<FixedOffset>> {
    s.parse().ok()
}

#[test]
fn a_time_chrono_would_refuse_is_left_to_chrono() {
    for s in [
        "2025-02-30T10:00:00+07:00",
        "2025-06-02T24:00:00+07:00",
        "2025-06-02T10:00:60+07:00",
        "2025-06-02T10:00:00+07:60",
        "2025-06-02T10:00:00.+07:00",
        "2025-06-02T10:00:00.1234567890+07:00",
        "2025-06-02T10:00:00+07:00x",
        "2025-06-02T10:00:00z",
        "2025-06-02T10:00:00Zulu",
        "2025-06-02 10:00:00+07:00",
    ] {
        assert_eq!(plain(s.as_bytes()), None, "{s}");
    }
}

proptest! {
    #[test]
    fn a_time_is_read_as_chrono_reads_it(
        days in 0i64..80_000,
        seconds in 0u32..86_400,
        nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
        offset in -86_399i32..86_400,
    ) {
        let offset = FixedOffset::east_opt(offset / 60 * 60).expect("in range");
        let day = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date") + chrono::Days::new(days as u64);
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).expect("a time");
        let at = offset.from_local_datetime(&day.and_time(time)).single().expect("fixed");
        let text = serde_json::to_value(at).expect("serializes");
        let text = text.as_str().expect("a string");
        prop_assert_eq!(plain(text.as_bytes()), chrono_reads(text));
        prop_assert_eq!(plain(text.as_bytes()), Some(at));
    }
}

#[derive(serde::Deserialize)]
struct Answered {
    #[serde(default, deserialize_with = "super::maybe_timestamp")]
    at: Option<DateTime<FixedOffset>>,
}

#[test]
fn a_time_that_may_be_absent_reads_as_an_option_does() {
    let read = |json: &str| serde_json::from_str::<Answered>(json).map(|a| a.at);
    assert_eq!(read("{}").ok(), Some(None));
    assert_eq!(read(r#"{"at": null}"#).ok(), Some(None));
    let at = read(r#"{"at": "2025-06-02T10:05:00.25+07:00"}"#).expect("a time");
    assert_eq!(at, chrono_reads("2025-06-02T10:05:00.25+07:00"));
    assert!(read(r#"{"at": "2025-06-02"}"#).is_err());
    assert!(read(r#"{"at": 7}"#).is_err());
}
