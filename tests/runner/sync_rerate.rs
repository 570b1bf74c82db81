//! A re-rating in the export folder: its document names the earlier sheet, and `ocop verify`
//! checks that the earlier sheet is there, of the same product code, and unchanged.

use std::path::Path;

use chrono::DateTime;
use ocop_catalog::Catalog;
use ocop_catalog::check::sha256_hex;
use ocop_domain::edit::{self, By};
use ocop_domain::sheet::{Header, HeaderField, Mark, Previous, Sheet, SheetId};
use ocop_store::{Import, Store};

use crate::sync_common::{ocop, run, signed_import, text, write_roster};

const TEA: &str = "che-tuoi-che-bien";

fn sheet(
    id: &str,
    code: &str,
    previous: Option<Previous>,
) -> (Sheet, Vec<ocop_domain::audit::AuditEvent>) {
    let catalog = Catalog::builtin();
    let rubric = catalog.get(TEA).expect("parses").expect("tea");
    let by = By {
        actor: "Nguyễn Văn An",
        at: DateTime::parse_from_rfc3339("2026-11-20T09:00:00+07:00").expect("time"),
    };
    let id = SheetId::parse(id).expect("id");
    let mut sheet = Sheet::new(id, rubric, Header::default(), by.at);
    sheet.previous = previous;
    let mut events = vec![edit::created(&mut sheet, by)];
    for (field, value) in [
        (HeaderField::ProductName, "Chè Cẩm Mỹ"),
        (HeaderField::ProductCode, code),
    ] {
        events.push(edit::set_header(&mut sheet, field, value, by).expect("draft"));
    }
    events.push(edit::set_header(&mut sheet, HeaderField::Producer, "HTX", by).expect("draft"));
    for leaf in rubric.leaves() {
        let mark = Some(Mark::Chose { option: 1 });
        events.push(edit::set_mark(&mut sheet, &leaf.code, mark, by).expect("draft"));
    }
    events.push(edit::finish(&mut sheet, by).expect("draft"));
    (sheet, events)
}

fn import(data: &Path, sheets: Vec<(Sheet, Vec<ocop_domain::audit::AuditEvent>)>) {
    let catalog = Catalog::builtin();
    let rubric = catalog.get(TEA).expect("parses").expect("tea");
    let items: Vec<Import> = sheets
        .into_iter()
        .map(|item| signed_import(&catalog, rubric, item, "Nguyễn Văn An"))
        .collect();
    Store::open(data)
        .expect("store")
        .import(&items, true)
        .expect("import");
}

const A: &str = "01JD0000000000000000000001";

fn previous(sha256: Option<String>) -> Option<Previous> {
    Some(Previous {
        sheet_id: SheetId::parse(A).expect("id"),
        revision: 1,
        sha256,
    })
}

/// `ocop verify`, its findings in English (`--lang en`).
fn verify(data: &Path, export: &Path) -> (i32, String) {
    let out = run(ocop(data, None, &["--lang", "en", "verify"]).arg(export));
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout) + &text(&out.stderr),
    )
}

#[test]
fn verify_follows_a_re_rating_to_the_earlier_sheet_of_the_same_product() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("export"));
    std::fs::create_dir_all(&export).expect("export");
    write_roster(&export);
    import(&data, vec![sheet(A, "25-7912-03-2023", None)]);
    assert!(
        run(&mut ocop(&data, Some(&export), &["sync"]))
            .status
            .success()
    );
    let a_file = export.join(format!("sheets/{TEA}/{A}.r1.json"));
    let sha = sha256_hex(&std::fs::read(&a_file).expect("the earlier file"));
    import(
        &data,
        vec![
            sheet(
                "01JD0000000000000000000002",
                "25-7912-03-2023",
                previous(Some(sha)),
            ),
            sheet(
                "01JD0000000000000000000003",
                "25-7912-99-2026",
                previous(None),
            ),
        ],
    );
    assert!(
        run(&mut ocop(&data, Some(&export), &["sync"]))
            .status
            .success()
    );
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(export.join(format!("sheets/{TEA}/01JD0000000000000000000002.r1.json")))
            .expect("the re-rating's file"),
    )
    .expect("json");
    assert_eq!(doc["previous"]["sheet_id"], A);
    let (code, out) = verify(&data, &export);
    assert_eq!(code, 1, "{out}");
    assert!(
        !out.contains("01JD0000000000000000000002.r1.json"),
        "the good one passes: {out}"
    );
    assert!(
        out.contains("01JD0000000000000000000003.r1.json")
            && out.contains("a sheet of product code '25-7912-03-2023', not '25-7912-99-2026'"),
        "{out}"
    );
    // The earlier file rewritten, its digest too: the re-rating's own digest of it catches it.
    let forged = String::from_utf8(std::fs::read(&a_file).expect("read"))
        .expect("utf-8")
        .replace("Chè Cẩm Mỹ", "Chè Cẩm My");
    std::fs::write(&a_file, &forged).expect("write");
    let sum = format!("{}  {A}.r1.json\n", sha256_hex(forged.as_bytes()));
    std::fs::write(a_file.with_extension("json.sha256"), sum).expect("write");
    let (_, out) = verify(&data, &export);
    assert!(out.contains("whose file has changed since"), "{out}");
    // The earlier file removed: the re-rating points at nothing.
    std::fs::remove_file(&a_file).expect("remove");
    std::fs::remove_file(a_file.with_extension("json.sha256")).expect("remove");
    let (_, out) = verify(&data, &export);
    assert!(
        out.contains(&format!("it re-rates {A}.r1, which is not in the folder")),
        "{out}"
    );
}
