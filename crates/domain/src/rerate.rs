//! Re-rating a product: the earlier sheet beside the new one. Criteria are matched by code;
//! an earlier answer is carried over only when the assessor asks for it, onto the option of
//! the same text (or else the same points) in the current rubric.

use super::rubric::{Case, Code, PartCode, Points, Rubric};
use super::score::{Score, Standing, score, standing};
use super::sheet::{Mark, Sheet};

/// How the earlier sheet answered `code`: its mark and the points it scored there, or none
/// when the earlier rubric has no such criterion or it was not answered.
pub fn earlier_answer<'a>(
    rubric: &Rubric,
    sheet: &'a Sheet,
    code: &Code,
) -> Option<(&'a Mark, Points)> {
    let leaf = rubric.criterion(code)?;
    let mark = sheet.mark(code)?;
    let points = match standing(rubric, sheet, leaf) {
        Standing::Scored(p) => p,
        _ => Points(0),
    };
    Some((mark, points))
}

/// The mark that takes the earlier answer over onto the current rubric, if it maps.
pub fn carry(
    earlier: (&Rubric, &Sheet),
    rubric: &Rubric,
    code: &Code,
    case: Option<Case>,
) -> Option<Mark> {
    let (old_rubric, old_sheet) = earlier;
    let (mark, _) = earlier_answer(old_rubric, old_sheet, code)?;
    let Mark::Chose { option } = mark else {
        return Some(mark.clone());
    };
    let old = old_rubric
        .criterion(code)?
        .options
        .get(usize::from(*option).checked_sub(1)?)?;
    let now = rubric.criterion(code)?;
    let same_text = now
        .options_for(case)
        .find(|(_, o)| o.text_vi == old.text_vi);
    let same_points = || now.options_for(case).find(|(_, o)| o.points == old.points);
    let (n, _) = same_text.or_else(same_points)?;
    Some(Mark::Chose {
        option: u8::try_from(n).ok()?,
    })
}

/// The earlier result beside the present one: per part and in total, and the criteria that
/// now score less than they did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub earlier: Score,
    pub now: Score,
    pub parts: Vec<(PartCode, Points, Points)>,
    pub fell: Vec<Code>,
}

pub fn compare(earlier: (&Rubric, &Sheet), rubric: &Rubric, sheet: &Sheet) -> Comparison {
    let (old_rubric, old_sheet) = earlier;
    let was = score(old_rubric, old_sheet);
    let now = score(rubric, sheet);
    let parts = now
        .parts
        .iter()
        .map(|p| {
            let before = was.parts.iter().find(|q| q.code == p.code);
            (p.code, before.map_or(Points(0), |q| q.points), p.points)
        })
        .collect();
    let fell = rubric
        .leaves()
        .filter_map(|leaf| {
            let Standing::Scored(has) = standing(rubric, sheet, leaf) else {
                return None;
            };
            let (_, had) = earlier_answer(old_rubric, old_sheet, &leaf.code)?;
            (has < had).then(|| leaf.code.clone())
        })
        .collect();
    Comparison {
        earlier: was,
        now,
        parts,
        fell,
    }
}
