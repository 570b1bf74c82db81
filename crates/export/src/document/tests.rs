use super::*;
use crate::testing::{TEA, at, finished, rubric};
use ocop_domain::edit::{self, By};

const ID: &str = "01JD0000000000000000000001";

#[test]
fn round_trips_through_its_typed_reader() {
    let r = rubric(TEA);
    let (sheet, trail) = finished(&r, ID, "Chè Shan tuyết", 2);
    let value = sheet_document(&r, &sheet, &trail);
    let bytes = canonical_bytes(&value);
    let doc = parse(&bytes).expect("parses");
    assert_eq!(doc, Document::of(&r, &sheet, &trail));
    assert_eq!(serde_json::to_value(&doc).expect("serialises"), value);
    assert_eq!(doc.schema, SCHEMA);
    assert_eq!(doc.file_name(), format!("{ID}.r1.json"));
}

#[test]
fn the_same_sheet_always_gives_the_same_bytes() {
    let r = rubric(TEA);
    let (sheet, trail) = finished(&r, ID, "Chè Shan tuyết", 3);
    let a = canonical_bytes(&sheet_document(&r, &sheet, &trail));
    let reparsed: Value = serde_json::from_slice(&a).expect("json");
    assert_eq!(canonical_bytes(&reparsed), a);
    assert_eq!(a.last(), Some(&b'\n'));
    assert_eq!(a, canonical_bytes(&sheet_document(&r, &sheet, &trail)));
    let text = String::from_utf8(a).expect("utf-8");
    assert!(
        text.contains("\"Chè Shan tuyết\""),
        "Vietnamese is written as is"
    );
}

#[test]
fn lists_every_leaf_in_sheet_order_with_the_issue_fields() {
    let r = rubric(TEA);
    let (sheet, trail) = finished(&r, ID, "Chè", 1);
    let value = sheet_document(&r, &sheet, &trail);
    let codes: Vec<&str> = value["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["code"].as_str())
        .collect();
    let leaves: Vec<&str> = r.leaves().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, leaves);
    for key in [
        "schema",
        "sheet_id",
        "revision",
        "supersedes",
        "amend_reason",
        "rubric",
        "product",
        "assessor",
        "evaluated_on",
        "started_at",
        "finished_at",
        "answers",
        "parts",
        "total",
        "band_stars",
        "stars",
        "held_by",
        "eliminated",
        "elimination_reasons",
        "comment",
        "audit",
    ] {
        assert!(value.get(key).is_some(), "{key} is in the document");
    }
    assert_eq!(value["finished_at"], "2026-11-20T10:30:00+07:00");
    assert_eq!(value["answers"][0]["state"], "answered");
    assert_eq!(value["answers"][0]["option"], 1);
}

#[test]
fn the_trail_of_a_revision_leaves_out_later_drafts_and_sync_records() {
    let r = rubric(TEA);
    let (sheet, mut trail) = finished(&r, ID, "Chè", 1);
    let before = Document::of(&r, &sheet, &trail);
    let by = By {
        actor: "sync",
        at: at("2026-11-21T08:00:00+07:00"),
    };
    trail.push(AuditEvent {
        sheet_id: sheet.id.clone(),
        revision: 1,
        at: by.at,
        actor: "sync".into(),
        change: Change::Synced {
            file: "sheets/x".into(),
        },
    });
    let (_, amended) = edit::amend(&sheet, "sai điểm", by);
    trail.push(amended);
    assert_eq!(Document::of(&r, &sheet, &trail), before);
}

#[test]
fn a_raised_elimination_is_recorded_with_its_reason() {
    let r = rubric(TEA);
    let (mut sheet, trail) = finished(&r, ID, "Chè", 1);
    let leaf = r
        .leaves()
        .find(|l| l.rule().is_some_and(|x| x.is_raisable()))
        .expect("the tea set has an elimination rule");
    let answer = sheet.answers.get_mut(&leaf.code).expect("answered");
    answer.mark = Some(Mark::Raised {
        reason: "nguyên liệu nhập khẩu".into(),
    });
    let doc = Document::of(&r, &sheet, &trail);
    assert!(doc.eliminated);
    assert_eq!(doc.elimination_reasons[0].reason, "nguyên liệu nhập khẩu");
    let a = doc
        .answers
        .iter()
        .find(|a| a.code == leaf.code)
        .expect("listed");
    assert_eq!(a.state, AnswerState::Eliminated);
}

#[test]
fn a_zero_under_set_16s_criterion_6_is_exported_as_a_stop_naming_the_criterion() {
    let r = rubric("nuoc-khoang-nuoc-uong-dong-chai");
    // Option 1 everywhere: 6.1 "Có tạp chất" scores 0.
    let (sheet, trail) = finished(&r, ID, "Nước khoáng Thanh Sơn", 1);
    let value = sheet_document(&r, &sheet, &trail);
    assert_eq!(value["eliminated"], true);
    let reasons = value["elimination_reasons"].as_array().expect("reasons");
    let stop = reasons
        .iter()
        .find(|e| e["code"] == "6.1")
        .expect("6.1 is named");
    assert_eq!(stop["kind"], "stop_on_zero");
    assert!(
        stop["reason"]
            .as_str()
            .is_some_and(|r| r.contains("không đánh giá các bước tiếp theo"))
    );
    let doc = parse(&canonical_bytes(&value)).expect("parses");
    assert_eq!(
        doc,
        Document::of(&r, &sheet, &trail),
        "a reader recomputes the same"
    );
}

#[test]
fn an_answer_its_rule_made_not_applicable_keeps_its_option_but_says_it_does_not_count() {
    let r = rubric(TEA);
    // Option 1 everywhere: 5.1 scores 0, so 5.2, answered, no longer applies.
    let (sheet, trail) = finished(&r, ID, "Chè", 1);
    let value = sheet_document(&r, &sheet, &trail);
    let answer = value["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["code"] == "5.2")
        .expect("5.2");
    assert_eq!(answer["state"], "not_applicable");
    assert_eq!(answer["option"], 1);
    assert_eq!(answer["points"], 0);
}
