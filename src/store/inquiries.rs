//! The inquiry register: registering, answering, the stages that follow, and the open
//! answer clocks.

use chrono::{DateTime, Datelike, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records;
use super::{Store, Tx};
use crate::domain::complaint::Channel;
use crate::domain::fields::Record;
use crate::domain::inquiry::{Inquiry, InquiryAnswer, Stage};
use crate::domain::time::{from_store, to_store};
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// An inquiry as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InquiryRecord {
    /// Its number (XJ-2026-00001).
    pub number: String,
    /// As registered.
    #[serde(flatten)]
    pub asked: Inquiry,
    /// The answer, once given.
    #[serde(flatten)]
    pub answer: InquiryAnswer,
    /// Who answered.
    pub answered_by: Option<String>,
    /// The customer's name (for lists).
    pub customer_name: Option<String>,
    /// Quote, contract and order: reference and when (storage form).
    pub stages: Vec<(Stage, String, String)>,
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Inquiry,
        key: number.to_string(),
    }
}

/// The columns of a stage: reference and time.
fn stage_columns(s: Stage) -> (&'static str, &'static str) {
    match s {
        Stage::Quote => ("quote", "quote_at"),
        Stage::Contract => ("contract", "contract_at"),
        Stage::Order => ("order_ref", "order_at"),
    }
}

fn read(r: &rusqlite::Row) -> rusqlite::Result<InquiryRecord> {
    let mut stages = Vec::new();
    for s in Stage::ALL {
        let (refc, atc) = stage_columns(*s);
        if let (Some(reference), Some(at)) = (r.get::<_, Option<String>>(refc)?, r.get(atc)?) {
            stages.push((*s, reference, at));
        }
    }
    Ok(InquiryRecord {
        number: r.get("number")?,
        asked: records::read(r)?,
        answer: records::read(r)?,
        answered_by: r.get("answered_by")?,
        customer_name: r.get("customer_name")?,
        stages,
    })
}

fn select() -> String {
    format!(
        "SELECT i.number, i.answered_by, i.quote, i.quote_at, i.contract, i.contract_at,
                i.order_ref, i.order_at, COALESCE(c.short_name, c.name) AS customer_name,
                {}, {}
         FROM inquiries i LEFT JOIN customers c ON c.code = i.customer",
        records::columns::<Inquiry>("i."),
        records::columns::<InquiryAnswer>("i.")
    )
}

impl Tx<'_> {
    /// Registers an inquiry from a customer or a lead; returns its number.
    pub fn register_inquiry(&self, q: &Inquiry) -> Result<String> {
        q.validate(self.tz())?;
        let customer_id = match (&q.customer, &q.lead) {
            (Some(c), _) => Some(self.customer_id(c)?),
            (None, Some(l)) => {
                let known: bool = self.conn().query_row(
                    "SELECT EXISTS (SELECT 1 FROM leads WHERE number = ?1)",
                    [l],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(Error::NotFound {
                        kind: RecordKind::Lead,
                        key: l.clone(),
                    });
                }
                None
            }
            (None, None) => {
                return Err(Error::Required {
                    field: Inquiry::field_id("customer"),
                })
            }
        };
        let received = q.received.as_deref().and_then(from_store);
        let now = super::time(self.at());
        if let Some(r) = received.filter(|r| *r > now) {
            return Err(Error::Invalid {
                field: Inquiry::field_id("received"),
                value: crate::domain::time::local(r, self.tz()),
                rule: "rule.not_in_future",
            });
        }
        let year = received.unwrap_or(now).with_timezone(&self.tz()).year();
        let number = super::numbers::next_number(
            self.conn(),
            "inquiries",
            "number",
            &format!("XJ-{year}-"),
        )?;
        records::insert(
            self.conn(),
            q,
            &[("number", &number), ("customer_id", &customer_id)],
        )?;
        self.record_insert("inquiry", &number, q)?;
        Ok(number)
    }

    /// Registers an inquiry already answered (the demo's history).
    pub fn add_inquiry(
        &self,
        customer: Option<&str>,
        channel: Channel,
        subject: &str,
        received_at: DateTime<Utc>,
        answered_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let q = Inquiry {
            customer: customer.map(str::to_string),
            lead: None,
            received: Some(to_store(received_at)),
            channel: Some(channel),
            subject: Some(subject.to_string()),
        };
        let number = self.register_inquiry(&q)?;
        if let Some(at) = answered_at {
            self.conn().execute(
                "UPDATE inquiries SET answered_at = ?2, answer_how = ?3, answer = ?4
                 WHERE number = ?1",
                params![number, to_store(at), channel.as_str(), "已答复"],
            )?;
        }
        Ok(())
    }

    /// Records the answer; an inquiry is answered once.
    pub fn answer_inquiry(&self, number: &str, a: &InquiryAnswer) -> Result<()> {
        let (id, received, answered): (i64, String, Option<String>) = self
            .conn()
            .query_row(
                "SELECT id, received_at, answered_at FROM inquiries WHERE number = ?1",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| not_found(number))?;
        if answered.is_some() {
            return Err(Error::AlreadyDone {
                number: number.to_string(),
                state: "inquiry.answered",
            });
        }
        a.validate(self.tz())?;
        if a.answer.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(Error::Required {
                field: InquiryAnswer::field_id("answer"),
            });
        }
        let at = a.answered.as_deref().and_then(from_store);
        let now = super::time(self.at());
        let bad = |rule| Error::Invalid {
            field: InquiryAnswer::field_id("answered"),
            value: at
                .map(|t| crate::domain::time::local(t, self.tz()))
                .unwrap_or_default(),
            rule,
        };
        if at.is_some_and(|t| t > now) {
            return Err(bad("rule.not_in_future"));
        }
        if at.is_some_and(|t| t < super::time(&received)) {
            return Err(bad("rule.before_received"));
        }
        records::update(self.conn(), id, None, a, &[("answered_by", &self.actor())])?;
        let changes = InquiryAnswer::default().changes(a);
        self.record_changes("inquiry", number, &changes)
    }

    /// Records a quote, contract or order that followed the inquiry.
    pub fn stage_inquiry(
        &self,
        number: &str,
        stage: Stage,
        reference: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let reference = reference.trim();
        if reference.is_empty() || reference.chars().count() > 60 {
            return Err(Error::Invalid {
                field: FieldId::flag("--ref"),
                value: reference.to_string(),
                rule: "rule.reference",
            });
        }
        let (refc, atc) = stage_columns(stage);
        let old: Option<Option<String>> = self
            .conn()
            .query_row(
                &format!("SELECT {refc} FROM inquiries WHERE number = ?1"),
                [number],
                |r| r.get(0),
            )
            .optional()?;
        let Some(old) = old else {
            return Err(not_found(number));
        };
        self.conn().execute(
            &format!("UPDATE inquiries SET {refc} = ?2, {atc} = ?3 WHERE number = ?1"),
            params![number, reference, to_store(at)],
        )?;
        self.record(
            "inquiry",
            number,
            "update",
            Some(stage.as_str()),
            old.as_deref(),
            Some(reference),
        )
    }
}

impl Store {
    /// One inquiry.
    pub fn inquiry(&self, number: &str) -> Result<InquiryRecord> {
        self.conn()
            .query_row(&format!("{} WHERE i.number = ?1", select()), [number], read)
            .optional()?
            .ok_or_else(|| not_found(number))
    }

    /// Inquiries received since `from` (all when None), newest first; `open`: unanswered only.
    pub fn inquiries(&self, from: Option<&str>, open: bool) -> Result<Vec<InquiryRecord>> {
        let sql = format!(
            "{} WHERE (?1 IS NULL OR i.received_at >= ?1) AND (NOT ?2 OR i.answered_at IS NULL)
             ORDER BY i.received_at DESC, i.id DESC",
            select()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![from, open], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
