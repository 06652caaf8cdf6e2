//! Holiday data: China's 2025-2026 days are embedded; later years come from the team's
//! settings (`[holidays.2027]` in `kefu settings import`), the same for everyone.

use crate::field_id::FieldId;
use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::domain::calendar::{WorkCalendar, YearDays};
use crate::error::Error;

const CHINA: &str = include_str!("../../calendars/china.toml");

/// Reads a holidays file: `[YYYY]` tables with `holidays` and `workdays` lists of
/// `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`. `file` names the source in errors.
pub fn parse(src: &str, file: &str) -> Result<BTreeMap<i32, YearDays>, Error> {
    let bad = |place: String, value: String, rule| Error::Invalid {
        field: FieldId::Place(place),
        value,
        rule,
    };
    let table: toml::Table = toml::from_str(src).map_err(|e| {
        let line = e
            .span()
            .map(|s| src[..s.start.min(src.len())].lines().count().max(1))
            .unwrap_or(1);
        bad(
            format!("{file}:{line}"),
            e.message().to_string(),
            "rule.toml",
        )
    })?;
    parse_table(&table, file, "")
}

/// Reads `[YYYY]` tables already parsed; in messages each is `[PREFIXYYYY]` (the team
/// settings' `[holidays.2027]`).
pub fn parse_table(
    table: &toml::Table,
    file: &str,
    prefix: &str,
) -> Result<BTreeMap<i32, YearDays>, Error> {
    let bad = |place: String, value: String, rule| Error::Invalid {
        field: FieldId::Place(place),
        value,
        rule,
    };
    let mut out = BTreeMap::new();
    for (year, v) in table {
        let y: i32 = year.parse().map_err(|_| {
            bad(
                format!("{file} [{prefix}{year}]"),
                year.clone(),
                "rule.year",
            )
        })?;
        let t = v.as_table().ok_or_else(|| {
            bad(
                format!("{file} [{prefix}{year}]"),
                v.to_string(),
                "rule.year_table",
            )
        })?;
        let mut days = YearDays::default();
        for (key, set) in [
            ("holidays", &mut days.holidays),
            ("workdays", &mut days.workdays),
        ] {
            let Some(list) = t.get(key) else { continue };
            let field = format!("{file} [{prefix}{year}] {key}");
            let items = list
                .as_array()
                .ok_or_else(|| bad(field.clone(), list.to_string(), "rule.date_list"))?;
            for item in items {
                let s = item.as_str().unwrap_or_default();
                let (from, to) = range(s)
                    .ok_or_else(|| bad(field.clone(), item.to_string(), "rule.date_list"))?;
                set.extend(from.iter_days().take_while(|d| *d <= to));
            }
        }
        out.insert(y, days);
    }
    Ok(out)
}

fn range(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let date = |x: &str| NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d").ok();
    match s.split_once("..") {
        Some((a, b)) => {
            Some((date(a)?, date(b)?)).filter(|(a, b)| a <= b && (*b - *a).num_days() < 366)
        }
        None => date(s).map(|d| (d, d)),
    }
}

/// Where holidays used to be kept per user: `<config dir>/holidays.toml`. It is no longer
/// read (each person's calendar would differ); when present it is reported.
pub fn user_file() -> Option<PathBuf> {
    super::project_dirs().map(|d| d.config_dir().join("holidays.toml"))
}

/// China's calendar: the embedded years, with `extra` years (the team's) on top.
pub fn china(tz: Tz, extra: BTreeMap<i32, YearDays>) -> WorkCalendar {
    let mut years = parse(CHINA, "china.toml").unwrap_or_default();
    years.extend(extra);
    WorkCalendar::standard(tz, years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_embedded_years_match_the_state_council() {
        let years = parse(CHINA, "china.toml").unwrap();
        assert_eq!(years.keys().copied().collect::<Vec<_>>(), vec![2025, 2026]);
        let y26 = &years[&2026];
        // Spring Festival 15-23 Feb: nine days; make-up days 14 and 28 Feb.
        assert_eq!(
            y26.holidays
                .range(d("2026-02-15")..=d("2026-02-23"))
                .count(),
            9
        );
        assert!(y26.workdays.contains(&d("2026-02-14")) && y26.workdays.contains(&d("2026-02-28")));
        assert_eq!(y26.holidays.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        assert_eq!(years[&2025].holidays.len(), 1 + 8 + 3 + 5 + 3 + 8);
        assert_eq!(years[&2025].workdays.len(), 5);
    }

    #[test]
    fn extra_years_are_added_and_a_broken_one_is_named() {
        let src = "[2027]\nholidays = [\"2027-01-01\"]\nworkdays = []\n";
        let cal = china(DEFAULT_TZ, parse(src, "team.toml").unwrap());
        assert!(cal.knows_year(2027) && cal.knows_year(2026));
        assert!(!cal.is_working_day(d("2027-01-01")));
        let table: toml::Table = "[2027]\nholidays = [\"2027-13-01\"]\n".parse().unwrap();
        let msg = parse_table(&table, "team.toml", "holidays.")
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("2027-13-01") && msg.contains("[holidays.2027] holidays"),
            "{msg}"
        );
        let msg = parse("[2027\n", "h.toml").unwrap_err().to_string();
        assert!(msg.contains("h.toml:1"), "{msg}");
    }
}
