//! Each step measures a group of budgets and returns its rows.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::measure::{Bench, Row, bare_fsync, median, ms, row, worst};

/// A fresh copy of a data folder, so a step that changes the store starts alike.
pub fn copy_data(bench: &Bench, from: &Path, name: &str) -> io::Result<PathBuf> {
    let to = bench.root.join(name);
    let _ = fs::remove_dir_all(&to);
    fs::create_dir_all(&to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(to)
}

fn files_under(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            files_under(&entry.path(), out)?;
        } else {
            out.push((entry.path(), meta.len()));
        }
    }
    Ok(())
}

/// The least a program must do to write the same files safely: for each file a temporary
/// file written and flushed, linked into place, the temporary removed; each folder flushed
/// once at the end.
fn minimal_writes(files: &[(PathBuf, u64)], from: &Path, to: &Path) -> io::Result<f64> {
    let _ = fs::remove_dir_all(to);
    let started = Instant::now();
    let mut dirs = std::collections::BTreeSet::new();
    for (path, len) in files {
        let rel = path.strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(rel);
        let dir = target
            .parent()
            .ok_or_else(|| io::Error::other("no parent"))?;
        if dirs.insert(dir.to_path_buf()) {
            fs::create_dir_all(dir)?;
        }
        let tmp = dir.join(".minimal.tmp");
        let mut f = fs::File::create(&tmp)?;
        io::Write::write_all(&mut f, &vec![b'x'; *len as usize])?;
        f.sync_all()?;
        fs::hard_link(&tmp, &target)?;
        fs::remove_file(&tmp)?;
    }
    for dir in &dirs {
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(ms(started.elapsed()))
}

pub fn sync(bench: &Bench) -> io::Result<Vec<Row>> {
    let runs = bench.runs.min(3);
    let (mut ours, mut minimal, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        let data = copy_data(bench, &bench.finished, &format!("sync-data-{run}"))?;
        let export = bench.root.join(format!("export-{run}"));
        fs::create_dir_all(&export)?;
        let dir = export.to_string_lossy().to_string();
        ours.push(ms(bench.ocop(&data, &["--export-dir", &dir, "sync"])?));
        again.push(ms(bench.ocop(&data, &["--export-dir", &dir, "sync"])?));
        let mut files = Vec::new();
        files_under(&export.join("sheets"), &mut files)?;
        let replay = bench.root.join(format!("minimal-{run}"));
        minimal.push(minimal_writes(&files, &export.join("sheets"), &replay)?);
        fs::remove_dir_all(replay)?;
        fs::remove_dir_all(data)?;
        if run + 1 < runs {
            fs::remove_dir_all(export)?;
        }
    }
    let (o, m) = (median(&ours), median(&minimal));
    Ok(vec![
        row(
            &format!(
                "sync {} finished sheets into an empty folder (minimal program alike)",
                bench.sheets
            ),
            format!("{o:.0} ms ({m:.0} ms)"),
            format!("{:.0} ms ({:.0} ms)", worst(&ours), worst(&minimal)),
            "≤ 2 × minimal",
            Some(o <= 2.0 * m),
        ),
        row(
            "sync again with nothing new",
            format!("{:.0} ms", median(&again)),
            format!("{:.0} ms", worst(&again)),
            "≤ 1000 ms",
            Some(median(&again) <= 1000.0),
        ),
    ])
}

pub fn reading(bench: &Bench) -> io::Result<Vec<Row>> {
    let export = bench.root.join(format!("export-{}", bench.runs.min(3) - 1));
    let dir = export.to_string_lossy().to_string();
    let mut rows = Vec::new();
    for (name, args) in [
        ("verify", vec!["verify", dir.as_str()]),
        ("council", vec!["council", dir.as_str()]),
    ] {
        let mut samples = Vec::new();
        for _ in 0..bench.runs {
            samples.push(ms(bench.reading(&bench.data, &args)?));
        }
        rows.push(row(
            &format!("`{name}` over {} signed sheet files", bench.sheets),
            format!("{:.0} ms", median(&samples)),
            format!("{:.0} ms", worst(&samples)),
            "≤ 5000 ms",
            Some(median(&samples) <= 5000.0),
        ));
    }
    Ok(rows)
}

/// The store's part of choosing an option, without the terminal: one answer saved (one
/// durable transaction) on a draft among all the demo sheets.
pub fn store_save(bench: &Bench) -> io::Result<Vec<Row>> {
    use ocop_assess::commands::sheets::rubric_of;
    use ocop_catalog::Catalog;
    use ocop_domain::edit::{self, By};
    use ocop_domain::sheet::{Mark, Status};
    use ocop_domain::summary::Summary;
    use ocop_store::Store;

    let data = copy_data(bench, &bench.data, "store-save")?;
    let mut store = Store::open(&data).map_err(io::Error::other)?;
    let catalog = Catalog::builtin();
    let listed = store.summaries().map_err(io::Error::other)?;
    let draft = listed
        .iter()
        .find(|l| l.summary.status == Status::Draft)
        .ok_or_else(|| io::Error::other("no draft among the demo sheets"))?;
    let mut sheet = store
        .sheet(&draft.summary.id, None)
        .map_err(io::Error::other)?
        .ok_or_else(|| io::Error::other("draft not found"))?;
    let rubric = rubric_of(&catalog, &store, &sheet)
        .map_err(|e| io::Error::other(e.to_string()))?
        .into_owned();
    let leaves: Vec<_> = rubric.leaves().map(|c| c.code.clone()).collect();
    let mut samples = Vec::new();
    for i in 0..100 {
        let code = &leaves[i % leaves.len()];
        let at = chrono::Local::now().fixed_offset();
        let mark = Some(Mark::Chose {
            option: 1 + (i % 2) as u8,
        });
        let started = Instant::now();
        let event = edit::set_mark(&mut sheet, code, mark, By { actor: "bench", at })
            .map_err(io::Error::other)?;
        let summary = Summary::of(&rubric, &sheet);
        store
            .save(&sheet, &summary, &event)
            .map_err(io::Error::other)?;
        samples.push(ms(started.elapsed()));
        std::thread::sleep(crate::terminal::quiet());
    }
    drop(store);
    fs::remove_dir_all(data)?;
    let bare = bare_fsync(&bench.data, 100, crate::terminal::quiet())?;
    Ok(vec![row(
        "one answer saved in the store alone, at the keys' spacing (bare 4 KiB write + fsync alike)",
        format!("{:.2} ms ({:.2} ms)", median(&samples), median(&bare)),
        format!("{:.2} ms ({:.2} ms)", worst(&samples), worst(&bare)),
        "diagnostic",
        None,
    )])
}
