//! One product code, one product: counted sheets that share a code but name another product
//! or another set are not averaged together (a spirit and a tea would make one mean). The
//! code is a conflict, listed with each variant and who scored it, and none of its sheets
//! count until the office corrects the code.

use std::collections::BTreeMap;

use serde::Serialize;

use super::read::Counted;
use ocop_export::finding::same_name;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub product_code: String,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub set_id: String,
    pub product_name: String,
    /// The principal and file of each counted sheet that names it.
    pub sheets: Vec<(String, String)>,
}

/// Splits the products into those with one product behind their code and the conflicts.
pub fn split(
    groups: BTreeMap<String, Vec<Counted>>,
) -> (BTreeMap<String, Vec<Counted>>, Vec<Conflict>) {
    let mut conflicts = Vec::new();
    let mut kept = BTreeMap::new();
    for (key, docs) in groups {
        let variants = variants(&docs);
        if variants.len() > 1 {
            let code = docs.first().map(|d| d.product.code.clone());
            conflicts.push(Conflict {
                product_code: code.unwrap_or_default(),
                variants,
            });
        } else {
            kept.insert(key, docs);
        }
    }
    (kept, conflicts)
}

fn variants(docs: &[Counted]) -> Vec<Variant> {
    let mut found: BTreeMap<(String, String), Variant> = BTreeMap::new();
    for d in docs {
        let key = (d.rubric.set_id.clone(), same_name(&d.product.name));
        let variant = found.entry(key).or_insert_with(|| Variant {
            set_id: d.rubric.set_id.clone(),
            product_name: d.product.name.clone(),
            sheets: Vec::new(),
        });
        variant.sheets.push((d.member_key(), d.file.clone()));
    }
    found.into_values().collect()
}
