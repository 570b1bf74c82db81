//! Reading the audit trail in one pass, to the values and refusals of serde's derived reader.
//! A province's folder holds millions of events and `verify` reads them all: the derived
//! reader of an internally tagged enum (`Change`, and the `Mark` inside it) first copies each
//! event into a generic tree, then reads the tree again, and chrono's timestamp reader tries
//! every shape RFC 3339 allows. Here a change is read straight into the union of its kinds'
//! fields and then checked against its kind; a timestamp in the shape this program writes is
//! read directly, any other by chrono.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Change;
use crate::rubric::{Case, Code};
use crate::sheet::{HeaderField, Mark};

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Created,
    Mark,
    Note,
    Header,
    Case,
    Dossier,
    Comment,
    SelfAssessment,
    Finished,
    Amended,
    Trashed,
    Restored,
    Synced,
}

/// Every field any kind of change has, each read by its own type; `old` and `new`, whose type
/// depends on the kind, as a `Slot`.
#[derive(Deserialize)]
pub(super) struct ChangeFields {
    kind: Kind,
    code: Option<Code>,
    field: Option<HeaderField>,
    file: Option<String>,
    from_revision: Option<u32>,
    reason: Option<String>,
    rubric_sha256: Option<String>,
    set_id: Option<String>,
    #[serde(default)]
    old: Slot,
    #[serde(default)]
    new: Slot,
}

impl TryFrom<ChangeFields> for Change {
    type Error = String;

    fn try_from(f: ChangeFields) -> Result<Change, String> {
        let (old, new) = (f.old, f.new);
        Ok(match f.kind {
            Kind::Created => Change::Created {
                set_id: need(f.set_id, "set_id")?,
                rubric_sha256: need(f.rubric_sha256, "rubric_sha256")?,
            },
            Kind::Mark => Change::Mark {
                code: need(f.code, "code")?,
                old: old.mark()?,
                new: new.mark()?,
            },
            Kind::Note => Change::Note {
                code: need(f.code, "code")?,
                old: old.text("old")?,
                new: new.text("new")?,
            },
            Kind::Header => Change::Header {
                field: need(f.field, "field")?,
                old: old.text("old")?,
                new: new.text("new")?,
            },
            Kind::Case => Change::Case {
                old: old.case()?,
                new: new.case()?,
            },
            Kind::Dossier => Change::Dossier {
                old: old.maybe_text()?,
                new: new.maybe_text()?,
            },
            Kind::Comment => Change::Comment {
                old: old.text("old")?,
                new: new.text("new")?,
            },
            Kind::SelfAssessment => Change::SelfAssessment {
                file: f.file,
                old: old.maybe_text()?,
                new: new.maybe_text()?,
            },
            Kind::Finished => Change::Finished,
            Kind::Amended => Change::Amended {
                from_revision: need(f.from_revision, "from_revision")?,
                reason: need(f.reason, "reason")?,
            },
            Kind::Trashed => Change::Trashed,
            Kind::Restored => Change::Restored,
            Kind::Synced => Change::Synced {
                file: need(f.file, "file")?,
            },
        })
    }
}

fn need<T>(value: Option<T>, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}`"))
}

/// What `old` or `new` holds, whatever the kind: absent, null, a text (a note, a header
/// field, a comment, a dossier's reason, a case) or a mark.
#[derive(Default)]
enum Slot {
    #[default]
    Absent,
    Null,
    Text(String),
    Mark(Mark),
}

impl Slot {
    fn mark(self) -> Result<Option<Mark>, String> {
        match self {
            Slot::Absent | Slot::Null => Ok(None),
            Slot::Mark(mark) => Ok(Some(mark)),
            Slot::Text(_) => Err("a mark is a map with its kind, not a text".into()),
        }
    }

    fn text(self, name: &str) -> Result<String, String> {
        match self {
            Slot::Text(text) => Ok(text),
            Slot::Absent => Err(format!("missing field `{name}`")),
            _ => Err(format!("`{name}` is not a text")),
        }
    }

    fn maybe_text(self) -> Result<Option<String>, String> {
        match self {
            Slot::Absent | Slot::Null => Ok(None),
            Slot::Text(text) => Ok(Some(text)),
            Slot::Mark(_) => Err("expected a text or null".into()),
        }
    }

    fn case(self) -> Result<Option<Case>, String> {
        match self.maybe_text()?.as_deref() {
            None => Ok(None),
            Some("first") => Ok(Some(Case::First)),
            Some("second") => Ok(Some(Case::Second)),
            Some(other) => Err(format!("unknown case `{other}`, expected first or second")),
        }
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Slot, D::Error> {
        d.deserialize_any(SlotVisitor)
    }
}

struct SlotVisitor;

impl<'de> Visitor<'de> for SlotVisitor {
    type Value = Slot;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null, a text or a mark")
    }

    fn visit_unit<E>(self) -> Result<Slot, E> {
        Ok(Slot::Null)
    }

    fn visit_none<E>(self) -> Result<Slot, E> {
        Ok(Slot::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Slot, D::Error> {
        Slot::deserialize(d)
    }

    fn visit_str<E>(self, s: &str) -> Result<Slot, E> {
        Ok(Slot::Text(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Slot, E> {
        Ok(Slot::Text(s))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Slot, A::Error> {
        Mark::deserialize(de::value::MapAccessDeserializer::new(map)).map(Slot::Mark)
    }
}

/// A time as chrono writes it (`2025-06-02T10:05:00+07:00`, with or without a fraction of a
/// second), read directly; any other shape RFC 3339 allows, by chrono. An event's time, and
/// a sheet file's (`sync::document`): a province's folder holds millions.
pub fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    d.deserialize_str(Stamp)
}

/// `timestamp`, of a time that may be null or absent (with `#[serde(default)]`).
pub fn maybe_timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    d.deserialize_option(MaybeStamp)
}

struct Stamp;

impl Visitor<'_> for Stamp {
    type Value = DateTime<FixedOffset>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        match plain(s.as_bytes()) {
            Some(at) => Ok(at),
            None => s.parse().map_err(E::custom),
        }
    }
}

struct MaybeStamp;

impl<'de> Visitor<'de> for MaybeStamp {
    type Value = Option<DateTime<FixedOffset>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time, or null")
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        timestamp(d).map(Some)
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.f…]±HH:MM` or `…Z`, or `None` for chrono to read (or refuse).
fn plain(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    let number = |from: usize, to: usize| -> Option<u32> {
        let digits = b.get(from..to)?;
        digits.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)?;
    let (mut i, mut nanos) = (19, 0);
    if at(19, b'.') {
        let digits = b[20..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = number(20, 20 + digits)? * 10u32.pow(9 - digits as u32);
        i = 20 + digits;
    }
    let time =
        NaiveTime::from_hms_nano_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?, nanos)?;
    let sign = match b.get(i)? {
        b'+' => 1,
        b'-' => -1,
        // UTC, as chrono writes an offset of zero.
        b'Z' if b.len() == i + 1 => {
            return Some(Utc.from_utc_datetime(&date.and_time(time)).into());
        }
        _ => return None,
    };
    let (hours, minutes) = (number(i + 1, i + 3)?, number(i + 4, i + 6)?);
    if !at(i + 3, b':') || b.len() != i + 6 || hours > 23 || minutes > 59 {
        return None;
    }
    let offset = FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60) as i32)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

#[cfg(test)]
mod tests;
