//! The demo's grading inputs and monthly sales, made from each customer's grade without
//! drawing from the random stream, so the rest of the demo stays as it was.

use chrono::{DateTime, Datelike, Months, Utc};

use crate::domain::assessment::{Cooperation, Payment, Potential, YesNo};
use crate::domain::customer::{CustomerFields, Grade};
use crate::error::Result;
use crate::store::Tx;

/// Fills the file's judgements as a customer of `grade` would have them; every seventh
/// customer's have drifted a step, so some proposals differ from the grade.
pub fn judgements(f: &mut CustomerFields, grade: Grade, i: u32) {
    let drift = i.is_multiple_of(7);
    let (coop, potential, payment) = match (grade, drift) {
        (Grade::A, false) => (Cooperation::Excellent, Potential::Large, Payment::OnTime),
        (Grade::A, true) | (Grade::B, false) => (
            Cooperation::Good,
            Potential::FairlyLarge,
            Payment::AfterReminders,
        ),
        (Grade::B, true) | (Grade::C, false) => {
            (Cooperation::Good, Potential::Average, Payment::AfterChasing)
        }
        (Grade::C, true) | (Grade::D, _) => (
            Cooperation::Average,
            Potential::Average,
            Payment::AfterChasing,
        ),
    };
    f.cooperation = Some(coop);
    f.potential = Some(potential);
    f.payment = Some(payment);
    f.brand = Some(if grade == Grade::A {
        YesNo::Yes
    } else {
        YesNo::No
    });
    f.erratic = Some(if grade == Grade::D {
        YesNo::Yes
    } else {
        YesNo::No
    });
    f.importance = Some(match grade {
        Grade::A => crate::domain::assessment::Level::High,
        Grade::B => crate::domain::assessment::Level::Medium,
        Grade::C | Grade::D => crate::domain::assessment::Level::Low,
    });
}

/// Twelve months of sales before `now`'s month: A and B monthly, C every other month,
/// D once.
pub fn add_sales(tx: &Tx, customers: &[(String, Grade)], now: DateTime<Utc>) -> Result<usize> {
    let first = now.date_naive().with_day(1).unwrap_or(now.date_naive());
    let mut rows = 0;
    for (i, (code, grade)) in customers.iter().enumerate() {
        // The customers whose judgements drifted (see `judgements`) buy less, too.
        let drift = (i as u32 + 1).is_multiple_of(7);
        let base = match (grade, drift) {
            (Grade::A, false) => 90_000.0,
            (Grade::A, true) | (Grade::B, false) => 30_000.0,
            (Grade::B, true) | (Grade::C, false) => 12_000.0,
            (Grade::C, true) | (Grade::D, _) => 5_000.0,
        };
        for back in 1..=12u32 {
            let sells = match grade {
                Grade::A | Grade::B => true,
                Grade::C => back.is_multiple_of(2),
                Grade::D => back == 1 + (i as u32 % 12),
            };
            if !sells {
                continue;
            }
            let Some(month) = first.checked_sub_months(Months::new(back)) else {
                continue;
            };
            let wobble = 1.0 + ((i as u32 * 7 + back * 3) % 10) as f64 / 10.0;
            tx.seed_sales(code, &month.format("%Y-%m").to_string(), base * wobble)?;
            rows += 1;
        }
    }
    Ok(rows)
}
