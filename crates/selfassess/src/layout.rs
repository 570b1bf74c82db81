//! Where the template puts each thing, and so where the import looks for it. The sheet is
//! protected, so a producer cannot insert a row and move the table.

use ocop_domain::sheet::HeaderField;

/// The worksheet's name.
pub const SHEET: &str = "Tự đánh giá";
/// The cell holding the set's id (row, column), 0-based: B3.
pub const SET_ID: (u32, u16) = (2, 1);
/// The header fields the producer fills, each on its own row from `HEADER_ROW`: the label in
/// column A, the answer in column B.
pub const HEADER: [HeaderField; 5] = [
    HeaderField::ProductName,
    HeaderField::Producer,
    HeaderField::Address,
    HeaderField::Phone,
    HeaderField::ProductCode,
];
/// Those the import refuses to go without (a product new to OCOP has no code yet).
pub const REQUIRED: [HeaderField; 4] = [
    HeaderField::ProductName,
    HeaderField::Producer,
    HeaderField::Address,
    HeaderField::Phone,
];
pub const HEADER_ROW: u32 = 4;
/// The table's column names, then one row per criterion from the row after.
pub const TABLE_ROW: u32 = 10;
pub const FIRST_CRITERION: u32 = TABLE_ROW + 1;

/// The table's columns.
pub mod col {
    pub const CODE: u16 = 0;
    pub const CRITERION: u16 = 1;
    pub const OPTIONS: u16 = 2;
    pub const CLAIM: u16 = 3;
    pub const DESCRIPTION: u16 = 4;
    pub const EVIDENCE: u16 = 5;
}

/// A cell's name as a spreadsheet shows it: (13, 2) is "C14".
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}
