//! The central export folder: the sheet document (`ocop-sheet/1`), atomic writes, verify and
//! the council summary. (Built by the sync issue.)

pub mod document;
