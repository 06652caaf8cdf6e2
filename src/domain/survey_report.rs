//! A survey round's report (MJ-QP-12): response rate per grade, the ratings' spread, the
//! average points of each item with how often each answer was given, the customers below
//! the CAPA line with the items they were unhappy with, and the change since the previous
//! round. Worked out from the round's facts; a figure of a group nobody answered is None
//! (null in JSON), never 0 or NaN.

use std::collections::BTreeMap;

use serde::Serialize;

use super::customer::Grade;
use super::questionnaire::{Answer, Questionnaire};
use super::survey_answer::{Filled, ItemAnswer};

/// A customer in the round's plan and the grade they were drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// Customer code.
    pub customer: String,
    /// The grade when drawn.
    pub grade: Grade,
}

/// A stored answer, as the report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// Customer code.
    pub customer: String,
    /// The customer's name.
    pub name: String,
    /// The questionnaire as filled in.
    pub filled: Filled,
    /// The CAPA it opened, if any.
    pub capa: Option<i64>,
}

/// What a round's report is worked out from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoundFacts {
    /// The round (`2026-10`).
    pub round: String,
    /// Its plan.
    pub planned: Vec<Planned>,
    /// Its answers.
    pub answers: Vec<Answered>,
}

/// Planned, answered, the response rate and the average score of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Customers in the plan.
    pub planned: usize,
    /// Of them, those who answered.
    pub answered: usize,
    /// answered / planned, in % to one decimal; None when nobody was planned.
    pub response_rate_pct: Option<f64>,
    /// The average score of the answers, to one decimal; None without answers.
    pub average_score: Option<f64>,
}

/// How many answers fell in a rating band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingCount {
    /// The rating.
    pub rating: String,
    /// The band's lowest score (None for the lowest band, which takes every score below
    /// the others, and for a rating no longer in the questionnaire).
    pub from: Option<f64>,
    /// Answers rated so.
    pub count: usize,
}

/// One item: how it was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFigure {
    /// The item's name in Chinese, as stored with the answers.
    pub item: String,
    /// Its name in English.
    pub item_en: String,
    /// Answers to it.
    pub answers: usize,
    /// Its average points, to one decimal; None without answers.
    pub average_points: Option<f64>,
    /// How often each answer (a to e) was given.
    pub counts: BTreeMap<&'static str, usize>,
}

/// A customer whose score is below the CAPA line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Below {
    /// Customer code.
    pub customer: String,
    /// Name.
    pub name: String,
    /// Score.
    pub score: f64,
    /// Rating.
    pub rating: String,
    /// The items answered dissatisfied or opposed.
    pub unhappy: Vec<ItemAnswer>,
    /// The CAPA the answer opened.
    pub capa: Option<i64>,
}

/// Two figures of the previous round, and how this round differs from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The previous round.
    pub round: String,
    /// Its average score.
    pub average_score: Option<f64>,
    /// Its response rate, %.
    pub response_rate_pct: Option<f64>,
    /// This round's average score minus the previous one's.
    pub average_score_change: Option<f64>,
    /// This round's response rate minus the previous one's, percentage points.
    pub response_rate_change: Option<f64>,
}

/// A round's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyReport {
    /// The round.
    pub round: String,
    /// Every customer of the plan.
    pub overall: Group,
    /// Per grade drawn, every grade present.
    pub by_grade: BTreeMap<&'static str, Group>,
    /// Answers per rating band, the best first.
    pub by_rating: Vec<RatingCount>,
    /// The items in order.
    pub items: Vec<ItemFigure>,
    /// The score below which a CAPA is opened.
    pub capa_below: f64,
    /// The customers below it, lowest first.
    pub below: Vec<Below>,
    /// The previous round and the change since; None when there is none.
    pub previous: Option<Change>,
}

/// `x` to one decimal.
fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The group of the planned customers `of`, their answers looked up in `answers`.
fn group(of: &[&Planned], answers: &BTreeMap<&str, &Answered>) -> Group {
    let scores: Vec<f64> = of
        .iter()
        .filter_map(|p| answers.get(p.customer.as_str()))
        .map(|a| a.filled.score)
        .collect();
    Group {
        planned: of.len(),
        answered: scores.len(),
        response_rate_pct: (!of.is_empty())
            .then(|| one_decimal(100.0 * scores.len() as f64 / of.len() as f64)),
        average_score: mean(&scores).map(one_decimal),
    }
}

/// The overall group of a round (planned customers and their answers).
fn overall(facts: &RoundFacts) -> Group {
    let answers: BTreeMap<&str, &Answered> = facts
        .answers
        .iter()
        .map(|a| (a.customer.as_str(), a))
        .collect();
    let all: Vec<&Planned> = facts.planned.iter().collect();
    group(&all, &answers)
}

/// The report of `facts` under the questionnaire `q` (its bands and CAPA line), with the
/// change since `previous`.
pub fn report(
    facts: &RoundFacts,
    previous: Option<&RoundFacts>,
    q: &Questionnaire,
) -> SurveyReport {
    let answers: BTreeMap<&str, &Answered> = facts
        .answers
        .iter()
        .map(|a| (a.customer.as_str(), a))
        .collect();
    let by_grade = Grade::ALL
        .iter()
        .map(|g| {
            let of: Vec<&Planned> = facts.planned.iter().filter(|p| p.grade == *g).collect();
            (g.as_str(), group(&of, &answers))
        })
        .collect();
    let mut by_rating: Vec<RatingCount> = q
        .bands
        .iter()
        .map(|b| RatingCount {
            rating: b.rating.clone(),
            from: Some(b.from).filter(|f| f.is_finite() && *f > f64::MIN),
            count: 0,
        })
        .collect();
    let mut items: Vec<ItemFigure> = Vec::new();
    let mut points: Vec<Vec<f64>> = Vec::new();
    for a in &facts.answers {
        match by_rating.iter_mut().find(|r| r.rating == a.filled.rating) {
            Some(r) => r.count += 1,
            None => by_rating.push(RatingCount {
                rating: a.filled.rating.clone(),
                from: None,
                count: 1,
            }),
        }
        for i in &a.filled.items {
            let at = match items.iter().position(|f| f.item == i.item) {
                Some(at) => at,
                None => {
                    items.push(ItemFigure {
                        item: i.item.clone(),
                        item_en: i.item_en.clone(),
                        answers: 0,
                        average_points: None,
                        counts: Answer::ALL.iter().map(|x| (x.as_str(), 0)).collect(),
                    });
                    points.push(Vec::new());
                    items.len() - 1
                }
            };
            items[at].answers += 1;
            *items[at].counts.entry(i.answer.as_str()).or_insert(0) += 1;
            points[at].push(i.points);
        }
    }
    for (f, p) in items.iter_mut().zip(&points) {
        f.average_points = mean(p).map(one_decimal);
    }
    let mut below: Vec<Below> = facts
        .answers
        .iter()
        .filter(|a| q.needs_capa(a.filled.score))
        .map(|a| Below {
            customer: a.customer.clone(),
            name: a.name.clone(),
            score: a.filled.score,
            rating: a.filled.rating.clone(),
            unhappy: a.filled.unhappy().cloned().collect(),
            capa: a.capa,
        })
        .collect();
    below.sort_by(|x, y| {
        x.score
            .total_cmp(&y.score)
            .then_with(|| x.customer.cmp(&y.customer))
    });
    let now = overall(facts);
    let previous = previous.map(|p| {
        let before = overall(p);
        let diff = |a: Option<f64>, b: Option<f64>| Some(one_decimal(a? - b?));
        Change {
            round: p.round.clone(),
            average_score: before.average_score,
            response_rate_pct: before.response_rate_pct,
            average_score_change: diff(now.average_score, before.average_score),
            response_rate_change: diff(now.response_rate_pct, before.response_rate_pct),
        }
    });
    SurveyReport {
        round: facts.round.clone(),
        overall: now,
        by_grade,
        by_rating,
        items,
        capa_below: q.capa_below,
        below,
        previous,
    }
}

#[cfg(test)]
#[path = "survey_report_tests.rs"]
mod tests;
