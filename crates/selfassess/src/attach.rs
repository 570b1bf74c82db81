//! Taking an imported self-assessment onto a draft, the same from the command line and from
//! the interface: the self-assessment, then each header field the draft left empty.

use ocop_domain::audit::AuditEvent;
use ocop_domain::edit::{self, By, EditError};
use ocop_domain::sheet::{HeaderField, Sheet};

use crate::Imported;

/// The edits made, in order, and each header field the file gives otherwise than the draft:
/// (field, the file's value, the draft's, which is kept).
pub struct Attached {
    pub events: Vec<AuditEvent>,
    pub kept: Vec<(HeaderField, String, String)>,
}

pub fn attach(sheet: &mut Sheet, imported: Imported, by: By<'_>) -> Result<Attached, EditError> {
    let mut events = vec![edit::set_self_assessment(
        sheet,
        Some(imported.assessment),
        by,
    )?];
    let mut kept = Vec::new();
    for (field, value) in imported.header {
        let held = sheet.header.get(field);
        if held.trim().is_empty() {
            events.push(edit::set_header(sheet, field, &value, by)?);
        } else if held != value {
            kept.push((field, value, held));
        }
    }
    Ok(Attached { events, kept })
}
