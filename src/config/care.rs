//! `[care]`: the service cadence per grade, a team setting.
//!
//! ```toml
//! [care]
//! greeting_days = 30                 # a greeting counts this many days before the festival
//! [care.A]                           # a grade given here owes exactly these tasks
//! manager_visit = "quarter"          # month, quarter, half, year, or festivals (greeting)
//! technical_visit = "quarter"
//! business_call = "month"
//! strategic_review = "year"
//! ```

use super::bad;
use crate::domain::care::{CarePlan, Every, Task};
use crate::domain::customer::Grade;
use crate::error::Error;
use crate::field_id::FieldId;

/// Applies `[care]` to `plan`; every problem is named and the rest still applies.
pub fn apply(plan: &mut CarePlan, section: &toml::Value, source: &str) -> Vec<Error> {
    let Some(table) = section.as_table() else {
        return vec![bad(source, "care]", section, "rule.care")];
    };
    let mut problems = Vec::new();
    for (key, value) in table {
        if key == "greeting_days" {
            match value.as_integer().and_then(|n| u32::try_from(n).ok()) {
                Some(n) if (1..=90).contains(&n) => plan.greeting_days = n,
                _ => problems.push(bad(
                    source,
                    "care] greeting_days",
                    value,
                    "rule.greeting_days",
                )),
            }
            continue;
        }
        let Ok(grade) = Grade::parse(FieldId::named("grade"), key) else {
            problems.push(bad(source, &format!("care] {key}"), value, "rule.care"));
            continue;
        };
        let place = format!("care.{}", grade.as_str());
        let Some(tasks) = value.as_table() else {
            problems.push(bad(source, &place, value, "rule.care"));
            continue;
        };
        let mut list = Vec::new();
        for (name, every) in tasks {
            let task = Task::parse(FieldId::named("task"), name);
            let every = every
                .as_str()
                .map(|e| Every::parse(FieldId::named("every"), e));
            match (task, every) {
                (Ok(t), Some(Ok(e))) if (t == Task::Greeting) == (e == Every::Festivals) => {
                    list.push((t, e))
                }
                (Ok(_), _) => problems.push(bad(
                    source,
                    &format!("{place}] {name}"),
                    every_value(tasks, name),
                    "rule.care_every",
                )),
                (Err(_), _) => problems.push(bad(
                    source,
                    &format!("{place}] {name}"),
                    every_value(tasks, name),
                    "rule.care_task",
                )),
            }
        }
        plan.tasks.insert(grade, list);
    }
    problems
}

fn every_value<'a>(tasks: &'a toml::Table, name: &str) -> &'a toml::Value {
    static NONE: toml::Value = toml::Value::Boolean(false);
    tasks.get(name).unwrap_or(&NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> (CarePlan, Vec<String>) {
        let mut plan = CarePlan::default();
        let value: toml::Value = match text.parse::<toml::Table>() {
            Ok(t) => t
                .get("care")
                .cloned()
                .unwrap_or(toml::Value::Boolean(false)),
            Err(e) => panic!("{e}"),
        };
        let problems = apply(&mut plan, &value, "t.toml")
            .iter()
            .map(|e| e.to_string())
            .collect();
        (plan, problems)
    }

    #[test]
    fn a_grade_given_owes_exactly_its_tasks_and_the_others_keep_theirs() {
        let (p, problems) = plan("[care]\ngreeting_days = 20\n[care.B]\ncontact = \"quarter\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p.greeting_days, 20);
        assert_eq!(p.tasks[&Grade::B], vec![(Task::Contact, Every::Quarter)]);
        assert_eq!(p.tasks[&Grade::A], CarePlan::default().tasks[&Grade::A]);
    }

    #[test]
    fn bad_entries_are_named() {
        let (p, problems) = plan(
            "[care]\ngreeting_days = 0\nE = {}\n[care.C]\nhug = \"month\"\ngreeting = \"month\"\ncare_call = \"weekly\"\n",
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("[care.C] hug")),
            "{problems:?}"
        );
        assert!(p.tasks[&Grade::C].is_empty());
        assert_eq!(p.greeting_days, 30);
    }
}
