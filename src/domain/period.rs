//! Reporting periods: a month (`2026-10`), a quarter (`2026-Q3`) or a year (`2026`).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use std::fmt;

use crate::error::Error;
use crate::field_id::FieldId;

/// A calendar period in the configured time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar month.
    Month(i32, u32),
    /// A calendar quarter (1-4).
    Quarter(i32, u32),
    /// A calendar year.
    Year(i32),
}

impl Period {
    /// Parses `2026-10`, `2026-Q3` (or `2026q3`) or `2026`.
    pub fn parse(field: FieldId, s: &str) -> Result<Period, Error> {
        let bad = || Error::Invalid {
            field: field.clone(),
            value: s.to_string(),
            rule: "rule.period",
        };
        let t = s.trim();
        let year = |y: &str| -> Option<i32> {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse().ok())
                .flatten()
        };
        if let Some((y, rest)) = t.split_once('-') {
            let y = year(y).ok_or_else(bad)?;
            if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                let q: u32 = q.parse().map_err(|_| bad())?;
                return (1..=4)
                    .contains(&q)
                    .then_some(Period::Quarter(y, q))
                    .ok_or_else(bad);
            }
            let m: u32 = (rest.len() <= 2)
                .then(|| rest.parse().ok())
                .flatten()
                .ok_or_else(bad)?;
            return (1..=12)
                .contains(&m)
                .then_some(Period::Month(y, m))
                .ok_or_else(bad);
        }
        if let Some((y, q)) = t.split_once(['Q', 'q']) {
            let y = year(y).ok_or_else(bad)?;
            let q: u32 = q.parse().map_err(|_| bad())?;
            return (1..=4)
                .contains(&q)
                .then_some(Period::Quarter(y, q))
                .ok_or_else(bad);
        }
        year(t).map(Period::Year).ok_or_else(bad)
    }

    /// The month that contains `t` in `tz`.
    pub fn month_of(t: DateTime<Utc>, tz: Tz) -> Period {
        let d = t.with_timezone(&tz).date_naive();
        Period::Month(d.year(), d.month())
    }

    /// The quarter that contains `t` in `tz`.
    pub fn quarter_of(t: DateTime<Utc>, tz: Tz) -> Period {
        let d = t.with_timezone(&tz).date_naive();
        Period::Quarter(d.year(), (d.month() - 1) / 3 + 1)
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        let (y, m) = match self {
            Period::Month(y, m) => (y, m),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1),
            Period::Year(y) => (y, 1),
        };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The first day after the period.
    pub fn end_day(self) -> NaiveDate {
        self.next().first_day()
    }

    /// The period right after this one, of the same kind.
    pub fn next(self) -> Period {
        match self {
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Year(y) => Period::Year(y + 1),
        }
    }

    /// The period right before this one, of the same kind.
    pub fn prev(self) -> Period {
        match self {
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Year(y) => Period::Year(y - 1),
        }
    }

    /// The half-open instant range `[start, end)` in `tz`.
    pub fn range(self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        let at = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|n| super::time::local_to_utc(n, tz))
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
        };
        (at(self.first_day()), at(self.end_day()))
    }

    /// For a KPI measured per year: the year the period falls in.
    pub fn widen_to_year(self) -> Period {
        match self {
            Period::Month(y, _) | Period::Quarter(y, _) | Period::Year(y) => Period::Year(y),
        }
    }

    /// For a KPI measured per quarter: the quarter around a month, else the period itself.
    pub fn widen_to_quarter(self) -> Period {
        match self {
            Period::Month(y, m) => Period::Quarter(y, (m - 1) / 3 + 1),
            other => other,
        }
    }

    /// The months (`YYYY-MM`) the period covers.
    pub fn months(self) -> Vec<String> {
        let mut out = Vec::new();
        let mut d = self.first_day();
        let end = self.end_day();
        while d < end {
            out.push(format!("{:04}-{:02}", d.year(), d.month()));
            d = Period::Month(d.year(), d.month()).end_day();
        }
        out
    }

    /// Whether the local date `d` lies in the period.
    pub fn contains_date(self, d: NaiveDate) -> bool {
        self.first_day() <= d && d < self.end_day()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Year(y) => write!(f, "{y:04}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{parse_time, DEFAULT_TZ};

    #[test]
    fn parses_each_form() {
        assert_eq!(
            Period::parse(FieldId::named("p"), "2026-10").unwrap(),
            Period::Month(2026, 10)
        );
        assert_eq!(
            Period::parse(FieldId::named("p"), "2026-3").unwrap(),
            Period::Month(2026, 3)
        );
        assert_eq!(
            Period::parse(FieldId::named("p"), "2026-Q3").unwrap(),
            Period::Quarter(2026, 3)
        );
        assert_eq!(
            Period::parse(FieldId::named("p"), "2026q4").unwrap(),
            Period::Quarter(2026, 4)
        );
        assert_eq!(
            Period::parse(FieldId::named("p"), "2026").unwrap(),
            Period::Year(2026)
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "26", "2026-1-1", "abcd", "2026-Qx",
            "2026-100",
        ] {
            assert!(
                Period::parse(FieldId::flag("--period"), bad).is_err(),
                "{bad} accepted"
            );
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["2026-10", "2026-Q3", "2026"] {
            assert_eq!(
                Period::parse(FieldId::named("p"), s).unwrap().to_string(),
                s
            );
        }
    }

    #[test]
    fn ranges_are_local_midnights() {
        let (s, e) = Period::Month(2026, 10).range(DEFAULT_TZ);
        assert_eq!(
            s,
            parse_time(FieldId::named("t"), "2026-10-01 00:00", DEFAULT_TZ).unwrap()
        );
        assert_eq!(
            e,
            parse_time(FieldId::named("t"), "2026-11-01 00:00", DEFAULT_TZ).unwrap()
        );
        let (s, e) = Period::Quarter(2026, 4).range(DEFAULT_TZ);
        assert_eq!(
            s,
            parse_time(FieldId::named("t"), "2026-10-01", DEFAULT_TZ).unwrap()
        );
        assert_eq!(
            e,
            parse_time(FieldId::named("t"), "2027-01-01", DEFAULT_TZ).unwrap()
        );
    }

    #[test]
    fn neighbours_and_months() {
        assert_eq!(Period::Month(2026, 1).prev(), Period::Month(2025, 12));
        assert_eq!(Period::Quarter(2026, 4).next(), Period::Quarter(2027, 1));
        assert_eq!(
            Period::Quarter(2026, 3).months(),
            vec!["2026-07", "2026-08", "2026-09"]
        );
        assert_eq!(Period::Year(2026).months().len(), 12);
        assert_eq!(
            Period::Month(2026, 11).widen_to_quarter(),
            Period::Quarter(2026, 4)
        );
    }

    #[test]
    fn current_period_uses_local_date() {
        // 2026-09-30 17:00 UTC is already October 1st in Shanghai.
        let t = parse_time(FieldId::named("t"), "2026-09-30T17:00:00Z", DEFAULT_TZ).unwrap();
        assert_eq!(Period::month_of(t, DEFAULT_TZ), Period::Month(2026, 10));
        assert_eq!(Period::quarter_of(t, DEFAULT_TZ), Period::Quarter(2026, 4));
    }
}
