//! What the dashboard shows, read from the store in one go.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::complaint::Severity;
use crate::domain::kpi::{Kpi, KpiTargets};
use crate::domain::period::Period;
use crate::domain::sla::{ClockReading, SlaPolicy};
use crate::error::Result;
use crate::report::kpi_table;
use crate::store::complaints::ComplaintRow;
use crate::store::customers::{CustomerFilter, CustomerRow};
use crate::store::Store;

/// One quarter of the NPS trend.
#[derive(Debug, Clone, PartialEq)]
pub struct NpsPoint {
    /// The quarter.
    pub quarter: Period,
    /// NPS of all customers (None without answers).
    pub overall: Option<f64>,
    /// NPS of grade A customers.
    pub grade_a: Option<f64>,
    /// Answers in the quarter.
    pub responses: usize,
}

/// Everything the dashboard panes show.
#[derive(Debug, Default)]
pub struct Dashboard {
    /// Customers by grade then name.
    pub customers: Vec<CustomerRow>,
    /// Open complaints, urgent first, then by nearest due clock.
    pub board: Vec<ComplaintRow>,
    /// The last 8 quarters, oldest first.
    pub nps: Vec<NpsPoint>,
    /// The KPI table of the current month (quarterly KPIs: the current quarter).
    pub kpis: Vec<Kpi>,
    /// The month the KPIs cover.
    pub kpi_period: Option<Period>,
}

/// The nearest due running clock of a complaint at `now`.
pub fn nearest_clock(
    row: &ComplaintRow,
    policy: &SlaPolicy,
    now: DateTime<Utc>,
) -> Option<ClockReading> {
    policy
        .running(&row.subject(), &row.facts, now)
        .into_iter()
        .next()
}

/// Sorts open complaints: urgent ("green channel") first, then by nearest due time.
pub fn sort_board(rows: &mut [ComplaintRow], policy: &SlaPolicy, now: DateTime<Utc>) {
    rows.sort_by_cached_key(|r| {
        let due = nearest_clock(r, policy, now).map(|c| c.due);
        (
            r.severity != Severity::Urgent,
            due.is_none(),
            due,
            r.number.clone(),
        )
    });
}

impl Dashboard {
    /// Reads every pane's data.
    pub fn load(
        store: &Store,
        policy: &SlaPolicy,
        targets: &KpiTargets,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Dashboard> {
        let customers = store.list_customers(&CustomerFilter::default())?;
        let mut board = store.list_complaints(true)?;
        sort_board(&mut board, policy, now);
        let mut nps = Vec::with_capacity(8);
        let mut q = Period::quarter_of(now, tz);
        for _ in 0..8 {
            let (from, to) = q.range(tz);
            let (all, a) = store.nps_tallies(from, to)?;
            nps.push(NpsPoint {
                quarter: q,
                overall: all.score(),
                grade_a: a.score(),
                responses: all.count(),
            });
            q = q.prev();
        }
        nps.reverse();
        let period = Period::month_of(now, tz);
        let kpis = kpi_table(store, period, targets)?;
        Ok(Dashboard {
            customers,
            board,
            nps,
            kpis,
            kpi_period: Some(period),
        })
    }
}
