//! The KPI table (SOP-15 §10): formulas, targets and whether each is met.

use crate::field_id::FieldId;
use chrono::{DateTime, Utc};

use super::nps::NpsTally;
use super::period::Period;

/// How a KPI's value is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Cmp {
    /// value < target
    #[serde(rename = "<")]
    Lt,
    /// value >= target
    #[serde(rename = ">=")]
    Ge,
    /// value <= target
    #[serde(rename = "<=")]
    Le,
}

/// One KPI, measured over a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Kpi {
    /// Stable key for scripts.
    pub key: &'static str,
    /// Catalog key of the label.
    #[serde(skip)]
    pub label_key: &'static str,
    /// The measured value; None when there is nothing to measure.
    pub value: Option<f64>,
    /// `%`, `h` or `pt` (NPS points).
    pub unit: &'static str,
    /// The target.
    pub target: f64,
    /// How value and target compare.
    pub cmp: Cmp,
    /// The period the value covers.
    #[serde(serialize_with = "ser_display")]
    pub period: Period,
    /// How many records the value rests on.
    pub samples: usize,
    /// For a share: how many of `samples` met it (shown as "14 of 17").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hits: Option<usize>,
}

fn ser_display<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}

impl Kpi {
    /// Met / not met; None without a value.
    pub fn met(&self) -> Option<bool> {
        self.value.map(|v| match self.cmp {
            Cmp::Lt => v < self.target,
            Cmp::Ge => v >= self.target,
            Cmp::Le => v <= self.target,
        })
    }
}

/// The targets of the KPI table (settings, with SOP-15's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct KpiTargets {
    /// Complaint rate, % of orders shipped (below).
    pub complaint_rate_pct: f64,
    /// Inquiries answered within this many hours...
    pub inquiry_hours: f64,
    /// ...in this share, %.
    pub inquiry_share_pct: f64,
    /// First response share within that limit, %.
    pub first_response_share_pct: f64,
    /// NPS overall.
    pub nps_overall: f64,
    /// NPS of grade A customers.
    pub nps_grade_a: f64,
    /// NPS of grade B customers (shown by `kefu nps`, not a KPI of the table).
    pub nps_grade_b: f64,
    /// Customer file completeness, %.
    pub completeness_pct: f64,
}

impl Default for KpiTargets {
    fn default() -> Self {
        KpiTargets {
            complaint_rate_pct: 1.0,
            inquiry_hours: 24.0,
            inquiry_share_pct: 100.0,
            first_response_share_pct: 100.0,
            nps_overall: 50.0,
            nps_grade_a: 60.0,
            nps_grade_b: 40.0,
            completeness_pct: 100.0,
        }
    }
}

/// A complaint or inquiry's arrival and first answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Response {
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// When it was first answered, if it was.
    pub answered_at: Option<DateTime<Utc>>,
}

/// Checks a month's orders shipped: a month (`2026-1` reads as `2026-01`) and no negative
/// count; returns the month as stored.
pub fn check_shipments(month: &str, orders: i64) -> Result<String, crate::error::Error> {
    use crate::error::Error;
    let month = match Period::parse(FieldId::named("month"), month) {
        Ok(p @ Period::Month(..)) => p.to_string(),
        _ => {
            return Err(Error::Invalid {
                field: FieldId::named("month"),
                value: month.into(),
                rule: "rule.month",
            })
        }
    };
    if orders < 0 {
        return Err(Error::Invalid {
            field: FieldId::named("orders"),
            value: orders.to_string(),
            rule: "rule.not_negative",
        });
    }
    Ok(month)
}

/// What the KPI formulas need, gathered by the store.
#[derive(Debug, Clone, Default)]
pub struct KpiInputs {
    /// Complaints received in the monthly period.
    pub complaints: Vec<Response>,
    /// Orders shipped in the monthly period (None when no shipments were recorded).
    pub orders_shipped: Option<i64>,
    /// Inquiries received in the monthly period.
    pub inquiries: Vec<Response>,
    /// NPS scores of the quarterly period, all customers.
    pub nps_all: NpsTally,
    /// NPS scores of the quarterly period, grade A customers.
    pub nps_grade_a: NpsTally,
    /// Required fields filled, out of required fields, over all customer files.
    pub completeness: (usize, usize),
    /// Know-how leaks recorded in the year of the period (SOP-15 §8.2).
    pub knowhow_leaks: usize,
}

/// Computes the KPI table: `period` for monthly KPIs, `nps_period` for the quarterly ones.
pub fn compute(
    inputs: &KpiInputs,
    targets: &KpiTargets,
    first_response_target_s: i64,
    period: Period,
    nps_period: Period,
    now: DateTime<Utc>,
) -> Vec<Kpi> {
    let fr_hours = first_response_target_s as f64 / 3600.0;
    let kpi = |key, unit, target, cmp, value: Option<f64>, samples, period| Kpi {
        key,
        label_key: label_key(key),
        value: value.map(round2),
        unit,
        target,
        cmp,
        period,
        samples,
        hits: None,
    };
    let rate = inputs
        .orders_shipped
        .filter(|o| *o > 0)
        .map(|o| 100.0 * inputs.complaints.len() as f64 / o as f64);
    let (inq_share, inq_n) = share_within(&inputs.inquiries, targets.inquiry_hours * 3600.0, now);
    let (fr_share, fr_n) = share_within(&inputs.complaints, first_response_target_s as f64, now);
    let fr_median = median(
        inputs
            .complaints
            .iter()
            .filter_map(|r| {
                r.answered_at
                    .map(|a| (a - r.received_at).num_seconds() as f64 / 3600.0)
            })
            .collect(),
    );
    let fr_answered = inputs
        .complaints
        .iter()
        .filter(|r| r.answered_at.is_some())
        .count();
    let (filled, required) = inputs.completeness;
    let completeness = (required > 0).then(|| 100.0 * filled as f64 / required as f64);
    vec![
        kpi(
            "inquiry_within_24h",
            "%",
            targets.inquiry_share_pct,
            Cmp::Ge,
            inq_share,
            inq_n,
            period,
        ),
        kpi(
            "complaint_rate",
            "%",
            targets.complaint_rate_pct,
            Cmp::Lt,
            rate,
            inputs.complaints.len(),
            period,
        ),
        kpi(
            "first_response_median",
            "h",
            fr_hours,
            Cmp::Lt,
            fr_median,
            fr_answered,
            period,
        ),
        kpi(
            "first_response_within_target",
            "%",
            targets.first_response_share_pct,
            Cmp::Ge,
            fr_share,
            fr_n,
            period,
        ),
        kpi(
            "nps_overall",
            "pt",
            targets.nps_overall,
            Cmp::Ge,
            inputs.nps_all.score(),
            inputs.nps_all.count(),
            nps_period,
        ),
        kpi(
            "nps_grade_a",
            "pt",
            targets.nps_grade_a,
            Cmp::Ge,
            inputs.nps_grade_a.score(),
            inputs.nps_grade_a.count(),
            nps_period,
        ),
        kpi(
            "file_completeness",
            "%",
            targets.completeness_pct,
            Cmp::Ge,
            completeness,
            required,
            period,
        ),
        kpi(
            "knowhow_leaks",
            "",
            0.0,
            Cmp::Le,
            Some(inputs.knowhow_leaks as f64),
            inputs.knowhow_leaks,
            period.widen_to_year(),
        ),
    ]
}

fn label_key(key: &str) -> &'static str {
    match key {
        "inquiry_within_24h" => "kpi.inquiry_within_24h",
        "complaint_rate" => "kpi.complaint_rate",
        "first_response_median" => "kpi.first_response_median",
        "first_response_within_target" => "kpi.first_response_within_target",
        "nps_overall" => "kpi.nps_overall",
        "nps_grade_a" => "kpi.nps_grade_a",
        "knowhow_leaks" => "kpi.knowhow_leaks",
        _ => "kpi.file_completeness",
    }
}

/// Share (%) answered within `limit_s` among those whose outcome is known at `now`:
/// answered ones, and unanswered ones already past the limit (those count as late).
pub fn share_within(items: &[Response], limit_s: f64, now: DateTime<Utc>) -> (Option<f64>, usize) {
    let mut decided = 0usize;
    let mut within = 0usize;
    for r in items {
        match r.answered_at {
            Some(a) => {
                decided += 1;
                if ((a - r.received_at).num_seconds() as f64) <= limit_s {
                    within += 1;
                }
            }
            None if ((now - r.received_at).num_seconds() as f64) > limit_s => decided += 1,
            None => {}
        }
    }
    (
        (decided > 0).then(|| 100.0 * within as f64 / decided as f64),
        decided,
    )
}

/// The median of a list; None when empty.
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{parse_time, DEFAULT_TZ};

    fn t(s: &str) -> DateTime<Utc> {
        parse_time(FieldId::named("t"), s, DEFAULT_TZ).unwrap()
    }

    fn resp(rec: &str, ans: Option<&str>) -> Response {
        Response {
            received_at: t(rec),
            answered_at: ans.map(t),
        }
    }

    fn by_key<'a>(v: &'a [Kpi], key: &str) -> &'a Kpi {
        v.iter().find(|k| k.key == key).unwrap()
    }

    #[test]
    fn formulas_against_hand_computed_values() {
        let now = t("2026-10-31 12:00");
        let inputs = KpiInputs {
            complaints: vec![
                resp("2026-10-01 09:00", Some("2026-10-01 10:00")), // 1h
                resp("2026-10-02 09:00", Some("2026-10-02 14:00")), // 5h, late
                resp("2026-10-03 09:00", Some("2026-10-03 11:30")), // 2.5h
                resp("2026-10-31 10:00", None),                     // 2h, still open: not decided
                resp("2026-10-20 09:00", None),                     // never answered: late
            ],
            orders_shipped: Some(400),
            inquiries: vec![
                resp("2026-10-05 09:00", Some("2026-10-05 20:00")),
                resp("2026-10-06 09:00", Some("2026-10-08 09:00")),
            ],
            nps_all: NpsTally::of([10, 9, 9, 8, 3]),
            nps_grade_a: NpsTally::of([10, 9, 7]),
            completeness: (99, 110),
            knowhow_leaks: 1,
        };
        let k = compute(
            &inputs,
            &KpiTargets::default(),
            4 * 3600,
            Period::Month(2026, 10),
            Period::Quarter(2026, 4),
            now,
        );
        // 5 complaints / 400 orders = 1.25% -> not met (< 1%).
        assert_eq!(by_key(&k, "complaint_rate").value, Some(1.25));
        assert_eq!(by_key(&k, "complaint_rate").met(), Some(false));
        // median of 1, 2.5, 5 = 2.5h -> met.
        assert_eq!(by_key(&k, "first_response_median").value, Some(2.5));
        assert_eq!(by_key(&k, "first_response_median").met(), Some(true));
        // within 4h: 2 of 4 decided = 50%.
        assert_eq!(by_key(&k, "first_response_within_target").value, Some(50.0));
        assert_eq!(by_key(&k, "first_response_within_target").samples, 4);
        // inquiries: 1 of 2 within 24h.
        assert_eq!(by_key(&k, "inquiry_within_24h").value, Some(50.0));
        // NPS: 3 promoters, 1 detractor of 5 = 40 -> below 50.
        assert_eq!(by_key(&k, "nps_overall").value, Some(40.0));
        assert_eq!(by_key(&k, "nps_overall").met(), Some(false));
        assert_eq!(by_key(&k, "nps_overall").period, Period::Quarter(2026, 4));
        // grade A: 2 promoters of 3 = 66.67 -> met.
        assert_eq!(by_key(&k, "nps_grade_a").value, Some(66.67));
        assert_eq!(by_key(&k, "nps_grade_a").met(), Some(true));
        // completeness 99/110 = 90%.
        assert_eq!(by_key(&k, "file_completeness").value, Some(90.0));
        assert_eq!(by_key(&k, "file_completeness").met(), Some(false));
        // One leak this year: the year's target of none is missed.
        let leaks = by_key(&k, "knowhow_leaks");
        assert_eq!((leaks.value, leaks.met()), (Some(1.0), Some(false)));
        assert_eq!(leaks.period, Period::Year(2026));
    }

    #[test]
    fn nothing_to_measure_is_neither_met_nor_failed() {
        let k = compute(
            &KpiInputs::default(),
            &KpiTargets::default(),
            4 * 3600,
            Period::Month(2026, 10),
            Period::Quarter(2026, 4),
            t("2026-10-31 12:00"),
        );
        // No leak recorded is a measurement: none this year, which meets the target.
        let (leaks, rest): (Vec<_>, Vec<_>) = k.iter().partition(|k| k.key == "knowhow_leaks");
        assert!(rest.iter().all(|k| k.value.is_none() && k.met().is_none()));
        assert_eq!(leaks[0].met(), Some(true));
        // zero orders shipped gives no rate rather than a division by zero
        let inputs = KpiInputs {
            orders_shipped: Some(0),
            ..Default::default()
        };
        let k = compute(
            &inputs,
            &KpiTargets::default(),
            14400,
            Period::Year(2026),
            Period::Year(2026),
            t("2026-10-31 12:00"),
        );
        assert_eq!(by_key(&k, "complaint_rate").value, None);
    }

    #[test]
    fn boundary_answer_exactly_at_the_limit_counts_as_within() {
        let items = [resp("2026-10-01 09:00", Some("2026-10-01 13:00"))];
        assert_eq!(
            share_within(&items, 4.0 * 3600.0, t("2026-10-02 00:00")),
            (Some(100.0), 1)
        );
    }

    #[test]
    fn median_even_and_odd() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }
}

#[cfg(test)]
mod shipments_tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn shipments_need_a_month_and_no_negative_count() {
        assert_eq!(
            check_shipments("2026-1", 0).ok().as_deref(),
            Some("2026-01")
        );
        assert!(matches!(
            check_shipments("2026-Q1", 5),
            Err(Error::Invalid {
                rule: "rule.month",
                ..
            })
        ));
        assert!(matches!(
            check_shipments("2026-13", 5),
            Err(Error::Invalid {
                rule: "rule.month",
                ..
            })
        ));
        assert!(matches!(
            check_shipments("2026-11", -1),
            Err(Error::Invalid {
                rule: "rule.not_negative",
                ..
            })
        ));
    }
}
