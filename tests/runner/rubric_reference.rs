//! The committed rubrics against the reference data of the decision, criterion by criterion;
//! and the generator that wrote them (run it with
//! `cargo test --test runner -- --ignored rubric_reference::regenerate`).
//!
//! The reference lives in `../shared/reference/`, which is not in every checkout: there the
//! tests say so and pass.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ocop_catalog::check;
use serde_json::Value;

const EDITION: &str = "QĐ 26/2026/QĐ-TTg";
const PARTS_EN: [(&str, &str); 3] = [
    ("A", "Product and community strength"),
    ("B", "Marketing capability"),
    ("C", "Product quality"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference() -> Option<Value> {
    let path = root().join("../shared/reference/ocop-qd26-rubrics.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is not in this checkout", path.display());
        return None;
    };
    let mut data: Value = serde_json::from_str(&text).expect("reference JSON parses");
    apply_corrections(&mut data);
    Some(data)
}

fn toml_file(name: &str) -> toml::Table {
    let text = std::fs::read_to_string(root().join("tests/data").join(name)).expect("data file");
    toml::from_str(&text).expect("data file parses")
}

/// The corrections, as (set id, code, option or none, field, value, reason).
fn corrections() -> Vec<(String, String, Option<usize>, String, i64, String)> {
    let table = toml_file("rubric-corrections.toml");
    let list = table["correction"].as_array().expect("correction list");
    list.iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().expect(k).to_string();
            let option = c
                .get("option")
                .and_then(|o| o.as_integer())
                .map(|o| o as usize);
            (
                s("set"),
                s("code"),
                option,
                s("field"),
                c["value"].as_integer().expect("value"),
                s("reason"),
            )
        })
        .collect()
}

fn apply_corrections(data: &mut Value) {
    for (set, code, option, field, value, _) in corrections() {
        let sets = data["sets"].as_array_mut().expect("sets");
        let s = sets
            .iter_mut()
            .find(|s| s["id"] == set.as_str())
            .expect("corrected set exists");
        let c = find_mut(s, &code).expect("corrected criterion exists");
        let target = match option {
            Some(n) => &mut c["options"][n - 1],
            None => c,
        };
        target[field.as_str()] = Value::from(value);
    }
}

fn find_mut<'a>(set: &'a mut Value, code: &str) -> Option<&'a mut Value> {
    fn walk<'a>(list: &'a mut Value, code: &str) -> Option<&'a mut Value> {
        for c in list.as_array_mut()? {
            if c["code"] == code {
                return Some(c);
            }
            if let Some(found) = walk(&mut c["children"], code) {
                return Some(found);
            }
        }
        None
    }
    for section in set["sections"].as_array_mut()? {
        if let Some(found) = walk(&mut section["criteria"], code) {
            return Some(found);
        }
    }
    None
}

/// Leaves and groups of a set in sheet order, with their part letter.
fn flatten(set: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(part: &str, list: &'a Value, out: &mut Vec<(String, &'a Value)>) {
        for c in list.as_array().into_iter().flatten() {
            out.push((part.to_string(), c));
            walk(part, &c["children"], out);
        }
    }
    let mut out = Vec::new();
    for section in set["sections"].as_array().into_iter().flatten() {
        walk(
            section["code"].as_str().unwrap_or(""),
            &section["criteria"],
            &mut out,
        );
    }
    out
}

fn int(v: &Value) -> i64 {
    v.as_f64().expect("number") as i64
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// A `cases` note, which splits the options into two cases: its lead and the two case labels.
fn cases_of(note: &str) -> Option<(String, Vec<String>)> {
    let mut parts = note.split(" | ").map(str::trim);
    let lead = parts.next()?.to_string();
    let cases = parts
        .map(|p| {
            p.trim_start_matches("a. ")
                .trim_start_matches("b. ")
                .to_string()
        })
        .collect();
    Some((lead, cases))
}

// ---------------------------------------------------------------------------------------------
// The generator.

fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct English(toml::Table);

impl English {
    fn set(&self, id: &str) -> Option<&toml::Table> {
        self.0.get(id).and_then(|v| v.as_table())
    }
    fn criterion(&self, id: &str, code: &str) -> Option<&toml::Table> {
        self.set(id)?.get("criteria")?.get(code)?.as_table()
    }
    fn part(&self, id: &str, part: &str) -> Option<String> {
        let from_set = self
            .set(id)
            .and_then(|s| s.get("parts")?.get(part)?.as_str());
        let default = PARTS_EN.iter().find(|(p, _)| *p == part).map(|(_, t)| *t);
        from_set.or(default).map(str::to_string)
    }
}

fn generate(set: &Value, english: &English) -> String {
    let id = str_of(&set["id"]);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Phiếu đánh giá sản phẩm OCOP · Bộ {} · {}",
        set["set_no"],
        str_of(&set["title_vi"])
    );
    out.push_str("# Generated from the reference data of QĐ 26/2026/QĐ-TTg, Phụ lục II, by\n");
    // The command as it was when the files were generated (it is now
    // `cargo test --test runner -- --ignored rubric_reference::regenerate`): a built-in rubric
    // is named by the SHA-256 of its whole text, comments included, so a new line here would
    // make every set a new edition.
    out.push_str("#   cargo test --test rubric_reference -- --ignored regenerate\n");
    out.push_str(
        "# Check any edit with `ocop rubric check FILE`. A province's own variant belongs in a\n",
    );
    out.push_str("# folder given with --rubrics, under the same id.\n\n");
    let _ = writeln!(out, "id = {}", q(id));
    let _ = writeln!(out, "set_no = {}", set["set_no"]);
    let _ = writeln!(out, "title_vi = {}", q(str_of(&set["title_vi"])));
    let _ = writeln!(out, "title_en = {}", q(str_of(&set["title_en"])));
    let _ = writeln!(out, "edition = {}", q(EDITION));
    let _ = writeln!(out, "sector_vi = {}", q(str_of(&set["sector_vi"])));
    out.push_str("disqualifiers = [\n");
    for d in set["disqualifiers"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  {},", q(str_of(d)));
    }
    out.push_str("]\n");
    for section in set["sections"].as_array().into_iter().flatten() {
        generate_part(&mut out, id, section, english);
    }
    out
}

fn generate_part(out: &mut String, id: &str, section: &Value, english: &English) {
    let code = str_of(&section["code"]);
    let _ = write!(
        out,
        "\n[[part]]\ncode = {}\ntitle_vi = {}\n",
        q(code),
        q(str_of(&section["label"]))
    );
    if let Some(en) = english.part(id, code) {
        let _ = writeln!(out, "title_en = {}", q(&en));
    }
    let _ = writeln!(out, "max = {}", int(&section["max"]));
    let mut list = Vec::new();
    fn walk<'a>(l: &'a Value, out: &mut Vec<&'a Value>) {
        for c in l.as_array().into_iter().flatten() {
            out.push(c);
            walk(&c["children"], out);
        }
    }
    walk(&section["criteria"], &mut list);
    for c in list {
        generate_criterion(out, id, c, english);
    }
}

fn generate_criterion(out: &mut String, id: &str, c: &Value, english: &English) {
    let code = str_of(&c["code"]);
    let en = english.criterion(id, code);
    let en_str = |k: &str| en.and_then(|t| t.get(k)).and_then(|v| v.as_str());
    let _ = write!(
        out,
        "\n[[part.criterion]]\ncode = {}\ntext_vi = {}\n",
        q(code),
        q(str_of(&c["label"]))
    );
    if let Some(t) = en_str("text") {
        let _ = writeln!(out, "text_en = {}", q(t));
    }
    let _ = writeln!(out, "max = {}", int(&c["max"]));
    let options = c["options"].as_array().cloned().unwrap_or_default();
    let mut case_split = None;
    if let Some(note) = c["note"].as_str() {
        let rule = c["rule"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} {code}: a note without its rule"));
        case_split = generate_note(out, code, (rule, note), en_str("note"));
    }
    let option_en = en.and_then(|t| t.get("options")).and_then(|v| v.as_array());
    for (i, o) in options.iter().enumerate() {
        let _ = write!(
            out,
            "\n[[part.criterion.option]]\npoints = {}\n",
            int(&o["points"])
        );
        if let Some(star) = o["min_star"].as_i64() {
            let _ = writeln!(out, "star = {star}");
        }
        if case_split.is_some() {
            let _ = writeln!(out, "case = {}", if i < options.len() / 2 { 1 } else { 2 });
        }
        let _ = writeln!(out, "text_vi = {}", q(str_of(&o["label"])));
        if let Some(t) = option_en.and_then(|l| l.get(i)).and_then(|v| v.as_str()) {
            let _ = writeln!(out, "text_en = {}", q(t));
        }
    }
}

/// The note and its rule, as the reference gives it (never guessed from the words: a "Yêu cầu:"
/// is guidance on 5.3 and eligibility on 1.1 of sets 23–25).
fn generate_note(
    out: &mut String,
    code: &str,
    (rule, note): (&str, &str),
    note_en: Option<&str>,
) -> Option<()> {
    if rule == "cases" {
        let (lead, cases) = cases_of(note).expect("a cases note lists its cases");
        let _ = writeln!(out, "note_vi = {}", q(&lead));
        let list: Vec<String> = cases.iter().map(|c| q(c)).collect();
        let _ = writeln!(out, "cases = [{}]", list.join(", "));
        return Some(());
    }
    if rule != "guidance" {
        let _ = writeln!(out, "rule = {}", q(rule));
    }
    if rule == "applicability" {
        let (group, _) = code
            .rsplit_once('.')
            .expect("an applicability rule sits in a group");
        let _ = writeln!(out, "applies_if_scored = {}", q(&format!("{group}.1")));
    }
    let _ = writeln!(out, "note_vi = {}", q(note));
    if let Some(t) = note_en {
        let _ = writeln!(out, "note_en = {}", q(t));
    }
    None
}

fn commented(text: String, set_id: &str) -> String {
    let mut text = text;
    for (set, code, option, field, value, reason) in corrections() {
        if set != set_id {
            continue;
        }
        let what = option.map_or(String::new(), |n| format!(" option {n}"));
        let line = format!("# Correction: criterion {code}{what}, {field} = {value}: {reason}\n");
        let anchor = format!("[[part.criterion]]\ncode = {}\n", q(&code));
        text = text.replacen(&anchor, &format!("{line}{anchor}"), 1);
    }
    text
}

fn rubric_path(id: &str) -> PathBuf {
    root().join("rubrics").join(format!("{id}.toml"))
}

#[test]
#[ignore = "writes rubrics/: run by hand after changing the reference data or the generator"]
fn regenerate() {
    let Some(data) = reference() else { return };
    let english = English(toml_file("rubric-english.toml"));
    std::fs::create_dir_all(root().join("rubrics")).expect("rubrics folder");
    for set in data["sets"].as_array().expect("sets") {
        let id = str_of(&set["id"]);
        let text = commented(generate(set, &english), id);
        check::parse(&text).unwrap_or_else(|p| panic!("generated {id} does not check: {p:?}"));
        std::fs::write(rubric_path(id), text).expect("write rubric");
    }
}

// ---------------------------------------------------------------------------------------------
// The cross-check.

#[test]
fn every_committed_rubric_matches_the_reference() {
    let Some(data) = reference() else { return };
    let sets = data["sets"].as_array().expect("sets");
    assert_eq!(sets.len(), 26);
    let mut leaves = 0;
    for set in sets {
        leaves += compare_set(set);
    }
    assert_eq!(leaves, 787, "the reference counts 787 scorable criteria");
}

fn compare_set(set: &Value) -> usize {
    let id = str_of(&set["id"]);
    let text =
        std::fs::read_to_string(rubric_path(id)).unwrap_or_else(|_| panic!("rubrics/{id}.toml"));
    let rubric = check::parse(&text).unwrap_or_else(|p| panic!("{id}: {p:?}"));
    assert_eq!(
        rubric.set_no as i64,
        set["set_no"].as_i64().expect("set_no"),
        "{id}"
    );
    assert_eq!(rubric.title_vi, str_of(&set["title_vi"]), "{id}");
    assert_eq!(rubric.sector_vi, str_of(&set["sector_vi"]), "{id}");
    assert_eq!(rubric.edition, EDITION);
    let disq: Vec<&str> = set["disqualifiers"]
        .as_array()
        .expect("list")
        .iter()
        .map(str_of)
        .collect();
    assert_eq!(rubric.disqualifiers, disq, "{id}");
    for (part, section) in rubric
        .parts
        .iter()
        .zip(set["sections"].as_array().expect("sections"))
    {
        assert_eq!(part.code.letter(), str_of(&section["code"]), "{id}");
        assert_eq!(part.title_vi, str_of(&section["label"]), "{id}");
        assert_eq!(i64::from(part.max.0), int(&section["max"]), "{id}");
    }
    let reference = flatten(set);
    assert_eq!(
        rubric.criteria.len(),
        reference.len(),
        "{id}: number of criteria"
    );
    for (c, (part, r)) in rubric.criteria.iter().zip(&reference) {
        compare_criterion(id, c, part, r);
    }
    rubric.leaves().count()
}

fn compare_criterion(id: &str, c: &ocop_domain::rubric::Criterion, part: &str, r: &Value) {
    let at = format!("{id} {}", c.code);
    assert_eq!(c.code.as_str(), str_of(&r["code"]), "{at}");
    assert_eq!(c.part.letter(), part, "{at}");
    assert_eq!(c.text_vi, str_of(&r["label"]), "{at}");
    assert_eq!(i64::from(c.max.0), int(&r["max"]), "{at}");
    assert_eq!(c.is_leaf(), r["scorable"] == true, "{at}");
    let note = c.note.as_ref().map(|n| {
        if c.cases.is_empty() {
            n.text_vi.clone()
        } else {
            format!("{} | a. {} | b. {}", n.text_vi, c.cases[0], c.cases[1])
        }
    });
    assert_eq!(note.as_deref(), r["note"].as_str(), "{at}: note");
    assert_eq!(rule_name(c), r["rule"].as_str(), "{at}: rule");
    let options = r["options"].as_array().expect("options");
    assert_eq!(c.options.len(), options.len(), "{at}: options");
    for (o, ro) in c.options.iter().zip(options) {
        assert_eq!(o.text_vi, str_of(&ro["label"]), "{at}");
        assert_eq!(
            i64::from(o.points.0),
            int(&ro["points"]),
            "{at}: points of {}",
            o.text_vi
        );
        assert_eq!(
            o.min_star.map(i64::from),
            ro["min_star"].as_i64(),
            "{at}: star of {}",
            o.text_vi
        );
    }
}

/// The reference's name for the rule a committed criterion carries.
fn rule_name(c: &ocop_domain::rubric::Criterion) -> Option<&'static str> {
    use ocop_domain::rubric::Rule;
    let note = c.note.as_ref()?;
    Some(match &note.rule {
        Rule::Guidance if !c.cases.is_empty() => "cases",
        Rule::Guidance => "guidance",
        Rule::AppliesIfScored(_) => "applicability",
        Rule::Elimination => "elimination",
        Rule::Stop => "stop",
        Rule::StopOnZero => "stop_on_zero",
        Rule::Eligibility => "eligibility",
    })
}

#[test]
fn the_corrections_are_listed_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let section = readme
        .split("### Corrections to the reference data")
        .nth(1)
        .expect("the README has a corrections section");
    let corrections = corrections();
    assert_eq!(
        corrections.is_empty(),
        section.trim_start().starts_with("None so far"),
        "the README's corrections section says 'None so far' exactly when there are none"
    );
    for (set, code, _, _, _, _) in corrections {
        assert!(
            readme.contains(&format!("`{set}` {code}")),
            "README lists the correction of {set} {code}"
        );
    }
}

#[test]
fn every_rubric_file_is_named_by_its_id() {
    for entry in std::fs::read_dir(root().join("rubrics")).expect("rubrics/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            continue; // superseded/: earlier editions, checked by the catalog's tests
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let rubric = check::parse(&text).unwrap_or_else(|p| panic!("{}: {p:?}", path.display()));
        assert_eq!(
            Path::new(&format!("{}.toml", rubric.id)),
            path.file_name().map(Path::new).expect("name")
        );
    }
}
