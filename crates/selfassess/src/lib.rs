//! The producer's self-assessment (Phụ lục III, Mẫu số 02, Phần III) as a workbook.
//!
//! - `template`: the workbook of a set that the producer fills in Excel or LibreOffice: the
//!   header fields, then one row per criterion with a drop-down of its options.
//! - `import`: reads a filled workbook (`.xlsx` or `.ods`) back, refusing each cell that is not
//!   what the set allows, with the cell named.
//! - `layout`: where everything lies, shared by both, so the two never disagree.

mod attach;
mod import;
mod layout;
mod template;

pub use attach::{Attached, attach};
pub use import::{Imported, Refusal, import};
pub use template::{Fill, FilledRow, Picked, filled, template};

#[cfg(test)]
mod tests;
