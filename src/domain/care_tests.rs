use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn china() -> WorkCalendar {
    crate::config::holidays::china(chrono_tz::Asia::Shanghai, Default::default())
}

fn logged(pairs: &[(Activity, &str)]) -> BTreeMap<Activity, NaiveDate> {
    pairs.iter().map(|(a, s)| (*a, d(s))).collect()
}

fn task(due: &[Due], t: Task) -> Due {
    due.iter()
        .copied()
        .find(|x| x.task == t)
        .unwrap_or_else(|| panic!("{t:?} not in {due:?}"))
}

#[test]
fn periods_hold_their_day() {
    let q = |s| period(Every::Quarter, d(s));
    assert_eq!(q("2026-12-31"), Some((d("2026-10-01"), d("2027-01-01"))));
    assert_eq!(q("2027-01-01"), Some((d("2027-01-01"), d("2027-04-01"))));
    assert_eq!(
        period(Every::Half, d("2026-06-30")),
        Some((d("2026-01-01"), d("2026-07-01")))
    );
    assert_eq!(
        period(Every::Half, d("2026-07-01")),
        Some((d("2026-07-01"), d("2027-01-01")))
    );
    assert_eq!(
        period(Every::Month, d("2026-02-14")),
        Some((d("2026-02-01"), d("2026-03-01")))
    );
    assert_eq!(period(Every::Festivals, d("2026-02-14")), None);
}

#[test]
fn a_quarterly_visit_across_the_quarter_end() {
    let (plan, cal) = (CarePlan::default(), china());
    let since = d("2025-01-01");
    let visited = logged(&[(Activity::ManagerVisit, "2026-11-10")]);
    // Done this quarter: the next is due by the last working day of the next quarter.
    let due = due_tasks(&plan, &cal, Grade::A, since, &visited, d("2026-12-31"));
    let v = task(&due, Task::ManagerVisit);
    assert_eq!(
        (v.due, v.overdue, v.last),
        (d("2027-03-31"), false, Some(d("2026-11-10")))
    );
    // The new quarter: last quarter was done, so this one is simply due.
    let due = due_tasks(&plan, &cal, Grade::A, since, &visited, d("2027-01-04"));
    assert_eq!(task(&due, Task::ManagerVisit).due, d("2027-03-31"));
    assert!(!task(&due, Task::ManagerVisit).overdue);
    // A quarter missed: overdue since its last working day, until a visit is logged.
    let due = due_tasks(&plan, &cal, Grade::A, since, &visited, d("2027-04-02"));
    let v = task(&due, Task::ManagerVisit);
    assert_eq!((v.due, v.overdue), (d("2027-03-31"), true));
    let caught_up = logged(&[
        (Activity::ManagerVisit, "2027-04-02"),
        (Activity::TechnicalVisit, "2027-04-02"),
    ]);
    let due = due_tasks(&plan, &cal, Grade::A, since, &caught_up, d("2027-04-02"));
    assert!(!task(&due, Task::ManagerVisit).overdue);
    // A technical visit does not stand in for the manager's, nor a call for either.
    let call = logged(&[(Activity::Call, "2026-11-10")]);
    let due = due_tasks(&plan, &cal, Grade::A, since, &call, d("2026-11-20"));
    assert!(task(&due, Task::ManagerVisit).overdue);
    assert_eq!(task(&due, Task::BusinessCall).due, d("2026-12-31"));
}

#[test]
fn a_period_ending_in_a_holiday_is_due_on_the_working_day_before() {
    let (plan, cal) = (CarePlan::default(), china());
    // September 2026 ends on a Wednesday, before National Day: due that day.
    let none = BTreeMap::new();
    let since = d("2026-09-10");
    let due = due_tasks(&plan, &cal, Grade::B, since, &none, d("2026-09-15"));
    assert_eq!(task(&due, Task::Contact).due, d("2026-09-30"));
    // January 2026 ends on a Saturday: due Friday the 30th, overdue on the 31st.
    let since = d("2026-01-05");
    let due = due_tasks(&plan, &cal, Grade::B, since, &none, d("2026-01-31"));
    let c = task(&due, Task::Contact);
    assert_eq!((c.due, c.overdue), (d("2026-01-30"), true));
    // A customer new this period is not behind for the last one.
    let due = due_tasks(&plan, &cal, Grade::B, since, &none, d("2026-01-20"));
    assert!(!task(&due, Task::Contact).overdue);
}

#[test]
fn holiday_greetings_before_spring_festival_and_mid_autumn() {
    let (plan, cal) = (CarePlan::default(), china());
    let since = d("2025-01-01");
    let none = BTreeMap::new();
    // Spring Festival 2026 is Tuesday 17 February; the holiday runs from Sunday the 15th
    // and Saturday the 14th is a make-up working day: the greeting is due then.
    let due = due_tasks(&plan, &cal, Grade::C, since, &none, d("2026-02-01"));
    let g = task(&due, Task::Greeting);
    assert_eq!((g.due, g.overdue), (d("2026-02-14"), false));
    let due = due_tasks(&plan, &cal, Grade::C, since, &none, d("2026-02-16"));
    assert!(task(&due, Task::Greeting).overdue);
    // Greeted in time: the next owed is Mid-Autumn (Friday 25 September 2026).
    let greeted = logged(&[(Activity::Greeting, "2026-02-10")]);
    let due = due_tasks(&plan, &cal, Grade::C, since, &greeted, d("2026-02-16"));
    assert_eq!(task(&due, Task::Greeting).due, d("2026-09-24"));
    // A greeting sent long before does not count for the festival.
    let early = logged(&[(Activity::Greeting, "2025-12-01")]);
    let due = due_tasks(&plan, &cal, Grade::C, since, &early, d("2026-02-16"));
    assert_eq!(task(&due, Task::Greeting).due, d("2026-02-14"));
    // After the festival a missed greeting is no longer owed.
    let due = due_tasks(&plan, &cal, Grade::C, since, &none, d("2026-02-18"));
    assert_eq!(task(&due, Task::Greeting).due, d("2026-09-24"));
}

#[test]
fn what_satisfies_what() {
    use Activity as A;
    assert!(Task::Visit.satisfied_by(A::TechnicalVisit));
    assert!(!Task::Visit.satisfied_by(A::Call));
    assert!(Task::Contact.satisfied_by(A::Call) && Task::Contact.satisfied_by(A::Review));
    assert!(!Task::Contact.satisfied_by(A::Greeting));
    assert!(Task::CareCall.satisfied_by(A::Visit) && !Task::CareCall.satisfied_by(A::Review));
    assert!(!Task::Greeting.satisfied_by(A::Call));
    // B: any visit in the half-year; D owes nothing.
    let (plan, cal) = (CarePlan::default(), china());
    let v = logged(&[(A::TechnicalVisit, "2026-08-01")]);
    let due = due_tasks(&plan, &cal, Grade::B, d("2025-01-01"), &v, d("2026-11-25"));
    assert_eq!(task(&due, Task::Visit).due, d("2027-06-30"));
    assert!(due_tasks(&plan, &cal, Grade::D, d("2025-01-01"), &v, d("2026-11-25")).is_empty());
}
