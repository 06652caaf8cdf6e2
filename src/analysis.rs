//! Complaint analysis for a period, shared by `kefu complaint stats` and the workbench.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::kpi::median;
use crate::domain::period::Period;
use crate::domain::sla::SlaPolicy;
use crate::domain::stats::{on_time, pareto, Count, OnTime};
use crate::error::Result;
use crate::i18n::Catalog;
use crate::store::complaint_stats::StatsRow;
use crate::store::Store;

/// The analysis of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintStats {
    /// The period.
    #[serde(serialize_with = "display")]
    pub period: Period,
    /// Complaints received in it.
    pub complaints: usize,
    /// Orders shipped in it, when recorded.
    pub orders_shipped: Option<i64>,
    /// complaints / orders, %.
    pub complaint_rate_pct: Option<f64>,
    /// Pareto by category (labels in the catalog's language).
    pub by_category: Vec<Count>,
    /// Pareto by severity.
    pub by_severity: Vec<Count>,
    /// Pareto by root cause.
    pub by_cause: Vec<Count>,
    /// Pareto by product.
    pub by_product: Vec<Count>,
    /// Median hours to first response.
    pub first_response_median_h: Option<f64>,
    /// First responses in time.
    pub first_response: OnTime,
    /// Plans in time.
    pub plan: OnTime,
    /// Disposals in time.
    pub disposal: OnTime,
}

fn display<S: serde::Serializer>(p: &Period, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(p)
}

/// How the clock `name` did over `rows`: the complaints whose clock is decided (done, or
/// past due undone), and of those the ones kept (`sla::kept`).
fn judge(rows: &[StatsRow], policy: &SlaPolicy, now: DateTime<Utc>, name: &str) -> OnTime {
    on_time(rows.iter().filter_map(|r| {
        let c = policy.clock(&r.subject, &r.facts, now, name)?;
        crate::domain::sla::kept(&c)
    }))
}

/// First responses within target among the complaints received in `period`: the figure
/// the KPI table and the analysis both show.
pub fn first_responses(
    store: &Store,
    policy: &SlaPolicy,
    period: Period,
    now: DateTime<Utc>,
) -> Result<OnTime> {
    let (from, to) = period.range(store.tz());
    let rows = store.stats_rows(from, to, policy.uses_grade())?;
    Ok(judge(&rows, policy, now, "first_response"))
}

/// Analyses the complaints received in `period`, judged by `policy` at `now`.
pub fn complaint_stats(
    store: &Store,
    policy: &SlaPolicy,
    period: Period,
    now: DateTime<Utc>,
    cat: &Catalog,
) -> Result<ComplaintStats> {
    let (from, to) = period.range(store.tz());
    let rows = store.stats_rows(from, to, policy.uses_grade())?;
    let unknown = cat.get("stats.unknown").to_string();
    fn label<'a>(v: &'a Option<String>, unknown: &'a str) -> &'a str {
        match v.as_deref() {
            Some(s) if !s.trim().is_empty() => s,
            _ => unknown,
        }
    }
    let orders = store.orders_shipped(period)?.filter(|o| *o > 0);
    let clock_met = |name: &str| judge(&rows, policy, now, name);
    let fr_hours = rows
        .iter()
        .filter_map(|r| {
            r.facts
                .acknowledged_at
                .map(|a| (a - r.facts.start()).num_seconds() as f64 / 3600.0)
        })
        .collect();
    // Three clocks over a year of complaints: judged side by side on the spare core.
    let (first_response, plan, disposal) = std::thread::scope(|s| {
        let first = s.spawn(|| clock_met("first_response"));
        let plan = clock_met("plan");
        let disposal = clock_met("disposal");
        let first = first
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (first, plan, disposal)
    });
    Ok(ComplaintStats {
        period,
        complaints: rows.len(),
        orders_shipped: orders,
        complaint_rate_pct: orders
            .map(|o| (10_000.0 * rows.len() as f64 / o as f64).round() / 100.0),
        by_category: pareto(rows.iter().map(|r| cat.get(r.subject.category.label_key()))),
        by_severity: pareto(rows.iter().map(|r| cat.get(r.subject.severity.label_key()))),
        by_cause: pareto(rows.iter().map(|r| label(&r.root_cause, &unknown))),
        by_product: pareto(rows.iter().map(|r| label(&r.product, &unknown))),
        first_response_median_h: median(fr_hours).map(|h| (h * 100.0).round() / 100.0),
        first_response,
        plan,
        disposal,
    })
}
