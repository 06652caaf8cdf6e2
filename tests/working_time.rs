//! Working-time arithmetic on China's calendar (2025-2026 holidays and make-up days):
//! properties checked on random instants, and cases worked out by hand.
//!
//! Working hours are 08:30-12:00 and 13:00-17:30 (8h a day), Monday to Friday, minus
//! public holidays, plus the make-up working days (调休) on weekends. The holiday lists
//! below are copied from the State Council notices, independently of calendars/china.toml,
//! and serve as the oracle for which days are working days.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use kefu::domain::calendar::WorkCalendar;
use proptest::prelude::*;
use proptest::test_runner::Config;

const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

/// Public holidays (inclusive ranges), State Council notices for 2025 and 2026.
const HOLIDAYS: &[(&str, &str)] = &[
    ("2025-01-01", "2025-01-01"),
    ("2025-01-28", "2025-02-04"),
    ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"),
    ("2025-05-31", "2025-06-02"),
    ("2025-10-01", "2025-10-08"),
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
];

/// Make-up working days on weekends.
const MAKE_UP: &[&str] = &[
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A local wall-clock time in `tz` as an instant.
fn at_in(tz: Tz, s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .unwrap_or_else(|e| panic!("{s}: {e}"));
    tz.from_local_datetime(&naive).unwrap().with_timezone(&Utc)
}

/// A Shanghai wall-clock time as an instant.
fn t(s: &str) -> DateTime<Utc> {
    at_in(SHANGHAI, s)
}

fn hours(h: i64) -> i64 {
    h * 3600
}

/// China's calendar in Shanghai (built once).
fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| china(SHANGHAI))
}

/// The same calendar with its hours in UTC (built once).
fn utc_cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| china(chrono_tz::UTC))
}

fn china(tz: Tz) -> WorkCalendar {
    kefu::config::holidays::china(tz, Default::default())
}

/// The oracle: is `day` a working day? Years without data count weekdays only.
fn oracle_working(day: NaiveDate) -> bool {
    if MAKE_UP.iter().any(|m| d(m) == day) {
        return true;
    }
    let holiday = HOLIDAYS.iter().any(|(a, b)| d(a) <= day && day <= d(b));
    day.weekday().num_days_from_monday() < 5 && !holiday
}

/// Whether a local time of day lies in a working period, the period's end counting as in.
fn in_hours(time: NaiveTime) -> bool {
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    (hm(8, 30) < time && time <= hm(12, 0)) || (hm(13, 0) < time && time <= hm(17, 30))
}

/// Seconds since the epoch of 2025-01-01 00:00 and 2026-12-20 00:00 in Shanghai.
fn range_s() -> (i64, i64) {
    (
        t("2025-01-01 00:00").timestamp(),
        t("2026-12-20 00:00").timestamp(),
    )
}

/// Any instant in the range: to the second, or on (or a second off) a boundary of the
/// working day, where off-by-one mistakes live.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (lo, hi) = range_s();
    let any = (lo..hi).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap());
    let days = (hi - lo) / 86_400;
    let edges = [(0, 0), (8, 30), (12, 0), (13, 0), (17, 30), (23, 59)];
    let edge = (0..days, 0..edges.len(), -1i64..=1).prop_map(move |(day, i, off)| {
        let (h, m) = edges[i];
        DateTime::from_timestamp(lo + day * 86_400 + h * 3600 + m * 60 + off, 0).unwrap()
    });
    prop_oneof![3 => any, 1 => edge]
}

/// 0 to 200 working hours, in minutes.
fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => (0i64..=12_000).prop_map(|m| m * 60),
        1 => (0i64..=25).prop_map(|days| days * 8 * 3600),
    ]
}

fn config() -> Config {
    Config {
        cases: 256,
        // Failures are reported in the test output; no regression files next to the tests.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The working time between a start and its due time is exactly the amount added.
    #[test]
    fn between_undoes_add(start in instant(), secs in amount()) {
        let c = cal();
        let due = c.add(start, secs).expect("a due time");
        prop_assert!(due >= start);
        prop_assert_eq!(c.between(start, due), secs);
        // ...and the due time is the earliest such instant.
        if secs > 0 {
            prop_assert_eq!(c.between(start, due - Duration::seconds(1)), secs - 1);
        } else {
            prop_assert_eq!(due, start);
        }
    }

    /// A due time (of a positive amount) is inside working hours on a working day.
    #[test]
    fn due_times_fall_in_working_time(start in instant(), secs in amount()) {
        prop_assume!(secs > 0);
        let c = cal();
        let due = c.add(start, secs).unwrap();
        let local = due.with_timezone(&SHANGHAI);
        prop_assert!(c.in_working_time(due), "{local}");
        prop_assert!(c.is_working_day(local.date_naive()), "{local}");
        prop_assert!(oracle_working(local.date_naive()), "{local} is not a working day");
        prop_assert!(in_hours(local.time()), "{local} is outside working hours");
    }

    /// More working time is never due earlier; adding in two parts is adding at once.
    #[test]
    fn add_is_monotonic_and_composes(start in instant(), a in amount(), b in amount()) {
        let c = cal();
        let (lo, hi) = (a.min(b), a.max(b));
        let (due_lo, due_hi) = (c.add(start, lo).unwrap(), c.add(start, hi).unwrap());
        prop_assert!(due_lo <= due_hi);
        prop_assert_eq!(c.add(due_lo, hi - lo).unwrap(), due_hi);
    }

    /// Working time over consecutive spans adds up, and never exceeds the wall-clock time.
    #[test]
    fn between_is_additive(x in instant(), y in instant(), z in instant()) {
        let c = cal();
        let mut v = [x, y, z];
        v.sort();
        let [a, b, e] = v;
        prop_assert_eq!(c.between(a, b) + c.between(b, e), c.between(a, e));
        prop_assert!(c.between(a, e) <= (e - a).num_seconds());
        prop_assert_eq!(c.between(e, a), 0, "backwards is nothing");
        prop_assert!(c.between(a, e) >= 0);
    }

    /// The same wall-clock start gives the same wall-clock due time in any zone: the
    /// calendar uses its own zone only, never the machine's. Shanghai is UTC+8 all year,
    /// so the instants differ by exactly eight hours.
    #[test]
    fn results_follow_the_calendars_zone(start in instant(), secs in amount()) {
        let utc = utc_cal();
        let wall = start.with_timezone(&SHANGHAI).naive_local();
        let start_utc = wall.and_utc();
        prop_assert_eq!(start_utc - start, Duration::hours(8));
        let due_sh = cal().add(start, secs).unwrap();
        let due_utc = utc.add(start_utc, secs).unwrap();
        prop_assert_eq!(due_utc - due_sh, Duration::hours(8));
        prop_assert_eq!(
            due_sh.with_timezone(&SHANGHAI).naive_local(),
            due_utc.naive_utc()
        );
        prop_assert_eq!(utc.between(start_utc, due_utc), secs);
    }
}

// ---------------------------------------------------------------------------------------
// Which days work

#[test]
fn every_day_of_2025_and_2026_matches_the_state_council_lists() {
    let c = cal();
    let mut day = d("2025-01-01");
    while day <= d("2026-12-31") {
        assert_eq!(c.is_working_day(day), oracle_working(day), "{day}");
        // A whole day holds 8 working hours or none.
        let (from, to) = (
            t(&format!("{day} 00:00")),
            t(&format!("{} 00:00", day.succ_opt().unwrap())),
        );
        let expected = if oracle_working(day) { hours(8) } else { 0 };
        assert_eq!(c.between(from, to), expected, "{day}");
        day = day.succ_opt().unwrap();
    }
    assert_eq!(c.working_day_s(), hours(8));
}

#[test]
fn both_years_have_248_working_days() {
    // 2025: 261 weekdays - 18 holidays on weekdays + 5 make-up days.
    // 2026: 261 weekdays - 19 holidays on weekdays + 6 make-up days.
    let c = cal();
    for year in [2025, 2026] {
        let from = t(&format!("{year}-01-01 00:00"));
        let to = t(&format!("{}-01-01 00:00", year + 1));
        assert_eq!(c.between(from, to), 248 * hours(8), "{year}");
    }
}

#[test]
fn make_up_saturdays_work_and_the_long_holidays_do_not() {
    let c = cal();
    for day in [
        "2026-02-14",
        "2026-02-28",
        "2026-10-10",
        "2025-01-26",
        "2025-02-08",
    ] {
        let day = d(day);
        assert!(c.is_working_day(day), "{day} is a make-up day");
        assert!(
            day.weekday().num_days_from_monday() >= 5,
            "{day} is a weekend day"
        );
    }
    for (a, b) in [
        ("2026-02-15", "2026-02-23"),
        ("2026-10-01", "2026-10-07"),
        ("2025-01-28", "2025-02-04"),
    ] {
        let mut day = d(a);
        while day <= d(b) {
            assert!(!c.is_working_day(day), "{day} is a holiday");
            day = day.succ_opt().unwrap();
        }
    }
    // Ordinary weekends around them stay off.
    for day in ["2026-02-07", "2026-02-08", "2026-10-11", "2026-10-17"] {
        assert!(!c.is_working_day(d(day)), "{day}");
    }
    // A year without data: weekdays only.
    assert!(!c.knows_year(2027));
    assert!(c.is_working_day(d("2027-01-01")), "a Friday, no data");
    assert!(!c.is_working_day(d("2027-01-02")), "a Saturday");
}

// ---------------------------------------------------------------------------------------
// Cases worked out by hand

/// Asserts `start + h hours = due` (all Shanghai wall-clock) and the way back.
fn check(start: &str, secs: i64, due: &str) {
    let c = cal();
    assert_eq!(
        c.add(t(start), secs)
            .map(|x| x.with_timezone(&SHANGHAI).naive_local()),
        Some(t(due).with_timezone(&SHANGHAI).naive_local()),
        "{start} + {secs}s"
    );
    assert_eq!(c.between(t(start), t(due)), secs, "{start} .. {due}");
}

#[test]
fn national_day_2026() {
    // Wed 30 Sep 16:00 + 4h: 16:00-17:30 is 1.5h; 1-7 Oct off; Thu 8 Oct 08:30 + 2.5h.
    check("2026-09-30 16:00", hours(4), "2026-10-08 11:00");
    // Fri 9 Oct 17:00 + 1h: 0.5h; Sat 10 Oct is a make-up day: 08:30 + 0.5h.
    check("2026-10-09 17:00", hours(1), "2026-10-10 09:00");
    // Sat 10 Oct 17:00 + 1h: 0.5h; Sunday off; Mon 12 Oct 08:30 + 0.5h.
    check("2026-10-10 17:00", hours(1), "2026-10-12 09:00");
    // Mid-Autumn (Fri 25 - Sun 27 Sep) with the make-up Sunday 20 Sep:
    // Fri 18 Sep 17:00 + 1h -> Sun 20 Sep 09:00; Thu 24 Sep 17:00 + 1h -> Mon 28 Sep 09:00.
    check("2026-09-18 17:00", hours(1), "2026-09-20 09:00");
    check("2026-09-24 17:00", hours(1), "2026-09-28 09:00");
}

#[test]
fn spring_festival_2026() {
    // Fri 13 Feb 17:00 + 8h: 0.5h; make-up Sat 14 Feb: 08:30-12:00 3.5h, 13:00 + 4h.
    check("2026-02-13 17:00", hours(8), "2026-02-14 17:00");
    // Sat 14 Feb 17:00 + 1h: 0.5h; 15-23 Feb off; Tue 24 Feb 08:30 + 0.5h.
    check("2026-02-14 17:00", hours(1), "2026-02-24 09:00");
    // The whole festival fortnight holds Fri 13 Feb, Sat 14 Feb and Tue 24 - Fri 27 Feb.
    assert_eq!(
        cal().between(t("2026-02-13 00:00"), t("2026-02-28 00:00")),
        6 * hours(8)
    );
    // ...and Sat 28 Feb is the second make-up day: Fri 27 Feb 17:30 + 1h -> 09:30.
    check("2026-02-27 17:30", hours(1), "2026-02-28 09:30");
}

#[test]
fn spring_festival_2025() {
    // 28 Jan - 4 Feb off, make-up Sun 26 Jan and Sat 8 Feb.
    // Fri 24 Jan 17:00 + 2h: 0.5h; Sat 25 off; Sun 26 08:30 + 1.5h.
    check("2025-01-24 17:00", hours(2), "2025-01-26 10:00");
    // Sun 26 Jan 17:00 + 8h: 0.5h; Mon 27 Jan 7.5h: 3.5h to noon, 13:00 + 4h.
    check("2025-01-26 17:00", hours(8), "2025-01-27 17:00");
    // Mon 27 Jan 17:00 + 1h: 0.5h; the festival; Wed 5 Feb 08:30 + 0.5h.
    check("2025-01-27 17:00", hours(1), "2025-02-05 09:00");
    // Fri 7 Feb 17:30 + 1h: the make-up Saturday 8 Feb, 08:30 + 1h.
    check("2025-02-07 17:30", hours(1), "2025-02-08 09:30");
}

#[test]
fn other_holidays_and_the_turn_of_the_year() {
    // National Day 2025 (1-8 Oct): Tue 30 Sep 17:00 + 1h -> Thu 9 Oct 09:00.
    check("2025-09-30 17:00", hours(1), "2025-10-09 09:00");
    // New Year 2026 (1-3 Jan) with the make-up Sunday 4 Jan: Wed 31 Dec 17:00 + 1h.
    check("2025-12-31 17:00", hours(1), "2026-01-04 09:00");
    // Labour Day 2026 (1-5 May), make-up Sat 9 May: Thu 30 Apr 17:00 + 1h -> Wed 6 May.
    check("2026-04-30 17:00", hours(1), "2026-05-06 09:00");
    check("2026-05-08 17:00", hours(1), "2026-05-09 09:00");
}

#[test]
fn within_a_day_lunch_and_the_ends_of_periods() {
    // Monday 23 Nov 2026.
    check("2026-11-23 11:00", hours(2), "2026-11-23 14:00");
    // Exactly to the end of the morning: due at 12:00, not after lunch.
    check("2026-11-23 08:30", 3 * 3600 + 1800, "2026-11-23 12:00");
    check("2026-11-23 08:30", hours(8), "2026-11-23 17:30");
    // One second more goes on after lunch / the next morning.
    check("2026-11-23 08:30", 3 * 3600 + 1801, "2026-11-23 13:00:01");
    check("2026-11-23 08:30", hours(8) + 1, "2026-11-24 08:30:01");
    // Starting outside hours starts at the next opening.
    check("2026-11-23 06:00", 60, "2026-11-23 08:31");
    check("2026-11-23 12:30", 60, "2026-11-23 13:01");
    check("2026-11-23 19:00", 60, "2026-11-24 08:31");
    // Nothing to add: the start itself, even outside hours.
    let c = cal();
    assert_eq!(c.add(t("2026-11-22 03:00"), 0), Some(t("2026-11-22 03:00")));
    // A period's end is inside working time, its start is not.
    assert!(c.in_working_time(t("2026-11-23 12:00")));
    assert!(c.in_working_time(t("2026-11-23 17:30")));
    assert!(!c.in_working_time(t("2026-11-23 08:30")));
    assert!(!c.in_working_time(t("2026-11-23 13:00")));
    assert!(!c.in_working_time(t("2026-11-23 12:30")));
    assert!(!c.in_working_time(t("2026-11-22 10:00")), "Sunday");
    assert!(c.in_working_time(t("2026-10-10 10:00")), "make-up Saturday");
    assert_eq!(c.between(t("2026-11-23 12:00"), t("2026-11-23 13:00")), 0);
}

#[test]
fn the_same_wall_clock_in_another_zone_is_eight_hours_later() {
    // 09:00 in Shanghai is 01:00Z; 09:00 on a UTC calendar is 09:00Z. Two working hours
    // later is 11:00 local in both, so the instants stay exactly 8h apart.
    let utc = utc_cal();
    let sh_start = t("2026-11-23 09:00");
    let utc_start = at_in(chrono_tz::UTC, "2026-11-23 09:00");
    assert_eq!(sh_start, at_in(chrono_tz::UTC, "2026-11-23 01:00"));
    let sh_due = cal().add(sh_start, hours(2)).unwrap();
    let utc_due = utc.add(utc_start, hours(2)).unwrap();
    assert_eq!(sh_due, at_in(chrono_tz::UTC, "2026-11-23 03:00"));
    assert_eq!(utc_due, at_in(chrono_tz::UTC, "2026-11-23 11:00"));
    assert_eq!(utc_due - sh_due, Duration::hours(8));
    // The holidays are local dates too: Shanghai's 1 Oct 07:00 is 30 Sep 23:00Z.
    assert_eq!(
        cal().between(t("2026-10-01 07:00"), t("2026-10-01 18:00")),
        0,
        "a holiday in Shanghai"
    );
    assert_eq!(
        utc.between(
            at_in(chrono_tz::UTC, "2026-09-30 08:00"),
            at_in(chrono_tz::UTC, "2026-09-30 18:00")
        ),
        hours(8),
        "a working day on the UTC calendar"
    );
}
