//! Who holds a seat: a member is a roster principal, never a display name. The counted
//! sheets grouped by product, and the name every output gives a member. (A key the roster
//! gives to several principals would hold several seats: `verify` and `council` name such a
//! roster line on every run.)

use std::collections::BTreeMap;

use super::Member;
use super::read::Counted;
use ocop_words::Words;

/// A roster's problem after the file it is in.
pub(super) fn of_file((file, why): &(&str, Words)) -> Words {
    why.map(|why, _| format!("{file}: {why}"))
}

/// Product key → the counted sheet of each member on it (one each, by member).
pub(super) fn group(docs: Vec<Counted>) -> BTreeMap<String, Vec<Counted>> {
    let mut groups: BTreeMap<String, Vec<Counted>> = BTreeMap::new();
    for doc in docs {
        let key = product_key(&doc.product.code, &doc.product.name);
        groups.entry(key).or_default().push(doc);
    }
    groups
}

/// The product code; a sheet without one stands alone under its product name.
pub(super) fn product_key(code: &str, name: &str) -> String {
    match code.trim() {
        "" => format!("~{}", name.trim()),
        code => code.to_string(),
    }
}

/// A member as every output names it: the display name, then the principal the signature
/// holds under (`Nguyễn Văn An (nguyen-van-an)`); the name alone when the sheet names none.
pub fn seat(name: &str, principal: &str) -> String {
    match (name.trim(), principal.trim()) {
        (name, "") => name.to_string(),
        ("", principal) => principal.to_string(),
        (name, principal) => format!("{name} ({principal})"),
    }
}

impl Member {
    pub fn seat(&self) -> String {
        seat(&self.assessor, &self.principal)
    }

    /// The seat it holds, as the council groups sheets: its principal, else its name folded.
    pub fn key(&self) -> String {
        super::read::member_key(Some(&self.principal), &self.assessor)
    }
}
