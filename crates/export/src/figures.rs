//! A sheet file's figures as its answers give them on its rubric, never as it states them.
//! Every reader that counts a sheet (the council, its workbook sheet, `due`) takes parts,
//! total, stars and elimination from here, and leaves out a file whose stated figures
//! disagree: a member's own key can sign a lie, but not make it add up.

use serde::Deserialize;

use crate::document::{AnswerState, PartDoc};
use ocop_catalog::Catalog;
use ocop_domain::rubric::{Case, Code, Rubric};
use ocop_domain::score::{Score, Standing, score, standing};
use ocop_domain::sheet::{Answer, Header, Mark, Sheet, SheetId};
use ocop_words::Words;
use ocop_words::words;

/// One answer as a sheet file holds it: what was marked, and the points it states.
#[derive(Debug, Clone, Deserialize)]
pub struct AnswerOf {
    pub code: Code,
    pub state: AnswerState,
    pub option: Option<u8>,
    pub points: u16,
    pub max: u16,
    pub reason: Option<String>,
}

/// What a file marked: the answers, the case and the dossier's rejection.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    pub answers: &'a [AnswerOf],
    pub case: Option<u8>,
    pub dossier_rejected: Option<&'a str>,
}

/// What a file states of its result.
#[derive(Debug, Clone, Copy)]
pub struct Stated<'a> {
    pub answers: &'a [AnswerOf],
    pub parts: &'a [PartDoc],
    pub total: u16,
    pub stars: u8,
    pub eliminated: bool,
}

/// The figures of a sheet, recomputed: its score, and each leaf's points and whether it
/// applies, in the rubric's order.
#[derive(Debug, Clone)]
pub struct Recounted {
    pub score: Score,
    pub leaves: Vec<LeafPoints>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafPoints {
    pub code: Code,
    pub points: u16,
    pub max: u16,
    pub applies: bool,
}

/// The mark a file's answer stands for; the older form of a not-applicable answer (an
/// option kept, 0 points) is read as the option, which the rule then sets aside.
pub fn mark_of(state: AnswerState, option: Option<u8>, reason: Option<&str>) -> Option<Mark> {
    match state {
        AnswerState::Answered => option.map(|option| Mark::Chose { option }),
        AnswerState::NotMet => Some(Mark::NotMet),
        AnswerState::NotApplicable => match option {
            Some(option) => Some(Mark::Chose { option }),
            None => Some(Mark::NotApplicable),
        },
        AnswerState::Eliminated => Some(Mark::Raised {
            reason: reason.unwrap_or_default().to_string(),
        }),
        AnswerState::Unanswered => None,
    }
}

/// The case a file names (1 or 2), or none; any other number cannot be scored.
pub fn case_of(n: Option<u8>) -> Result<Option<Case>, Words> {
    let Some(n) = n else {
        return Ok(None);
    };
    let case = Case::from_number(n).ok_or_else(|| {
        words!(
            "trường hợp (case) của nó không phải 1 hay 2",
            "its case is not 1 or 2"
        )
    })?;
    Ok(Some(case))
}

/// Scores the marks on `rubric`; a case other than 1 or 2 cannot be scored.
pub fn recount(rubric: &Rubric, marks: Marks<'_>) -> Result<Recounted, Words> {
    let case = case_of(marks.case)?;
    // Scoring reads the answers, the case and the dossier only; the rest stays empty.
    let id = SheetId::parse("00000000000000000000000000").expect("a valid id");
    let at = chrono::DateTime::UNIX_EPOCH.fixed_offset();
    let mut sheet = Sheet::new(id, rubric, Header::default(), at);
    sheet.case = case;
    sheet.dossier_rejected = marks.dossier_rejected.map(str::to_string);
    for a in marks.answers {
        let answer = Answer {
            mark: mark_of(a.state, a.option, a.reason.as_deref()),
            ..Answer::default()
        };
        sheet.answers.insert(a.code.clone(), answer);
    }
    let leaves = rubric
        .leaves()
        .map(|leaf| {
            let standing = standing(rubric, &sheet, leaf);
            LeafPoints {
                code: leaf.code.clone(),
                points: match standing {
                    Standing::Scored(p) => p.0,
                    _ => 0,
                },
                max: leaf.max.0,
                applies: standing != Standing::NotApplicable,
            }
        })
        .collect();
    Ok(Recounted {
        score: score(rubric, &sheet),
        leaves,
    })
}

/// What a file's figures come to, checked against its rubric.
#[derive(Debug)]
pub enum Checked {
    /// They follow from its answers.
    Agrees(Recounted),
    /// Its answers give other figures: those, and the first figure it states otherwise.
    Disagrees(Recounted, Words),
    /// They cannot be recomputed here (its rubric is not known, or its case is not 1 or 2).
    Unscored(Words),
}

/// Recomputes the figures of a file whose rubric has this SHA-256, and checks them against
/// what it states: the one check every reader that counts a sheet makes.
pub fn check(catalog: &Catalog, sha256: &str, marks: Marks<'_>, stated: Stated<'_>) -> Checked {
    let Some(rubric) = catalog.by_sha256(sha256) else {
        return Checked::Unscored(words!(
            "bộ tiêu chí của nó (sha256 {sha256}) không có sẵn trong chương trình, cũng không \
             có trong --rubrics: không tính lại được điểm",
            "its rubric (sha256 {sha256}) is neither built in nor in --rubrics: its figures \
             cannot be recomputed"
        ));
    };
    match recount(rubric, marks) {
        Err(why) => Checked::Unscored(why),
        Ok(recounted) => match recounted.disagreement(stated) {
            None => Checked::Agrees(recounted),
            Some(why) => Checked::Disagrees(recounted, why),
        },
    }
}

impl Recounted {
    /// The first figure the file states otherwise than its answers give, as a reason not to
    /// count it: the total first, then the stars, the elimination, the parts, the answers.
    pub fn disagreement(&self, stated: Stated<'_>) -> Option<Words> {
        let s = &self.score;
        let (total, stars) = (s.total.0, s.stars);
        if stated.total != total {
            let says = stated.total;
            return Some(words!(
                "ghi tổng điểm {says}, các câu trả lời cho {total}",
                "says total {says}, its answers give {total}"
            ));
        }
        if stated.stars != stars {
            let says = stated.stars;
            return Some(words!(
                "ghi {says}★, các câu trả lời cho {stars}★",
                "says {says}★, its answers give {stars}★"
            ));
        }
        if stated.eliminated != s.eliminated() {
            return Some(match s.eliminated() {
                true => words!(
                    "không ghi bị loại, các câu trả lời loại nó",
                    "does not say eliminated, its answers eliminate it"
                ),
                false => words!(
                    "ghi bị loại, các câu trả lời không loại nó",
                    "says eliminated, its answers do not eliminate it"
                ),
            });
        }
        self.part_disagreement(stated.parts)
            .or_else(|| self.answer_disagreement(stated.answers))
    }

    fn part_disagreement(&self, parts: &[PartDoc]) -> Option<Words> {
        let want = self
            .score
            .parts
            .iter()
            .map(|p| (p.code.letter().to_string(), p.points.0));
        let have = parts.iter().map(|p| (p.code.clone(), p.points));
        let (code, says, gives) = have
            .zip(want)
            .find(|(h, w)| h != w)
            .map(|(h, w)| (w.0, h.1, w.1))
            .or_else(|| (parts.len() != self.score.parts.len()).then(|| ("?".into(), 0, 0)))?;
        Some(words!(
            "ghi phần {code} {says} điểm, các câu trả lời cho {gives}",
            "says part {code} {says} points, its answers give {gives}"
        ))
    }

    /// A file lists every criterion of its rubric, in the rubric's order, each with the points
    /// its answer gives; readers rely on that order (`leaves[i]` is `answers[i]`).
    fn answer_disagreement(&self, answers: &[AnswerOf]) -> Option<Words> {
        let aligned = answers.len() == self.leaves.len()
            && answers
                .iter()
                .zip(&self.leaves)
                .all(|(a, l)| a.code == l.code);
        if !aligned {
            return Some(words!(
                "các câu trả lời của nó không phải các tiêu chí của bộ tiêu chí, theo thứ tự",
                "its answers are not the criteria of its rubric, in order"
            ));
        }
        answers.iter().zip(&self.leaves).find_map(|(a, leaf)| {
            let (code, says, gives) = (&leaf.code, a.points, leaf.points);
            (says != gives).then(|| {
                words!(
                    "ghi {says} điểm ở {code}, câu trả lời cho {gives}",
                    "says {says} points on {code}, its answer gives {gives}"
                )
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::testing::{TEA, finished, rubric};

    fn answers(doc: &Document) -> Vec<AnswerOf> {
        doc.answers
            .iter()
            .map(|a| AnswerOf {
                code: a.code.clone(),
                state: a.state,
                option: a.option,
                points: a.points,
                max: a.max,
                reason: a.reason.clone(),
            })
            .collect()
    }

    fn said(doc: &Document, r: &Rubric) -> Option<String> {
        let answers = answers(doc);
        let marks = Marks {
            answers: &answers,
            case: doc.case,
            dossier_rejected: doc.dossier_rejected.as_deref(),
        };
        let stated = Stated {
            answers: &answers,
            parts: &doc.parts,
            total: doc.total,
            stars: doc.stars,
            eliminated: doc.eliminated,
        };
        let recounted = recount(r, marks).expect("scores");
        recounted.disagreement(stated).map(|w| w.en.to_string())
    }

    #[test]
    fn a_sound_file_agrees_and_each_stated_figure_is_checked() {
        let r = rubric(TEA);
        let (sheet, trail) = finished(&r, "01JD0000000000000000000001", "Chè", 1);
        let doc = Document::of(&r, &sheet, &trail);
        assert_eq!(said(&doc, &r), None);
        let mut lie = doc.clone();
        lie.total = 99;
        let total = doc.total;
        assert_eq!(
            said(&lie, &r),
            Some(format!("says total 99, its answers give {total}"))
        );
        let mut lie = doc.clone();
        lie.stars = 5;
        assert!(said(&lie, &r).is_some_and(|s| s.starts_with("says 5★")));
        let mut lie = doc.clone();
        lie.eliminated = true;
        assert!(said(&lie, &r).is_some_and(|s| s.contains("eliminated")));
        let mut lie = doc.clone();
        lie.parts[0].points += 1;
        lie.parts[1].points -= 1;
        assert!(said(&lie, &r).is_some_and(|s| s.starts_with("says part A")));
        let mut lie = doc;
        let scored = lie.answers.iter_mut().find(|a| a.points > 0).expect("one");
        scored.points -= 1;
        assert!(said(&lie, &r).is_some_and(|s| s.contains("its answer gives")));
    }
}
