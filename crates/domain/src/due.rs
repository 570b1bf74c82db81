//! When a product's rating falls due (QĐ 26/2026, Điều 4 khoản 3 and Điều 7 khoản 6): a
//! certificate of 3★ or more is valid 36 months from the day it is issued, and the dossier for
//! the re-rating is filed no earlier than 180 and no later than 120 days before it expires.
//! Dates only; today is an argument.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Months, NaiveDate};

/// Months a rating is valid (`rerate_months` changes it for a province's own rule).
pub const RERATE_MONTHS: u32 = 36;
/// The dossier window opens this many days before the expiry…
pub const WINDOW_OPENS_DAYS: u64 = 180;
/// …and closes this many days before it.
pub const WINDOW_CLOSES_DAYS: u64 = 120;
/// The list's "due" filter: a window open, or opening within this many days.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a product's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A certificate recorded by the province (`ocop certify`).
    Certificate,
    /// No certificate: the latest finished evaluation, an estimate.
    Estimated,
}

/// A product's rating in time: rated on, expires on, and the dossier window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub rated_on: NaiveDate,
    pub basis: Basis,
    pub expires: NaiveDate,
    pub window_opens: NaiveDate,
    pub window_closes: NaiveDate,
}

/// An evaluation round of the province (Điều 5): the commune forwards the dossiers it has by
/// `forward_by`, and the province evaluates them by `evaluated_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub number: u8,
    pub forward_by: NaiveDate,
    pub evaluated_by: NaiveDate,
}

/// The decision's two rounds a year: dossiers forwarded by 30 April are evaluated by 30 June,
/// those forwarded by 30 October by 30 December.
const DECISION_ROUNDS: [RoundDay; 2] = [
    RoundDay {
        forward_by: (4, 30),
        evaluated_by: (6, 30),
    },
    RoundDay {
        forward_by: (10, 30),
        evaluated_by: (12, 30),
    },
];

/// A day of the year, as the decision names it: (month, day).
pub type MonthDay = (u32, u32);

/// One round of every year: the commune's deadline and the province's. A config file's
/// `[[round]]` reads as one, its days written as the decision writes them: "31/7", "15/09".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDay {
    #[serde(deserialize_with = "day_month")]
    pub forward_by: MonthDay,
    #[serde(deserialize_with = "day_month")]
    pub evaluated_by: MonthDay,
}

/// "30/4" or "30/04": a day of every year, 29/2 included.
fn day_month<'de, D: serde::Deserializer<'de>>(d: D) -> Result<MonthDay, D::Error> {
    use serde::Deserialize;
    let text = String::deserialize(d)?;
    let parsed = text.trim().split_once('/').and_then(|(day, month)| {
        let (day, month) = (day.parse::<u32>().ok()?, month.parse::<u32>().ok()?);
        NaiveDate::from_ymd_opt(2024, month, day).map(|_| (month, day))
    });
    parsed.ok_or_else(|| {
        serde::de::Error::custom(format!("\"{text}\": ngày/tháng như \"30/4\" (day/month)"))
    })
}

/// A province's rounds in a year: the decision's two and any it adds, numbered in the order of
/// their deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounds(Vec<RoundDay>);

impl Default for Rounds {
    fn default() -> Rounds {
        Rounds(DECISION_ROUNDS.to_vec())
    }
}

impl Rounds {
    /// The decision's rounds with `extra` added (a round already there is not added twice).
    pub fn with_extra(extra: &[RoundDay]) -> Rounds {
        let mut all = DECISION_ROUNDS.to_vec();
        all.extend_from_slice(extra);
        all.sort();
        all.dedup();
        Rounds(all)
    }

    /// Every round of a year, in the order of their deadlines.
    pub fn days(&self) -> &[RoundDay] {
        &self.0
    }

    /// The first round whose forwarding deadline falls on or after `from`.
    pub fn after(&self, from: NaiveDate) -> Option<Round> {
        use chrono::Datelike;
        (from.year()..=from.year() + 1)
            .flat_map(|year| {
                self.0.iter().zip(1u8..).filter_map(move |(r, number)| {
                    Some(Round {
                        number,
                        forward_by: day_in(year, r.forward_by)?,
                        evaluated_by: day_in(year, r.evaluated_by)?,
                    })
                })
            })
            .find(|r| r.forward_by >= from)
    }
}

/// The day in `year`; 29 February in a common year is the 28th.
fn day_in(year: i32, (month, day): MonthDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
}

/// The first of the decision's rounds whose forwarding deadline falls on or after `from`.
pub fn round_after(from: NaiveDate) -> Option<Round> {
    Rounds::default().after(from)
}

/// Where today falls, with the days to or since the date that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// The window opens in this many days.
    NotYet { opens_in: i64 },
    /// The window is open and closes in this many days (0: today is the last day).
    Open { closes_in: i64 },
    /// The window closed; the certificate still runs for this many days (0: today is its last
    /// day: a period ends at the end of its last day, Bộ luật Dân sự 2015, Điều 147–148).
    Missed { expires_in: i64 },
    /// Expired this many days ago (1: yesterday was its last day).
    Expired { since: i64 },
}

impl Due {
    /// `None` only for a date so late that adding the months overflows the calendar.
    pub fn new(rated_on: NaiveDate, basis: Basis, months: u32) -> Option<Due> {
        let expires = rated_on.checked_add_months(Months::new(months))?;
        Some(Due {
            rated_on,
            basis,
            expires,
            window_opens: expires.checked_sub_days(chrono::Days::new(WINDOW_OPENS_DAYS))?,
            window_closes: expires.checked_sub_days(chrono::Days::new(WINDOW_CLOSES_DAYS))?,
        })
    }

    pub fn state(&self, today: NaiveDate) -> DueState {
        let days = |d: NaiveDate| (d - today).num_days();
        if today < self.window_opens {
            DueState::NotYet {
                opens_in: days(self.window_opens),
            }
        } else if today <= self.window_closes {
            DueState::Open {
                closes_in: days(self.window_closes),
            }
        } else if today <= self.expires {
            DueState::Missed {
                expires_in: days(self.expires),
            }
        } else {
            DueState::Expired {
                since: -days(self.expires),
            }
        }
    }

    /// The round the re-rating dossier must reach: the first whose commune deadline falls on
    /// or after the window opens (a window of 4 July – 2 September: round 2, forwarded by
    /// 30 October). None once the window has closed.
    pub fn round(&self, today: NaiveDate, rounds: &Rounds) -> Option<Round> {
        match self.state(today) {
            DueState::NotYet { .. } | DueState::Open { .. } => rounds.after(self.window_opens),
            DueState::Missed { .. } | DueState::Expired { .. } => None,
        }
    }

    /// Whether the list's "due" filter keeps it: its window open, or opening within `days`.
    pub fn soon(&self, today: NaiveDate, days: i64) -> bool {
        match self.state(today) {
            DueState::Open { .. } => true,
            DueState::NotYet { opens_in } => opens_in <= days,
            DueState::Missed { .. } | DueState::Expired { .. } => false,
        }
    }
}

/// One finished evaluation of a product, as far as its due date needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub product_code: String,
    pub product_name: String,
    pub stars: u8,
    pub eliminated: bool,
    pub on: NaiveDate,
    /// When it was finished: of two evaluations on one day, the later one is the product's
    /// rating that day.
    pub finished_at: Option<DateTime<FixedOffset>>,
}

impl Evaluation {
    /// The order that decides which evaluation is a product's latest: the day, then when it
    /// was finished, then its content, so that the order files are read in never matters.
    fn order(&self) -> impl Ord + '_ {
        (
            self.on,
            self.finished_at,
            self.stars,
            self.eliminated,
            &self.product_name,
        )
    }
}

/// An evaluation after the latest certificate: a re-rating that awaits its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rerated {
    pub on: NaiveDate,
    pub stars: u8,
    pub eliminated: bool,
}

/// A certificate as the province recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub product_code: String,
    pub stars: u8,
    pub on: NaiveDate,
}

/// A product's rating and when it falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDue {
    pub product_code: String,
    pub product_name: String,
    pub stars: u8,
    pub due: Due,
    /// An evaluation after the certificate, awaiting its own.
    pub rerated: Option<Rerated>,
}

/// Per product code, its latest certificate, with any evaluation after it as a re-rating
/// awaiting its certificate; without one, its latest evaluation when that rated it 3★ or more
/// (an estimate: the certificate is issued some weeks later). The latest is decided by date,
/// then by when it was finished, never by the order given. Sorted by when the dossier window
/// closes. Evaluations without a product code are left out.
pub fn products(evaluations: &[Evaluation], issued: &[Issued], months: u32) -> Vec<ProductDue> {
    let mut latest: BTreeMap<&str, &Evaluation> = BTreeMap::new();
    for e in evaluations
        .iter()
        .filter(|e| !e.product_code.trim().is_empty())
    {
        let slot = latest.entry(&e.product_code).or_insert(e);
        if e.order() > slot.order() {
            *slot = e;
        }
    }
    let mut certified: BTreeMap<&str, &Issued> = BTreeMap::new();
    for c in issued {
        let slot = certified.entry(&c.product_code).or_insert(c);
        if (c.on, c.stars) > (slot.on, slot.stars) {
            *slot = c;
        }
    }
    let codes: std::collections::BTreeSet<&str> =
        latest.keys().chain(certified.keys()).copied().collect();
    let mut out: Vec<ProductDue> = codes
        .into_iter()
        .filter_map(|code| {
            let e = latest.get(code).copied();
            match certified.get(code) {
                Some(c) => of_certificate(c, e, months),
                None => e.and_then(|e| estimated(e, months)),
            }
        })
        .collect();
    out.sort_by_key(|p| (p.due.window_closes, p.product_code.clone()));
    out
}

fn of_certificate(c: &Issued, e: Option<&Evaluation>, months: u32) -> Option<ProductDue> {
    let rerated = e.filter(|e| e.on > c.on).map(|e| Rerated {
        on: e.on,
        stars: e.stars,
        eliminated: e.eliminated,
    });
    Some(ProductDue {
        product_code: c.product_code.clone(),
        product_name: e.map_or(String::new(), |e| e.product_name.clone()),
        stars: c.stars,
        due: Due::new(c.on, Basis::Certificate, months)?,
        rerated,
    })
}

fn estimated(e: &Evaluation, months: u32) -> Option<ProductDue> {
    if e.eliminated || e.stars < 3 {
        return None;
    }
    Some(ProductDue {
        product_code: e.product_code.clone(),
        product_name: e.product_name.clone(),
        stars: e.stars,
        due: Due::new(e.on, Basis::Estimated, months)?,
        rerated: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn due(s: &str) -> Due {
        Due::new(d(s), Basis::Certificate, RERATE_MONTHS).expect("in range")
    }

    #[test]
    fn valid_36_months_with_the_window_180_to_120_days_before() {
        let due = due("2023-06-12");
        assert_eq!(due.expires, d("2026-06-12"));
        assert_eq!(due.window_opens, d("2025-12-14"));
        assert_eq!(due.window_closes, d("2026-02-12"));
    }

    #[test]
    fn a_month_end_stays_a_month_end() {
        assert_eq!(due("2024-02-29").expires, d("2027-02-28"));
    }

    #[test]
    fn each_state_at_its_edges() {
        let due = due("2023-06-12");
        let at = |s: &str| due.state(d(s));
        assert_eq!(at("2025-12-13"), DueState::NotYet { opens_in: 1 });
        assert_eq!(at("2025-12-14"), DueState::Open { closes_in: 60 });
        assert_eq!(at("2026-02-12"), DueState::Open { closes_in: 0 });
        assert_eq!(at("2026-02-13"), DueState::Missed { expires_in: 119 });
        assert_eq!(at("2026-06-11"), DueState::Missed { expires_in: 1 });
        // Valid through the end of its last day; expired the day after.
        assert_eq!(at("2026-06-12"), DueState::Missed { expires_in: 0 });
        assert_eq!(at("2026-06-13"), DueState::Expired { since: 1 });
        assert_eq!(at("2026-07-12"), DueState::Expired { since: 30 });
    }

    #[test]
    fn due_soon_is_an_open_window_or_one_opening_within_the_days() {
        let due = due("2023-06-12");
        assert!(!due.soon(d("2025-11-13"), DUE_SOON_DAYS));
        assert!(due.soon(d("2025-11-14"), DUE_SOON_DAYS));
        assert!(due.soon(d("2026-02-12"), DUE_SOON_DAYS));
        assert!(!due.soon(d("2026-02-13"), DUE_SOON_DAYS));
    }

    #[test]
    fn a_date_at_the_calendars_end_is_refused_not_a_panic() {
        assert!(Due::new(NaiveDate::MAX, Basis::Estimated, RERATE_MONTHS).is_none());
    }

    fn evaluation(code: &str, on: &str, stars: u8) -> Evaluation {
        Evaluation {
            product_code: code.into(),
            product_name: format!("Sản phẩm {code}"),
            stars,
            eliminated: false,
            on: d(on),
            finished_at: None,
        }
    }

    #[test]
    fn a_certificate_wins_over_evaluations_and_the_latest_of_each_counts() {
        let evaluations = [
            evaluation("25-7912-01-2023", "2023-05-01", 4),
            evaluation("25-7912-01-2023", "2023-06-01", 3),
            evaluation("25-7912-02-2023", "2024-01-10", 4),
            evaluation("25-7912-03-2023", "2024-02-10", 2),
            evaluation("", "2024-02-10", 5),
        ];
        let issued = [Issued {
            product_code: "25-7912-02-2023".into(),
            stars: 4,
            on: d("2024-03-01"),
        }];
        let list = products(&evaluations, &issued, RERATE_MONTHS);
        let got: Vec<(&str, u8, Basis, NaiveDate)> = list
            .iter()
            .map(|p| {
                (
                    p.product_code.as_str(),
                    p.stars,
                    p.due.basis,
                    p.due.rated_on,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("25-7912-01-2023", 3, Basis::Estimated, d("2023-06-01")),
                ("25-7912-02-2023", 4, Basis::Certificate, d("2024-03-01")),
            ],
            "below 3★ and without a code are left out; sorted by the window's close"
        );
        assert_eq!(list[1].product_name, "Sản phẩm 25-7912-02-2023");
    }

    #[test]
    fn a_later_evaluation_below_3_stars_takes_the_product_off_the_estimate() {
        let evaluations = [
            evaluation("25-7912-01-2023", "2024-05-01", 2),
            evaluation("25-7912-01-2023", "2023-05-01", 4),
        ];
        assert!(products(&evaluations, &[], RERATE_MONTHS).is_empty());
    }

    fn at(e: Evaluation, time: &str) -> Evaluation {
        Evaluation {
            finished_at: Some(DateTime::parse_from_rfc3339(time).expect("time")),
            ..e
        }
    }

    #[test]
    fn two_evaluations_of_one_day_give_the_same_answer_in_any_order() {
        let code = "33-12514-24-2024";
        let morning = at(
            evaluation(code, "2024-06-03", 3),
            "2024-06-03T09:00:00+07:00",
        );
        let afternoon = at(
            evaluation(code, "2024-06-03", 2),
            "2024-06-03T15:00:00+07:00",
        );
        let one = products(&[morning.clone(), afternoon.clone()], &[], RERATE_MONTHS);
        let other = products(&[afternoon, morning], &[], RERATE_MONTHS);
        assert_eq!(one, other);
        assert!(
            one.is_empty(),
            "the later one, 2★, is the product's rating that day"
        );
        // Equal in time too: still one answer, whatever the order.
        let a = evaluation(code, "2024-06-03", 3);
        let b = evaluation(code, "2024-06-03", 2);
        assert_eq!(
            products(&[a.clone(), b.clone()], &[], RERATE_MONTHS),
            products(&[b, a], &[], RERATE_MONTHS)
        );
    }

    #[test]
    fn an_evaluation_after_the_certificate_is_a_re_rating_awaiting_its_own() {
        let code = "25-7912-01-2023";
        let issued = [Issued {
            product_code: code.into(),
            stars: 3,
            on: d("2023-05-10"),
        }];
        let evaluations = [evaluation(code, "2026-06-01", 4)];
        let list = products(&evaluations, &issued, RERATE_MONTHS);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].due.basis, Basis::Certificate);
        assert_eq!(
            list[0].rerated,
            Some(Rerated {
                on: d("2026-06-01"),
                stars: 4,
                eliminated: false
            })
        );
        // An evaluation before the certificate is what the certificate recognised.
        let before = [evaluation(code, "2023-04-20", 3)];
        assert_eq!(products(&before, &issued, RERATE_MONTHS)[0].rerated, None);
    }

    #[test]
    fn the_round_is_the_first_whose_commune_deadline_follows_the_window_opening() {
        let round = |s: &str| round_after(d(s)).expect("a round");
        // A window of 4 July – 2 September: round 2, forwarded by 30 October.
        let r = round("2026-07-04");
        assert_eq!(
            (r.number, r.forward_by, r.evaluated_by),
            (2, d("2026-10-30"), d("2026-12-30"))
        );
        assert_eq!(round("2026-04-30").number, 1, "the deadline day itself");
        assert_eq!(round("2026-05-01").forward_by, d("2026-10-30"));
        assert_eq!(round("2026-11-15").forward_by, d("2027-04-30"));
        // Through a due date: only while the window has not closed.
        let due = due("2023-09-01");
        assert_eq!(due.window_opens, d("2026-03-05"));
        let rounds = Rounds::default();
        assert_eq!(
            due.round(d("2026-01-10"), &rounds).map(|r| r.number),
            Some(1)
        );
        assert_eq!(
            due.round(d("2026-09-01"), &rounds),
            None,
            "the window closed"
        );
    }

    #[test]
    fn a_province_round_is_numbered_among_the_decisions_by_its_deadline() {
        // A province adds a round in summer: forwarded by 31 July, evaluated by 15 September.
        let summer = RoundDay {
            forward_by: (7, 31),
            evaluated_by: (9, 15),
        };
        let rounds = Rounds::with_extra(&[summer, summer]);
        let r = rounds.after(d("2026-07-04")).expect("a round");
        assert_eq!(
            (r.number, r.forward_by, r.evaluated_by),
            (2, d("2026-07-31"), d("2026-09-15"))
        );
        let autumn = rounds.after(d("2026-08-01")).expect("a round");
        assert_eq!((autumn.number, autumn.forward_by), (3, d("2026-10-30")));
        // 29 February in a common year is the 28th.
        let leap = Rounds::with_extra(&[RoundDay {
            forward_by: (2, 29),
            evaluated_by: (3, 31),
        }]);
        assert_eq!(
            leap.after(d("2027-01-01")).expect("a round").forward_by,
            d("2027-02-28")
        );
    }
}
