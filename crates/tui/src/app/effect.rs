//! Running effects: the interface's only I/O. Each edit goes through `domain::edit`, is scored
//! into a `Summary`, and is on its way to disk when its reply reaches `update`; the loop shows
//! no frame until it is durable (`Ctx::settle`), so the screen never shows an answer the store
//! does not hold.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::msg::{After, Edit, Effect, Msg};
use super::state::{Earlier, MAX_SPREAD, Row, SyncProblem};
use ocop_catalog::Catalog;
use ocop_catalog::check::sha256_hex;
use ocop_domain::Lang;
use ocop_domain::audit::{AuditEvent, Change};
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::Rubric;
use ocop_domain::sheet::{Header, Previous, Sheet, SheetId};
use ocop_domain::summary::Summary;
use ocop_export::document::{canonical_bytes, sheet_document};
use ocop_export::signature::seal_sheet;
use ocop_sign::{Signer, principal_of, valid_principal};
use ocop_store::{Store, StoreError, SyncState};
use ocop_words::screen::strings;
use ocop_words::{Say, pick};

/// Why an effect failed, typed until the interface says it in its language.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Rubric(#[from] ocop_catalog::SheetRubricError),
    #[error(transparent)]
    Catalog(#[from] ocop_catalog::CatalogError),
    #[error(transparent)]
    Edit(#[from] ocop_domain::edit::EditError),
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error(transparent)]
    Key(#[from] ocop_sign::KeyError),
    #[error(transparent)]
    Config(#[from] ocop_config::ConfigError),
    #[error(transparent)]
    Read(#[from] ocop_export::scan::ReadError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("there is no sheet {0}")]
    NoSheet(SheetId),
    #[error("there is no product set {0}")]
    NoSet(String),
    #[error("cannot make a sheet id")]
    NoSheetId,
    /// The workbook's refused cells, the first few said.
    #[error("the self-assessment is refused")]
    SelfAssessment(Vec<ocop_selfassess::Refusal>),
}

impl Say for Failure {
    fn say(&self, lang: Lang) -> String {
        match self {
            Failure::Store(e) => e.say(lang),
            Failure::Rubric(e) => e.say(lang),
            Failure::Catalog(e) => e.say(lang),
            Failure::Edit(e) => e.say(lang),
            Failure::Seal(e) => e.say(lang),
            Failure::Key(e) => e.say(lang),
            Failure::Config(e) => e.say(lang),
            Failure::Read(e) => e.say(lang),
            Failure::Io(e) => pick(
                lang,
                format!("lỗi vào ra: {e}"),
                format!("input or output failed: {e}"),
            ),
            Failure::NoSheet(id) => (strings(lang).no_sheet)(id.as_str()),
            Failure::NoSet(id) => (strings(lang).no_set)(id),
            Failure::NoSheetId => strings(lang).no_sheet_id.into(),
            Failure::SelfAssessment(refused) => {
                let first: Vec<String> = refused.iter().take(3).map(|r| r.say(lang)).collect();
                let more = refused.len().saturating_sub(3);
                let tail = if more > 0 {
                    format!(" (+{more})")
                } else {
                    String::new()
                };
                format!("{}{tail}", first.join("; "))
            }
        }
    }
}

/// There is no sheet `id` in the store.
fn no_sheet(id: &SheetId) -> Failure {
    Failure::NoSheet(id.clone())
}

/// What effects need besides the effect itself.
pub struct Ctx {
    pub store: Store,
    pub catalog: Catalog,
    /// Who signs the audit events.
    pub actor: String,
    pub config_file: PathBuf,
    /// The central export folder, where one is set.
    pub export_dir: Option<PathBuf>,
    /// Rubrics of sheets started on a file the catalog no longer has, parsed once.
    rubrics: HashMap<String, Arc<Rubric>>,
    /// While an edit's save is being flushed: the sheet as stored before it.
    before: Option<Sheet>,
    /// What signs a sheet as it is finished; `None` only in tests of the interface alone.
    pub signer: Option<Signer>,
    /// `assessor_id`, when set; otherwise the principal is a slug of `actor`.
    pub assessor_id: Option<String>,
    /// The language of the sentences of failures.
    pub lang: Lang,
    /// How far a running sync is; the loop shows it on the status line meanwhile.
    pub sync_progress: Arc<ocop_export::progress::Counter>,
    /// The province key the council's roster must be signed by, when one is pinned.
    pub pin: Option<ocop_export::province::Pin>,
}

impl Ctx {
    pub fn new(store: Store, catalog: Catalog, actor: String, config_file: PathBuf) -> Ctx {
        Ctx {
            store,
            catalog,
            actor,
            config_file,
            export_dir: None,
            rubrics: HashMap::new(),
            before: None,
            signer: None,
            assessor_id: None,
            lang: Lang::Vi,
            sync_progress: Arc::default(),
            pin: None,
        }
    }

    /// The principal a finished sheet is signed as.
    pub fn principal(&self) -> Result<String, SealError> {
        let p = match &self.assessor_id {
            Some(id) => id.clone(),
            None => principal_of(&self.actor),
        };
        if valid_principal(&p) {
            Ok(p)
        } else {
            Err(SealError::Principal(p))
        }
    }

    /// Waits until the last edit is saved; when it could not be, the reply that takes it back.
    /// An edit's reply comes while its save is still being flushed, so that the next frame is
    /// drawn meanwhile; that frame waits for this before it is shown.
    pub fn settle(&mut self) -> Option<Msg> {
        let before = self.before.take()?;
        let error = self.store.finish_save().err()?;
        if let StoreError::Full = error {
            return Some(Msg::DiskFull {
                sheet: Some(Box::new(before)),
            });
        }
        Some(Msg::Unsaved {
            sheet: Box::new(before),
            error: error.say(self.lang),
        })
    }
}

/// Runs one effect at `now`; the reply goes back to `update`. The last edit's save is settled
/// first: when it failed, that is the reply, and this effect does not run.
pub fn run_effect(fx: Effect, ctx: &mut Ctx, now: DateTime<FixedOffset>) -> Option<Msg> {
    if let Some(failed) = ctx.settle() {
        return Some(failed);
    }
    let reply = match fx {
        Effect::LoadList => load_list(ctx),
        Effect::Open(id) => open(ctx, &id),
        Effect::Create {
            set_id,
            header,
            previous,
        } => create(ctx, &set_id, (*header, previous), now),
        Effect::LoadRerate(id) => load_rerate(ctx, &id),
        Effect::Edit {
            sheet,
            rubric,
            edits,
            after,
        } => apply(ctx, *sheet, &rubric, edits, after, now),
        Effect::Finish { sheet, rubric } => finish(ctx, *sheet, &rubric, now),
        Effect::Amend {
            sheet,
            rubric,
            reason,
        } => amend(ctx, &sheet, rubric, &reason, now),
        Effect::Trash(id) => trash(ctx, &id, now),
        Effect::SaveAssessor(name) => save_assessor(ctx, name),
        Effect::Sync { asked } => Ok(sync(ctx, asked, now)),
        Effect::LoadSyncState { id, revision } => ctx
            .store
            .sync_state(&id, revision)
            .map(|sync| Msg::SyncStateLoaded {
                signed: signed_key(ctx, &id, revision),
                id,
                revision,
                sync,
            })
            .map_err(Failure::from),
        Effect::Council(code) => council(ctx, code),
    };
    Some(reply.unwrap_or_else(|e| match e {
        Failure::Store(StoreError::Full) => Msg::DiskFull { sheet: None },
        e => Msg::Failed(e.say(ctx.lang)),
    }))
}

fn load_list(ctx: &mut Ctx) -> Result<Msg, Failure> {
    let rows = ctx
        .store
        .summaries()?
        .into_iter()
        .map(|l| Row {
            summary: l.summary,
            sync: l.sync,
            due: None,
        })
        .collect();
    // Sheets, not revisions: an amended sheet finished again has two revisions waiting and
    // one row in the list.
    let waiting = sheets_of(ctx.store.waiting()?.iter().map(|(id, _)| id));
    Ok(Msg::Loaded { rows, waiting })
}

/// How many different sheets the ids name.
fn sheets_of<'a>(ids: impl Iterator<Item = &'a SheetId>) -> usize {
    ids.collect::<std::collections::BTreeSet<_>>().len()
}

fn open(ctx: &mut Ctx, id: &SheetId) -> Result<Msg, Failure> {
    let sheet = ctx.store.sheet(id, None)?.ok_or_else(|| no_sheet(id))?;
    let rubric = rubric_of(ctx, &sheet)?;
    let sync = ctx.store.sync_state(&sheet.id, sheet.revision)?;
    let earlier = earlier_of(ctx, &sheet)?;
    Ok(Msg::Opened {
        signed: signed_key(ctx, &sheet.id, sheet.revision),
        sheet: Box::new(sheet),
        rubric,
        sync,
        earlier,
    })
}

/// For a re-rating, the sheet it follows with its rubric; none for any other sheet, or when
/// the earlier sheet is no longer in this data folder.
fn earlier_of(ctx: &mut Ctx, sheet: &Sheet) -> Result<Option<Arc<Earlier>>, Failure> {
    let Some(p) = &sheet.previous else {
        return Ok(None);
    };
    let Some(before) = ctx.store.sheet(&p.sheet_id, Some(p.revision))? else {
        return Ok(None);
    };
    let rubric = rubric_of(ctx, &before)?;
    Ok(Some(Arc::new(Earlier::new(before, rubric))))
}

/// The finished sheet to re-rate, with the digest of its exported file once synced: the
/// document's bytes are canonical, so they are the file's.
fn load_rerate(ctx: &mut Ctx, id: &SheetId) -> Result<Msg, Failure> {
    let sheet = ctx.store.sheet(id, None)?.ok_or_else(|| no_sheet(id))?;
    let sha256 = match ctx.store.sync_state(id, sheet.revision)? {
        SyncState::Synced { .. } => {
            let rubric = rubric_of(ctx, &sheet)?;
            let audit = ctx.store.audit(id)?;
            let bytes = canonical_bytes(&sheet_document(&rubric, &sheet, &audit));
            Some(sha256_hex(&bytes))
        }
        _ => None,
    };
    Ok(Msg::RerateLoaded {
        sheet: Box::new(sheet),
        sha256,
    })
}

/// The fingerprint of the key that signed a revision, when it was signed.
fn signed_key(ctx: &Ctx, id: &SheetId, revision: u32) -> Option<String> {
    let sig = ctx.store.signature(id, revision).ok().flatten()?;
    ocop_sign::signer_fingerprint(&sig)
}

/// The rubric a sheet was started on: the catalog's, else the text stored with the sheet.
fn rubric_of(ctx: &mut Ctx, sheet: &Sheet) -> Result<Arc<Rubric>, Failure> {
    let sha = &sheet.rubric_sha256;
    if let Some(r) = ctx.rubrics.get(sha) {
        return Ok(r.clone());
    }
    let store = &ctx.store;
    let rubric = ctx
        .catalog
        .rubric_of(sheet, |sha| store.rubric_text(sha))?
        .into_owned();
    let rubric = Arc::new(rubric);
    ctx.rubrics.insert(sha.clone(), rubric.clone());
    Ok(rubric)
}

fn create(
    ctx: &mut Ctx,
    set_id: &str,
    (header, previous): (Header, Option<Previous>),
    now: DateTime<FixedOffset>,
) -> Result<Msg, Failure> {
    let rubric = ctx
        .catalog
        .get(set_id)?
        .ok_or_else(|| Failure::NoSet(set_id.to_string()))?
        .clone();
    let text = ctx.catalog.text(set_id).unwrap_or_default().to_string();
    let id = SheetId::parse(&ulid::Ulid::new().to_string()).ok_or(Failure::NoSheetId)?;
    let mut sheet = Sheet::new(id, &rubric, header, now);
    sheet.previous = previous;
    let event = edit::created(&mut sheet, by(ctx, now));
    let summary = Summary::of(&rubric, &sheet);
    ctx.store.create(&sheet, &text, &summary, &event)?;
    let rubric = Arc::new(rubric);
    ctx.rubrics
        .insert(sheet.rubric_sha256.clone(), rubric.clone());
    let earlier = earlier_of(ctx, &sheet)?;
    Ok(Msg::Opened {
        sheet: Box::new(sheet),
        rubric,
        sync: SyncState::Draft,
        earlier,
        signed: None,
    })
}

fn by(ctx: &Ctx, at: DateTime<FixedOffset>) -> By<'_> {
    By {
        actor: &ctx.actor,
        at,
    }
}

fn apply(
    ctx: &mut Ctx,
    mut sheet: Sheet,
    rubric: &Rubric,
    edits: Vec<Edit>,
    after: After,
    now: DateTime<FixedOffset>,
) -> Result<Msg, Failure> {
    let before = sheet.clone();
    for e in edits {
        let by = by(ctx, now);
        let events = match e {
            Edit::Mark(code, mark) => vec![edit::set_mark(&mut sheet, &code, mark, by)?],
            Edit::Note(code, text) => vec![edit::set_note(&mut sheet, &code, &text, by)?],
            Edit::Comment(text) => vec![edit::set_comment(&mut sheet, &text, by)?],
            Edit::Case(case) => vec![edit::set_case(&mut sheet, case, by)?],
            Edit::Dossier(reason) => vec![edit::set_dossier(&mut sheet, reason, by)?],
            // As `ocop self import` takes it: the header fields the draft left empty too.
            Edit::SelfAssessment(path) => {
                let imported = ocop_selfassess::import(&path, rubric, sheet.case, now)
                    .map_err(Failure::SelfAssessment)?;
                ocop_selfassess::attach(&mut sheet, imported, by)?.events
            }
        };
        for event in &events {
            ctx.store
                .start_save(&sheet, &Summary::of(rubric, &sheet), event)?;
        }
    }
    // Saved once settled; see `Ctx::settle`.
    ctx.before = Some(before);
    Ok(Msg::Saved {
        sheet: Box::new(sheet),
        at: now,
        after,
    })
}

fn finish(
    ctx: &mut Ctx,
    mut sheet: Sheet,
    rubric: &Rubric,
    now: DateTime<FixedOffset>,
) -> Result<Msg, Failure> {
    let event = edit::finish(&mut sheet, by(ctx, now))?;
    let signature = seal(ctx, rubric, &mut sheet, &event)?;
    ctx.store.finish(
        &sheet,
        &Summary::of(rubric, &sheet),
        &event,
        signature.as_deref(),
    )?;
    Ok(Msg::Saved {
        sheet: Box::new(sheet),
        at: now,
        after: After::Finished,
    })
}

/// Signs the sheet being finished (see `seal_sheet`); its signature is stored with it.
fn seal(
    ctx: &Ctx,
    rubric: &Rubric,
    sheet: &mut Sheet,
    event: &AuditEvent,
) -> Result<Option<String>, Failure> {
    let Some(signer) = &ctx.signer else {
        return Ok(None);
    };
    let principal = ctx.principal()?;
    let mut audit = ctx.store.audit(&sheet.id)?;
    audit.push(event.clone());
    let previous = match sheet.supersedes {
        Some(n) => ctx.store.sheet(&sheet.id, Some(n))?,
        None => None,
    };
    let sealed = seal_sheet(signer, &principal, rubric, sheet, previous.as_ref(), &audit)?;
    Ok(Some(sealed))
}

/// Why a sheet cannot be signed as it is finished.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    #[error(
        "the assessor id '{0}' cannot name a signer: set assessor_id (ASCII letters, digits,          '.', '_', '-') in the config file or with --assessor-id"
    )]
    Principal(String),
}

impl Say for SealError {
    fn say(&self, lang: Lang) -> String {
        match self {
            SealError::Principal(id) => pick(
                lang,
                format!(
                    "mã người đánh giá '{id}' không thể dùng làm tên người ký: hãy đặt \
                     assessor_id (chữ cái ASCII, chữ số, '.', '_', '-') trong tệp cấu hình \
                     hoặc bằng --assessor-id"
                ),
                self.to_string(),
            ),
        }
    }
}

fn amend(
    ctx: &mut Ctx,
    finished: &Sheet,
    rubric: Arc<Rubric>,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<Msg, Failure> {
    let (draft, event) = edit::amend(finished, reason, by(ctx, now));
    ctx.store
        .amend(&draft, &Summary::of(&rubric, &draft), &event)?;
    let earlier = earlier_of(ctx, &draft)?;
    Ok(Msg::Opened {
        sheet: Box::new(draft),
        rubric,
        sync: SyncState::Draft,
        earlier,
        signed: None,
    })
}

fn trash(ctx: &mut Ctx, id: &SheetId, now: DateTime<FixedOffset>) -> Result<Msg, Failure> {
    let revision = ctx.store.revisions(id)?.last().copied().unwrap_or(1);
    let event = AuditEvent {
        sheet_id: id.clone(),
        revision,
        at: now,
        actor: ctx.actor.clone(),
        change: Change::Trashed,
    };
    ctx.store.trash(id, &event)?;
    Ok(Msg::Trashed)
}

/// Keeps the assessor's name for the next start, and signs from now on with it.
fn save_assessor(ctx: &mut Ctx, name: String) -> Result<Msg, Failure> {
    ocop_config::save_assessor(&ctx.config_file, &name)?;
    ctx.actor = name.clone();
    Ok(Msg::AssessorSaved(name))
}

/// Copies finished sheets to the export folder; the reply says how many went and what waits.
fn sync(ctx: &mut Ctx, asked: bool, now: DateTime<FixedOffset>) -> Msg {
    let Some(dir) = ctx.export_dir.clone() else {
        return Msg::NoExportDir;
    };
    let target = match ocop_transport::Target::of(&dir) {
        Ok(target) => target,
        Err(e) => return Msg::Failed(e.to_string()),
    };
    let progress = Arc::clone(&ctx.sync_progress);
    let report =
        ocop_transport::sync_to_counted(&mut ctx.store, &ctx.catalog, &target, now, &progress);
    let local = matches!(target, ocop_transport::Target::Local(_));
    let problem = match (report.last_error(), report.remote.clone()) {
        (None, _) => None,
        (Some(_), Some(remote)) => Some(SyncProblem::Remote(remote)),
        (Some(_), None) if local && !ocop_export::folder::folder_reachable(&dir) => {
            Some(SyncProblem::Unreachable)
        }
        (Some(e), None) => Some(SyncProblem::Other(e.say(ctx.lang))),
    };
    Msg::Synced {
        written: report.written(),
        waiting: sheets_of(report.waiting().map(|s| &s.id)),
        problem,
        asked,
    }
}

/// The council's review of one product code, from every laptop's sheets in the export folder.
fn council(ctx: &Ctx, code: String) -> Result<Msg, Failure> {
    let Some(dir) = &ctx.export_dir else {
        return Ok(Msg::NoExportDir);
    };
    // A share not mounted reads as an empty folder: say so rather than "nothing there".
    if !ocop_export::folder::folder_reachable(dir) {
        return Ok(Msg::ExportUnreachable);
    }
    let asked = ocop_reports::council::Asked {
        product: Some(&code),
        max_spread: MAX_SPREAD,
        include_unsigned: false,
        catalog: &ctx.catalog,
        pin: ctx.pin.as_ref(),
    };
    let found = ocop_reports::council::review(dir, asked)?;
    // Only sheets with this code were kept, so they form one product at most.
    let review = found.products.into_iter().next().map(Box::new);
    if review.is_none() && !found.not_counted.is_empty() {
        let count = found.not_counted.len();
        return Ok(Msg::CouncilNotCounted { code, count });
    }
    Ok(Msg::CouncilReviewed { code, review })
}
