//! The words of the plan (what the next star needs), for the screen and for `ocop plan`, in
//! both languages: written for the producer as much as for the assessor. `lines` words a
//! plan once, for the screen, `ocop plan` and the printed sheet alike.

use ocop_domain::Lang;
use ocop_domain::plan::Plan;
use ocop_domain::rubric::{Code, Criterion, Rubric, pick};

use crate::screen::{elimination_text, strings};

pub struct PlanStrings {
    pub title: &'static str,
    /// The reasons the product is eliminated: it is rated at no level until they are lifted.
    pub eliminated: fn(&str) -> String,
    pub top: &'static str,
    /// Stars of the level, points missing to its band, minimums not met.
    pub step: fn(u8, u16, usize) -> String,
    /// Code and criterion, the option to reach, points it has and the criterion's maximum.
    pub needs: fn(&str, &str, &str, u16, u16) -> String,
    pub gains: &'static str,
    /// Points to gain, code and criterion, the option that gains them.
    pub gain: fn(u16, &str, &str, &str) -> String,
    pub nothing_to_gain: &'static str,
    /// After a gain: the criteria raising it reopens, and the most points they give.
    pub reopens: fn(&str, u16) -> String,
}

pub const VI: PlanStrings = PlanStrings {
    title: crate::terms::VI.plan,
    eliminated: |why| format!("Bị loại ({why}): chưa được xét hạng cho đến khi khắc phục."),
    top: "Đã đạt hạng cao nhất, 5★.",
    step: |stars, missing, minimums| match (missing, minimums) {
        (0, 0) => format!("Lên {stars}★: đã đủ điểm và mọi tiêu chí tối thiểu"),
        (0, n) => format!("Lên {stars}★: đã đủ điểm, còn {n} tiêu chí tối thiểu"),
        (m, 0) => format!("Lên {stars}★: còn thiếu {m} điểm"),
        (m, n) => format!("Lên {stars}★: còn thiếu {m} điểm, và {n} tiêu chí tối thiểu"),
    },
    needs: |code, text, option, has, max| {
        format!("{code} {text}: cần \"{option}\" (đang {has}/{max})")
    },
    gains: "Nhiều điểm nhất còn có thể đạt",
    gain: |points, code, text, option| format!("+{points}  {code} {text}: \"{option}\""),
    nothing_to_gain: "Không còn tiêu chí nào có thể thêm điểm.",
    reopens: |codes, points| format!(" · mở lại {codes} (thêm tới {points} điểm)"),
};

pub const EN: PlanStrings = PlanStrings {
    title: crate::terms::EN.plan,
    eliminated: |why| format!("Eliminated ({why}): rated at no level until this is put right."),
    top: "At the highest rating, 5★.",
    step: |stars, missing, minimums| match (missing, minimums) {
        (0, 0) => format!("Up to {stars}★: the points and every minimum are there"),
        (0, n) => format!("Up to {stars}★: the points are there, {n} minimums are not"),
        (m, 0) => format!("Up to {stars}★: {m} points missing"),
        (m, n) => format!("Up to {stars}★: {m} points missing, and {n} minimums"),
    },
    needs: |code, text, option, has, max| {
        format!("{code} {text}: needs \"{option}\" (has {has}/{max})")
    },
    gains: "Most points still to gain",
    gain: |points, code, text, option| format!("+{points}  {code} {text}: \"{option}\""),
    nothing_to_gain: "No criterion can gain more points.",
    reopens: |codes, points| format!(" · reopens {codes} (up to {points} more points)"),
};

pub fn plan_strings(lang: Lang) -> &'static PlanStrings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Heading,
    Item,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub kind: Kind,
    pub code: Option<Code>,
    pub text: String,
}

fn plain(kind: Kind, text: String) -> PlanLine {
    PlanLine {
        kind,
        code: None,
        text,
    }
}

/// The plan in words, in the order the producer reads it.
pub fn lines(lang: Lang, rubric: &Rubric, plan: &Plan) -> Vec<PlanLine> {
    let (s, p) = (strings(lang), plan_strings(lang));
    let mut out = Vec::new();
    if plan.score.eliminated() {
        let why: Vec<String> = plan
            .score
            .eliminations
            .iter()
            .map(|e| elimination_text(s, e))
            .collect();
        out.push(plain(Kind::Warning, (p.eliminated)(&why.join("; "))));
    }
    if plan.steps.is_empty() {
        out.push(plain(Kind::Heading, p.top.to_string()));
    }
    for step in &plan.steps {
        let head = (p.step)(step.stars, step.points_missing.0, step.minimums.len());
        out.push(plain(Kind::Heading, head));
        for m in &step.minimums {
            let Some(c) = rubric.criterion(&m.code) else {
                continue;
            };
            let text = (p.needs)(
                c.code.as_str(),
                c.text(lang),
                option_text(c, m.option, lang),
                m.has.0,
                c.max.0,
            );
            out.push(item(&m.code, text));
        }
    }
    out.push(plain(Kind::Heading, p.gains.to_string()));
    if plan.gains.is_empty() {
        out.push(plain(Kind::Item, p.nothing_to_gain.to_string()));
    }
    for g in &plan.gains {
        let Some(c) = rubric.criterion(&g.code) else {
            continue;
        };
        let mut text = (p.gain)(
            g.points().0,
            c.code.as_str(),
            c.text(lang),
            option_text(c, g.option, lang),
        );
        if !g.reopens.is_empty() {
            let codes: Vec<&str> = g.reopens.iter().map(|r| r.code.as_str()).collect();
            let points = g.with_reopened().0 - g.points().0;
            text.push_str(&(p.reopens)(&codes.join(", "), points));
        }
        out.push(item(&g.code, text));
    }
    out
}

fn item(code: &Code, text: String) -> PlanLine {
    PlanLine {
        kind: Kind::Item,
        code: Some(code.clone()),
        text,
    }
}

pub fn option_text(c: &Criterion, option: usize, lang: Lang) -> &str {
    c.options
        .get(option.wrapping_sub(1))
        .map_or("", |o| pick(&o.text_vi, o.text_en.as_deref(), lang))
}
