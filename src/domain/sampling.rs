//! Who is asked in a satisfaction survey round (MJ-QP-12): grade A all, B half, C a fifth,
//! D none (team settings). B and C rotate: those not asked for longest come first (never
//! asked before anyone), ties broken by a hash of the code and the round, so a plan is the
//! same for the same database and round. Asking `ceil(share x n)` of n customers a round,
//! least recently asked first, reaches every one within `ceil(1 / share)` rounds.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::customer::Grade;

/// The share of each grade's customers asked in a round, 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares(pub BTreeMap<Grade, f64>);

impl Default for Shares {
    fn default() -> Self {
        Shares(BTreeMap::from([
            (Grade::A, 1.0),
            (Grade::B, 0.5),
            (Grade::C, 0.2),
            (Grade::D, 0.0),
        ]))
    }
}

/// When rounds are held and who is asked: a team setting (`[survey]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Sampling {
    /// The months a round is held in (April and October).
    pub months: Vec<u32>,
    /// The share of each grade asked.
    pub shares: Shares,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            months: vec![4, 10],
            shares: Shares::default(),
        }
    }
}

impl Sampling {
    /// Checks a round given as `2026-10`: a month rounds are held in; returns it as stored.
    pub fn round(
        &self,
        field: crate::field_id::FieldId,
        text: &str,
    ) -> Result<String, crate::error::Error> {
        let t = text.trim();
        let month = match crate::domain::period::Period::parse(field.clone(), t) {
            Ok(crate::domain::period::Period::Month(_, m)) => Some(m),
            _ => None,
        };
        match month.filter(|m| self.months.contains(m)) {
            Some(_) => Ok(t.to_string()),
            None => Err(crate::error::Error::Invalid {
                field,
                value: text.to_string(),
                rule: "rule.survey_round",
            }),
        }
    }
}

impl Sampling {
    /// The round `today` falls in: the latest round month at or before it (`2026-10` from
    /// November 2026 to March 2027 with rounds in April and October).
    pub fn round_of(&self, today: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let (year, month) = (today.year(), today.month());
        let this_year = self.months.iter().filter(|m| **m <= month).max();
        match (this_year, self.months.iter().max()) {
            (Some(m), _) => format!("{year}-{m:02}"),
            (None, Some(m)) => format!("{}-{m:02}", year - 1),
            (None, None) => format!("{year}-{month:02}"),
        }
    }
}

/// A customer who may be asked: code, grade, and the last round they were asked in.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Customer code.
    pub code: String,
    /// Grade now.
    pub grade: Grade,
    /// The last round they were asked in (`2026-04`), if any.
    pub last_asked: Option<String>,
}

/// Why a customer is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Their grade is asked in full.
    WholeGrade,
    /// Never asked before.
    NeverAsked,
    /// Asked longest ago of their grade.
    LongestAgo,
}

impl Reason {
    /// The catalog key of its words.
    pub fn label_key(self) -> &'static str {
        match self {
            Reason::WholeGrade => "sample.whole_grade",
            Reason::NeverAsked => "sample.never_asked",
            Reason::LongestAgo => "sample.longest_ago",
        }
    }
}

/// FNV-1a over the code and round: a stable tie-break that is not the code's order.
fn tie(code: &str, round: &str) -> u64 {
    code.bytes()
        .chain([0])
        .chain(round.bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The customers asked in `round`, with why, in code order.
pub fn plan(candidates: &[Candidate], shares: &Shares, round: &str) -> Vec<(String, Reason)> {
    let mut out = Vec::new();
    for grade in Grade::ALL {
        let share = shares.0.get(grade).copied().unwrap_or(0.0).clamp(0.0, 1.0);
        let mut of: Vec<&Candidate> = candidates.iter().filter(|c| c.grade == *grade).collect();
        if share >= 1.0 {
            out.extend(of.iter().map(|c| (c.code.clone(), Reason::WholeGrade)));
            continue;
        }
        let n = (share * of.len() as f64).ceil() as usize;
        // Never asked first, then the oldest round, then the stable tie-break.
        of.sort_by_key(|c| (c.last_asked.clone(), tie(&c.code, round)));
        out.extend(of.iter().take(n).map(|c| {
            let why = match c.last_asked {
                None => Reason::NeverAsked,
                Some(_) => Reason::LongestAgo,
            };
            (c.code.clone(), why)
        }));
    }
    out.sort();
    out
}

#[cfg(test)]
#[path = "sampling_tests.rs"]
mod tests;
