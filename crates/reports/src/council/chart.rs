//! The council report's chart of one product, as inline SVG: each member's total as a bar on a
//! scale of 0 to 100, the star bands' floors (30, 50, 70, 90) as lines, and the mean as a line.
//! Every figure is also written as text (above each bar, beside each line) and each bar has a
//! `<title>`, so the chart reads without colour and to a screen reader.

use std::fmt::Write as _;

use super::ProductReview;
use super::html::{decimal, escape};
use ocop_domain::score::BANDS;
use ocop_words::report::ReportStrings;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 250.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 580.0;
const TOP: f64 = 14.0;
const BASE: f64 = 206.0;
/// Characters of a member's name under a bar, before it is cut with "…".
const NAME_CHARS: usize = 18;

/// The chart of product number `n` of the page (its ids must be unique on the page).
pub fn svg(p: &ProductReview, n: usize, s: &ReportStrings) -> String {
    let mut out = String::new();
    let title = format!("{} — {}", s.chart, p.product_name);
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-{n}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"chart-{n}\">{}</title>",
        escape(&title)
    );
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{BASE}\" x2=\"{RIGHT}\" y2=\"{BASE}\"/>"
    );
    for (stars, floor) in BANDS.iter().filter(|(_, floor)| *floor > 0) {
        let y = y_of(f64::from(*floor));
        let _ = write!(
            out,
            "<line class=\"band\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\"/>\
             <text class=\"band-label\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{floor}</text>\
             <text class=\"band-label\" x=\"{}\" y=\"{:.1}\">{stars}★</text>",
            LEFT - 4.0,
            y + 3.0,
            RIGHT + 4.0,
            y + 3.0
        );
    }
    bars(p, s, &mut out);
    let y = y_of(p.mean_total);
    let mean = decimal(p.mean_total, s.decimal_mark);
    let _ = write!(
        out,
        "<line class=\"mean\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\"/>\
         <text class=\"mean-label\" x=\"{}\" y=\"{:.1}\">{} {mean}</text></svg>",
        LEFT + 4.0,
        y - 4.0,
        escape(s.mean_short)
    );
    out
}

fn bars(p: &ProductReview, s: &ReportStrings, out: &mut String) {
    let slot = (RIGHT - LEFT) / p.members.len().max(1) as f64;
    let width = (slot * 0.6).min(56.0);
    for (i, m) in p.members.iter().enumerate() {
        let centre = LEFT + slot * (i as f64 + 0.5);
        let top = y_of(f64::from(m.total));
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" \
             height=\"{:.1}\"><title>{}</title></rect>\
             <text class=\"value\" x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text class=\"name\" x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            centre - width / 2.0,
            BASE - top,
            escape(&(s.bar)(&m.assessor, m.total)),
            top - 3.0,
            m.total,
            BASE + 14.0,
            escape(&cut(&m.assessor))
        );
    }
}

/// The height on the chart of a number of points (0 at the base, 100 at the top).
fn y_of(points: f64) -> f64 {
    BASE - points.clamp(0.0, 100.0) / 100.0 * (BASE - TOP)
}

fn cut(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= NAME_CHARS {
        return name.to_string();
    }
    let head: String = name.chars().take(NAME_CHARS - 1).collect();
    format!("{head}…")
}
