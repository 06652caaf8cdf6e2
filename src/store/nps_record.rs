//! Recording NPS answers against a contact and a quarter, replacing one with its history
//! kept, and excluding one from the figures with a reason.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{instant_at, Store, Tx};
use crate::domain::campaign::NpsRules;
use crate::domain::improvement::opens_case;
use crate::domain::nps::check_answer;
use crate::domain::period::Period;
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// One answer to record.
#[derive(Debug, Clone)]
pub struct NpsEntry<'a> {
    /// The customer's code.
    pub customer: &'a str,
    /// The contact's name (any case).
    pub contact: &'a str,
    /// The score, checked to be 0-10.
    pub score: i64,
    /// What they said.
    pub comment: Option<&'a str>,
    /// When they answered.
    pub at: DateTime<Utc>,
    /// Replace the contact's answer of the same quarter.
    pub replace: bool,
}

/// What recording an answer did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recorded {
    /// The answer's id.
    pub id: i64,
    /// The quarter it counts in.
    pub quarter: String,
    /// Whether it replaced an earlier answer.
    pub replaced: bool,
    /// The improvement case it opened (or was noted on).
    pub case: Option<String>,
    /// Whether that case was opened by this answer.
    pub case_opened: bool,
}

/// An answer as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsListed {
    /// Its id.
    pub id: i64,
    /// The customer's code.
    pub customer: String,
    /// The contact's name.
    pub contact: Option<String>,
    /// The quarter it counts in.
    pub quarter: Option<String>,
    /// The customer's grade when answering.
    pub grade: Option<String>,
    /// The score.
    pub score: u8,
    /// The comment.
    pub comment: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Why it is not counted.
    pub excluded: Option<String>,
}

impl Tx<'_> {
    /// Records a contact's answer: refused for a bad score, an unknown customer or
    /// contact, or a second answer of the quarter unless `replace`; a score below 7 opens
    /// an improvement case (or is noted on the customer's open one).
    pub fn record_nps(&self, e: &NpsEntry, rules: &NpsRules) -> Result<Recorded> {
        let _event = self.event_at(e.at);
        let now = crate::domain::time::from_store(self.at()).unwrap_or(e.at);
        let score = check_answer(e.score, e.at, now, self.tz())?;
        let customer_id = self.customer_id(e.customer)?;
        let (contact_id, contact) = self.contact(customer_id, e.customer, e.contact)?;
        let quarter = Period::quarter_of(e.at, self.tz()).to_string();
        let who = format!("{} {}", e.customer, contact.name);
        let comment = e.comment.map(str::trim).filter(|c| !c.is_empty());
        let earlier: Option<(i64, i64, Option<String>, String)> = self
            .conn()
            .query_row(
                "SELECT id, score, comment, responded_at FROM nps_responses
                 WHERE contact_id = ?1 AND quarter = ?2 ORDER BY id DESC LIMIT 1",
                params![contact_id, quarter],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let at_s = to_store(e.at);
        let (id, replaced) = match earlier {
            Some(_) if !e.replace => {
                return Err(Error::Refused {
                    number: format!("{who} ({quarter})"),
                    rule: "rule.nps_answered",
                })
            }
            Some((id, old_score, old_comment, old_at)) => {
                self.conn().execute(
                    "UPDATE nps_responses SET score = ?2, comment = ?3, responded_at = ?4 WHERE id = ?1",
                    params![id, score, comment, at_s],
                )?;
                let changes = [
                    (
                        "score",
                        Some(old_score.to_string()),
                        Some(score.to_string()),
                    ),
                    ("comment", old_comment, comment.map(str::to_string)),
                    ("responded_at", Some(old_at), Some(at_s.clone())),
                ];
                for (field, old, new) in changes {
                    if old != new {
                        let field = format!("#{id} {field}");
                        self.record(
                            "nps",
                            e.customer,
                            "update",
                            Some(&field),
                            old.as_deref(),
                            new.as_deref(),
                        )?;
                    }
                }
                (id, true)
            }
            None => {
                self.conn()
                    .prepare_cached(
                        "INSERT INTO nps_responses (customer_id, contact_id, grade, score, comment,
                            responded_at, quarter)
                         SELECT id, ?2, grade, ?3, ?4, ?5, ?6 FROM customers WHERE id = ?1",
                    )?
                    .execute(params![
                        customer_id,
                        contact_id,
                        score,
                        comment,
                        at_s,
                        quarter
                    ])?;
                let id = self.conn().last_insert_rowid();
                let record = serde_json::json!({
                    "id": id, "contact": contact.name, "score": score,
                    "responded_at": at_s, "comment": comment, "quarter": quarter,
                });
                self.record_insert("nps", e.customer, &record)?;
                (id, false)
            }
        };
        self.campaign_answered(&quarter, contact_id, &who)?;
        let (case, case_opened) = if opens_case(score) {
            match self.open_case_of(e.customer)? {
                Some(open) => {
                    let note = format!("NPS {score} ({who}, #{id})");
                    self.add_checkin(&open, &note, e.at)?;
                    (Some(open), false)
                }
                None => (
                    Some(self.open_case(e.customer, id, score, e.at, rules)?),
                    true,
                ),
            }
        } else {
            (None, false)
        };
        Ok(Recorded {
            id,
            quarter,
            replaced,
            case,
            case_opened,
        })
    }

    /// Takes an answer out of the figures, saying why (it stays on file).
    pub fn exclude_nps(&self, id: i64, reason: &str) -> Result<()> {
        crate::domain::capa::required_text(FieldId::flag("--reason"), reason)?;
        let (old, customer) = self.excluded(id)?;
        if old.is_some() {
            return Err(Error::Refused {
                number: format!("#{id}"),
                rule: "rule.nps_excluded",
            });
        }
        self.set_excluded(id, &customer, None, Some(reason.trim()))
    }

    /// Counts an excluded answer again.
    pub fn include_nps(&self, id: i64) -> Result<()> {
        let (old, customer) = self.excluded(id)?;
        if old.is_none() {
            return Err(Error::Refused {
                number: format!("#{id}"),
                rule: "rule.nps_counted",
            });
        }
        self.set_excluded(id, &customer, old.as_deref(), None)
    }

    /// The answer's exclusion reason and its customer's code.
    fn excluded(&self, id: i64) -> Result<(Option<String>, String)> {
        self.conn()
            .query_row(
                "SELECT n.excluded, c.code FROM nps_responses n
                 JOIN customers c ON c.id = n.customer_id WHERE n.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::NpsAnswer,
                key: format!("#{id}"),
            })
    }

    fn set_excluded(
        &self,
        id: i64,
        customer: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE nps_responses SET excluded = ?2 WHERE id = ?1",
            params![id, new],
        )?;
        let field = format!("#{id} excluded");
        self.record("nps", customer, "update", Some(&field), old, new)
    }
}

impl Store {
    /// Answers of a quarter (`2026-Q4`) or a customer, or both, newest first.
    pub fn nps_answers(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        customer: Option<&str>,
    ) -> Result<Vec<NpsListed>> {
        let mut stmt = self.conn().prepare(
            "SELECT n.id, c.code, co.name, n.quarter, n.grade, n.score, n.comment, n.responded_at,
                n.excluded
             FROM nps_responses n JOIN customers c ON c.id = n.customer_id
             LEFT JOIN contacts co ON co.id = n.contact_id
             WHERE n.responded_at >= ?1 AND n.responded_at < ?2 AND (?3 IS NULL OR c.code = ?3)
             ORDER BY n.responded_at DESC, n.id DESC",
        )?;
        let rows = stmt.query_map(params![to_store(from), to_store(to), customer], |r| {
            Ok(NpsListed {
                id: r.get(0)?,
                customer: r.get(1)?,
                contact: r.get(2)?,
                quarter: r.get(3)?,
                grade: r.get(4)?,
                score: u8::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                comment: r.get(6)?,
                at: instant_at(r, 7)?.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
                excluded: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many answers in `[from, to)` are excluded from the figures.
    pub fn nps_excluded(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<usize> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM nps_responses WHERE responded_at >= ?1 AND responded_at < ?2
             AND excluded IS NOT NULL",
            params![to_store(from), to_store(to)],
            |r| r.get(0),
        )?)
    }
}
