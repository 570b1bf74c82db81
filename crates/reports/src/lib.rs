//! What the office reads from an export folder: the council's means in every format (table,
//! JSON, CSV, HTML with its chart and tendency), the folder's `summary.csv`, and
//! `summary.xlsx`.
//!
//! - `council`: one product's members, means, spread and stars, and its renderings.
//! - `summary_csv`: `summary.csv`, rebuilt from every sheet file in the folder.
//! - `workbook`: `summary.xlsx`, the same rows and the council's means, for the office.
//! - `cell`: one CSV cell, neutralised for a spreadsheet.

pub mod cell;
pub mod council;
pub mod summary_csv;
pub mod workbook;
