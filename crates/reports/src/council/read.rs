//! Reading a folder for the council in two passes, so that a province's 100,000 sheet files
//! take seconds and little memory. First every sheet file's head (its product, member,
//! status and when it was finished; the answers and the audit trail are skipped, not built),
//! on every core; then, for each product and member, the finished sheets newest first, each
//! read for what the council shows and its signature checked, until one counts (or the
//! newest, with `include_unsigned`), and its figures recomputed from its answers on its rubric:
//! a sheet whose stated figures disagree never counts. A member is a principal, the
//! `assessor_id` the signature is checked under, never a display name: a sheet older than its
//! member's counted one is not counted, and is listed only when it names the member otherwise
//! (one key, one seat, whatever the names).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use super::NotCounted;
use super::seats::product_key;
use ocop_catalog::Catalog;
use ocop_domain::rubric::Code;
use ocop_domain::sheet::Status;
use ocop_export::document::AnswerState;
use ocop_export::document::{EliminationDoc, HeldDoc, PartDoc};
use ocop_export::figures::AnswerOf;
use ocop_export::progress::Counter;
use ocop_export::roster::Roster;
use ocop_export::scan::{self, Entry, Listing};
use ocop_export::signature;
use ocop_words::Words;
use ocop_words::words;

mod candidate;
use candidate::Candidate;

/// What the council reads of a counted sheet: the document's fields it shows, by their names
/// in `ocop-sheet/1`.
#[derive(Debug, Clone, Deserialize)]
pub struct Counted {
    pub sheet_id: String,
    pub revision: u32,
    pub rubric: SetOf,
    pub product: ProductOf,
    pub assessor: AssessorOf,
    pub evaluated_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "ocop_domain::audit::maybe_timestamp")]
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub case: Option<u8>,
    pub dossier_rejected: Option<String>,
    /// The answers as the file states them, until they are recomputed into `answers`.
    #[serde(rename = "answers")]
    pub stated: Vec<AnswerOf>,
    /// Each answer's points, recomputed, and whether its criterion applies.
    #[serde(skip)]
    pub answers: Vec<PointsOf>,
    pub parts: Vec<PartDoc>,
    pub total: u16,
    pub stars: u8,
    /// Recomputed, as the elimination's reasons: never taken from the file.
    pub held_by: Vec<HeldDoc>,
    pub eliminated: bool,
    pub elimination_reasons: Vec<EliminationDoc>,
    /// Its file, relative to the folder.
    #[serde(skip)]
    pub file: String,
    /// The producer's claims as the file states them, until recounted into the answers.
    #[serde(default, rename = "self_assessment")]
    pub claims_stated: Option<ClaimsOf>,
}

/// The part of a document's `self_assessment` the council reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimsOf {
    pub claims: Vec<ClaimOf>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClaimOf {
    pub code: Code,
    pub option: u8,
}

/// One answer as the council lays it beside the others: recomputed, small (a province's
/// answers are held at once).
#[derive(Debug, Clone)]
pub struct PointsOf {
    pub code: Code,
    pub points: u16,
    pub max: u16,
    pub state: AnswerState,
    /// Its criterion applies on this sheet (the rule did not set it aside).
    pub applies: bool,
    /// The producer's claimed points here, on the sheet's rubric: never the file's figure.
    /// Kept on the answer, not in a list of its own: a province's sheets are held at once.
    pub claimed: Option<u16>,
}

impl Counted {
    /// The principal it names (`assessor_id`), or empty.
    pub fn principal(&self) -> String {
        self.assessor.id.clone().unwrap_or_default()
    }

    /// The member it counts for: the principal it is signed under, or (unsigned and counted
    /// on request) its display name.
    pub fn member_key(&self) -> String {
        member_key(self.assessor.id.as_deref(), &self.assessor.name)
    }
}

/// A principal stands for itself; a sheet without one, by its name folded (`~` apart, so no
/// name can pass for a principal).
pub(super) fn member_key(id: Option<&str>, name: &str) -> String {
    match id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => id.to_string(),
        None => format!("~{}", name.trim().to_lowercase()),
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetOf {
    pub set_id: String,
    pub sha256: String,
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
    id: Option<String>,
}

/// The sheet files of a folder, sorted out: counted (one per product and member, by product
/// then member), unreadable, not counted (both in folder order).
#[derive(Default)]
pub struct Read {
    pub docs: Vec<Counted>,
    pub unreadable: Vec<Words>,
    pub not_counted: Vec<NotCounted>,
    /// Counted by `include_unsigned` although their signature does not count: why not.
    pub unsigned: BTreeMap<(String, u32), Words>,
}

/// What the second pass found for one product and member; files by their place in the folder.
#[derive(Default)]
struct Chosen {
    doc: Option<Counted>,
    unreadable: Vec<(usize, Words)>,
    not_counted: Vec<(usize, NotCounted)>,
    unsigned: Option<((String, u32), Words)>,
}

/// A sheet file's place in the folder, the file, and its head.
type Seen<'a> = (usize, &'a Entry, Head);

/// What the council is asked to count.
pub struct Ask<'a> {
    pub product: Option<&'a str>,
    pub include_unsigned: bool,
    pub roster: Option<&'a Roster>,
    /// Where each sheet's rubric is found, by SHA-256, to recompute its figures.
    pub catalog: &'a Catalog,
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
            Err(why) => unreadable.push((i, of_file(entry, &why))),
            Ok(h) if h.status != Status::Finished => {}
            Ok(h) if ask.product.is_some_and(|p| h.product.code != p) => {}
            Ok(h) => {
                let key = product_key(&h.product.code, &h.product.name);
                let member = member_key(h.assessor.id.as_deref(), &h.assessor.name);
                members
                    .entry((key, member))
                    .or_default()
                    .push((i, entry, h));
            }
        }
    }
    let lists: Vec<Vec<Seen<'_>>> = members.into_values().collect();
    progress.begin(lists.len());
    let batches: Vec<&[Vec<Seen<'_>>]> = lists.chunks(BATCH).collect();
    let chosen = scan::par_map(&batches, |lists| {
        let chosen = choose_all(lists, ask);
        progress.add(lists.len());
        chosen
    });
    let chosen = chosen.into_iter().flatten();
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

fn read_head(entry: &Entry) -> Result<Head, Words> {
    scan::load_as(entry).map(|(_, head)| head)
}

/// Why `entry` could not be read, after its path in the folder.
fn of_file(entry: &Entry, why: &Words) -> Words {
    let file = entry.relative();
    why.map(|why, _| format!("{file}: {why}"))
}

/// Products' members whose newest sheets have their signatures checked in one batch.
const BATCH: usize = 64;

/// `choose` for each of `lists`, the newest sheet of each read first and all their
/// signatures checked together (`signature::Batch`): the newest is nearly always the one.
fn choose_all(lists: &[Vec<Seen<'_>>], ask: &Ask<'_>) -> Vec<Chosen> {
    let orders: Vec<Vec<&Seen<'_>>> = lists.iter().map(|list| newest_first(list)).collect();
    let mut batch = signature::Batch::default();
    let mut newest: Vec<Option<Result<Candidate, Words>>> = orders
        .iter()
        .map(|order| order.first().map(|(_, entry, _)| Candidate::read(entry)))
        .collect();
    let numbers: Vec<Option<usize>> = newest
        .iter()
        .map(|read| match read {
            Some(Ok(c)) => batch.add(&c.sig, &c.digest),
            _ => None,
        })
        .collect();
    let holds = batch.check();
    for (read, number) in newest.iter_mut().zip(numbers) {
        if let (Some(Ok(c)), Some(n)) = (read, number) {
            c.holds = Some(holds[n]);
        }
    }
    let chosen = orders.iter().zip(newest);
    chosen
        .map(|(order, read)| choose(order, read, ask))
        .collect()
}

/// A member's sheets on a product, newest first.
fn newest_first<'s, 'a>(list: &'s [Seen<'a>]) -> Vec<&'s Seen<'a>> {
    let mut order: Vec<&Seen<'_>> = list.iter().collect();
    // Stable: of two sheets finished at the same moment, the first in the folder wins.
    order.sort_by(|(_, _, a), (_, _, b)| {
        (b.finished_at, b.revision).cmp(&(a.finished_at, a.revision))
    });
    order
}

/// One member's sheets on one product, newest first, until one counts; `newest` is the
/// first of them already read. A sheet whose figures disagree never counts, signed or not.
fn choose(
    order: &[&Seen<'_>],
    mut newest: Option<Result<Candidate, Words>>,
    ask: &Ask<'_>,
) -> Chosen {
    let mut chosen = Chosen::default();
    for (k, (i, entry, _)) in order.iter().copied().enumerate() {
        let read = newest.take().unwrap_or_else(|| Candidate::read(entry));
        let mut c = match read {
            Ok(c) => c,
            Err(why) => {
                chosen.unreadable.push((*i, of_file(entry, &why)));
                continue;
            }
        };
        // The signature first: a sheet it leaves out is not worth rescoring.
        let seal = c.why_not_counted(ask.roster);
        let why = match seal {
            Some(why) if !ask.include_unsigned => Some(why),
            seal => match c.recount(ask.catalog) {
                Err(why) => Some(why),
                Ok(()) => {
                    let key = (c.doc.sheet_id.clone(), c.doc.revision);
                    chosen.unsigned = seal.map(|why| (key, why));
                    None
                }
            },
        };
        let doc = c.doc;
        let Some(why) = why else {
            chosen.not_counted.extend(renamed(&order[k + 1..], &doc));
            chosen.doc = Some(doc);
            break;
        };
        chosen.not_counted.push((*i, not_counted(entry, &doc, why)));
    }
    chosen
}

fn not_counted(entry: &Entry, doc: &Counted, reason: Words) -> NotCounted {
    NotCounted {
        product_code: doc.product.code.clone(),
        file: entry.relative(),
        assessor: doc.assessor.name.clone(),
        principal: doc.principal(),
        reason,
    }
}

/// The member's older sheets that name the member otherwise than the counted one: listed, so
/// that a second name is seen to have been given one seat, not two.
fn renamed(older: &[&Seen<'_>], counted: &Counted) -> Vec<(usize, NotCounted)> {
    let name = counted.assessor.name.trim();
    let principal = counted.member_key();
    older
        .iter()
        .filter(|(_, _, head)| head.assessor.name.trim() != name)
        .map(|(i, entry, head)| {
            let reason = words!(
                "{principal} đã được tính một lần, với một phiếu mới hơn mang tên {name:?}: một \
                 khoá, một ghế",
                "{principal} already counts once, with a newer sheet under the name {name:?}: \
                 one key, one seat"
            );
            let n = NotCounted {
                product_code: head.product.code.clone(),
                file: entry.relative(),
                assessor: head.assessor.name.clone(),
                principal: head.assessor.id.clone().unwrap_or_default(),
                reason,
            };
            (*i, n)
        })
        .collect()
}
