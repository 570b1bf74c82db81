//! The scoring rules of the decision, on the built-in sheets and on small made-up ones.

use chrono::DateTime;
use ocop_catalog::Catalog;
use ocop_domain::rubric::{Case, Code, Points, Rubric};
use ocop_domain::score::{Certificate, band, score};
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId};
use proptest::prelude::*;

fn tea() -> Rubric {
    Catalog::builtin()
        .get("che-tuoi-che-bien")
        .expect("parses")
        .expect("tea is built in")
        .clone()
}

fn blank(rubric: &Rubric) -> Sheet {
    let id = SheetId::parse("01JD0000000000000000000000").expect("id");
    let now = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+07:00").expect("time");
    Sheet::new(id, rubric, Header::default(), now)
}

fn mark(sheet: &mut Sheet, code: &Code, mark: Mark) {
    sheet.answers.entry(code.clone()).or_default().mark = Some(mark);
}

/// Every leaf on its best option.
fn all_best(rubric: &Rubric) -> Sheet {
    let mut sheet = blank(rubric);
    for leaf in rubric.leaves() {
        let (n, _) = leaf
            .options_for(sheet.case)
            .max_by_key(|(_, o)| o.points)
            .expect("a leaf has options");
        mark(&mut sheet, &leaf.code, Mark::Chose { option: n as u8 });
    }
    sheet
}

#[test]
fn bands_at_their_edges() {
    let table = [
        (0, 1),
        (29, 1),
        (30, 2),
        (49, 2),
        (50, 3),
        (69, 3),
        (70, 4),
        (89, 4),
        (90, 5),
        (100, 5),
    ];
    for (total, stars) in table {
        assert_eq!(band(Points(total)), stars, "{total} points");
    }
}

#[test]
fn the_tea_sheet_scored_all_best_gives_100_and_5_stars() {
    let tea = tea();
    let s = score(&tea, &all_best(&tea));
    assert_eq!(s.total, Points(100));
    let parts: Vec<u16> = s.parts.iter().map(|p| p.points.0).collect();
    assert_eq!(parts, vec![40, 25, 35]);
    assert_eq!((s.band_stars, s.stars), (5, 5));
    assert!(s.held_by.is_empty() && s.unanswered.is_empty() && !s.eliminated());
    assert_eq!(s.certificate(), Certificate::Central);
    assert_eq!(s.answered, s.applicable);
}

#[test]
fn every_built_in_sheet_scored_all_best_gives_100() {
    for rubric in Catalog::builtin().all().expect("all parse") {
        let s = score(rubric, &all_best(rubric));
        assert_eq!((s.total, s.stars), (Points(100), 5), "{}", rubric.id);
    }
}

#[test]
fn a_missed_minimum_holds_the_rating_down_and_says_why() {
    let tea = tea();
    let mut sheet = all_best(&tea);
    // 1.5: option 3 (2 points) is the 4★ minimum, option 4 (3 points) the 5★ one.
    let code = Code::new("1.5");
    mark(&mut sheet, &code, Mark::Chose { option: 3 });
    let s = score(&tea, &sheet);
    assert_eq!((s.total, s.band_stars, s.stars), (Points(99), 5, 4));
    let held: Vec<_> = s
        .held_by
        .iter()
        .map(|h| (h.stars, h.code.as_str(), h.needs.0, h.has.0))
        .collect();
    assert_eq!(held, vec![(5, "1.5", 3, 2)]);
    mark(&mut sheet, &code, Mark::Chose { option: 2 });
    let s = score(&tea, &sheet);
    assert_eq!((s.total, s.stars), (Points(98), 3));
    let held: Vec<_> = s
        .held_by
        .iter()
        .map(|h| (h.stars, h.code.as_str(), h.needs.0, h.has.0))
        .collect();
    assert_eq!(held, vec![(4, "1.5", 2, 1), (5, "1.5", 3, 1)]);
    let next = s.next.expect("a next star");
    assert_eq!(
        (next.stars, next.points_missing, next.minimums.len()),
        (4, Points(0), 1)
    );
}

#[test]
fn a_story_scored_zero_makes_its_follow_up_not_applicable() {
    let tea = tea();
    let mut sheet = all_best(&tea);
    mark(&mut sheet, &Code::new("5.1"), Mark::NotMet);
    let s = score(&tea, &sheet);
    let leaf = tea.criterion(&Code::new("5.2")).expect("5.2");
    assert_eq!(
        ocop_domain::score::standing(&tea, &sheet, leaf),
        ocop_domain::score::Standing::NotApplicable
    );
    assert_eq!(s.applicable, tea.leaves().count() - 1);
    assert_eq!(
        s.total,
        Points(100 - tea.criterion(&Code::new("5.1")).expect("5.1").max.0 - leaf.max.0)
    );
}

#[test]
fn an_elimination_wins_whatever_the_points() {
    let tea = tea();
    let mut sheet = all_best(&tea);
    mark(
        &mut sheet,
        &Code::new("1.1"),
        Mark::Raised {
            reason: "nguyên liệu nhập khẩu".into(),
        },
    );
    let s = score(&tea, &sheet);
    assert!(s.eliminated());
    assert_eq!(s.certificate(), Certificate::None);
    assert_eq!(s.eliminations[0].reason, "nguyên liệu nhập khẩu");
    let mut sheet = all_best(&tea);
    sheet.dossier_rejected = Some("giả mạo hồ sơ".into());
    assert!(score(&tea, &sheet).eliminated());
}

#[test]
fn unanswered_criteria_are_listed_in_sheet_order() {
    let tea = tea();
    let s = score(&tea, &blank(&tea));
    let first: Vec<&str> = s.unanswered.iter().take(3).map(Code::as_str).collect();
    assert_eq!(first, vec!["1.1", "1.2", "1.3"]);
    assert_eq!((s.total, s.stars, s.answered), (Points(0), 1, 0));
    assert!(!s.complete());
}

#[test]
fn the_tourism_case_limits_the_options_and_their_minimums() {
    let catalog = Catalog::builtin();
    let tourism = catalog
        .get("dv-du-lich-cong-dong-sinh-thai")
        .expect("parses")
        .expect("built in");
    let eight = tourism.criterion(&Code::new("8")).expect("criterion 8");
    let first: Vec<usize> = eight
        .options_for(Some(Case::First))
        .map(|(n, _)| n)
        .collect();
    let second: Vec<usize> = eight
        .options_for(Some(Case::Second))
        .map(|(n, _)| n)
        .collect();
    assert_eq!((first, second), (vec![1, 2], vec![3, 4]));
}

/// A random answer for each tea leaf: an option number, not met, or nothing yet.
fn answers() -> impl Strategy<Value = Vec<Option<u8>>> {
    let n = tea().leaves().count();
    proptest::collection::vec(proptest::option::weighted(0.85, 0u8..6), n)
}

fn answered(rubric: &Rubric, picks: &[Option<u8>]) -> Sheet {
    let mut sheet = blank(rubric);
    for (leaf, pick) in rubric.leaves().zip(picks) {
        match pick {
            Some(0) => mark(&mut sheet, &leaf.code, Mark::NotMet),
            Some(n) => {
                let option = 1 + (*n - 1) % leaf.options.len() as u8;
                mark(&mut sheet, &leaf.code, Mark::Chose { option });
            }
            None => {}
        }
    }
    sheet
}

proptest! {
    #[test]
    fn the_total_is_the_sum_of_the_parts(picks in answers()) {
        let tea = tea();
        let s = score(&tea, &answered(&tea, &picks));
        prop_assert_eq!(s.total, s.parts.iter().map(|p| p.points).sum::<Points>());
        prop_assert!(s.total.0 <= 100);
        prop_assert!(s.stars <= s.band_stars);
        prop_assert_eq!(s.answered + s.unanswered.len(), s.applicable);
    }

    #[test]
    fn more_points_never_lower_the_band(picks in answers(), at in 0usize..32) {
        let tea = tea();
        let sheet = answered(&tea, &picks);
        let before = score(&tea, &sheet);
        let mut better = sheet.clone();
        let leaf = tea.leaves().nth(at % tea.leaves().count()).expect("leaf");
        let (best, _) = leaf.options_for(None).max_by_key(|(_, o)| o.points).expect("options");
        mark(&mut better, &leaf.code, Mark::Chose { option: best as u8 });
        let after = score(&tea, &better);
        prop_assert!(after.total >= before.total);
        prop_assert!(after.band_stars >= before.band_stars);
    }

    #[test]
    fn a_minimum_never_raises_the_rating(picks in answers()) {
        let tea = tea();
        let mut free = tea.clone();
        for c in &mut free.criteria {
            for o in &mut c.options {
                o.min_star = None;
            }
        }
        let sheet = answered(&tea, &picks);
        let with = score(&tea, &sheet);
        let without = score(&free, &sheet);
        prop_assert!(with.stars <= without.stars);
        prop_assert_eq!(without.stars, without.band_stars);
    }

    #[test]
    fn an_elimination_always_wins(picks in answers(), on_stop in any::<bool>()) {
        let tea = tea();
        let mut sheet = answered(&tea, &picks);
        let raisable: Vec<_> = tea.leaves().filter(|c| c.rule().is_some_and(|r| r.is_raisable())).collect();
        let leaf = raisable[usize::from(on_stop) % raisable.len()];
        mark(&mut sheet, &leaf.code, Mark::Raised { reason: "x".into() });
        let s = score(&tea, &sheet);
        prop_assert!(s.eliminated());
        prop_assert!(s.complete());
        prop_assert_eq!(s.certificate(), Certificate::None);
    }
}

fn water() -> Rubric {
    Catalog::builtin()
        .get("nuoc-khoang-nuoc-uong-dong-chai")
        .expect("parses")
        .expect("set 16 is built in")
        .clone()
}

/// The option of `code` worth `points`, numbered as the assessor chooses it.
fn option_worth(rubric: &Rubric, code: &str, points: u16) -> Mark {
    let leaf = rubric.criterion(&Code::new(code)).expect("criterion");
    let (n, _) = leaf
        .options_for(None)
        .find(|(_, o)| o.points == Points(points))
        .expect("an option of those points");
    Mark::Chose { option: n as u8 }
}

#[test]
fn a_zero_under_set_16s_criterion_6_stops_the_evaluation_and_a_better_answer_lifts_it() {
    let water = water();
    let mut sheet = all_best(&water);
    let best = score(&water, &sheet).total;
    // 6.2 scored 0, whether by its 0-point option or by "không đạt".
    for zero in [option_worth(&water, "6.2", 0), Mark::NotMet] {
        mark(&mut sheet, &Code::new("6.2"), zero);
        let s = score(&water, &sheet);
        assert!(s.eliminated() && s.stopped_on_zero(), "{s:?}");
        assert_eq!(s.certificate(), Certificate::None);
        let e = &s.eliminations[0];
        assert_eq!(e.code, Some(Code::new("6.2")));
        assert!(e.reason.contains("sẽ không đánh giá các bước tiếp theo"));
    }
    mark(
        &mut sheet,
        &Code::new("6.2"),
        option_worth(&water, "6.2", 3),
    );
    let s = score(&water, &sheet);
    assert!(!s.eliminated(), "a non-zero answer lifts the stop");
    assert_eq!((s.total, s.stars), (best, 5));
}

#[test]
fn a_zero_outside_criterion_6_does_not_stop_set_16() {
    let water = water();
    let mut sheet = all_best(&water);
    mark(&mut sheet, &Code::new("1.1"), Mark::NotMet);
    assert!(!score(&water, &sheet).eliminated());
}

#[test]
fn an_unanswered_sheet_stopped_on_zero_can_be_finished() {
    let water = water();
    let mut sheet = blank(&water);
    mark(
        &mut sheet,
        &Code::new("6.1"),
        option_worth(&water, "6.1", 0),
    );
    let s = score(&water, &sheet);
    assert!(s.stopped_on_zero() && s.complete());
    assert!(!s.unanswered.is_empty());
}
