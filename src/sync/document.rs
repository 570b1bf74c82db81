//! The sheet document, schema `ocop-sheet/1`: what `ocop show --json` prints and what the
//! export folder carries. (The sync issue fixes its full schema; this is the first cut.)

use serde_json::{Value, json};

use crate::domain::audit::AuditEvent;
use crate::domain::rubric::Rubric;
use crate::domain::score::score;
use crate::domain::sheet::Sheet;

pub const SCHEMA: &str = "ocop-sheet/1";

pub fn sheet_document(rubric: &Rubric, sheet: &Sheet, audit: &[AuditEvent]) -> Value {
    let s = score(rubric, sheet);
    json!({
        "schema": SCHEMA,
        "sheet_id": sheet.id.as_str(),
        "revision": sheet.revision,
        "total": s.total.0,
        "stars": s.stars,
        "audit": audit.len(),
    })
}
