//! Parsing and printing instants in the configured time zone.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::Error;
use crate::field_id::FieldId;

/// The default time zone of kefu's users.
pub const DEFAULT_TZ: Tz = chrono_tz::Asia::Shanghai;

/// The storage format: UTC, second precision, sortable as text.
pub const STORE_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// Parses a time given for `field`: RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DD` in `tz`.
pub fn parse_time(field: FieldId, input: &str, tz: Tz) -> Result<DateTime<Utc>, Error> {
    let s = input.trim();
    let bad = || Error::InvalidTime {
        field: field.clone(),
        value: input.to_string(),
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return plausible(field, input, dt.with_timezone(&Utc));
    }
    let naive = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(bad)?;
    let t = local_to_utc(naive, tz).ok_or_else(bad)?;
    plausible(field, input, t)
}

/// Years kefu's records can hold: a typo like 2206 or 1926 is refused, not stored.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn plausible(field: FieldId, input: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
    if PLAUSIBLE_YEARS.contains(&chrono::Datelike::year(&t)) {
        Ok(t)
    } else {
        Err(Error::Invalid {
            field,
            value: input.to_string(),
            rule: "rule.plausible_year",
        })
    }
}

/// A wall-clock time in `tz` as UTC; the earlier instant when a DST change makes it ambiguous.
pub fn local_to_utc(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// A stored UTC instant as RFC 3339 in `tz` (the text unchanged if it is not one).
pub fn stored_rfc3339(stored: &str, tz: Tz) -> String {
    from_store(stored)
        .map(|t| rfc3339(t, tz))
        .unwrap_or_else(|| stored.to_string())
}

/// RFC 3339 with the zone's offset, for `--json`: `2026-11-23T14:05:00+08:00`.
pub fn rfc3339(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Local and readable, for people: `2026-11-23 14:05`.
pub fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// The storage text of an instant.
pub fn to_store(t: DateTime<Utc>) -> String {
    t.format(STORE_FORMAT).to_string()
}

/// Reads an instant written by [`to_store`] (or any RFC 3339 text).
pub fn from_store(s: &str) -> Option<DateTime<Utc>> {
    fast_store(s).or_else(|| slow_store(s))
}

/// The fixed `YYYY-MM-DDTHH:MM:SSZ` form read digit by digit: reading tens of thousands
/// of rows, a format-string parse dominated.
fn fast_store(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    Some(
        date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)?
            .and_utc(),
    )
}

fn slow_store(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, STORE_FORMAT)
        .map(|n| n.and_utc())
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        })
}

/// Parses a time zone name such as `Asia/Shanghai`.
pub fn parse_tz(field: FieldId, s: &str) -> Result<Tz, Error> {
    s.parse::<Tz>().map_err(|_| Error::Invalid {
        field,
        value: s.to_string(),
        rule: "rule.timezone",
    })
}

/// A duration in seconds as `3h12m`, `45m`, `2d4h` (sign dropped).
pub fn short_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    if d > 0 {
        format!("{d}d{h}h")
    } else if h > 0 {
        format!("{h}h{m:02}m")
    } else {
        format!("{m}m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_and_local_forms() {
        let tz = DEFAULT_TZ;
        let a = parse_time(FieldId::named("at"), "2026-11-23T14:05:00+08:00", tz).unwrap();
        let b = parse_time(FieldId::named("at"), "2026-11-23 14:05", tz).unwrap();
        let c = parse_time(FieldId::named("at"), "2026-11-23T06:05:00Z", tz).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(rfc3339(a, tz), "2026-11-23T14:05:00+08:00");
        assert_eq!(local(a, tz), "2026-11-23 14:05");
        let midnight = parse_time(FieldId::named("at"), "2026-11-23", tz).unwrap();
        assert_eq!(local(midnight, tz), "2026-11-23 00:00");
    }

    #[test]
    fn same_local_text_means_other_instant_in_other_zone() {
        let sh = parse_time(FieldId::named("at"), "2026-07-01 09:00", DEFAULT_TZ).unwrap();
        let utc = parse_time(FieldId::named("at"), "2026-07-01 09:00", chrono_tz::UTC).unwrap();
        assert_eq!((utc - sh).num_hours(), 8);
    }

    #[test]
    fn rejects_garbage_naming_the_field() {
        for bad in ["", "yesterday", "2026-13-01 10:00", "2026-02-30", "10:00"] {
            match parse_time(FieldId::flag("--received"), bad, DEFAULT_TZ) {
                Err(Error::InvalidTime { field, value }) => {
                    assert_eq!(field, "--received");
                    assert_eq!(value, bad);
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn store_round_trip() {
        let t = parse_time(FieldId::named("at"), "2026-01-02 03:04:05", DEFAULT_TZ).unwrap();
        assert_eq!(to_store(t), "2026-01-01T19:04:05Z");
        assert_eq!(from_store(&to_store(t)), Some(t));
    }

    #[test]
    fn the_fast_reader_agrees_with_the_format() {
        for s in [
            "2026-01-01T19:04:05Z",
            "2024-02-29T23:59:59Z",
            "1999-12-31T00:00:00Z",
        ] {
            assert_eq!(fast_store(s), slow_store(s), "{s}");
            assert!(fast_store(s).is_some());
        }
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01 19:04:05Z",
            "2026-1-01T19:04:05Z",
            "２026-01-01T19:04:05Z",
        ] {
            assert_eq!(fast_store(bad), None, "{bad}");
        }
        // Other RFC 3339 forms still read through the slow path.
        assert!(from_store("2026-01-01T19:04:05+08:00").is_some());
    }

    #[test]
    fn short_durations() {
        assert_eq!(short_duration(3 * 3600 + 12 * 60 + 5), "3h12m");
        assert_eq!(short_duration(-45 * 60), "45m");
        assert_eq!(short_duration(2 * 86_400 + 4 * 3600), "2d4h");
    }
}
