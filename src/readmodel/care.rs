//! What the service cadence asks of whom: the tasks due and overdue, as `kefu care` and
//! the workbench's to-do show them.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::domain::calendar::WorkCalendar;
use crate::domain::care::{due_tasks, CarePlan, Every, Task};
use crate::domain::customer::Grade;
use crate::store::care::CareStanding;

/// One task a customer is owed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareItem {
    /// The customer's code.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// Its grade.
    pub grade: Grade,
    /// Its key account manager.
    pub kam: Option<String>,
    /// What is owed.
    pub task: Task,
    /// How often.
    pub every: Every,
    /// By when (YYYY-MM-DD).
    pub due: NaiveDate,
    /// Whether that day has passed.
    pub overdue: bool,
    /// When a log last satisfied it.
    pub last: Option<NaiveDate>,
}

/// Every task due on or before `today + within_days` (overdue ones included), the earliest
/// first.
pub fn agenda(
    standing: &[CareStanding],
    plan: &CarePlan,
    calendar: &WorkCalendar,
    today: NaiveDate,
    within_days: i64,
) -> Vec<CareItem> {
    let horizon = today + Duration::days(within_days);
    let mut items: Vec<CareItem> = standing
        .iter()
        .flat_map(|s| {
            due_tasks(plan, calendar, s.grade, s.since, &s.last, today)
                .into_iter()
                .filter(|d| d.due <= horizon)
                .map(|d| CareItem {
                    customer: s.code.clone(),
                    name: s.name.clone(),
                    grade: s.grade,
                    kam: s.kam.clone(),
                    task: d.task,
                    every: d.every,
                    due: d.due,
                    overdue: d.overdue,
                    last: d.last,
                })
        })
        .collect();
    items.sort_by(|a, b| (a.due, &a.customer, a.task).cmp(&(b.due, &b.customer, b.task)));
    items
}

/// Every task of one customer as it stands, whenever due (for its file).
pub fn of_customer(
    standing: &CareStanding,
    plan: &CarePlan,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Vec<CareItem> {
    agenda(
        std::slice::from_ref(standing),
        plan,
        calendar,
        today,
        i64::from(u16::MAX),
    )
}
