//! `ocop council DIR`: a council's sheets side by side, per product. For each product code, the
//! latest finished sheet of each member (a roster principal: one seat per principal, whatever
//! the names its sheets give); their totals, the mean per part and overall, the council's stars (the band of the
//! mean, held down by every star minimum the members' mean points do not reach, and none
//! while a counted sheet is eliminated: `stars`), the spread between members against the
//! province's limit, the criteria on which they disagree most, and every minimum or
//! elimination raised on any member's sheet. Only sheets signed by the key the folder's
//! `allowed_signers` gives to their assessor count, and only with figures that follow from
//! their answers; every other one newer than its member's counted sheet is listed as not
//! counted, with why (`include_unsigned` counts unsigned ones, marked). A product code that
//! two products share is a conflict: none of its sheets count. `read` reads the folder, in
//! two passes.

mod conflict;
mod seats;
pub mod stars;

pub use seats::seat;
use seats::{group, of_file};

pub mod chart;
pub mod criteria;
pub mod html;
mod read;
pub mod render;
pub mod tendency;

use ocop_catalog::Catalog;
use ocop_words::Words;
use std::path::Path;

use serde::Serialize;

use ocop_export::document::KindDoc;
use ocop_export::progress::Counter;
use ocop_export::province::Pin;
use ocop_export::roster::Roster;
use ocop_export::scan;
use ocop_export::scan::ReadError;
use read::Counted;

/// The province's limit on the spread between members, as `ocop council` takes it by default.
pub const MAX_SPREAD: u16 = 10;

/// How many criteria of largest disagreement a product lists.
const DISAGREEMENTS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Council {
    pub products: Vec<ProductReview>,
    /// Sheet files that could not be read, with why (`ocop verify` tells more).
    pub unreadable: Vec<Words>,
    /// The folder has no `allowed_signers`: no signature can be tied to a member.
    pub no_roster: bool,
    /// What is wrong with the roster: lines not read, wildcard principals, a signature the
    /// pinned province key did not make.
    pub roster_problems: Vec<Words>,
    /// A province key is pinned: the roster counts only when it signed it.
    pub pinned: bool,
    /// Sheets left out because their signature or their figures do not count, with why.
    pub not_counted: Vec<NotCounted>,
    /// Product codes that name more than one product: none of their sheets count.
    pub conflicts: Vec<conflict::Conflict>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounted {
    pub product_code: String,
    pub file: String,
    pub assessor: String,
    /// The `assessor_id` it names (empty when none).
    pub principal: String,
    pub reason: Words,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductReview {
    pub product_code: String,
    pub product_name: String,
    pub set_ids: Vec<String>,
    pub members: Vec<Member>,
    /// The members' mean points on each part.
    pub mean_parts: Vec<PartMean>,
    pub mean_total: f64,
    /// The band of the mean total alone.
    pub stars_of_mean: u8,
    /// The council's stars: the band, held down by the star minimums (`held_by`).
    pub stars: u8,
    pub held_by: Vec<stars::HeldMean>,
    /// A counted member's sheet is eliminated (`eliminations` says who and why).
    pub eliminated: bool,
    pub spread: u16,
    /// The spread exceeds the limit: the council discusses and re-scores.
    pub flagged: bool,
    pub disagreements: Vec<Disagreement>,
    /// Every criterion with each member's points on it, in member order.
    pub criteria: Vec<criteria::CriterionRow>,
    pub minimums: Vec<MinimumRaised>,
    pub eliminations: Vec<EliminationRaised>,
    /// This product's sheets left out (the council's list has them all, for JSON).
    #[serde(skip)]
    pub not_counted: Vec<NotCounted>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The roster principal the sheet is signed under (its `assessor_id`).
    pub principal: String,
    /// The display name the sheet gives.
    pub assessor: String,
    pub council: String,
    pub sheet_id: String,
    pub revision: u32,
    /// The day of the evaluation: the sheet's own date, or the day it was finished.
    pub evaluated_on: Option<chrono::NaiveDate>,
    pub parts: Vec<PartPoints>,
    pub total: u16,
    pub stars: u8,
    pub eliminated: bool,
    /// Counted although its signature does not count (`include_unsigned`): why not.
    pub unsigned: Option<Words>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartPoints {
    pub code: String,
    pub points: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartMean {
    pub code: String,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub code: String,
    pub spread: u16,
    /// Each member's points on it, in member order.
    pub points: Vec<u16>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinimumRaised {
    pub principal: String,
    pub assessor: String,
    pub stars: u8,
    pub code: String,
    pub needs: u16,
    pub has: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EliminationRaised {
    pub principal: String,
    pub assessor: String,
    pub code: Option<String>,
    pub kind: KindDoc,
    pub reason: String,
}

/// What a review is asked for: one product or all, the spread limit, whether unsigned
/// sheets count, and where the sheets' rubrics are found to recompute their figures.
#[derive(Clone, Copy)]
pub struct Asked<'a> {
    pub product: Option<&'a str>,
    pub max_spread: u16,
    pub include_unsigned: bool,
    pub catalog: &'a Catalog,
    /// The province key the roster must be signed by; none: nothing pinned (and said).
    pub pin: Option<&'a Pin>,
}

impl<'a> Asked<'a> {
    /// Every product, the province's limit, signed sheets only.
    pub fn all(catalog: &'a Catalog) -> Asked<'a> {
        Asked {
            product: None,
            max_spread: MAX_SPREAD,
            include_unsigned: false,
            catalog,
            pin: None,
        }
    }
}

/// Reads every sheet file of the folder and reviews each product (or only `product`).
pub fn review(root: &Path, asked: Asked<'_>) -> Result<Council, ReadError> {
    review_counted(root, asked, &Counter::default())
}

/// `review`, counting in `progress` the sheet files read.
pub fn review_counted(
    root: &Path,
    asked: Asked<'_>,
    progress: &Counter,
) -> Result<Council, ReadError> {
    let listing = scan::list(root)?;
    let roster = Roster::read(root, asked.pin)?;
    let ask = read::Ask {
        product: asked.product,
        include_unsigned: asked.include_unsigned,
        roster: roster.as_ref(),
        catalog: asked.catalog,
    };
    let mut read = read::read(&listing, &ask, progress);
    let (groups, conflicts) = conflict::split(group(read.docs));
    let mut products: Vec<ProductReview> = groups
        .into_values()
        .map(|docs| review_product(docs, asked))
        .collect();
    for m in products.iter_mut().flat_map(|p| p.members.iter_mut()) {
        m.unsigned = read.unsigned.remove(&(m.sheet_id.clone(), m.revision));
    }
    for p in products.iter_mut().filter(|p| !p.product_code.is_empty()) {
        let of = read.not_counted.iter();
        p.not_counted = of
            .filter(|n| n.product_code == p.product_code)
            .cloned()
            .collect();
    }
    Ok(Council {
        products,
        unreadable: read.unreadable,
        no_roster: roster.is_none(),
        roster_problems: roster
            .iter()
            .flat_map(|r| &r.problems)
            .map(of_file)
            .collect(),
        pinned: asked.pin.is_some(),
        not_counted: read.not_counted,
        conflicts,
    })
}

fn review_product(docs: Vec<Counted>, asked: Asked<'_>) -> ProductReview {
    let members: Vec<Member> = docs.iter().map(member).collect();
    let totals: Vec<u16> = members.iter().map(|m| m.total).collect();
    let spread = totals.iter().max().unwrap_or(&0) - totals.iter().min().unwrap_or(&0);
    let mean_total = mean(totals.iter().copied());
    let mut set_ids: Vec<String> = docs.iter().map(|d| d.rubric.set_id.clone()).collect();
    set_ids.sort();
    set_ids.dedup();
    let (code, name) = docs
        .first()
        .map(|d| (d.product.code.clone(), d.product.name.clone()))
        .unwrap_or_default();
    let council = stars::of_council(&docs, mean_total, asked.catalog);
    ProductReview {
        product_code: code,
        product_name: name,
        set_ids,
        mean_parts: mean_parts(&members),
        mean_total,
        stars_of_mean: stars_of(mean_total),
        stars: council.stars,
        held_by: council.held_by,
        eliminated: docs.iter().any(|d| d.eliminated),
        spread,
        flagged: spread > asked.max_spread,
        disagreements: disagreements(&docs),
        criteria: criteria::rows(&docs),
        minimums: minimums(&docs),
        eliminations: eliminations(&docs),
        not_counted: Vec::new(),
        members,
    }
}

fn member(doc: &Counted) -> Member {
    Member {
        principal: doc.principal(),
        assessor: doc.assessor.name.clone(),
        council: doc.assessor.council.clone(),
        sheet_id: doc.sheet_id.clone(),
        revision: doc.revision,
        evaluated_on: doc.evaluated_on.or(doc.finished_at.map(|t| t.date_naive())),
        parts: doc
            .parts
            .iter()
            .map(|p| PartPoints {
                code: p.code.clone(),
                points: p.points,
            })
            .collect(),
        total: doc.total,
        stars: doc.stars,
        eliminated: doc.eliminated,
        unsigned: None,
    }
}

/// The mean, rounded to two decimals so that JSON and tables agree.
fn mean(values: impl Iterator<Item = u16>) -> f64 {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    if n == 0 {
        return 0.0;
    }
    (f64::from(sum) / f64::from(n) * 100.0).round() / 100.0
}

fn mean_parts(members: &[Member]) -> Vec<PartMean> {
    ["A", "B", "C"]
        .iter()
        .map(|code| {
            let points = members
                .iter()
                .filter_map(|m| m.parts.iter().find(|p| p.code == *code).map(|p| p.points));
            PartMean {
                code: code.to_string(),
                mean: mean(points),
            }
        })
        .collect()
}

/// Stars by band alone: 69.5 is below the 70 of four stars.
pub fn stars_of(total: f64) -> u8 {
    ocop_domain::score::BANDS
        .iter()
        .find(|(_, floor)| total >= f64::from(*floor))
        .map_or(1, |(stars, _)| *stars)
}

fn disagreements(docs: &[Counted]) -> Vec<Disagreement> {
    let Some(first) = docs.first() else {
        return Vec::new();
    };
    let points_on = |code: &str| -> Option<Vec<u16>> {
        docs.iter()
            .map(|d| d.answers.iter().find(|a| a.code.as_str() == code))
            .map(|a| a.map(|a| a.points))
            .collect()
    };
    let mut found: Vec<Disagreement> = first
        .answers
        .iter()
        .filter_map(|a| Some((a.code.as_str(), points_on(a.code.as_str())?)))
        .map(|(code, points)| Disagreement {
            code: code.to_string(),
            spread: points.iter().max().unwrap_or(&0) - points.iter().min().unwrap_or(&0),
            points,
        })
        .filter(|d| d.spread > 0)
        .collect();
    // Largest first; the sort is stable, so ties keep sheet order.
    found.sort_by_key(|d| std::cmp::Reverse(d.spread));
    found.truncate(DISAGREEMENTS);
    found
}

fn minimums(docs: &[Counted]) -> Vec<MinimumRaised> {
    docs.iter()
        .flat_map(|d| {
            d.held_by.iter().map(|h| MinimumRaised {
                principal: d.principal(),
                assessor: d.assessor.name.clone(),
                stars: h.stars,
                code: h.code.to_string(),
                needs: h.needs,
                has: h.has,
            })
        })
        .collect()
}

fn eliminations(docs: &[Counted]) -> Vec<EliminationRaised> {
    docs.iter()
        .flat_map(|d| {
            d.elimination_reasons.iter().map(|e| EliminationRaised {
                principal: d.principal(),
                assessor: d.assessor.name.clone(),
                code: e.code.as_ref().map(|c| c.to_string()),
                kind: e.kind,
                reason: e.reason.clone(),
            })
        })
        .collect()
}
