//! The header form of a new sheet, and what is wrong with its fields: the form names each
//! problem beside its field, and creating the sheet waits until none blocks.

use super::SetInfo;
use crate::app::field::Field;
use ocop_domain::sheet::{Header, HeaderField, Previous, product_code_fits};

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderForm {
    pub set: SetInfo,
    /// A re-rating: the evaluation the new sheet follows (its header is copied in the fields).
    pub previous: Option<Previous>,
    /// One field per `HeaderField::ORDER` entry.
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Creation was asked for: from now on, missing fields are named in place.
    pub tried: bool,
}

/// What is wrong with one field, as the form names it in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    BadDate,
    /// Kept as typed; a warning only.
    CodeShape,
}

impl FieldProblem {
    pub fn blocks(self) -> bool {
        !matches!(self, FieldProblem::CodeShape)
    }
}

impl HeaderForm {
    pub fn focused(&self) -> HeaderField {
        HeaderField::ORDER[self.focus.min(HeaderField::ORDER.len() - 1)]
    }

    pub fn value(&self, field: HeaderField) -> &str {
        HeaderField::ORDER
            .iter()
            .position(|f| *f == field)
            .and_then(|i| self.fields.get(i))
            .map_or("", Field::value)
    }

    /// The sheet's header as the fields now hold it.
    pub fn header(&self) -> Header {
        let mut header = Header::default();
        for field in HeaderField::ORDER {
            header.set(field, self.value(field));
        }
        header
    }

    pub fn problems(&self) -> Vec<(HeaderField, FieldProblem)> {
        let header = self.header();
        let mut problems: Vec<_> = header
            .missing()
            .into_iter()
            .map(|f| (f, FieldProblem::Required))
            .collect();
        if !self.value(HeaderField::Date).trim().is_empty() && header.evaluated_on.is_none() {
            problems.push((HeaderField::Date, FieldProblem::BadDate));
        }
        let code = self.value(HeaderField::ProductCode).trim();
        if !code.is_empty() && !product_code_fits(code) {
            problems.push((HeaderField::ProductCode, FieldProblem::CodeShape));
        }
        problems
    }
}
