//! The producer's self-assessment end to end with the real binary: the template written and
//! read back, a filled copy taken onto a draft, refused cells named, a changed file never
//! taken silently, and the claim carried by the exported, signed document that `verify`
//! checks.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use ocop_catalog::Catalog;
use ocop_domain::edit::{self, By};
use ocop_domain::rubric::{Code, Rubric};
use ocop_domain::sheet::HeaderField;
use ocop_selfassess::{Fill, FilledRow, Picked, filled};
use ocop_store::Store;

use crate::print_common::{ASSESSOR, data_with, long_sheet, rubric};
use crate::sync_common::{ocop, run, signed_import, text, write_roster};

const TEA: &str = "che-tuoi-che-bien";

/// The producer's copy: option 1 claimed everywhere but on the first criterion, which claims
/// `first` (a number as a pick from the list stores it, or text typed over it).
fn producer_copy(r: &Rubric, first: Picked) -> Vec<u8> {
    let rows: BTreeMap<Code, FilledRow> = r
        .leaves()
        .enumerate()
        .map(|(i, l)| {
            let claim = if i == 0 {
                first.clone()
            } else {
                Picked::Number(1.0)
            };
            let row = FilledRow {
                claim,
                description: format!("Mô tả cho {}", l.code),
                evidence: "HĐ số 12/2026".into(),
            };
            (l.code.clone(), row)
        })
        .collect();
    let header = vec![
        (HeaderField::ProductName, "Chè Shan tuyết".into()),
        (HeaderField::Producer, "HTX Chè Suối Giàng".into()),
        (HeaderField::Address, "xã Suối Giàng, tỉnh Yên Bái".into()),
        (HeaderField::Phone, "0912 345 678".into()),
    ];
    filled(r, &Fill { header, rows }).expect("written")
}

#[test]
fn the_template_is_written_and_reads_back_with_a_row_per_criterion() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let file = tmp.path().join("mau.xlsx");
    let out = run(ocop(&data, None, &["self", "template", TEA, "-o"]).arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("đã ghi mẫu tự đánh giá bộ"),
        "{}",
        text(&out.stdout)
    );
    let mut book = open_workbook_auto(&file).expect("a workbook");
    let range = book.worksheet_range("Tự đánh giá").expect("the sheet");
    let r = rubric(TEA);
    let codes: Vec<String> = range
        .rows()
        .skip(11)
        .filter_map(|row| row.first().map(ToString::to_string))
        .collect();
    let want: Vec<String> = r.criteria.iter().map(|c| c.code.to_string()).collect();
    assert_eq!(codes, want);
    let out = run(&mut ocop(&data, None, &["self", "template", "99"]));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_filled_copy_is_taken_onto_a_draft_refused_cells_are_named_and_a_changed_file_waits() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let id = "01JD7000000000000000000031";
    data_with(&data, TEA, id, false);
    let r = rubric(TEA);
    let file = tmp.path().join("tu-danh-gia.xlsx");
    // A claim that is not an option: refused with its cell, nothing taken.
    fs::write(&file, producer_copy(&r, Picked::Text("9".into()))).expect("write");
    let import = |extra: &[&str]| {
        let mut cmd = ocop(&data, None, &["self", "import"]);
        run(cmd.arg(&file).args(["--sheet", id]).args(extra))
    };
    let out = import(&[]);
    assert_eq!(out.status.code(), Some(1));
    let first = &r.leaves().next().expect("a leaf").code;
    let said = text(&out.stderr);
    assert!(
        said.contains(&format!("D13: \"9\" không phải một mức của {first}")),
        "{said}"
    );
    let show = || text(&run(&mut ocop(&data, None, &["show", id])).stdout);
    assert!(!show().contains("Tự đánh giá"), "nothing taken");
    // The producer fixes it: taken, shown under each criterion.
    fs::write(&file, producer_copy(&r, Picked::Number(2.0))).expect("write");
    let out = import(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = show();
    assert!(shown.contains("◇ Tự đánh giá: mức 2"), "{shown}");
    assert!(shown.contains(&format!("Mô tả cho {first}")), "{shown}");
    let digest = ocop_catalog::check::sha256_hex(&fs::read(&file).expect("read"));
    assert!(shown.contains(&digest[..12]), "{shown}");
    // Changed after import: never taken silently.
    fs::write(&file, producer_copy(&r, Picked::Number(1.0))).expect("write");
    let out = import(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--replace"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        show().contains("◇ Tự đánh giá: mức 2"),
        "the first copy is kept"
    );
    let out = import(&["--replace"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(show().contains("◇ Tự đánh giá: mức 1"));
    // The printed sheet has the claim's column; the plan names each claim not met.
    let page = text(&run(&mut ocop(&data, None, &["print", id])).stdout);
    assert!(page.contains("<th>Tự ĐG</th>"), "the claim's column");
    let plan = run(&mut ocop(&data, None, &["plan", id, "--json"]));
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("json");
    for short in plan["claim_short"].as_array().expect("claim_short") {
        assert!(
            short["points"].as_u64() < short["claimed_points"].as_u64(),
            "{short}"
        );
        assert!(
            short["needs"].as_str().is_some_and(|t| !t.is_empty()),
            "{short}"
        );
    }
}

#[test]
fn the_signed_document_carries_the_claim_and_verify_checks_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, export) = (tmp.path().join("data"), tmp.path().join("export"));
    fs::create_dir(&export).expect("export");
    write_roster(&export);
    let id = "01JD7000000000000000000032";
    let r = rubric(TEA);
    let file = tmp.path().join("tu-danh-gia.xlsx");
    fs::write(&file, producer_copy(&r, Picked::Number(2.0))).expect("write");
    finished_with_claim(&data, &r, id, &file);
    let out = run(&mut ocop(&data, Some(&export), &["sync"]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let json_path = export
        .join("sheets")
        .join(TEA)
        .join(format!("{id}.r1.json"));
    let json = text(&fs::read(&json_path).expect("synced"));
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let sa = &doc["self_assessment"];
    let digest = ocop_catalog::check::sha256_hex(&fs::read(&file).expect("read"));
    assert_eq!(sa["sha256"], digest.as_str());
    assert_eq!(sa["file"], "tu-danh-gia.xlsx");
    assert_eq!(sa["claims"][0]["option"], 2);
    let verify = || run(ocop(&data, None, &["verify", "--lang", "en"]).arg(&export));
    let out = verify();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // The council lays the claim beside the members, its points from the rubric.
    let first = r.leaves().next().expect("a leaf");
    let claimed = first.options[1].points.0;
    let html = run(ocop(&data, None, &["council", "--format", "html"]).arg(&export));
    let html = text(&html.stdout);
    assert!(html.contains("<th>Tự ĐG</th>"), "the claim's column");
    let row = html
        .split("<tr")
        .find(|r| r.contains(&format!("<td class=\"code\">{}</td>", first.code)))
        .expect("the first criterion's row");
    assert!(
        row.contains(&format!("<td class=\"n claim\">{claimed}</td>")),
        "{row}"
    );
    // A claim raised in the file afterwards is found.
    fs::write(
        &json_path,
        json.replacen("\"option\": 2", "\"option\": 3", 1),
    )
    .expect("tamper");
    let out = verify();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

/// A finished, signed sheet whose self-assessment was imported from `file` before finishing.
fn finished_with_claim(data: &Path, r: &Rubric, id: &str, file: &Path) {
    let (mut sheet, mut events) = long_sheet(r, id, false);
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+07:00").expect("time");
    let by = By {
        actor: ASSESSOR,
        at,
    };
    let imported = ocop_selfassess::import(file, r, sheet.case, at).expect("imports");
    events
        .push(edit::set_self_assessment(&mut sheet, Some(imported.assessment), by).expect("draft"));
    events.push(edit::finish(&mut sheet, by).expect("draft"));
    let catalog = Catalog::builtin();
    let item = signed_import(&catalog, r, (sheet, events), ASSESSOR);
    Store::open(data)
        .expect("store")
        .import(&[item], false)
        .expect("import");
}
