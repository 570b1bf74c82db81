//! How a mark is read: every field any kind of mark has, then the kind's own, so one pass
//! over a sheet file or an audit event reads it.

use serde::Deserialize;

use super::Mark;

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum MarkKind {
    Chose,
    NotMet,
    NotApplicable,
    Raised,
}

/// Every field any kind of mark has.
#[derive(Deserialize)]
pub struct MarkFields {
    kind: MarkKind,
    option: Option<u8>,
    reason: Option<String>,
}

impl TryFrom<MarkFields> for Mark {
    type Error = String;

    fn try_from(f: MarkFields) -> Result<Mark, String> {
        Ok(match f.kind {
            MarkKind::Chose => Mark::Chose {
                option: f.option.ok_or("missing field `option`")?,
            },
            MarkKind::NotMet => Mark::NotMet,
            MarkKind::NotApplicable => Mark::NotApplicable,
            MarkKind::Raised => Mark::Raised {
                reason: f.reason.ok_or("missing field `reason`")?,
            },
        })
    }
}
