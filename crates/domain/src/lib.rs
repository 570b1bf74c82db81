//! The pure domain: rubrics, sheets, scoring, search, plan and due dates, and the language
//! the words are said in. No terminal, no database, no files and
//! no clock: everything here is a function of its arguments, so it is tested without I/O.

pub mod audit;
pub mod claim;
pub mod differ;
pub mod due;
pub mod edit;
mod lang;
pub mod plan;
pub mod rerate;
pub mod rubric;
pub mod score;
pub mod search;
pub mod sheet;
pub mod summary;
pub mod text;

pub use lang::{Lang, Named};
