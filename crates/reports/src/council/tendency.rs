//! Each member's tendency across the products of a council review: how far, on average, the
//! member's total lies from the council's mean on the products the member scored with others.
//! A member who scores consistently higher has a positive tendency, lower a negative one. A
//! product scored by one member alone says nothing about anyone's tendency and is left out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Council;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tendency {
    pub assessor: String,
    /// The products it is measured on.
    pub products: usize,
    /// Mean of (member's total − the product's mean total), rounded to two decimals.
    pub mean_deviation: f64,
}

/// One tendency per member, by principal (as the council seats them), named with it.
pub fn tendencies(council: &Council) -> Vec<Tendency> {
    let mut by_member: BTreeMap<String, (String, Vec<f64>)> = BTreeMap::new();
    for product in council.products.iter().filter(|p| p.members.len() > 1) {
        for member in &product.members {
            let entry = by_member
                .entry(member.key())
                .or_insert_with(|| (member.seat(), Vec::new()));
            entry.1.push(f64::from(member.total) - product.mean_total);
        }
    }
    by_member
        .into_values()
        .map(|(assessor, deviations)| Tendency {
            assessor,
            products: deviations.len(),
            mean_deviation: rounded(deviations.iter().sum::<f64>() / deviations.len() as f64),
        })
        .collect()
}

fn rounded(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    // No "-0" in a report.
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{Member, ProductReview};

    fn member(name: &str, total: u16) -> Member {
        Member {
            assessor: name.into(),
            council: String::new(),
            sheet_id: format!("{name}{total}"),
            revision: 1,
            evaluated_on: None,
            parts: Vec::new(),
            total,
            stars: 1,
            eliminated: false,
            unsigned: None,
            principal: String::new(),
        }
    }

    fn product(members: Vec<Member>) -> ProductReview {
        let n = members.len() as f64;
        let mean_total = members.iter().map(|m| f64::from(m.total)).sum::<f64>() / n;
        ProductReview {
            product_code: String::new(),
            product_name: String::new(),
            set_ids: Vec::new(),
            members,
            mean_parts: Vec::new(),
            mean_total,
            stars_of_mean: 1,
            stars: 1,
            held_by: Vec::new(),
            eliminated: false,
            spread: 0,
            flagged: false,
            disagreements: Vec::new(),
            criteria: Vec::new(),
            minimums: Vec::new(),
            eliminations: Vec::new(),
            not_counted: Vec::new(),
        }
    }

    #[test]
    fn a_member_who_scores_higher_leans_positive_and_one_alone_counts_nowhere() {
        let council = Council {
            products: vec![
                product(vec![member("An", 80), member("Bình", 70)]),
                product(vec![
                    member("an ", 66),
                    member("Bình", 60),
                    member("Cường", 63),
                ]),
                product(vec![member("Dung", 90)]),
            ],
            unreadable: Vec::new(),
            no_roster: false,
            roster_problems: Vec::new(),
            pinned: false,
            conflicts: Vec::new(),
            not_counted: Vec::new(),
        };
        let t = tendencies(&council);
        let names: Vec<&str> = t.iter().map(|t| t.assessor.as_str()).collect();
        assert_eq!(names, ["An", "Bình", "Cường"], "Dung scored alone");
        // An: +5 and +3 → +4; Bình: −5 and −3 → −4; Cường: 0 on one product.
        assert_eq!((t[0].products, t[0].mean_deviation), (2, 4.0));
        assert_eq!((t[1].products, t[1].mean_deviation), (2, -4.0));
        assert_eq!((t[2].products, t[2].mean_deviation), (1, 0.0));
    }
}
