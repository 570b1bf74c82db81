//! When a product's rating falls due (QĐ 26/2026, Điều 4 khoản 3 and Điều 7 khoản 6): a
//! certificate of 3★ or more is valid 36 months from the day it is issued, and the dossier for
//! the re-rating is filed no earlier than 180 and no later than 120 days before it expires.
//! Dates only; today is an argument.

use chrono::{Months, NaiveDate};

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

/// Where today falls, with the days to or since the date that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// The window opens in this many days.
    NotYet { opens_in: i64 },
    /// The window is open and closes in this many days (0: today is the last day).
    Open { closes_in: i64 },
    /// The window closed; the certificate still runs for this many days.
    Missed { expires_in: i64 },
    /// Expired this many days ago (0: expires today).
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
        } else if today < self.expires {
            DueState::Missed {
                expires_in: days(self.expires),
            }
        } else {
            DueState::Expired {
                since: -days(self.expires),
            }
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
        assert_eq!(at("2026-06-12"), DueState::Expired { since: 0 });
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
}
