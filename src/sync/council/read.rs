//! Reading a folder for the council in two passes, so that a province's 100,000 sheet files
//! take seconds and little memory. First every sheet file's head (its product, member,
//! status and when it was finished; the answers and the audit trail are skipped, not built),
//! on every core; then, for each product and member, the finished sheets newest first, each
//! read for what the council shows and its signature checked, until one counts (or the
//! newest, with `include_unsigned`). A sheet older than its member's counted one is neither
//! counted nor listed as not counted: the council never needed it.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{NotCounted, product_key};
use crate::domain::rubric::Code;
use crate::domain::sheet::Status;
use crate::sync::document::{AnswerState, EliminationDoc, HeldDoc, PartDoc, SCHEMA};
use crate::sync::progress::Counter;
use crate::sync::roster::Roster;
use crate::sync::scan::{self, Entry, Listing};
use crate::sync::signature;

/// What the council reads of a counted sheet: the document's fields it shows, by their names
/// in `ocop-sheet/1`.
#[derive(Debug, Clone, Deserialize)]
pub struct Counted {
    pub sheet_id: String,
    pub revision: u32,
    pub rubric: SetOf,
    pub product: ProductOf,
    pub assessor: AssessorOf,
    pub answers: Vec<PointsOf>,
    pub parts: Vec<PartDoc>,
    pub total: u16,
    pub stars: u8,
    pub held_by: Vec<HeldDoc>,
    pub eliminated: bool,
    pub elimination_reasons: Vec<EliminationDoc>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetOf {
    pub set_id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProductOf {
    pub name: String,
    pub code: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssessorOf {
    pub name: String,
    pub council: String,
    pub id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PointsOf {
    pub code: Code,
    pub points: u16,
    /// The report lays the members side by side per criterion: its maximum, and whether the
    /// points count there.
    pub max: u16,
    pub state: AnswerState,
}

/// The first pass: what decides which sheet is a member's latest on a product.
#[derive(Debug, Deserialize)]
struct Head {
    revision: u32,
    status: Status,
    product: ProductOf,
    assessor: NameOf,
    finished_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Deserialize)]
struct NameOf {
    name: String,
}

/// The sheet files of a folder, sorted out: counted (one per product and member, by product
/// then member), unreadable, not counted (both in folder order).
#[derive(Default)]
pub struct Read {
    pub docs: Vec<Counted>,
    pub unreadable: Vec<String>,
    pub not_counted: Vec<NotCounted>,
    /// Counted by `include_unsigned` although their signature does not count: why not.
    pub unsigned: BTreeMap<(String, u32), String>,
}

/// What the second pass found for one product and member; files by their place in the folder.
#[derive(Default)]
struct Chosen {
    doc: Option<Counted>,
    unreadable: Vec<(usize, String)>,
    not_counted: Vec<(usize, NotCounted)>,
    unsigned: Option<((String, u32), String)>,
}

/// A sheet file's place in the folder, the file, and its head.
type Seen<'a> = (usize, &'a Entry, Head);

/// What the council is asked to count.
pub struct Ask<'a> {
    pub product: Option<&'a str>,
    pub include_unsigned: bool,
    pub roster: Option<&'a Roster>,
}

/// Both passes over the sheet files of `listing`; `progress` counts the files read first,
/// then the products' members.
pub fn read(listing: &Listing, ask: &Ask<'_>, progress: &Counter) -> Read {
    let sheets: Vec<&Entry> = listing.sheets().collect();
    progress.begin(sheets.len());
    let heads = scan::par_map(&sheets, |entry| {
        let head = read_head(entry);
        progress.add(1);
        head
    });
    let mut unreadable = Vec::new();
    // Product and member → their finished sheets.
    let mut members: BTreeMap<(String, String), Vec<Seen<'_>>> = BTreeMap::new();
    for (i, (entry, head)) in sheets.iter().zip(heads).enumerate() {
        match head {
            Err(why) => unreadable.push((i, format!("{}: {why}", entry.relative()))),
            Ok(h) if h.status != Status::Finished => {}
            Ok(h) if ask.product.is_some_and(|p| h.product.code != p) => {}
            Ok(h) => {
                let key = product_key(&h.product.code, &h.product.name);
                let member = h.assessor.name.trim().to_lowercase();
                members
                    .entry((key, member))
                    .or_default()
                    .push((i, entry, h));
            }
        }
    }
    let lists: Vec<Vec<Seen<'_>>> = members.into_values().collect();
    progress.begin(lists.len());
    let chosen = scan::par_map(&lists, |list| {
        let chosen = choose(list, ask);
        progress.add(1);
        chosen
    });
    let mut read = Read::default();
    let mut not_counted = Vec::new();
    for one in chosen {
        unreadable.extend(one.unreadable);
        not_counted.extend(one.not_counted);
        read.unsigned.extend(one.unsigned);
        read.docs.extend(one.doc);
    }
    unreadable.sort_by_key(|(i, _)| *i);
    not_counted.sort_by_key(|(i, _)| *i);
    read.unreadable = unreadable.into_iter().map(|(_, why)| why).collect();
    read.not_counted = not_counted.into_iter().map(|(_, n)| n).collect();
    read
}

fn read_head(entry: &Entry) -> Result<Head, String> {
    let bytes = scan::read_at_most(&entry.path(), scan::SHEET_FILE_MAX_BYTES)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("does not parse as {SCHEMA}: {e}"))
}

/// One member's sheets on one product, newest first, until one counts.
fn choose(list: &[Seen<'_>], ask: &Ask<'_>) -> Chosen {
    let mut order: Vec<&Seen<'_>> = list.iter().collect();
    // Stable: of two sheets finished at the same moment, the first in the folder wins.
    order.sort_by(|(_, _, a), (_, _, b)| {
        (b.finished_at, b.revision).cmp(&(a.finished_at, a.revision))
    });
    let mut chosen = Chosen::default();
    for (i, entry, _) in order {
        let (bytes, doc) = match load(entry) {
            Ok(loaded) => loaded,
            Err(why) => {
                let why = format!("{}: {why}", entry.relative());
                chosen.unreadable.push((*i, why));
                continue;
            }
        };
        let Some(why) = why_not_counted(entry, &bytes, &doc, ask.roster) else {
            chosen.doc = Some(doc);
            break;
        };
        if ask.include_unsigned {
            chosen.unsigned = Some(((doc.sheet_id.clone(), doc.revision), why));
            chosen.doc = Some(doc);
            break;
        }
        let not_counted = NotCounted {
            product_code: doc.product.code.clone(),
            file: entry.relative(),
            assessor: doc.assessor.name.clone(),
            reason: why,
        };
        chosen.not_counted.push((*i, not_counted));
    }
    chosen
}

fn load(entry: &Entry) -> Result<(Vec<u8>, Counted), String> {
    let bytes = scan::read_at_most(&entry.path(), scan::SHEET_FILE_MAX_BYTES)?;
    let doc =
        serde_json::from_slice(&bytes).map_err(|e| format!("does not parse as {SCHEMA}: {e}"))?;
    Ok((bytes, doc))
}

/// Why a sheet does not count for the council, or `None` when its signature does.
fn why_not_counted(
    entry: &Entry,
    bytes: &[u8],
    doc: &Counted,
    roster: Option<&Roster>,
) -> Option<String> {
    let sig = signature::SigFile::read(&entry.path());
    let file = signature::Content::of(bytes);
    signature::seal_file(file, doc.assessor.id.as_deref(), &sig, roster).reason()
}
