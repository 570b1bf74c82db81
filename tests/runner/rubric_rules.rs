//! `ocop rubric check` on the rule a criterion's note gives (`rule = "…"`): a name it does not
//! know is named with every name it does, at its line and column; each of those is taken.
//! Runs the real binary.

use crate::rubric_common::{broken, check_text, fixture, line_of};

#[test]
fn a_stop_on_zero_rule_on_a_scored_criterion() {
    broken(
        "text_vi = \"Tiêu chí 1\"\nmax = 40\n",
        "text_vi = \"Tiêu chí 1\"\nmax = 40\nrule = \"stop_on_zero\"\n",
        line_of("code = \"1\""),
        8,
        "belongs on a group whose sub-criteria are scored",
    );
}

#[test]
fn an_unknown_rule_names_the_rules_there_are() {
    broken(
        "text_vi = \"Tiêu chí 1\"\nmax = 40\n",
        "text_vi = \"Tiêu chí 1\"\nmax = 40\nrule = \"stop_on_one\"\n",
        line_of("code = \"1\"") + 3,
        8,
        "stop_on_zero",
    );
}

/// The fixture with `lines` added after criterion `code`'s max.
fn with_rule(code: &str, max: u32, lines: &str) -> String {
    let from = format!("text_vi = \"Tiêu chí {code}\"\nmax = {max}\n");
    let text = fixture().replacen(&from, &format!("{from}{lines}"), 1);
    assert_ne!(text, fixture(), "the fixture has criterion {code}");
    text
}

/// The names the checker offers, read from its sentence about a misspelt one.
fn offered(line: &str) -> Vec<String> {
    let list = line.split("expected one of ").nth(1).expect("a list");
    list.split(", ")
        .map(|n| n.trim_matches('`').to_string())
        .collect()
}

#[test]
fn a_misspelt_rule_is_named_at_its_place_with_every_rule_there_is() {
    let text = with_rule("3", 35, "rule = \"elimnation\"\n");
    let (code, out, path, _dir) = check_text(&text);
    assert_eq!(code, 1, "{out}");
    let line = line_of("code = \"3\"") + 3;
    let want = format!(
        "{}:{line}:8: unknown variant `elimnation`, expected one of `guidance`, \
         `applicability`, `elimination`, `stop`, `stop_on_zero`, `eligibility`",
        path.display()
    );
    assert_eq!(out.lines().collect::<Vec<_>>(), [want.as_str()]);
}

#[test]
fn every_rule_the_checker_offers_is_taken() {
    let (_, out, _, _dir) = check_text(&with_rule("1", 40, "rule = \"stopp\"\n"));
    let names = offered(out.lines().next().expect("a problem"));
    assert_eq!(names.len(), 6, "{out}");
    for name in names {
        let lines =
            format!("rule = \"{name}\"\nnote_vi = \"Ghi chú\"\napplies_if_scored = \"2\"\n");
        let (code, out, _, _dir) = check_text(&with_rule("1", 40, &lines));
        assert!(!out.contains("unknown variant"), "{name}: {out}");
        // stop_on_zero belongs on a group, and criterion 1 is scored.
        assert_eq!(code, i32::from(name == "stop_on_zero"), "{name}: {out}");
    }
}
