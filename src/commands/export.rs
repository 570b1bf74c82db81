//! `ocop sync | verify | council`: the export folder from scripts and cron. Each prints to the
//! writer it is given and returns the exit code: sync 0 when nothing is left waiting and 3
//! while some sheets wait; verify 0 when the folder is sound and 1 otherwise.

use std::io::Write;
use std::path::Path;

use crate::cli::CouncilFormat;
use crate::commands::exit;
use crate::commands::progress;
use crate::error::{CommandError, Voice, said};
use ocop_catalog::Catalog;
use ocop_config::Settings;
use ocop_domain::text::safe::shown;
use ocop_export::verify;
use ocop_reports::council;
use ocop_store::Store;
use ocop_transport::{Target, sync_to_counted};
use ocop_words::pick;

mod council_report;
pub use council_report::council_to_file;

/// `ocop sync` with no export folder set.
fn no_export_dir() -> CommandError {
    said(
        "chưa đặt thư mục xuất: hãy chỉ định bằng --export-dir DIR, biến môi trường \
         OCOP_EXPORT_DIR, hoặc export_dir trong tệp cấu hình",
        "no export folder is set: give it with --export-dir DIR, the OCOP_EXPORT_DIR \
         environment variable, or export_dir in the config file",
    )
}

pub fn sync(
    settings: &Settings,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    let Some(dir) = &settings.export_dir.value else {
        return Err(no_export_dir());
    };
    let target = Target::of(dir)?;
    let mut store = Store::open(&settings.data_dir.value)?;
    let lang = settings.lang.value;
    let now = chrono::Local::now().fixed_offset();
    let label = pick(lang, "đồng bộ".into(), "syncing".into());
    let report = progress::shown(lang, label, |counted| {
        sync_to_counted(&mut store, catalog, &target, now, counted)
    });
    if let Some(e) = report.store_error {
        return Err(e.into());
    }
    // Each reason is worded in the interface's language (a host's over SSH too).
    let voice = Voice {
        lang,
        data_dir: Some(&settings.data_dir.value),
    };
    for sheet in report.waiting() {
        let why = sheet.why().map(|e| voice.sentence(e)).unwrap_or_default();
        let product = match sheet.product.as_str() {
            "" => String::new(),
            name => format!(" ({name})"),
        };
        writeln!(out, "{} r{}{product}: {why}", sheet.id, sheet.revision)?;
    }
    if let Some(e) = &report.summary_error {
        writeln!(out, "summary.csv: {}", voice.sentence(e))?;
    }
    let waiting = report.waiting().count();
    let synced = report.sheets.len() - waiting;
    // With nothing waiting the folder is not looked at; a missing one is still said, not
    // hidden behind "0 waiting".
    let local_missing =
        matches!(&target, Target::Local(d) if !ocop_export::folder::folder_reachable(d));
    if waiting == 0 && local_missing {
        return Err(missing_export(dir));
    }
    let written = report.written();
    eprintln!(
        "{}",
        pick(
            settings.lang.value,
            format!("đã đồng bộ {synced} ({written} tệp ghi mới), {waiting} đang chờ"),
            format!("synced {synced} ({written} written), {waiting} waiting"),
        )
    );
    Ok(if waiting == 0 {
        exit::OK
    } else {
        exit::WAITING
    })
}

pub fn verify(
    settings: &Settings,
    dir: &Path,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    if !dir.is_dir() {
        return Err(not_a_folder(dir));
    }
    let lang = settings.lang.value;
    let label = pick(lang, "kiểm tra".into(), "verifying".into());
    let verdict = progress::shown(lang, label, |counted| {
        verify::verify_counted(dir, catalog, counted)
    })?;
    for problem in &verdict.problems {
        writeln!(out, "{}", problem.said(lang))?;
    }
    let (n, p) = (verdict.sheets, verdict.problems.len());
    eprintln!(
        "{}",
        pick(
            settings.lang.value,
            format!("đã kiểm tra {n} tệp phiếu, {p} vấn đề"),
            format!("{n} sheet files checked, {p} problems"),
        )
    );
    Ok(if verdict.problems.is_empty() {
        exit::OK
    } else {
        exit::FAILED
    })
}

/// What `ocop council` was asked for.
pub struct Ask<'a> {
    pub product: Option<&'a str>,
    pub format: CouncilFormat,
    pub max_spread: u16,
    pub include_unsigned: bool,
}

/// The review in the format asked for. Files that could not be read are each told on stderr,
/// with the fact that the figures leave them out, and the exit is 1: a member may be missing.
/// A product code that matches nothing is told as that, not as an empty folder.
pub fn council(
    settings: &Settings,
    catalog: &Catalog,
    dir: &Path,
    ask: Ask<'_>,
    out: &mut dyn Write,
) -> Result<u8, CommandError> {
    if !dir.is_dir() {
        return Err(not_a_folder(dir));
    }
    let lang = settings.lang.value;
    let label = pick(lang, "đọc phiếu".into(), "reading sheets".into());
    let (review, tendencies) = progress::shown(lang, label, |counted| match ask.format {
        CouncilFormat::Html => council_report::review_of(dir, &ask, counted),
        _ => {
            let (product, unsigned) = (ask.product, ask.include_unsigned);
            let review = council::review_counted(dir, product, ask.max_spread, unsigned, counted)?;
            Ok((review, Vec::new()))
        }
    })?;
    if let (Some(code), true) = (ask.product, review.products.is_empty()) {
        return Err(said(
            format!(
                "không có phiếu đã hoàn thành nào mang mã sản phẩm '{code}' trong {} (xem: ocop \
                 council {} không có --product)",
                dir.display(),
                dir.display()
            ),
            format!(
                "no finished sheet in {} has the product code '{code}' (see: ocop council {} \
                 without --product)",
                dir.display(),
                dir.display()
            ),
        ));
    }
    council::render::not_counted(&review, (ask.format, ask.include_unsigned), lang)?;
    match ask.format {
        CouncilFormat::Table => council::render::table(&review, ask.max_spread, lang, out)?,
        CouncilFormat::Csv => council::render::csv(&review, out)?,
        CouncilFormat::Json => council::render::json(&review, out)?,
        CouncilFormat::Html => {
            let report = council_report::Report {
                review: &review,
                tendencies: &tendencies,
            };
            council_report::write(settings, catalog, report, &ask, out)?
        }
    }
    if review.unreadable.is_empty() {
        return Ok(exit::OK);
    }
    for why in &review.unreadable {
        eprintln!("ocop: {}: {}", dir.display(), shown(why.said(lang)));
    }
    let n = review.unreadable.len();
    eprintln!(
        "ocop: {}",
        pick(
            lang,
            format!(
                "{n} tệp phiếu ở trên không đọc được: điểm trung bình và độ chênh được tính \
                 không có chúng; hãy chạy ocop verify {} để biết thêm",
                dir.display()
            ),
            format!(
                "{n} sheet files above could not be read: the means and spreads were computed \
                 without them; run ocop verify {} for more",
                dir.display()
            ),
        )
    );
    Ok(exit::FAILED)
}

fn missing_export(dir: &Path) -> CommandError {
    let dir = dir.display();
    said(
        format!(
            "thư mục xuất {dir} không có (ổ chung chưa gắn, hay sai đường dẫn?): không phiếu nào \
             đang chờ, nhưng cũng không gì được chép vào đó; hãy gắn nó hoặc sửa export_dir"
        ),
        format!(
            "the export folder {dir} is not there (a share not mounted, or a wrong path?): no \
             sheet waits, but nothing was copied there either; mount it or correct export_dir"
        ),
    )
}

fn not_a_folder(dir: &Path) -> CommandError {
    said(
        format!(
            "{} không phải là một thư mục; hãy chỉ đúng thư mục xuất",
            dir.display()
        ),
        format!("{} is not a folder; give the export folder", dir.display()),
    )
}
