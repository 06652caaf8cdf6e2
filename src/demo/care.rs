//! The demo's visits and calls: made from each customer's grade and place in the list,
//! without drawing from the random stream, so the rest of the demo stays as it was. Most
//! customers are up to date; some owe this period's visit or call.

use chrono::{DateTime, Duration, Utc};

use crate::domain::care::{Activity, CareLog};
use crate::domain::customer::Grade;
use crate::domain::time::to_store;
use crate::error::Result;
use crate::store::Tx;

const NOTES: &[&str] = &[
    "了解下季度需求，无异常",
    "回访上次交付，客户满意",
    "讨论新产品打样安排",
    "确认年度框架合同续签",
    "客户提出包装改进建议，已记录",
];

/// Logs the visits and calls of `customers` before `now`; returns how many.
pub fn add_care(tx: &Tx, customers: &[(String, Grade)], now: DateTime<Utc>) -> Result<usize> {
    let mut rows = 0;
    for (i, (code, grade)) in customers.iter().enumerate() {
        let i = i as i64;
        // (what, days ago, whether this customer had it)
        let plan: &[(Activity, i64, bool)] = match grade {
            Grade::A => &[
                (Activity::ManagerVisit, 3 + i % 20, i % 4 != 0),
                (Activity::TechnicalVisit, 5 + i % 40, i % 3 != 0),
                (Activity::Call, 1 + i % 25, i % 5 != 0),
                (Activity::Review, 100 + i % 60, i % 2 == 0),
            ],
            Grade::B => &[
                (Activity::Visit, 10 + i % 150, i % 3 != 0),
                (Activity::Call, 1 + i % 35, i % 4 != 0),
            ],
            Grade::C => &[(Activity::Call, 5 + i % 170, i % 2 == 0)],
            Grade::D => &[],
        };
        for (n, (activity, days, had)) in plan.iter().enumerate() {
            if !had {
                continue;
            }
            let log = CareLog {
                activity: Some(*activity),
                when: Some(to_store(now - Duration::days(*days))),
                contact: None,
                note: Some(NOTES[(i as usize + n) % NOTES.len()].to_string()),
            };
            tx.log_care(code, &log)?;
            rows += 1;
        }
    }
    Ok(rows)
}
