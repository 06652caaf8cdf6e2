//! Working time: working hours, weekends, public holidays and make-up working days (调休).
//!
//! All arithmetic happens on local dates in the calendar's time zone, so results do not
//! depend on the machine's zone.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::time::local_to_utc;

/// The holidays and make-up working days of one year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearDays {
    /// Days off although they are weekdays.
    pub holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days.
    pub workdays: BTreeSet<NaiveDate>,
}

/// A working-time calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCalendar {
    /// Working periods of a working day, sorted, not overlapping.
    pub hours: Vec<(NaiveTime, NaiveTime)>,
    /// Which weekdays (Monday first) are working days unless a holiday.
    pub weekdays: [bool; 7],
    /// Per-year holiday data; a year missing here is unknown, not holiday-free.
    pub years: BTreeMap<i32, YearDays>,
    /// The zone the hours are in.
    pub tz: Tz,
}

/// How far ahead working-time arithmetic looks before giving up (a calendar with no
/// working time at all would otherwise loop forever).
const MAX_DAYS: i64 = 3 * 366;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl WorkCalendar {
    /// 08:30-12:00 and 13:00-17:30, Monday to Friday, with the given years' days.
    pub fn standard(tz: Tz, years: BTreeMap<i32, YearDays>) -> WorkCalendar {
        WorkCalendar {
            hours: vec![(hm(8, 30), hm(12, 0)), (hm(13, 0), hm(17, 30))],
            weekdays: [true, true, true, true, true, false, false],
            years,
            tz,
        }
    }

    /// Whether `d` is a working day: a make-up day, or a weekday that is not a holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        let year = self.years.get(&d.year());
        if year.is_some_and(|y| y.workdays.contains(&d)) {
            return true;
        }
        self.weekdays[d.weekday().num_days_from_monday() as usize]
            && !year.is_some_and(|y| y.holidays.contains(&d))
    }

    /// Whether the calendar has holiday data for `year`.
    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The years between two instants (local) that have no holiday data.
    pub fn unknown_years(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<i32> {
        let (a, b) = (self.local_date(from).year(), self.local_date(to).year());
        (a.min(b)..=a.max(b))
            .filter(|y| !self.knows_year(*y))
            .collect()
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// The working periods of local day `d` as instants (empty on a day off).
    fn periods(&self, d: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.is_working_day(d) {
            return Vec::new();
        }
        self.hours
            .iter()
            .filter_map(|(s, e)| {
                Some((
                    local_to_utc(d.and_time(*s), self.tz)?,
                    local_to_utc(d.and_time(*e), self.tz)?,
                ))
            })
            .collect()
    }

    /// The instant `secs` of working time after `start` (None if the calendar has no
    /// working time within three years).
    pub fn add(&self, start: DateTime<Utc>, secs: i64) -> Option<DateTime<Utc>> {
        if secs <= 0 {
            return Some(start);
        }
        let mut left = secs;
        let mut day = self.local_date(start);
        let full_day = self.working_day_s();
        for i in 0..MAX_DAYS {
            // Whole working days after the first are skipped without instant arithmetic.
            if i > 0 && left > full_day {
                if self.is_working_day(day) {
                    left -= full_day;
                }
                day = day.succ_opt()?;
                continue;
            }
            for (ps, pe) in self.periods(day) {
                let from = ps.max(start);
                if from >= pe {
                    continue;
                }
                let avail = (pe - from).num_seconds();
                if left <= avail {
                    return Some(from + Duration::seconds(left));
                }
                left -= avail;
            }
            day = day.succ_opt()?;
        }
        None
    }

    /// Working seconds in `[a, b)` (0 when b is not after a).
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        if b <= a {
            return 0;
        }
        let partial = |day: NaiveDate| -> i64 {
            self.periods(day)
                .into_iter()
                .map(|(ps, pe)| (pe.min(b) - ps.max(a)).num_seconds().max(0))
                .sum()
        };
        let (first, last) = (self.local_date(a), self.local_date(b));
        if first == last {
            return partial(first);
        }
        // The first and last days are partial; the days between count whole.
        let full_day = self.working_day_s();
        let mut total = partial(first) + partial(last);
        let mut day = first.succ_opt();
        while let Some(d) = day.filter(|d| *d < last) {
            if self.is_working_day(d) {
                total += full_day;
            }
            day = d.succ_opt();
        }
        total
    }

    /// Seconds of work in a full working day (8h by default).
    pub fn working_day_s(&self) -> i64 {
        self.hours
            .iter()
            .map(|(s, e)| (*e - *s).num_seconds().max(0))
            .sum()
    }

    /// Whether instant `t` lies inside working time, counting a period's end as inside
    /// (a step due at 12:00 is due at the end of the morning).
    pub fn in_working_time(&self, t: DateTime<Utc>) -> bool {
        self.periods(self.local_date(t))
            .iter()
            .any(|(s, e)| *s < t && t <= *e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{parse_time, DEFAULT_TZ};

    fn t(s: &str) -> DateTime<Utc> {
        parse_time(crate::field_id::FieldId::named("t"), s, DEFAULT_TZ).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> WorkCalendar {
        let mut y = YearDays::default();
        y.holidays.extend([
            d("2026-10-01"),
            d("2026-10-02"),
            d("2026-10-05"),
            d("2026-10-06"),
            d("2026-10-07"),
        ]);
        y.workdays.insert(d("2026-10-10"));
        WorkCalendar::standard(DEFAULT_TZ, [(2026, y)].into())
    }

    #[test]
    fn within_one_day_and_across_lunch() {
        let c = cal();
        assert_eq!(
            c.add(t("2026-11-02 09:00"), 2 * 3600),
            Some(t("2026-11-02 11:00"))
        );
        assert_eq!(
            c.add(t("2026-11-02 11:00"), 2 * 3600),
            Some(t("2026-11-02 14:00"))
        );
        assert_eq!(
            c.between(t("2026-11-02 11:00"), t("2026-11-02 14:00")),
            2 * 3600
        );
    }

    #[test]
    fn outside_hours_starts_at_the_next_opening() {
        let c = cal();
        // Friday evening -> Monday morning.
        assert_eq!(
            c.add(t("2026-11-06 19:00"), 3600),
            Some(t("2026-11-09 09:30"))
        );
        assert_eq!(
            c.add(t("2026-11-02 12:30"), 1800),
            Some(t("2026-11-02 13:30"))
        );
    }

    #[test]
    fn a_full_working_day_is_eight_hours() {
        let c = cal();
        assert_eq!(
            c.between(t("2026-11-02 00:00"), t("2026-11-03 00:00")),
            8 * 3600
        );
        assert_eq!(
            c.between(t("2026-11-07 00:00"), t("2026-11-09 00:00")),
            0,
            "weekend"
        );
    }

    #[test]
    fn holidays_and_make_up_days() {
        let c = cal();
        assert!(!c.is_working_day(d("2026-10-01")));
        assert!(c.is_working_day(d("2026-10-10")), "make-up Saturday");
        assert!(!c.is_working_day(d("2026-10-11")), "plain Sunday");
        // Wednesday 30 Sep 16:00 + 4h: 1.5h that day, then Oct 1, 2 off, 3-4 weekend,
        // 5-7 off, 8 (Thursday) counts.
        assert_eq!(
            c.add(t("2026-09-30 16:00"), 4 * 3600),
            Some(t("2026-10-08 11:00"))
        );
    }

    #[test]
    fn unknown_years_are_reported() {
        let c = cal();
        assert_eq!(
            c.unknown_years(t("2026-12-30 09:00"), t("2027-01-05 09:00")),
            vec![2027]
        );
        assert!(c
            .unknown_years(t("2026-01-30 09:00"), t("2026-02-05 09:00"))
            .is_empty());
    }

    #[test]
    fn a_calendar_without_working_time_gives_up() {
        let mut c = cal();
        c.weekdays = [false; 7];
        assert_eq!(c.add(t("2026-11-02 09:00"), 3600), None);
    }
}
