//! A sheet's row in the list: what the list, the search and `ocop list` need, kept beside the
//! sheet so that listing ten thousand sheets never decodes or rescores one.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::rubric::Rubric;
use super::score::score;
use super::search::fold;
use super::sheet::{Sheet, SheetId, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: SheetId,
    pub revision: u32,
    pub status: Status,
    pub set_id: String,
    pub set_no: u8,
    pub product_name: String,
    pub product_code: String,
    pub producer: String,
    pub answered: usize,
    pub applicable: usize,
    pub total: u16,
    pub stars: u8,
    pub eliminated: bool,
    pub updated_at: DateTime<FixedOffset>,
    /// Product, producer, code and set, folded for search (see `search::fold`).
    pub folded: String,
}

impl Summary {
    pub fn of(rubric: &Rubric, sheet: &Sheet) -> Summary {
        let s = score(rubric, sheet);
        let h = &sheet.header;
        let folded = fold(&format!(
            "{} {} {} {} {} {}",
            h.product_name, h.producer, h.product_code, rubric.id, rubric.title_vi, rubric.set_no
        ));
        Summary {
            id: sheet.id.clone(),
            revision: sheet.revision,
            status: sheet.status,
            set_id: rubric.id.clone(),
            set_no: rubric.set_no,
            product_name: h.product_name.clone(),
            product_code: h.product_code.clone(),
            producer: h.producer.clone(),
            answered: s.answered,
            applicable: s.applicable,
            total: s.total.0,
            stars: s.stars,
            eliminated: s.eliminated(),
            updated_at: sheet.updated_at,
            folded,
        }
    }
}
