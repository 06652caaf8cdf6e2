//! The dashboard panes' reads (run by the worker) and the board's order.

use crate::domain::customer::Grade;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::complaint::Severity;
use crate::domain::kpi::Kpi;
use crate::domain::period::Period;
use crate::domain::sla::{ClockReading, ClockState, SlaPolicy};
use crate::error::Result;
use crate::report::kpi_table;
use crate::store::complaints::ComplaintRow;
use crate::store::Store;

/// One quarter of the NPS trend.
#[derive(Debug, Clone, PartialEq)]
pub struct NpsPoint {
    /// The quarter.
    pub quarter: Period,
    /// NPS of all customers (None without answers).
    pub overall: Option<f64>,
    /// NPS per grade (A, B, C, D: the grade when answering), None without answers.
    pub by_grade: [Option<f64>; 4],
    /// Answers in the quarter.
    pub responses: usize,
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

/// When the nearest running clock of each row breaches (None: none running, or paused):
/// fixed until the facts change, so counting breaches later needs no clock arithmetic.
pub fn breach_times(
    rows: &[ComplaintRow],
    policy: &SlaPolicy,
    now: DateTime<Utc>,
) -> Vec<Option<DateTime<Utc>>> {
    rows.iter()
        .map(|r| {
            nearest_clock(r, policy, now)
                .filter(|c| c.state != ClockState::Paused)
                .map(|c| c.due)
        })
        .collect()
}

/// The open complaints in board order.
pub fn load_board(
    store: &Store,
    policy: &SlaPolicy,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintRow>> {
    let mut board = store.list_complaints(true)?;
    sort_board(&mut board, policy, now);
    Ok(board)
}

/// The NPS of the last 8 quarters, oldest first.
pub fn load_nps(store: &Store, now: DateTime<Utc>, tz: Tz) -> Result<Vec<NpsPoint>> {
    let mut nps = Vec::with_capacity(8);
    let mut q = Period::quarter_of(now, tz);
    for _ in 0..8 {
        let (from, to) = q.range(tz);
        let (all, by) = store.nps_by_grade(from, to)?;
        let score = |g: Grade| by.get(&g).and_then(|t| t.score());
        nps.push(NpsPoint {
            quarter: q,
            overall: all.score(),
            by_grade: [
                score(Grade::A),
                score(Grade::B),
                score(Grade::C),
                score(Grade::D),
            ],
            responses: all.count(),
        });
        q = q.prev();
    }
    nps.reverse();
    Ok(nps)
}

/// The KPI table of the month of `now` (quarterly KPIs: its quarter).
pub fn load_kpis(
    store: &Store,
    policy: &SlaPolicy,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(Period, Vec<Kpi>)> {
    let period = Period::month_of(now, tz);
    Ok((period, kpi_table(store, period, policy)?))
}
