//! `ocop demo --sheets N [--seed S] [--finished PERCENT] [--force]`: realistic sheets across
//! all 26 sets, the same for the same seed, stored in batches (one transaction per batch) so
//! 10,000 take seconds.

mod claims;
mod data;

use crate::error::CommandError;
use std::io::Write;

use chrono::{DateTime, Duration, FixedOffset, TimeZone};

use super::Outcome;
use crate::commands::exit;
use data::{ASSESSORS, NOTES, PRODUCER_KINDS, PRODUCER_NAMES, PRODUCTS, PROVINCES, VILLAGES};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::Lang;
use ocop_domain::edit::{self, By, EditError};
use ocop_domain::rubric::{Case, Criterion, Rubric, Rule};
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_export::progress::Counter;
use ocop_export::signature::seal_sheet;
use ocop_sign::{KeyError, Signer};
use ocop_store::{Import, Store};
use ocop_words::command::command_words;

/// Sheets per write transaction: large enough to amortise the fsync, small enough for memory.
const BATCH: usize = 500;

/// The most sheets `ocop demo` makes in one run: some 700 MB of database and half a minute,
/// seventy times a province's year. More is a typing slip, refused before the folder is opened.
pub const DEMO_MAX_SHEETS: usize = 50_000;

/// Ok when `n` sheets may be made; else the sentence saying so.
pub fn check_count(n: usize) -> Result<(), CommandError> {
    if n <= DEMO_MAX_SHEETS {
        return Ok(());
    }
    Err(crate::error::said(|w| {
        (w.demo_too_many)(DEMO_MAX_SHEETS, n)
    }))
}

/// What `ocop demo` is asked for.
pub struct Plan {
    pub sheets: usize,
    pub seed: u64,
    /// Percent of the sheets finished.
    pub finished: u8,
    pub force: bool,
    /// The language its lines are said in.
    pub lang: Lang,
}

/// Makes the sheets of `plan`, counting each stored in `progress`.
pub fn run(
    store: &mut Store,
    catalog: &Catalog,
    (plan, progress): (&Plan, &Counter),
    out: &mut dyn Write,
) -> Outcome {
    let (n, seed) = (plan.sheets, plan.seed);
    let real = store.real_sheets()?;
    let dir = store
        .dir()
        .map_or(String::new(), |d| d.display().to_string());
    if real > 0 && !plan.force {
        return Err(crate::error::said(|w| (w.demo_not_empty)(&dir, real)));
    }
    let rubrics = catalog.all()?;
    let texts: Vec<&str> = rubrics
        .iter()
        .map(|r| catalog.text(&r.id).unwrap_or_default())
        .collect();
    // Ids continue after the sheets already there, so a second run never reuses one.
    let first = store.ids()?.len();
    let mut rng = Rng(seed);
    let demo = ocop_sign::demo_signer();
    let mut finished = 0;
    let mut start = 0;
    progress.begin(n);
    while start < n {
        let end = n.min(start + BATCH);
        let mut batch = Vec::with_capacity(end - start);
        for i in start..end {
            // Every set in turn, from a seeded starting set.
            let set = (i + seed as usize) % rubrics.len();
            let mut item = make(&mut rng, rubrics[set], texts[set], first + i, plan.finished)?;
            if item.finished {
                sign(&demo, rubrics[set], &mut item)?;
            }
            finished += usize::from(item.finished);
            batch.push(item);
        }
        store.import(&batch, true)?;
        progress.add(batch.len());
        start = end;
    }
    let w = command_words(plan.lang);
    writeln!(out, "{}", (w.demo_made)(n, &dir, finished))?;
    writeln!(out, "{}", (w.demo_signed)(&demo.fingerprint()))?;
    Ok(exit::OK)
}

/// Signs a finished demo sheet as its assessor would: principal from the name, demo key.
fn sign(demo: &Signer, rubric: &Rubric, item: &mut Import<'_>) -> Result<(), KeyError> {
    let principal = ocop_sign::principal_of(&item.sheet.header.assessor);
    let sig = seal_sheet(
        demo,
        &principal,
        rubric,
        &mut item.sheet,
        None,
        &item.events,
    )?;
    item.signature = Some(sig);
    item.summary = Summary::of(rubric, &item.sheet);
    Ok(())
}

/// splitmix64: tiny, fast and the same everywhere, so a seed always gives the same sheets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Working hours: twenty sheets a day from 08:00, one every 25 minutes, from June 2025.
fn start_time(index: usize) -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(7 * 3600).expect("+07:00 is an offset");
    let base = tz
        .with_ymd_and_hms(2025, 6, 2, 8, 0, 0)
        .single()
        .expect("a fixed offset has one such time");
    let (day, slot) = ((index / 20) as i64, (index % 20) as i64);
    base + Duration::days(day) + Duration::minutes(25 * slot)
}

fn make<'a>(
    rng: &mut Rng,
    rubric: &Rubric,
    text: &'a str,
    index: usize,
    finished_percent: u8,
) -> Result<Import<'a>, EditError> {
    let mut at = start_time(index);
    let actor = *rng.pick(&ASSESSORS);
    let id = demo_id(rng, at);
    let mut sheet = Sheet::new(id, rubric, header(rng, rubric, actor, at), at);
    let mut events = vec![edit::created(&mut sheet, By { actor, at })];
    let case = rubric.has_cases().then(|| {
        if rng.chance(50) {
            Case::First
        } else {
            Case::Second
        }
    });
    if case.is_some() {
        events.push(edit::set_case(&mut sheet, case, By { actor, at })?);
    }
    let finish = rng.chance(u64::from(finished_percent));
    let leaves: Vec<&Criterion> = rubric.leaves().collect();
    let count = if finish {
        leaves.len()
    } else {
        rng.below(leaves.len() + 1)
    };
    for leaf in leaves.into_iter().take(count) {
        at += Duration::seconds(30 + rng.below(200) as i64);
        let by = By { actor, at };
        let chosen = mark(rng, leaf, case);
        let stops = stops_on_zero(rubric, leaf, &chosen);
        events.push(edit::set_mark(&mut sheet, &leaf.code, Some(chosen), by)?);
        if stops {
            break; // set 16: a zero under criterion 6 ends the evaluation, as the walk does
        }
        if rng.chance(8) {
            events.push(edit::set_note(
                &mut sheet,
                &leaf.code,
                NOTES[rng.below(NOTES.len())],
                by,
            )?);
        }
    }
    if let Some(sa) = claims::for_sheet(index, rubric, &sheet, at) {
        events.push(edit::set_self_assessment(
            &mut sheet,
            Some(sa),
            By { actor, at },
        )?);
    }
    if finish {
        at += Duration::minutes(5);
        let comment = "Sản phẩm có tiềm năng, đề nghị hoàn thiện bao bì và truy xuất nguồn gốc.";
        events.push(edit::set_comment(&mut sheet, comment, By { actor, at })?);
        events.push(edit::finish(&mut sheet, By { actor, at })?);
    }
    let summary = Summary::of(rubric, &sheet);
    Ok(Import {
        sheet,
        rubric_text: text,
        summary,
        events,
        finished: finish,
        signature: None,
    })
}

/// A ULID from the sheet's start time and the seeded generator.
fn demo_id(rng: &mut Rng, at: DateTime<FixedOffset>) -> SheetId {
    let random = (u128::from(rng.next()) << 16) ^ u128::from(rng.next());
    let ulid = ulid::Ulid::from_parts(at.timestamp_millis() as u64, random);
    SheetId::parse(&ulid.to_string()).expect("a ULID is a sheet id")
}

fn header(rng: &mut Rng, rubric: &Rubric, assessor: &str, at: DateTime<FixedOffset>) -> Header {
    let products = PRODUCTS[usize::from(rubric.set_no).saturating_sub(1) % PRODUCTS.len()];
    let province = rng.pick(&PROVINCES);
    let (commune_code, commune) = *rng.pick(province.communes);
    // Drawn as before, so that the rest of a seed's demo stays as it was.
    let _ = rng.below(30);
    let year = 2024 + rng.below(3);
    let kind = rng.below(50);
    let product_name = rng.pick(products);
    // One code, one product: the serial follows the set and the product, so sheets that share
    // a code score the same product (a council's members), never a tea and a spirit.
    let index = products.iter().position(|p| p == product_name).unwrap_or(0);
    let serial = usize::from(rubric.set_no) * 10 + index;
    let product_code = match kind {
        0 => String::new(),
        1 => format!("{}-{commune_code}-{serial}", province.code), // kept, shown with a warning
        _ => format!("{}-{commune_code}-{serial:02}-{year}", province.code),
    };
    Header {
        product_name: product_name.to_string(),
        producer: format!(
            "{} {}",
            rng.pick(&PRODUCER_KINDS),
            rng.pick(&PRODUCER_NAMES)
        ),
        product_code,
        phone: format!("09{:08}", rng.next() % 100_000_000),
        address: format!("{}, {commune}, tỉnh {}", rng.pick(&VILLAGES), province.name),
        assessor: assessor.to_string(),
        council: format!("Hội đồng OCOP tỉnh {}", province.name),
        place: province.name.to_string(),
        evaluated_on: Some(at.date_naive()),
    }
}

/// Whether this answer scores 0 under a group whose zero stops the evaluation.
fn stops_on_zero(rubric: &Rubric, leaf: &Criterion, mark: &Mark) -> bool {
    let zero = match mark {
        Mark::NotMet => true,
        Mark::Chose { option } => leaf
            .options
            .get(usize::from(*option).saturating_sub(1))
            .is_some_and(|o| o.points.0 == 0),
        _ => false,
    };
    zero && rubric.stop_on_zero_group(&leaf.code).is_some()
}

/// Mostly an option; sometimes not met; rarely an elimination raised.
fn mark(rng: &mut Rng, leaf: &Criterion, case: Option<Case>) -> Mark {
    let raisable = leaf.rule().is_some_and(Rule::is_raisable);
    if raisable && rng.below(400) == 0 {
        return Mark::Raised {
            reason: "Hồ sơ không đáp ứng yêu cầu của tiêu chí".into(),
        };
    }
    if !leaf.has_zero_option() && rng.chance(7) {
        return Mark::NotMet;
    }
    let options: Vec<usize> = leaf.options_for(case).map(|(n, _)| n).collect();
    if options.is_empty() {
        return Mark::NotMet;
    }
    // The best of three draws: producers put forward their better products.
    let points = |n: usize| leaf.options.get(n - 1).map_or(0, |o| o.points.0);
    let draws = [
        *rng.pick(&options),
        *rng.pick(&options),
        *rng.pick(&options),
    ];
    let n = draws.into_iter().max_by_key(|n| points(*n)).unwrap_or(1);
    Mark::Chose {
        option: u8::try_from(n).unwrap_or(1),
    }
}

/// `ocop demo`: the count is checked before the data folder is opened.
pub fn start(plan: &Plan, settings: &Settings, catalog: &Catalog, out: &mut dyn Write) -> Outcome {
    check_count(plan.sheets)?;
    let mut store = Store::open(&settings.data_dir.value)?;
    let lang = settings.lang.value;
    let label = command_words(lang).making_demo;
    // Said after the bar is cleared, so it does not share the bar's line.
    let mut said = Vec::new();
    let outcome = crate::commands::progress::shown(lang, label, |counted| {
        run(&mut store, catalog, (plan, counted), &mut said)
    });
    out.write_all(&said)?;
    outcome
}
