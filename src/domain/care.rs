//! Service cadence per grade (seed 000 §6): the visits and calls each grade is owed in each
//! period, what a logged visit or call satisfies, and when the next one is due.
//!
//! A periodic task is due by the last working day of its period (month, quarter, half-year,
//! year) and a matching log in the period satisfies it. Not done in the last period and not
//! yet in this one, it is overdue since the last period's due date (a late visit then counts
//! for the current period). Holiday greetings are due by the last working day before Spring
//! Festival and Mid-Autumn, and count when sent in the days before the festival.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::calendar::WorkCalendar;
use crate::domain::customer::Grade;
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::vocabulary;

vocabulary!(
    /// What was done for a customer: the kind of a logged visit or call.
    Activity, "activity" {
        ManagerVisit = "manager_visit",
        TechnicalVisit = "technical_visit",
        Visit = "visit",
        Call = "call",
        Review = "review",
        Greeting = "greeting"
    }
);

vocabulary!(
    /// What a grade is owed (the cadence's tasks).
    Task, "care_task" {
        ManagerVisit = "manager_visit",
        TechnicalVisit = "technical_visit",
        BusinessCall = "business_call",
        StrategicReview = "strategic_review",
        Visit = "visit",
        Contact = "contact",
        CareCall = "care_call",
        Greeting = "greeting"
    }
);

vocabulary!(
    /// How often a task falls due.
    Every, "every" {
        Month = "month",
        Quarter = "quarter",
        Half = "half",
        Year = "year",
        Festivals = "festivals"
    }
);

crate::record!(
    /// A visit or call as it is logged (拜访/电话记录).
    CareLog in "care_logs" {
        /// What was done.
        activity: Option<Activity> => FieldSpec::of(FieldKind::Choice(Activity::CHOICES)).required().defaults_to("call"),
        /// When.
        when: Option<String> => FieldSpec::of(FieldKind::Time).required().defaults_to_now().column("done_at"),
        /// Whom we saw or spoke to.
        contact: Option<String> => FieldSpec::text(60).labelled("field.contact_name"),
        /// What came of it.
        note: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }).labelled("field.care_note"),
    }
);

impl Task {
    /// Whether a logged `activity` satisfies this task: any visit is a visit, any visit or
    /// call keeps in contact, a greeting is only a greeting.
    pub fn satisfied_by(self, activity: Activity) -> bool {
        use Activity as A;
        match self {
            Task::ManagerVisit => activity == A::ManagerVisit,
            Task::TechnicalVisit => activity == A::TechnicalVisit,
            Task::BusinessCall => activity == A::Call,
            Task::StrategicReview => activity == A::Review,
            Task::Visit => matches!(activity, A::ManagerVisit | A::TechnicalVisit | A::Visit),
            Task::Contact => activity != A::Greeting,
            Task::CareCall => matches!(
                activity,
                A::Call | A::Visit | A::ManagerVisit | A::TechnicalVisit
            ),
            Task::Greeting => activity == A::Greeting,
        }
    }
}

/// The cadence per grade: a team setting (`[care]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarePlan {
    /// The tasks of each grade and how often each falls due.
    pub tasks: BTreeMap<Grade, Vec<(Task, Every)>>,
    /// A greeting counts when sent this many days before the festival, or on it.
    pub greeting_days: u32,
}

impl Default for CarePlan {
    fn default() -> Self {
        use Every::*;
        let tasks = BTreeMap::from([
            (
                Grade::A,
                vec![
                    (Task::ManagerVisit, Quarter),
                    (Task::TechnicalVisit, Quarter),
                    (Task::BusinessCall, Month),
                    (Task::StrategicReview, Year),
                ],
            ),
            (Grade::B, vec![(Task::Visit, Half), (Task::Contact, Month)]),
            (
                Grade::C,
                vec![(Task::CareCall, Half), (Task::Greeting, Festivals)],
            ),
            (Grade::D, Vec::new()),
        ]);
        CarePlan {
            tasks,
            greeting_days: 30,
        }
    }
}

/// A month and day.
type MonthDay = (u32, u32);

/// Spring Festival (春节) and Mid-Autumn (中秋) by year: lunar dates, so a table.
const FESTIVALS: &[(i32, MonthDay, MonthDay)] = &[
    (2024, (2, 10), (9, 17)),
    (2025, (1, 29), (10, 6)),
    (2026, (2, 17), (9, 25)),
    (2027, (2, 6), (9, 15)),
    (2028, (1, 26), (10, 3)),
    (2029, (2, 13), (9, 22)),
    (2030, (2, 3), (9, 12)),
    (2031, (1, 23), (10, 1)),
    (2032, (2, 11), (9, 19)),
    (2033, (1, 31), (9, 8)),
    (2034, (2, 19), (9, 27)),
    (2035, (2, 8), (9, 16)),
];

/// The festivals greeted, in date order.
pub fn festivals() -> impl Iterator<Item = NaiveDate> {
    FESTIVALS.iter().flat_map(|(y, (sm, sd), (am, ad))| {
        [
            NaiveDate::from_ymd_opt(*y, *sm, *sd),
            NaiveDate::from_ymd_opt(*y, *am, *ad),
        ]
        .into_iter()
        .flatten()
    })
}

/// The period of `every` holding `day`: its first day and the first day after it (None for
/// festivals, which are not periods).
pub fn period(every: Every, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let months = match every {
        Every::Month => 1,
        Every::Quarter => 3,
        Every::Half => 6,
        Every::Year => 12,
        Every::Festivals => return None,
    };
    let first_month = (day.month0() / months) * months + 1;
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1)?;
    let end = start.checked_add_months(chrono::Months::new(months))?;
    Some((start, end))
}

/// The last working day before `day` (a fortnight of days off at most is looked through;
/// past that the day before is taken, rather than none).
pub fn last_working_day_before(calendar: &WorkCalendar, day: NaiveDate) -> NaiveDate {
    (1..=15)
        .map(|n| day - Duration::days(n))
        .find(|d| calendar.is_working_day(*d))
        .unwrap_or(day - Duration::days(1))
}

/// One task of a customer as it stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The task.
    pub task: Task,
    /// How often it falls due.
    pub every: Every,
    /// By when it is to be done.
    pub due: NaiveDate,
    /// Whether that day has passed with the task undone.
    pub overdue: bool,
    /// When a log last satisfied it.
    pub last: Option<NaiveDate>,
}

/// The tasks a customer of `grade` (on file since `since`) is owed as of `today`, given the
/// last day each activity was logged.
pub fn due_tasks(
    plan: &CarePlan,
    calendar: &WorkCalendar,
    grade: Grade,
    since: NaiveDate,
    last: &BTreeMap<Activity, NaiveDate>,
    today: NaiveDate,
) -> Vec<Due> {
    let Some(tasks) = plan.tasks.get(&grade) else {
        return Vec::new();
    };
    tasks
        .iter()
        .filter_map(|&(task, every)| {
            let done = last
                .iter()
                .filter(|(a, _)| task.satisfied_by(**a))
                .map(|(_, d)| *d)
                .max();
            let (due, overdue) = match every {
                Every::Festivals => greeting_due(plan, calendar, done, today)?,
                _ => periodic_due(calendar, every, since, done, today)?,
            };
            Some(Due {
                task,
                every,
                due,
                overdue,
                last: done,
            })
        })
        .collect()
}

fn periodic_due(
    calendar: &WorkCalendar,
    every: Every,
    since: NaiveDate,
    done: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(NaiveDate, bool)> {
    let (start, end) = period(every, today)?;
    if done.is_some_and(|d| d >= start) {
        let (_, next_end) = period(every, end)?;
        return Some((last_working_day_before(calendar, next_end), false));
    }
    let (prev_start, _) = period(every, start - Duration::days(1))?;
    // A customer on file for the whole last period, with nothing logged in it, is behind.
    if since < prev_start && done.is_none_or(|d| d < prev_start) {
        return Some((last_working_day_before(calendar, start), true));
    }
    let due = last_working_day_before(calendar, end);
    Some((due, today > due))
}

fn greeting_due(
    plan: &CarePlan,
    calendar: &WorkCalendar,
    done: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(NaiveDate, bool)> {
    let window = Duration::days(i64::from(plan.greeting_days));
    // The next festival not yet greeted; one that has passed is no longer owed.
    festivals()
        .filter(|f| *f >= today)
        .find(|f| !done.is_some_and(|d| d >= *f - window && d <= *f))
        .map(|f| {
            let due = last_working_day_before(calendar, f);
            (due, today > due)
        })
}

#[cfg(test)]
#[path = "care_tests.rs"]
mod tests;
