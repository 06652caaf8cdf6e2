//! Open improvement cases with their clocks, for the to-do and the board.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::campaign::NpsRules;
use crate::domain::improvement::{CaseVerdict, Stage};
use crate::error::Result;
use crate::i18n::Catalog;
use crate::store::improvement::ImprovementCase;
use crate::store::Store;

/// An open case and where its clock stands.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseClock {
    /// The case number.
    pub number: String,
    /// The customer's code.
    pub customer: String,
    /// The customer's name.
    pub name: String,
    /// The score that opened it.
    pub score: u8,
    /// Its stage.
    pub stage: Stage,
    /// The day the stage is due.
    pub due: Option<NaiveDate>,
    /// Whether that day has passed.
    pub overdue: bool,
    /// The people it concerns: the customer's account manager, the visiting manager and
    /// engineer.
    pub people: Vec<String>,
    /// How it ended, once closed.
    pub verdict: Option<CaseVerdict>,
}

/// Where `c` stands on the day of `now`.
pub fn clock_of(
    c: ImprovementCase,
    rules: &NpsRules,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> CaseClock {
    let today = now.with_timezone(&tz).date_naive();
    let facts = c.facts(tz);
    let due = facts.due(today, rules);
    CaseClock {
        stage: facts.stage(today, rules),
        overdue: due.is_some_and(|d| d < today),
        due,
        people: [c.kam, c.visit_manager, c.visit_engineer]
            .into_iter()
            .flatten()
            .collect(),
        verdict: c.verdict,
        number: c.number,
        customer: c.customer,
        name: c.name,
        score: c.score,
    }
}

/// Every open case, the earliest due first.
pub fn open_cases(
    store: &Store,
    rules: &NpsRules,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<Vec<CaseClock>> {
    let mut out: Vec<CaseClock> = store
        .improvement_cases(true, None)?
        .into_iter()
        .map(|c| clock_of(c, rules, now, tz))
        .collect();
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.number.cmp(&b.number)));
    Ok(out)
}

/// "due 2026-10-22", or "overdue since 2026-10-22".
pub fn due_label(cat: &Catalog, c: &CaseClock) -> String {
    match (c.due, c.overdue) {
        (Some(d), true) => cat.fmt("care.overdue", &[("date", &d.to_string())]),
        (Some(d), false) => d.to_string(),
        (None, _) => String::new(),
    }
}
