//! What the next star needs, on crafted tea sheets: the plan is computed from the same score as
//! the stars, so a sheet held down by a minimum is told exactly which option lifts it.

use chrono::DateTime;
use ocop_catalog::Catalog;
use ocop_domain::plan::plan;
use ocop_domain::rubric::{Code, Points, Rubric};
use ocop_domain::score::score;
use ocop_domain::sheet::{Header, Mark, Sheet, SheetId};

fn tea() -> Rubric {
    Catalog::builtin()
        .get("che-tuoi-che-bien")
        .expect("parses")
        .expect("tea is built in")
        .clone()
}

fn chose(sheet: &mut Sheet, code: &Code, option: usize) {
    let mark = Mark::Chose {
        option: option as u8,
    };
    sheet.answers.entry(code.clone()).or_default().mark = Some(mark);
}

fn best_option(rubric: &Rubric, code: &Code) -> usize {
    let c = rubric.criterion(code).expect("criterion");
    let (n, _) = c
        .options_for(None)
        .max_by_key(|(_, o)| o.points)
        .expect("options");
    n
}

fn all_best(rubric: &Rubric) -> Sheet {
    let id = SheetId::parse("01JD0000000000000000000000").expect("id");
    let now = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+07:00").expect("time");
    let mut sheet = Sheet::new(id, rubric, Header::default(), now);
    for leaf in rubric.leaves() {
        chose(&mut sheet, &leaf.code, best_option(rubric, &leaf.code));
    }
    sheet
}

/// A tea sheet of exactly 68 points whose only unmet 4★ minimum is on `held`: every other
/// criterion without a star marker is lowered, one point at a time, until the total is 68.
fn held_at_68(rubric: &Rubric, held: &Code) -> Sheet {
    let mut sheet = all_best(rubric);
    chose(&mut sheet, held, 1);
    let free: Vec<&Code> = rubric
        .leaves()
        .filter(|c| &c.code != held && c.options.iter().all(|o| o.min_star.is_none()))
        .map(|c| &c.code)
        .collect();
    for code in free.iter().cycle().take(free.len() * 6) {
        let total = score(rubric, &sheet).total.0;
        if total <= 68 {
            break;
        }
        let c = rubric.criterion(code).expect("leaf");
        let now = match sheet.mark(code) {
            Some(Mark::Chose { option }) => c.options[usize::from(*option) - 1].points.0,
            _ => 0,
        };
        let lower = c
            .options_for(None)
            .filter(|(_, o)| o.points.0 < now && now - o.points.0 <= total - 68)
            .max_by_key(|(_, o)| o.points);
        if let Some((n, _)) = lower {
            chose(&mut sheet, code, n);
        }
    }
    sheet
}

/// A leaf whose lowest option is below its 4★ minimum, and that minimum's option.
fn a_4_star_minimum(rubric: &Rubric) -> (Code, usize, Points) {
    rubric
        .leaves()
        .find_map(|c| {
            let needs = c.minimum_for(4, None)?;
            (c.options[0].points < needs && c.minimum_for(3, None).is_none()).then(|| {
                let (n, _) = c
                    .options_for(None)
                    .find(|(_, o)| o.points == needs)
                    .expect("the marked option");
                (c.code.clone(), n, needs)
            })
        })
        .expect("tea has a 4★ minimum")
}

#[test]
fn sixty_eight_points_held_at_3_stars_by_one_minimum_needs_2_points_and_that_option() {
    let tea = tea();
    let (held, option, needs) = a_4_star_minimum(&tea);
    let sheet = held_at_68(&tea, &held);
    let p = plan(&tea, &sheet);
    assert_eq!((p.score.total, p.score.stars), (Points(68), 3));
    let four = &p.steps[0];
    assert_eq!((four.stars, four.points_missing), (4, Points(2)));
    assert_eq!(four.minimums.len(), 1, "{:?}", four.minimums);
    let m = &four.minimums[0];
    assert_eq!((&m.code, m.option, m.needs), (&held, option, needs));
    let five = &p.steps[1];
    assert_eq!((five.stars, five.points_missing), (5, Points(22)));
    assert!(five.minimums.iter().any(|m| m.code == held));
}

#[test]
fn gains_are_ordered_by_points_and_each_names_the_option_that_gains_them() {
    let tea = tea();
    let (held, _, _) = a_4_star_minimum(&tea);
    let sheet = held_at_68(&tea, &held);
    let p = plan(&tea, &sheet);
    let total: u16 = p.gains.iter().map(|g| g.points().0).sum();
    assert_eq!(total, 100 - 68, "every point still to gain is listed once");
    assert!(p.gains.windows(2).all(|w| w[0].points() >= w[1].points()));
    for g in &p.gains {
        let c = tea.criterion(&g.code).expect("leaf");
        assert_eq!(c.options[g.option - 1].points, g.can);
        assert_eq!(g.can, c.max);
    }
}

#[test]
fn a_top_sheet_has_no_step_and_nothing_to_gain() {
    let tea = tea();
    let p = plan(&tea, &all_best(&tea));
    assert!(p.steps.is_empty() && p.gains.is_empty());
}

#[test]
fn a_4_star_sheet_has_one_step() {
    let tea = tea();
    let mut sheet = all_best(&tea);
    let (held, _, _) = a_4_star_minimum(&tea);
    chose(&mut sheet, &held, 1);
    let p = plan(&tea, &sheet);
    assert_eq!(p.score.band_stars, 5);
    assert_eq!(p.score.stars, 3, "held at 3★ by the 4★ minimum");
    assert_eq!(
        p.steps.iter().map(|s| s.stars).collect::<Vec<_>>(),
        vec![4, 5]
    );
    assert_eq!(p.steps[0].points_missing, Points(0));
}

fn ocop(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .env_remove("OCOP_LANG")
        .env("HOME", data)
        .arg("--data-dir")
        .arg(data.join("data"))
        .args(args)
        .output()
        .expect("ocop runs")
}

#[test]
fn ocop_plan_prints_the_same_plan_in_words_and_as_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let demo = ocop(tmp.path(), &["demo", "--sheets", "12", "--finished", "100"]);
    assert!(demo.status.success());
    let list = ocop(tmp.path(), &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["stars"].as_u64().is_some_and(|s| s < 5) && r["eliminated"] == false)
        .expect("a sheet below 5★");
    let id = row["id"].as_str().expect("id");
    let text = ocop(tmp.path(), &["plan", id]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.starts_with("Thăng hạng · "), "{text}");
    assert!(text.contains(&format!(
        "Lên {}★",
        row["stars"].as_u64().expect("stars") + 1
    )));
    assert!(text.contains("Nhiều điểm nhất còn có thể đạt"), "{text}");
    assert!(
        text.lines().all(|l| ocop_domain::text::width(l) <= 78),
        "{text}"
    );
    let json = ocop(tmp.path(), &["plan", id, "--json", "--lang", "en"]);
    let plan: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(plan["total"], row["total"]);
    assert_eq!(
        plan["steps"][0]["stars"],
        row["stars"].as_u64().expect("stars") + 1
    );
    let gained: u64 = plan["gains"]
        .as_array()
        .expect("gains")
        .iter()
        .map(|g| g["points"].as_u64().expect("points"))
        .sum();
    assert!(gained > 0 && gained <= 100 - row["total"].as_u64().expect("total"));
}

#[test]
fn ocop_plan_of_no_sheet_says_so_in_the_language_asked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let vi = ocop(tmp.path(), &["plan", "01JD"]);
    assert_eq!(vi.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&vi.stderr).contains("không có phiếu nào có mã '01JD'"));
    let en = ocop(tmp.path(), &["plan", "01JD", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&en.stderr).contains("there is no sheet '01JD'"));
}

/// 5.2 applies only once 5.1 scores: with 5.1 at 0 it is not applicable, and the plan says
/// that raising 5.1 reopens 5.2's points too, counting them in the order of what to raise.
#[test]
fn raising_a_criterion_that_reopens_another_counts_the_reopened_points() {
    let rubric = tea();
    let mut sheet = all_best(&rubric);
    let (first, second) = (Code::new("5.1"), Code::new("5.2"));
    let zero = rubric
        .criterion(&first)
        .expect("5.1")
        .options_for(None)
        .find(|(_, o)| o.points == Points(0))
        .map(|(n, _)| n)
        .expect("5.1 has a 0-point option");
    chose(&mut sheet, &first, zero);
    let p = plan(&rubric, &sheet);
    let gain = p
        .gains
        .iter()
        .find(|g| g.code == first)
        .expect("5.1 can gain");
    let max_52 = rubric.criterion(&second).expect("5.2").max;
    assert_eq!(gain.reopens.len(), 1, "{gain:?}");
    assert_eq!(gain.reopens[0].code, second);
    assert_eq!(gain.reopens[0].can, max_52);
    assert_eq!(gain.with_reopened().0, gain.points().0 + max_52.0);
    // And in words, for the producer.
    let lines = ocop_words::plan::lines(ocop_domain::Lang::Vi, &rubric, &p);
    let said: Vec<&str> = lines
        .iter()
        .filter(|l| l.code.as_ref() == Some(&first))
        .map(|l| l.text.as_str())
        .collect();
    assert!(said.iter().any(|t| t.contains("mở lại 5.2")), "{said:?}");
}
