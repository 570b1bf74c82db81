//! `R`: re-rating a product. The finished sheet is loaded, and the header form opens with its
//! header copied (the assessor, council and date are this session's), its set fixed, and the
//! link to the earlier sheet kept until the new sheet is created.

use crate::app::field::Field;
use crate::app::msg::Effect;
use crate::app::state::{HeaderForm, Notice, Screen, State};
use ocop_domain::sheet::{HeaderField, Previous, Sheet, SheetId, Status};
use ocop_domain::text::FIELD_MAX_CHARS;

/// Loads the sheet to re-rate, when it is finished.
pub fn ask(notice: &mut Option<Notice>, sheet: Option<(SheetId, Status)>) -> Vec<Effect> {
    match sheet {
        Some((id, Status::Finished)) => vec![Effect::LoadRerate(id)],
        Some(_) => {
            *notice = Some(Notice::RerateFinishedOnly);
            Vec::new()
        }
        None => Vec::new(),
    }
}

pub fn loaded(state: &mut State, earlier: &Sheet, sha256: Option<String>) -> Vec<Effect> {
    let Some(set) = state
        .session
        .sets
        .iter()
        .find(|s| s.id == earlier.set_id)
        .cloned()
    else {
        state.notice = Some(Notice::Failed(earlier.set_id.clone()));
        return Vec::new();
    };
    let fields = HeaderField::ORDER
        .iter()
        .map(|f| {
            let value = match f {
                HeaderField::Assessor => state.session.assessor.clone(),
                HeaderField::Council if !state.session.council.is_empty() => {
                    state.session.council.clone()
                }
                HeaderField::Place if !state.session.place.is_empty() => {
                    state.session.place.clone()
                }
                HeaderField::Date => state
                    .session
                    .today
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                field => earlier.header.get(*field),
            };
            Field::new(&value, FIELD_MAX_CHARS)
        })
        .collect();
    state.screen = Screen::Header(HeaderForm {
        set,
        previous: Some(Previous {
            sheet_id: earlier.id.clone(),
            revision: earlier.revision,
            sha256,
        }),
        fields,
        focus: 0,
        tried: false,
    });
    Vec::new()
}
