//! `ocop council DIR --format html`: the council review as one self-contained page to print
//! for the council's session and file with its minutes. Per product: the members side by side
//! on every criterion, the means, the stars of the mean, the spread, the chart; then each
//! member's tendency across the products, and the minutes ("Biên bản") with a signature line
//! per member. No script, no network: the styles are inside, with A4 `@page` rules.
//!
//! Every text from the folder (names, codes, reasons) goes through [`escape`], which also
//! shows hidden characters the way the terminal does.

mod product;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Council;
use super::tendency::Tendency;
use ocop_catalog::Catalog;
use ocop_domain::Lang;
use ocop_domain::text::safe;
use ocop_words::report::{ReportStrings, report_strings};

/// What the page is made from.
pub struct Page<'a> {
    pub council: &'a Council,
    /// Each member's tendency, measured by the caller (across the whole folder).
    pub tendencies: &'a [Tendency],
    pub catalog: &'a Catalog,
    pub lang: Lang,
    pub max_spread: u16,
    pub include_unsigned: bool,
    /// The day the report is made, as it is printed.
    pub made_on: &'a str,
}

/// The page's rules, the word before the page number put in by `write`: Chromium prints the
/// `@page` margin boxes, so every page says "Trang x/y" at its foot.
const STYLE: &str = "\
@page { size: A4; margin: 14mm 12mm 16mm;
  @bottom-center { content: \"PAGE \" counter(page) \"/\" counter(pages); font-size: 8pt; } }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2pt; } h2 { font-size: 12pt; margin: 0 0 3pt; }
h3 { font-size: 10pt; margin: 8pt 0 2pt; }
p { margin: 2pt 0; } ul { margin: 2pt 0; padding-left: 14pt; }
.product + .product, .tendency, .minutes { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 0.5pt solid #888; padding: 1.5pt 3pt; vertical-align: top; }
th { background: #eee; } thead { display: table-header-group; } tr { break-inside: avoid; }
.n { text-align: right; white-space: nowrap; } .code { white-space: nowrap; }
tr.differ td { background: #fdebc8; } tr.sum td { font-weight: bold; background: #f4f4f4; }
.note { font-size: 8pt; font-weight: normal; } .flag { font-weight: bold; color: #a00; }
.verdict { font-size: 11pt; font-weight: bold; }
.chart { display: block; max-width: 170mm; margin: 4pt 0; break-inside: avoid; }
.chart .bar { fill: #3b6ea8; } .chart .axis { stroke: #000; }
.chart .band { stroke: #999; stroke-dasharray: 4 3; } .chart .mean { stroke: #b03020; stroke-width: 2; }
.chart text { font-size: 10px; fill: #000; } .chart .mean-label { fill: #b03020; font-weight: bold; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 10pt 24pt; margin-top: 10pt; }
.signature { break-inside: avoid; } .signature .line { border-bottom: 0.5pt solid #000; height: 36pt; }
.contents + .product { break-before: page; } .contents a { color: #000; text-decoration: none; }
";

/// Writes the whole page.
pub fn write(page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let s = report_strings(page.lang);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n\
         <header><h1>{}</h1><p>{}</p></header>\n",
        s.lang,
        escape(s.title),
        STYLE.replace("PAGE", s.page),
        escape(s.title),
        escape(&(s.made_on)(page.made_on))
    );
    notices(page, s, &mut html);
    contents(page, s, &mut html);
    for (n, p) in page.council.products.iter().enumerate() {
        product::section(page, s, p, n, &mut html);
    }
    if !page.tendencies.is_empty() {
        tendency_section(page.tendencies, s, &mut html);
    }
    minutes(page, s, &mut html);
    html.push_str("</body>\n</html>\n");
    out.write_all(html.as_bytes())
}

/// With more than one product, the list of them first: code, name, set and the council's
/// stars, each a link to its section.
fn contents(page: &Page<'_>, s: &ReportStrings, html: &mut String) {
    let products = &page.council.products;
    if products.len() < 2 {
        return;
    }
    let _ = write!(
        html,
        "<section class=\"contents\"><h2>{}</h2><table><thead><tr><th>#</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(s.contents),
        escape(s.col_code),
        escape(s.col_product),
        escape(s.sets),
        escape(s.stars)
    );
    for (n, p) in products.iter().enumerate() {
        let stars = match p.eliminated {
            true => s.eliminated.to_string(),
            false => format!("{}★", p.stars),
        };
        let _ = write!(
            html,
            "<tr><td class=\"n\">{}</td><td class=\"code\"><a href=\"#product-{n}\">{}</a></td>\
             <td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            n + 1,
            escape(&p.product_code),
            escape(&p.product_name),
            product::set_titles(page, p),
            escape(&stars)
        );
    }
    html.push_str("</tbody></table></section>\n");
}

fn notices(page: &Page<'_>, s: &ReportStrings, html: &mut String) {
    let council = page.council;
    if council.no_roster {
        let _ = writeln!(
            html,
            "<p class=\"flag\">{}</p>",
            escape(&(s.no_roster)(page.include_unsigned))
        );
    }
    if council.products.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", escape(s.nothing));
    }
    list(
        html,
        s.unreadable,
        council.unreadable.iter().map(|u| escape(u.said(page.lang))),
    );
}

/// A heading and a list, or nothing when there is nothing to list.
fn list(html: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = write!(html, "<h3>{}</h3><ul>", escape(title));
    for item in items {
        let _ = write!(html, "<li>{item}</li>");
    }
    html.push_str("</ul>\n");
}

fn tendency_section(tendencies: &[Tendency], s: &ReportStrings, html: &mut String) {
    let _ = write!(
        html,
        "<section class=\"tendency\"><h2>{}</h2><p>{}</p><table><thead><tr><th>{}</th>\
         <th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(s.tendency),
        escape(s.tendency_about),
        escape(s.col_member),
        escape(s.col_products),
        escape(s.col_deviation)
    );
    for t in tendencies {
        let sign = if t.mean_deviation > 0.0 { "+" } else { "" };
        let _ = write!(
            html,
            "<tr class=\"member-tendency\"><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n deviation\">{sign}{}</td></tr>",
            escape(&t.assessor),
            t.products,
            decimal(t.mean_deviation, s.decimal_mark)
        );
    }
    html.push_str("</tbody></table></section>\n");
}

/// The minutes: every product's outcome, then a signature line per member.
fn minutes(page: &Page<'_>, s: &ReportStrings, html: &mut String) {
    let products = &page.council.products;
    let _ = write!(
        html,
        "<section class=\"minutes\"><h2>{}</h2><p>{}</p><table><thead><tr><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(s.minutes),
        escape(&(s.minutes_intro)(products.len(), page.made_on)),
        escape(s.col_code),
        escape(s.col_product),
        escape(s.col_mean),
        escape(s.stars),
        escape(s.col_spread)
    );
    for p in products {
        let flag = if p.flagged {
            format!(" <span class=\"flag\">⚠ {}</span>", escape(s.rescore))
        } else {
            String::new()
        };
        let _ = write!(
            html,
            "<tr><td class=\"code\">{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}★</td><td class=\"n\">{}{flag}</td></tr>",
            escape(&product::code_of(p, s)),
            escape(&p.product_name),
            decimal(p.mean_total, s.decimal_mark),
            p.stars_of_mean,
            p.spread
        );
    }
    let _ = write!(
        html,
        "</tbody></table><h3>{}</h3><div class=\"signatures\">",
        escape(s.signatures)
    );
    for (name, council) in members(page.council) {
        let _ = write!(
            html,
            "<div class=\"signature\"><p><b>{}</b><br>{}</p><div class=\"line\"></div>\
             <p class=\"note\">{}</p></div>",
            escape(&name),
            escape(&council),
            escape(s.sign_here)
        );
    }
    html.push_str("</div></section>\n");
}

/// Every member who counted on any product, once (as the council seats them: by principal),
/// named with the principal.
fn members(council: &Council) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
    for m in council.products.iter().flat_map(|p| &p.members) {
        seen.entry(m.key())
            .or_insert_with(|| (m.seat(), m.council.clone()));
    }
    seen.into_values().collect()
}

/// Text from outside, safe inside an element or a quoted attribute: hidden characters shown
/// as `<U+XXXX>` (as on the terminal), then `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(text: &str) -> String {
    let shown = safe::shown(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A mean as people write it: at most two decimals, none when whole, with the language's
/// decimal mark (`72,5` in Vietnamese, `72.5` in English).
pub fn decimal(x: f64, mark: char) -> String {
    let fixed = format!("{x:.2}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    trimmed.replace('.', &mark.to_string())
}

#[cfg(test)]
mod tests;
