//! From the text of a rubric file to a checked `Rubric`, or to every problem found, each with
//! its line and column. Never panics, whatever the bytes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use sha2::{Digest, Sha256};
use toml::Spanned;

use super::format::{CriterionFile, OptionFile, PartFile, RubricFile, RuleName};
use ocop_domain::rubric::{
    Case, Choice, Code, Criterion, MAX_OPTIONS, Note, Part, PartCode, Points, Rubric, Rule,
};
use ocop_words::{Words, words};

mod hidden;

/// One thing wrong with a rubric file, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: Words,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of `bytes`, as bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Lowercase hexadecimal, two digits a byte, as `sha256sum` prints a digest.
pub fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digit = |n: u8| char::from(DIGITS[usize::from(n)]);
    digest
        .iter()
        .flat_map(|b| [digit(b >> 4), digit(b & 15)])
        .collect()
}

/// Parses and checks a rubric file's text.
pub fn parse(text: &str) -> Result<Rubric, Vec<Problem>> {
    let mut checker = Checker {
        text,
        problems: Vec::new(),
    };
    let file: RubricFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            // The parser's own words: they name TOML's and the format's terms.
            let message = e.message().trim().to_string();
            checker.report(
                e.span().unwrap_or(0..0),
                Words::new(message.clone(), message),
            );
            return Err(checker.problems);
        }
    };
    let rubric = checker.rubric(file);
    for (offset, message) in hidden::problems(text) {
        checker.report(offset..offset, message);
    }
    if checker.problems.is_empty() {
        Ok(rubric)
    } else {
        checker.problems.sort_by_key(|p| (p.line, p.column));
        Err(checker.problems)
    }
}

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, span: Range<usize>, message: Words) {
        let (line, column) = line_column(self.text, span.start);
        self.problems.push(Problem {
            line,
            column,
            message,
        });
    }

    fn rubric(&mut self, file: RubricFile) -> Rubric {
        self.check_id(&file.id);
        let set_no = self.in_range(&file.set_no, 1, 255, "set_no") as u8;
        let mut parts = Vec::new();
        let mut criteria = Vec::new();
        for part in &file.parts {
            if let Some(p) = self.part(part, &mut criteria) {
                parts.push(p);
            }
        }
        self.check_parts(&file, &parts);
        self.check_tree(&criteria);
        self.check_references(&file, &criteria);
        Rubric {
            id: file.id.get_ref().clone(),
            set_no,
            title_vi: file.title_vi,
            title_en: file.title_en,
            edition: file.edition,
            sector_vi: file.sector_vi,
            disqualifiers: file.disqualifiers,
            parts,
            criteria: criteria.into_iter().map(|(c, _)| c).collect(),
            sha256: sha256_hex(self.text.as_bytes()),
        }
    }

    fn check_id(&mut self, id: &Spanned<String>) {
        let ok = !id.get_ref().is_empty()
            && id.get_ref().len() <= 64
            && id
                .get_ref()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            let message = words!(
                "id phải gồm 1 đến 64 ký tự a-z, 0-9 và '-' (nó đặt tên cho tệp)",
                "id must be 1 to 64 of a-z, 0-9 and '-' (it names files)"
            );
            self.report(id.span(), message);
        }
    }

    fn in_range(&mut self, value: &Spanned<i64>, low: i64, high: i64, what: &str) -> u16 {
        let v = *value.get_ref();
        if v < low || v > high {
            let message = words!(
                "{what} {v} nằm ngoài {low}..{high}",
                "{what} {v} is outside {low}..{high}"
            );
            self.report(value.span(), message);
            return 0;
        }
        v as u16
    }

    fn part(
        &mut self,
        part: &Spanned<PartFile>,
        criteria: &mut Vec<(Criterion, Range<usize>)>,
    ) -> Option<Part> {
        let p = part.get_ref();
        let max = Points(self.in_range(&p.max, 0, 100, "part max"));
        let Some(code) = PartCode::parse(p.code.get_ref()) else {
            let code = format!("{:?}", p.code.get_ref());
            let message = words!(
                "mã phần {code} không phải A, B hay C",
                "part code {code} is not A, B or C"
            );
            self.report(p.code.span(), message);
            return None;
        };
        for c in &p.criteria {
            let criterion = self.criterion(c.get_ref(), code);
            criteria.push((criterion, c.get_ref().code.span()));
        }
        Some(Part {
            code,
            title_vi: p.title_vi.clone(),
            title_en: p.title_en.clone(),
            max,
        })
    }

    fn criterion(&mut self, c: &CriterionFile, part: PartCode) -> Criterion {
        if !Code::is_well_formed(c.code.get_ref()) {
            let code = format!("{:?}", c.code.get_ref());
            let message = words!(
                "mã tiêu chí {code} không có dạng như 6.1.2",
                "criterion code {code} is not like 6.1.2"
            );
            self.report(c.code.span(), message);
        }
        let max = Points(self.in_range(&c.max, 0, 100, "criterion max"));
        let cases = self.cases(c);
        if let Some(extra) = c.options.get(MAX_OPTIONS) {
            let (code, n) = (c.code.get_ref(), c.options.len());
            let message = words!(
                "tiêu chí {code} có {n} mức; chỉ chấm được nhiều nhất {MAX_OPTIONS} (phiếu đánh số mức được chọn từ 1 đến {MAX_OPTIONS})",
                "criterion {code} has {n} options; at most {MAX_OPTIONS} can be answered (a sheet numbers the option chosen 1 to {MAX_OPTIONS})"
            );
            self.report(extra.span(), message);
        }
        let options: Vec<Choice> = c
            .options
            .iter()
            .map(|o| self.option(o.get_ref(), max, cases.len()))
            .collect();
        if let Some(best) = options.iter().map(|o| o.points).max()
            && best != max
        {
            let message = words!(
                "max là {max} nhưng mức cao nhất cho {best}",
                "max is {max} but the best option gives {best}"
            );
            self.report(c.max.span(), message);
        }
        Criterion {
            code: Code::new(c.code.get_ref()),
            part,
            text_vi: c.text_vi.clone(),
            text_en: c.text_en.clone(),
            max,
            note: self.note(c),
            cases,
            options,
        }
    }

    fn cases(&mut self, c: &CriterionFile) -> Vec<String> {
        let Some(cases) = &c.cases else {
            return Vec::new();
        };
        if cases.get_ref().len() != 2 {
            let message = words!(
                "cases phải nêu đúng hai trường hợp",
                "cases must name exactly two cases"
            );
            self.report(cases.span(), message);
        }
        cases.get_ref().clone()
    }

    fn option(&mut self, o: &OptionFile, max: Points, cases: usize) -> Choice {
        let points = Points(self.in_range(&o.points, 0, i64::from(max.0), "option points"));
        let min_star = o.star.as_ref().map(|s| {
            let v = *s.get_ref();
            if !(3..=5).contains(&v) {
                let message = words!(
                    "mức sao tối thiểu {v} không phải 3, 4 hay 5",
                    "star minimum {v} is not 3, 4 or 5"
                );
                self.report(s.span(), message);
            }
            v.clamp(0, 5) as u8
        });
        let case = o.case.as_ref().and_then(|s| {
            let case = u8::try_from(*s.get_ref()).ok().and_then(Case::from_number);
            if case.is_none() || cases == 0 {
                let n = s.get_ref();
                let message = words!(
                    "case {n} không chỉ một trường hợp của tiêu chí",
                    "case {n} does not name one of the criterion's cases"
                );
                self.report(s.span(), message);
            }
            case
        });
        Choice {
            points,
            text_vi: o.text_vi.clone(),
            text_en: o.text_en.clone(),
            min_star,
            case,
        }
    }

    fn note(&mut self, c: &CriterionFile) -> Option<Note> {
        let rule = match c.rule.as_ref().map(|r| (*r.get_ref(), r.span())) {
            None | Some((RuleName::Guidance, _)) => Rule::Guidance,
            Some((RuleName::Elimination, _)) => Rule::Elimination,
            Some((RuleName::Stop, _)) => Rule::Stop,
            Some((RuleName::Eligibility, _)) => Rule::Eligibility,
            Some((RuleName::StopOnZero, _)) => Rule::StopOnZero,
            Some((RuleName::Applicability, span)) => match &c.applies_if_scored {
                Some(code) => Rule::AppliesIfScored(Code::new(code.get_ref())),
                None => {
                    let message = words!(
                        "quy tắc \"applicability\" cần applies_if_scored",
                        "rule \"applicability\" needs applies_if_scored"
                    );
                    self.report(span, message);
                    Rule::Guidance
                }
            },
        };
        if c.note_vi.is_none() && c.rule.is_none() {
            return None;
        }
        Some(Note {
            rule,
            text_vi: c.note_vi.clone().unwrap_or_default(),
            text_en: c.note_en.clone(),
        })
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Checker<'_> {
    fn check_parts(&mut self, file: &RubricFile, parts: &[Part]) {
        let at = file.parts.first().map_or(0..0, |p| p.span());
        let mut seen = HashSet::new();
        for (p, spanned) in parts.iter().zip(&file.parts) {
            if !seen.insert(p.code) {
                let part = p.code.letter();
                let message = words!("phần {part} xuất hiện hai lần", "part {part} appears twice");
                self.report(spanned.get_ref().code.span(), message);
            }
        }
        for code in PartCode::ALL {
            if !seen.contains(&code) {
                let part = code.letter();
                self.report(
                    at.clone(),
                    words!("thiếu phần {part}", "part {part} is missing"),
                );
            }
        }
        let total: Points = parts.iter().map(|p| p.max).sum();
        if total != Points(100) {
            let message = words!(
                "tổng điểm các phần là {total}, không phải 100",
                "the parts sum to {total}, not 100"
            );
            self.report(at, message);
        }
    }

    /// Codes unique, parents present and in the same part, sums of children equal to maxima.
    fn check_tree(&mut self, criteria: &[(Criterion, Range<usize>)]) {
        let mut seen: HashMap<&Code, &Criterion> = HashMap::new();
        for (c, span) in criteria {
            if seen.contains_key(&c.code) {
                let code = &c.code;
                let message = words!(
                    "tiêu chí {code} xuất hiện hai lần",
                    "criterion {code} appears twice"
                );
                self.report(span.clone(), message);
                continue;
            }
            if let Some(parent) = c.code.parent() {
                match seen.get(&parent) {
                    Some(p) if !p.is_leaf() && p.part == c.part => {}
                    _ => {
                        let code = &c.code;
                        let message = words!(
                            "tiêu chí {code} không có nhóm {parent} đứng trước trong cùng phần",
                            "criterion {code} has no group {parent} before it in its part"
                        );
                        self.report(span.clone(), message);
                    }
                }
            }
            seen.insert(&c.code, c);
        }
        for (c, span) in criteria.iter().filter(|(c, _)| !c.is_leaf()) {
            self.check_group(c, span, criteria);
        }
        for (c, span) in criteria.iter().filter(|(c, _)| c.is_leaf()) {
            if c.rule() == Some(&Rule::StopOnZero) {
                let code = &c.code;
                let message = words!(
                    "tiêu chí {code} được chấm điểm: quy tắc \"stop_on_zero\" thuộc về một nhóm có các tiêu chí con được chấm",
                    "criterion {code} is scored: rule \"stop_on_zero\" belongs on a group whose sub-criteria are scored"
                );
                self.report(span.clone(), message);
            }
        }
    }

    fn check_group(
        &mut self,
        group: &Criterion,
        span: &Range<usize>,
        all: &[(Criterion, Range<usize>)],
    ) {
        let children: Vec<&Criterion> = all
            .iter()
            .map(|(c, _)| c)
            .filter(|c| c.code.parent().as_ref() == Some(&group.code))
            .collect();
        if children.is_empty() {
            let code = &group.code;
            let message = words!(
                "tiêu chí {code} không có mức nào cũng không có tiêu chí con",
                "criterion {code} has neither options nor sub-criteria"
            );
            self.report(span.clone(), message);
            return;
        }
        let sum: Points = children.iter().map(|c| c.max).sum();
        if sum != group.max {
            let (code, max) = (&group.code, group.max);
            let message = words!(
                "tiêu chí {code} có max {max} nhưng tổng các tiêu chí con là {sum}",
                "criterion {code} has max {max} but its sub-criteria sum to {sum}"
            );
            self.report(span.clone(), message);
        }
    }

    fn check_references(&mut self, file: &RubricFile, criteria: &[(Criterion, Range<usize>)]) {
        let leaves: HashSet<&str> = criteria
            .iter()
            .filter(|(c, _)| c.is_leaf())
            .map(|(c, _)| c.code.as_str())
            .collect();
        for part in &file.parts {
            self.check_part_sum(part, criteria);
            for c in &part.get_ref().criteria {
                let Some(target) = &c.get_ref().applies_if_scored else {
                    continue;
                };
                if !leaves.contains(target.get_ref().as_str()) {
                    let named = format!("{:?}", target.get_ref());
                    let message = words!(
                        "applies_if_scored chỉ {named}, không phải một tiêu chí được chấm của phiếu này",
                        "applies_if_scored names {named}, which is not a scored criterion of this sheet"
                    );
                    self.report(target.span(), message);
                }
            }
        }
    }

    fn check_part_sum(&mut self, part: &Spanned<PartFile>, criteria: &[(Criterion, Range<usize>)]) {
        let Some(code) = PartCode::parse(part.get_ref().code.get_ref()) else {
            return;
        };
        let sum: Points = criteria
            .iter()
            .filter(|(c, _)| c.part == code && c.code.parent().is_none())
            .map(|(c, _)| c.max)
            .sum();
        let max = *part.get_ref().max.get_ref();
        if i64::from(sum.0) != max {
            let part_code = code.letter();
            let message = words!(
                "phần {part_code} có max {max} nhưng tổng các tiêu chí là {sum}",
                "part {part_code} has max {max} but its criteria sum to {sum}"
            );
            self.report(part.get_ref().max.span(), message);
        }
    }
}
