//! Read models shared by the CLI and the workbench: the SLA list and the KPI table.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::complaint::{Severity, Step};
use crate::domain::kpi::{compute, Cmp, Kpi};
use crate::domain::period::Period;
use crate::domain::sla::{ClockState, SlaPolicy};
use crate::domain::time::short_duration;
use crate::error::Result;
use crate::i18n::Catalog;
use crate::store::complaints::ComplaintRow;
use crate::store::Store;

/// One running clock of one open complaint (borrowing the complaint's texts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaEntry<'a> {
    /// Complaint number.
    pub record: &'a str,
    /// Always `complaint` for now.
    pub kind: &'static str,
    /// Customer code.
    pub customer: &'a str,
    /// Customer short name.
    pub customer_name: &'a str,
    /// Severity.
    pub severity: Severity,
    /// Current step.
    pub step: Step,
    /// Which clock.
    pub clock: std::sync::Arc<str>,
    /// Due time.
    pub due: DateTime<Utc>,
    /// Seconds left; negative once overdue.
    pub remaining_s: i64,
    /// ok / warning / breached / paused.
    pub state: ClockState,
    /// Escalated to the owner's supervisor (by hand, or by the policy's day limit).
    pub escalated: bool,
}

/// Every running clock of the given complaints at `at`, nearest due first.
pub fn sla_entries<'a>(
    rows: &'a [ComplaintRow],
    policy: &SlaPolicy,
    at: DateTime<Utc>,
) -> Vec<SlaEntry<'a>> {
    let mut out: Vec<SlaEntry> = rows
        .iter()
        .filter(|r| !r.step.is_terminal())
        .flat_map(|r| {
            let escalated = r.escalated.is_some() || policy.escalated(&r.facts, at);
            policy
                .running(&r.subject(), &r.facts, at)
                .into_iter()
                .map(move |c| SlaEntry {
                    record: &r.number,
                    kind: "complaint",
                    customer: &r.customer,
                    customer_name: &r.customer_name,
                    severity: r.severity,
                    step: r.step,
                    clock: c.name,
                    due: c.due,
                    remaining_s: c.remaining_s,
                    state: c.state,
                    escalated,
                })
        })
        .collect();
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.record.cmp(b.record)));
    out
}

/// The KPI table for `period` (quarterly KPIs over the quarter around a month): targets
/// from the team's policy, the first-response limit from its first-response clock.
pub fn kpi_table(store: &Store, period: Period, policy: &SlaPolicy) -> Result<Vec<Kpi>> {
    let nps_period = period.widen_to_quarter();
    let inputs = store.kpi_inputs(period, nps_period, &policy.required)?;
    let fr = policy
        .base_target_s("first_response")
        .unwrap_or(crate::domain::sla::hours(4));
    let mut kpis = compute(&inputs, &policy.kpi, fr, period, nps_period, store.now());
    // One definition of "within target" (the SLA clock, working calendar and all), the
    // same the analysis shows.
    let fr_kept = crate::analysis::first_responses(store, policy, period, store.now())?;
    if let Some(k) = kpis
        .iter_mut()
        .find(|k| k.key == "first_response_within_target")
    {
        k.value = fr_kept.share_pct.map(|v| (v * 100.0).round() / 100.0);
        k.samples = fr_kept.done;
        k.hits = Some(fr_kept.on_time);
    }
    Ok(kpis)
}

/// `3h12m` while running, `overdue 5h` (`超时 5h`) once past due.
pub fn remaining_label(cat: &Catalog, remaining_s: i64) -> String {
    if remaining_s < 0 {
        cat.fmt("clock.overdue", &[("d", &short_duration(remaining_s))])
    } else {
        short_duration(remaining_s)
    }
}

/// A KPI value with its unit, or `–`.
pub fn value_label(k: &Kpi) -> String {
    k.value
        .map(|v| format!("{}{}", trim_num(v), k.unit))
        .unwrap_or_else(|| "–".into())
}

/// What a KPI rests on: `31/34` for a share (met of decided), else how many records.
pub fn basis_label(k: &Kpi) -> String {
    match k.hits {
        Some(h) => format!("{h}/{}", k.samples),
        None => k.samples.to_string(),
    }
}

/// A KPI target such as `< 1%` or `≥ 50pt`.
pub fn target_label(k: &Kpi) -> String {
    let op = match k.cmp {
        Cmp::Lt => "<",
        Cmp::Ge => "≥",
        Cmp::Le => "≤",
    };
    format!("{op} {}{}", trim_num(k.target), k.unit)
}

/// The catalog key for met / not met / no data.
pub fn met_key(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "kpi.met",
        Some(false) => "kpi.not_met",
        None => "kpi.no_data",
    }
}

fn trim_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A clock's label: the catalog's name for the built-in ones, the name itself otherwise.
pub fn clock_label<'a>(cat: &'a Catalog, name: &'a str) -> &'a str {
    cat.get_owned(&format!("clock.{name}")).unwrap_or(name)
}

/// The name of an inquiry's answer clock (`clock.inquiry_answer` in the catalogs).
pub const INQUIRY_CLOCK: &str = "inquiry_answer";

/// An unanswered inquiry's answer clock.
#[derive(Debug, Clone, PartialEq)]
pub struct InquiryClock {
    /// Inquiry number.
    pub number: String,
    /// The customer's code or the lead's number.
    pub asker: String,
    /// The customer's short name, or the lead's number.
    pub asker_name: String,
    /// Due time.
    pub due: DateTime<Utc>,
    /// Seconds left; negative once overdue.
    pub remaining_s: i64,
    /// ok / warning / breached.
    pub state: ClockState,
}

/// The answer clocks of every unanswered inquiry at `at` (the KPI's hours), nearest due first.
pub fn inquiry_clocks(
    store: &crate::store::Store,
    policy: &SlaPolicy,
    at: DateTime<Utc>,
) -> crate::error::Result<Vec<InquiryClock>> {
    let mut out: Vec<InquiryClock> = store
        .inquiries(None, true)?
        .into_iter()
        .filter_map(|q| {
            let received = q
                .asked
                .received
                .as_deref()
                .and_then(crate::domain::time::from_store)?;
            // An inquiry registered after `at` had no clock then.
            if received > at {
                return None;
            }
            let (due, remaining_s, state) =
                crate::domain::inquiry::answer_clock(received, policy.kpi.inquiry_hours, at);
            let asker = q
                .asked
                .customer
                .clone()
                .or(q.asked.lead.clone())
                .unwrap_or_default();
            Some(InquiryClock {
                asker_name: q.customer_name.clone().unwrap_or_else(|| asker.clone()),
                asker,
                number: q.number,
                due,
                remaining_s,
                state,
            })
        })
        .collect();
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.number.cmp(&b.number)));
    Ok(out)
}
