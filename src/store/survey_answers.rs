//! Satisfaction survey answers (MJ-QP-12): one per round and customer, each item's answer
//! kept with the item's names; and the facts a round's report is worked out from.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::capa::CapaSource;
use super::{Store, Tx};
use crate::domain::customer::Grade;
use crate::domain::questionnaire::Answer;
use crate::domain::survey_answer::{Filled, ItemAnswer, SurveyCapa};
use crate::domain::survey_report::{Answered, Planned, RoundFacts};
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// An answer to store.
#[derive(Debug, Clone)]
pub struct NewSurveyAnswer {
    /// The round, checked (`2026-10`).
    pub round: String,
    /// Customer code.
    pub customer: String,
    /// The day the customer answered.
    pub answered_on: NaiveDate,
    /// The questionnaire as filled in.
    pub filled: Filled,
    /// Replace the answer the customer already gave in this round (the old one stays in
    /// the history).
    pub replace: bool,
    /// The CAPA the answer opens (below the line), if any.
    pub capa: Option<SurveyCapa>,
}

/// A CAPA an answer opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenedCapa {
    /// Its id.
    pub id: i64,
    /// Its owner: the customer's account manager, else who recorded the answer.
    pub owner: String,
    /// When it is due.
    pub due_date: NaiveDate,
}

/// What recording an answer stored: the answer, and the CAPA it opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedAnswer {
    /// The answer as stored.
    #[serde(flatten)]
    pub answer: StoredAnswer,
    /// The CAPA this answer opened now (None when it opened none, or kept its earlier one).
    pub capa_opened: Option<OpenedCapa>,
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredAnswer {
    /// Its id.
    pub id: i64,
    /// The round.
    pub round: String,
    /// Customer code.
    pub customer: String,
    /// The customer's name.
    pub name: String,
    /// The customer's grade when it was recorded.
    pub grade: Option<Grade>,
    /// The day the customer answered.
    pub answered_on: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// It replaced an earlier answer.
    pub replaced: bool,
    /// The CAPA it opened.
    pub capa: Option<i64>,
    /// The answers, score and rating.
    #[serde(flatten)]
    pub filled: Filled,
}

/// The stored fields of an answer, as its history records them.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Recorded {
    round: String,
    customer: String,
    grade: Option<String>,
    score: f64,
    rating: String,
    answers: String,
    answered_on: String,
    recorded_by: String,
    recorded_at: String,
    capa_id: Option<i64>,
}

impl Recorded {
    /// (field, value as text) of the fields a replacement may change.
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("grade", self.grade.clone()),
            ("score", Some(self.score.to_string())),
            ("rating", Some(self.rating.clone())),
            ("answers", Some(self.answers.clone())),
            ("answered_on", Some(self.answered_on.clone())),
            ("recorded_by", Some(self.recorded_by.clone())),
            ("recorded_at", Some(self.recorded_at.clone())),
            ("capa_id", self.capa_id.map(|c| c.to_string())),
        ]
    }
}

fn read_recorded(conn: &rusqlite::Connection, id: i64) -> Result<Recorded> {
    Ok(conn.query_row(
        "SELECT round, customer, grade, score, rating, answers, answered_on, recorded_by,
                recorded_at, capa_id FROM survey_answers WHERE id = ?1",
        [id],
        |r| {
            Ok(Recorded {
                round: r.get(0)?,
                customer: r.get(1)?,
                grade: r.get(2)?,
                score: r.get(3)?,
                rating: r.get(4)?,
                answers: r.get(5)?,
                answered_on: r.get(6)?,
                recorded_by: r.get(7)?,
                recorded_at: r.get(8)?,
                capa_id: r.get(9)?,
            })
        },
    )?)
}

/// The answers of `round` (of one customer when given), each with its items, by code.
fn read_answers(
    conn: &rusqlite::Connection,
    round: &str,
    customer: Option<&str>,
) -> Result<Vec<StoredAnswer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.customer, c.name, a.grade, a.answered_on, a.recorded_by, a.score,
                a.rating, a.capa_id,
                EXISTS (SELECT 1 FROM history h WHERE h.entity = 'survey_answer'
                        AND h.entity_key = CAST(a.id AS TEXT) AND h.action = 'update')
         FROM survey_answers a JOIN customers c ON c.code = a.customer
         WHERE a.round = ?1 AND (?2 IS NULL OR a.customer = ?2) ORDER BY a.customer",
    )?;
    let mut answers: Vec<StoredAnswer> = stmt
        .query_map(params![round, customer], |r| {
            Ok(StoredAnswer {
                id: r.get(0)?,
                round: round.to_string(),
                customer: r.get(1)?,
                name: r.get(2)?,
                grade: super::customers::grade_of(r.get(3)?),
                answered_on: r.get(4)?,
                recorded_by: r.get(5)?,
                filled: Filled {
                    items: Vec::new(),
                    score: r.get(6)?,
                    rating: r.get(7)?,
                },
                capa: r.get(8)?,
                replaced: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.item, i.item_en, i.answer, i.points FROM survey_answer_items i
         WHERE i.answer_id = ?1 ORDER BY i.position",
    )?;
    for a in &mut answers {
        let rows = stmt.query_map([a.id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })?;
        for row in rows {
            let (item, item_en, answer, points) = row?;
            // The table's CHECK keeps answers to a-e; anything else is not an answer.
            if let Ok(answer) = Answer::parse(FieldId::named("answer"), &answer) {
                a.filled.items.push(ItemAnswer {
                    item,
                    item_en,
                    answer,
                    points,
                });
            }
        }
    }
    Ok(answers)
}

impl Tx<'_> {
    /// Stores one customer's answer to a round: the customer must be in the round's plan
    /// and must not have answered it yet unless `replace` (the old answer then stays in the
    /// history). An answer with a CAPA to open opens it in the same write, owned by the
    /// customer's account manager (else whoever records it); a replaced answer keeps the
    /// CAPA it already had. Nothing is written when it is refused.
    pub fn record_survey_answer(&self, new: &NewSurveyAnswer) -> Result<RecordedAnswer> {
        let (round, code) = (new.round.as_str(), new.customer.as_str());
        let (grade, kam): (Option<String>, Option<String>) = self
            .conn()
            .query_row(
                "SELECT grade, kam FROM customers WHERE code = ?1",
                [code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::Customer,
                key: code.to_string(),
            })?;
        let planned: Vec<String> = self
            .conn()
            .prepare_cached("SELECT customer FROM survey_plans WHERE round = ?1")?
            .query_map([round], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if planned.is_empty() {
            return Err(Error::Refused {
                number: round.to_string(),
                rule: "rule.plan_not_drawn",
            });
        }
        if !planned.iter().any(|c| c == code) {
            return Err(Error::Refused {
                number: format!("{round} {code}"),
                rule: "survey_rule.not_in_plan",
            });
        }
        let old: Option<(i64, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT id, capa_id FROM survey_answers WHERE round = ?1 AND customer = ?2",
                params![round, code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if old.is_some() && !new.replace {
            return Err(Error::Refused {
                number: format!("{round} {code}"),
                rule: "survey_rule.answered",
            });
        }
        let had_capa = old.and_then(|(_, capa)| capa);
        let opened = match (&new.capa, had_capa) {
            (Some(c), None) => {
                let kam = match kam {
                    Some(k) if self.role_of(&k)?.is_some() => Some(k),
                    Some(_) | None => None,
                };
                let owner = kam.unwrap_or_else(|| self.actor().to_string());
                let source = CapaSource::Survey {
                    round: round.to_string(),
                    customer: code.to_string(),
                };
                let id = self.open_capa(&source, &c.problem, &owner, c.due)?;
                Some(OpenedCapa {
                    id,
                    owner,
                    due_date: c.due,
                })
            }
            (Some(_), Some(_)) | (None, _) => None,
        };
        let rec = Recorded {
            round: round.to_string(),
            customer: code.to_string(),
            grade,
            score: new.filled.score,
            rating: new.filled.rating.clone(),
            answers: new.filled.letters(),
            answered_on: new.answered_on.format("%Y-%m-%d").to_string(),
            recorded_by: self.actor().to_string(),
            recorded_at: self.at().to_string(),
            capa_id: opened.as_ref().map(|c| c.id).or(had_capa),
        };
        let id = match old.map(|(id, _)| id) {
            None => {
                self.conn().execute(
                    "INSERT INTO survey_answers (round, customer, grade, score, rating, answers,
                         answered_on, recorded_by, recorded_at, capa_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        rec.round,
                        rec.customer,
                        rec.grade,
                        rec.score,
                        rec.rating,
                        rec.answers,
                        rec.answered_on,
                        rec.recorded_by,
                        rec.recorded_at,
                        rec.capa_id
                    ],
                )?;
                let id = self.conn().last_insert_rowid();
                self.record_insert("survey_answer", &id.to_string(), &rec)?;
                id
            }
            Some(id) => {
                let before = read_recorded(self.conn(), id)?;
                self.conn().execute(
                    "UPDATE survey_answers SET grade = ?1, score = ?2, rating = ?3, answers = ?4,
                         answered_on = ?5, recorded_by = ?6, recorded_at = ?7, capa_id = ?8
                     WHERE id = ?9",
                    params![
                        rec.grade,
                        rec.score,
                        rec.rating,
                        rec.answers,
                        rec.answered_on,
                        rec.recorded_by,
                        rec.recorded_at,
                        rec.capa_id,
                        id
                    ],
                )?;
                self.conn()
                    .execute("DELETE FROM survey_answer_items WHERE answer_id = ?1", [id])?;
                let key = id.to_string();
                for ((field, was), (_, now)) in before.fields().into_iter().zip(rec.fields()) {
                    if was != now {
                        let (was, now) = (was.as_deref(), now.as_deref());
                        self.record("survey_answer", &key, "update", Some(field), was, now)?;
                    }
                }
                id
            }
        };
        let mut insert = self.conn().prepare_cached(
            "INSERT INTO survey_answer_items (answer_id, position, item, item_en, answer, points)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, item) in new.filled.items.iter().enumerate() {
            insert.execute(params![
                id,
                i as i64 + 1,
                item.item,
                item.item_en,
                item.answer.as_str(),
                item.points
            ])?;
        }
        let answer = read_answers(self.conn(), round, Some(code))?
            .pop()
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::SurveyAnswer,
                key: format!("{round} {code}"),
            })?;
        Ok(RecordedAnswer {
            answer,
            capa_opened: opened,
        })
    }
}

impl Store {
    /// The answers of `round`, by customer code.
    pub fn survey_answers(&self, round: &str) -> Result<Vec<StoredAnswer>> {
        read_answers(self.conn(), round, None)
    }

    /// What the report of `round` is worked out from: its plan and its answers.
    pub fn survey_round_facts(&self, round: &str) -> Result<RoundFacts> {
        let planned = self
            .stored_survey_plan(round)?
            .into_iter()
            .map(|p| Planned {
                customer: p.customer,
                grade: p.grade,
            })
            .collect();
        let answers = self
            .survey_answers(round)?
            .into_iter()
            .map(|a| Answered {
                customer: a.customer,
                name: a.name,
                filled: a.filled,
                capa: a.capa,
            })
            .collect();
        Ok(RoundFacts {
            round: round.to_string(),
            planned,
            answers,
        })
    }

    /// Every round whose plan is drawn, oldest first.
    pub fn survey_rounds(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT round FROM survey_plans ORDER BY round")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest round before `round` whose plan was drawn, if any.
    pub fn previous_survey_round(&self, round: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row(
            "SELECT MAX(round) FROM survey_plans WHERE round < ?1",
            [round],
            |r| r.get(0),
        )?)
    }
}
