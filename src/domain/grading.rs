//! Grading customers (SOP-15 and MJ-QP-12): by share of annual revenue, or by criteria
//! every six months. The tool proposes, a manager confirms.

use serde::{Deserialize, Serialize};

use crate::domain::assessment::{Cooperation, Payment, Potential, YesNo};
use crate::domain::customer::{CustomerFields, Grade};
use crate::vocabulary;

vocabulary!(
    /// How a grade is proposed.
    Method, "grade_method" { Revenue = "revenue", Criteria = "criteria" }
);

crate::record!(
    /// A manager's confirmation of a grade in the workbench.
    GradeConfirmation in "customers" {
        /// The grade confirmed (the proposal unless changed).
        grade: Option<Grade> => crate::domain::fields::FieldSpec::of(crate::domain::fields::FieldKind::Choice(Grade::CHOICES)).required(),
        /// Why: the rules that held, or the manager's reasons.
        basis: Option<String> => crate::domain::fields::FieldSpec::of(crate::domain::fields::FieldKind::Note { max: 500 }).required().labelled("field.grade_basis"),
    }
);

/// The thresholds of both methods: a team setting (`[grading]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GradeRules {
    /// Share of annual revenue (percent) from which a customer is A.
    pub revenue_a: f64,
    /// Share (percent) from which a customer is B; below it, C.
    pub revenue_b: f64,
    /// A customer who bought in at most this many months of the year is D (one-off).
    pub one_off_months: u32,
    /// Sales over the last six months (RMB) that count towards A, B and C.
    pub sales_a: f64,
    /// See `sales_a`.
    pub sales_b: f64,
    /// See `sales_a`.
    pub sales_c: f64,
    /// Months as a partner that count towards A, B and C.
    pub partner_a_months: u32,
    /// See `partner_a_months`.
    pub partner_b_months: u32,
    /// See `partner_a_months`.
    pub partner_c_months: u32,
    /// How many of a grade's rules must hold.
    pub needed: usize,
}

impl Default for GradeRules {
    fn default() -> Self {
        GradeRules {
            revenue_a: 10.0,
            revenue_b: 5.0,
            one_off_months: 1,
            sales_a: 300_000.0,
            sales_b: 150_000.0,
            sales_c: 100_000.0,
            partner_a_months: 24,
            partner_b_months: 12,
            partner_c_months: 6,
            needed: 3,
        }
    }
}

/// A proposed grade and the rules that held for it (codes: `held.CODE` in the catalog).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// The grade, when a rule set holds.
    pub grade: Option<Grade>,
    /// The rules that held, by code.
    pub held: Vec<&'static str>,
}

/// By revenue: `share` of the year's revenue in percent, `months` with any sales.
pub fn by_revenue(share: f64, months: u32, rules: &GradeRules) -> Proposal {
    if months == 0 {
        return Proposal {
            grade: None,
            held: vec![],
        };
    }
    let (grade, held) = if months <= rules.one_off_months {
        (Grade::D, "one_off")
    } else if share >= rules.revenue_a {
        (Grade::A, "share_a")
    } else if share >= rules.revenue_b {
        (Grade::B, "share_b")
    } else {
        (Grade::C, "share_c")
    };
    Proposal {
        grade: Some(grade),
        held: vec![held],
    }
}

/// What grading by criteria reads: the file's judgements, six months' sales, and how many
/// whole months the customer has been a partner (None when nobody recorded since when).
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The file.
    pub fields: &'a CustomerFields,
    /// Sales over the last six months, RMB.
    pub sales: f64,
    /// Whole months since `partner_since`.
    pub partner_months: Option<u32>,
}

/// By criteria: D if any D rule holds; else the best of A, B, C whose rules hold at
/// least `needed` times. A rule of a lower grade holds for anything better (excellent
/// cooperation is at least good).
pub fn by_criteria(i: Inputs, rules: &GradeRules) -> Proposal {
    let f = i.fields;
    let d: Vec<&'static str> = [
        (f.erratic == Some(YesNo::Yes), "erratic"),
        (f.payment == Some(Payment::VeryPoor), "very_poor_payment"),
        (f.potential == Some(Potential::None), "no_potential"),
    ]
    .into_iter()
    .filter_map(|(holds, code)| holds.then_some(code))
    .collect();
    if !d.is_empty() {
        return Proposal {
            grade: Some(Grade::D),
            held: d,
        };
    }
    // Better is lower in each vocabulary's order.
    let coop = |best: Cooperation| f.cooperation.is_some_and(|c| c <= best);
    let potential = |best: Potential| f.potential.is_some_and(|p| p <= best);
    let pays = |best: Payment| f.payment.is_some_and(|p| p <= best);
    let partner = |months: u32| i.partner_months.is_some_and(|m| m >= months);
    let sets = [
        (
            Grade::A,
            vec![
                (i.sales >= rules.sales_a, "sales"),
                (coop(Cooperation::Excellent), "cooperation"),
                (potential(Potential::Large), "potential"),
                (partner(rules.partner_a_months), "partner"),
                (pays(Payment::OnTime), "payment"),
                (f.brand == Some(YesNo::Yes), "brand"),
            ],
        ),
        (
            Grade::B,
            vec![
                (i.sales >= rules.sales_b, "sales"),
                (coop(Cooperation::Good), "cooperation"),
                (potential(Potential::FairlyLarge), "potential"),
                (partner(rules.partner_b_months), "partner"),
                (pays(Payment::AfterReminders), "payment"),
            ],
        ),
        (
            Grade::C,
            vec![
                (i.sales >= rules.sales_c, "sales"),
                (coop(Cooperation::Good), "cooperation"),
                (potential(Potential::Average), "potential"),
                (partner(rules.partner_c_months), "partner"),
                (pays(Payment::AfterChasing), "payment"),
            ],
        ),
    ];
    for (grade, set) in sets {
        let held: Vec<&'static str> = set
            .into_iter()
            .filter_map(|(holds, code)| holds.then_some(code))
            .collect();
        if held.len() >= rules.needed {
            return Proposal {
                grade: Some(grade),
                held,
            };
        }
    }
    Proposal {
        grade: None,
        held: vec![],
    }
}

/// Whole months from `since` (YYYY-MM-DD) to `today`; None when unreadable or later.
pub fn months_between(since: &str, today: chrono::NaiveDate) -> Option<u32> {
    use chrono::Datelike;
    let s = chrono::NaiveDate::parse_from_str(since.trim(), "%Y-%m-%d").ok()?;
    let mut m = (today.year() - s.year()) * 12 + today.month() as i32 - s.month() as i32;
    if today.day() < s.day() {
        m -= 1;
    }
    u32::try_from(m).ok()
}

#[cfg(test)]
#[path = "grading_tests.rs"]
mod tests;
