//! The visits and calls logged per customer, and where each customer stands against the
//! service cadence (the last day each kind was logged).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records;
use super::{Store, Tx};
use crate::domain::care::{Activity, CareLog};
use crate::domain::customer::Grade;
use crate::domain::fields::Record;
use crate::domain::time::from_store;
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// A visit or call as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareRecord {
    /// The customer's code.
    pub customer: String,
    /// What was logged.
    #[serde(flatten)]
    pub log: CareLog,
    /// Who logged it.
    pub logged_by: String,
}

/// A graded customer and the last day each kind of visit or call was logged.
#[derive(Debug, Clone, PartialEq)]
pub struct CareStanding {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Grade.
    pub grade: Grade,
    /// Key account manager.
    pub kam: Option<String>,
    /// The day the file was opened.
    pub since: NaiveDate,
    /// The last day each activity was logged.
    pub last: BTreeMap<Activity, NaiveDate>,
}

/// Which customers' standing is read.
#[derive(Debug, Clone, Default)]
pub struct CareScope<'a> {
    /// Only those whose key account manager this is.
    pub kam: Option<&'a str>,
    /// Only this customer.
    pub customer: Option<&'a str>,
}

impl Tx<'_> {
    /// Logs a visit or call: not in the future, naming one of the customer's contacts.
    pub fn log_care(&self, customer: &str, log: &CareLog) -> Result<()> {
        log.validate(self.tz())?;
        let id = self.customer_id(customer)?;
        let when = log.when.as_deref().and_then(from_store);
        if let Some(w) = when.filter(|w| *w > super::time(self.at())) {
            return Err(Error::Invalid {
                field: CareLog::field_id("when"),
                value: crate::domain::time::local(w, self.tz()),
                rule: "rule.not_in_future",
            });
        }
        if let Some(name) = &log.contact {
            let known: Option<i64> = self
                .conn()
                .query_row(
                    "SELECT id FROM contacts WHERE customer_id = ?1 AND name = ?2 AND removed_at IS NULL",
                    params![id, name],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_none() {
                return Err(Error::NotFound {
                    kind: RecordKind::Contact,
                    key: format!("{customer} {name}"),
                });
            }
        }
        records::insert(
            self.conn(),
            log,
            &[
                ("customer", &customer),
                ("logged_by", &self.actor()),
                ("created_at", &self.at()),
            ],
        )?;
        self.record_insert("care", customer, log)
    }
}

impl Store {
    /// Refuses a customer code that is not on file.
    pub fn require_customer(&self, code: &str) -> Result<()> {
        let known: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE code = ?1)",
            [code],
            |r| r.get(0),
        )?;
        if known {
            Ok(())
        } else {
            Err(Error::NotFound {
                kind: RecordKind::Customer,
                key: code.to_string(),
            })
        }
    }

    /// A customer's visits and calls, the latest first.
    pub fn care_logs(&self, customer: &str) -> Result<Vec<CareRecord>> {
        let sql = format!(
            "SELECT customer, logged_by, {} FROM care_logs WHERE customer = ?1
             ORDER BY done_at DESC, id DESC",
            records::columns::<CareLog>("")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([customer], |r| {
            Ok(CareRecord {
                customer: r.get("customer")?,
                log: records::read(r)?,
                logged_by: r.get("logged_by")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Graded customers in `scope` with the last day each activity was logged for them.
    pub fn care_standing(&self, scope: &CareScope) -> Result<Vec<CareStanding>> {
        let tz = self.tz();
        let day = |s: &str| from_store(s).map(|t| t.with_timezone(&tz).date_naive());
        let mut last: BTreeMap<String, BTreeMap<Activity, NaiveDate>> = BTreeMap::new();
        let mut stmt = self.conn().prepare(
            "SELECT l.customer, l.activity, MAX(l.done_at) FROM care_logs l
             JOIN customers c ON c.code = l.customer
             WHERE (?1 IS NULL OR c.kam = ?1) AND (?2 IS NULL OR c.code = ?2)
             GROUP BY l.customer, l.activity",
        )?;
        let mut rows = stmt.query(params![scope.kam, scope.customer])?;
        while let Some(r) = rows.next()? {
            let (code, activity, at): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if let (Ok(a), Some(d)) = (
                Activity::parse(FieldId::named("activity"), &activity),
                day(&at),
            ) {
                last.entry(code).or_default().insert(a, d);
            }
        }
        let mut stmt = self.conn().prepare(
            "SELECT code, name, grade, kam, created_at FROM customers
             WHERE grade IS NOT NULL AND (?1 IS NULL OR kam = ?1) AND (?2 IS NULL OR code = ?2)
             ORDER BY code",
        )?;
        let rows = stmt.query_map(params![scope.kam, scope.customer], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                super::customers::grade_of(r.get(2)?),
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, name, grade, kam, created) = row?;
            let (Some(grade), Some(since)) = (grade, day(&created)) else {
                continue;
            };
            let last = last.remove(&code).unwrap_or_default();
            out.push(CareStanding {
                code,
                name,
                grade,
                kam,
                since,
                last,
            });
        }
        Ok(out)
    }
}
