//! CAPA records and returns, linked to complaints.

use crate::field_id::FieldId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::{Store, Tx};
use crate::domain::capa::{required_text, Disposition, Verdict};
use crate::domain::customer::validate_date;
use crate::domain::returns;
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use crate::kind::RecordKind;

/// What a new CAPA needs.
#[derive(Debug, Clone, Default)]
pub struct NewCapa {
    /// Root cause.
    pub root_cause: String,
    /// Corrective action.
    pub corrective: String,
    /// Preventive action.
    pub preventive: String,
    /// Owner (username).
    pub owner: String,
    /// Due date, YYYY-MM-DD.
    pub due_date: String,
}

/// A CAPA as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capa {
    /// Its id.
    pub id: i64,
    /// The complaint number.
    pub complaint: String,
    /// Root cause.
    pub root_cause: String,
    /// Corrective action.
    pub corrective: String,
    /// Preventive action.
    pub preventive: String,
    /// Owner.
    pub owner: String,
    /// Due date.
    pub due_date: NaiveDate,
    /// Effectiveness check: when (storage form), verdict, by whom.
    pub checked_at: Option<String>,
    /// The verdict.
    pub verdict: Option<Verdict>,
    /// Who checked.
    pub checked_by: Option<String>,
}

/// What a new return needs.
#[derive(Debug, Clone)]
pub struct NewReturn {
    /// Quantity returned.
    pub quantity: i64,
    /// What happens to the goods.
    pub disposition: Disposition,
    /// Quality has confirmed the return.
    pub qa_confirmed: bool,
    /// The replacement order, if any.
    pub replacement_order: Option<String>,
    /// The replacement's value in RMB.
    pub value: f64,
}

/// A return as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Return {
    /// Its id.
    pub id: i64,
    /// The complaint number.
    pub complaint: String,
    /// Quantity.
    pub quantity: i64,
    /// Disposition.
    pub disposition: Disposition,
    /// Who in quality confirmed it.
    pub qa_confirmed_by: Option<String>,
    /// Replacement order.
    pub replacement_order: Option<String>,
    /// Replacement value, RMB.
    pub value: f64,
    /// Approved by (a manager).
    pub approved_by: Option<String>,
    /// Shipped at (storage form).
    pub shipped_at: Option<String>,
}

/// What the return rules look at, of a stored return.
fn return_facts(r: &Return) -> returns::ReturnFacts<'_> {
    returns::ReturnFacts {
        name: format!("RMA {}", r.id),
        value: r.value,
        approved_by: r.approved_by.as_deref(),
        shipped: r.shipped_at.is_some(),
    }
}

fn complaint_id(tx: &Tx, number: &str) -> Result<i64> {
    tx.conn()
        .query_row(
            "SELECT id FROM complaints WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            kind: RecordKind::Complaint,
            key: number.to_string(),
        })
}

fn read_capa(r: &Row) -> rusqlite::Result<Capa> {
    Ok(Capa {
        id: r.get(0)?,
        complaint: r.get(1)?,
        root_cause: r.get(2)?,
        corrective: r.get(3)?,
        preventive: r.get(4)?,
        owner: r.get(5)?,
        due_date: NaiveDate::parse_from_str(&r.get::<_, String>(6)?, "%Y-%m-%d")
            .unwrap_or(NaiveDate::MIN),
        checked_at: r.get(7)?,
        verdict: r
            .get::<_, Option<String>>(8)?
            .and_then(|v| Verdict::parse(FieldId::named("verdict"), &v).ok()),
        checked_by: r.get(9)?,
    })
}

fn read_return(r: &Row) -> rusqlite::Result<Return> {
    Ok(Return {
        id: r.get(0)?,
        complaint: r.get(1)?,
        quantity: r.get(2)?,
        disposition: Disposition::parse(FieldId::named("disposition"), &r.get::<_, String>(3)?)
            .unwrap_or(Disposition::Rework),
        qa_confirmed_by: r.get(4)?,
        replacement_order: r.get(5)?,
        value: r.get(6)?,
        approved_by: r.get(7)?,
        shipped_at: r.get(8)?,
    })
}

const CAPA_SELECT: &str =
    "SELECT a.id, k.number, a.root_cause, a.corrective, a.preventive, a.owner, a.due_date,
    a.checked_at, a.verdict, a.checked_by FROM capas a JOIN complaints k ON k.id = a.complaint_id";
const RETURN_SELECT: &str = "SELECT r.id, k.number, r.quantity, r.disposition, r.qa_confirmed_by,
    r.replacement_order, r.replacement_value, r.approved_by, r.shipped_at
    FROM returns r JOIN complaints k ON k.id = r.complaint_id";

impl Tx<'_> {
    /// Raises a CAPA on a complaint; returns its id. The complaint's root cause is set
    /// from it when the complaint has none yet.
    pub fn add_capa(&self, number: &str, c: &NewCapa) -> Result<i64> {
        for (field, v) in [
            ("root_cause", &c.root_cause),
            ("corrective", &c.corrective),
            ("preventive", &c.preventive),
            ("owner", &c.owner),
            ("due", &c.due_date),
        ] {
            required_text(FieldId::named(field), v)?;
        }
        validate_date(FieldId::named("due"), &c.due_date)?;
        self.active_staff(FieldId::named("owner"), c.owner.trim())?;
        let id = complaint_id(self, number)?;
        self.conn().execute(
            "INSERT INTO capas (complaint_id, root_cause, corrective, preventive, owner, due_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, c.root_cause.trim(), c.corrective.trim(), c.preventive.trim(), c.owner.trim(), c.due_date.trim(), self.at()],
        )?;
        let capa = self.conn().last_insert_rowid();
        self.conn().execute(
            "UPDATE complaints SET root_cause = ?1 WHERE id = ?2 AND (root_cause IS NULL OR root_cause = '')",
            params![c.root_cause.trim(), id],
        )?;
        let record = serde_json::json!({
            "complaint": number, "root_cause": c.root_cause.trim(), "corrective": c.corrective.trim(),
            "preventive": c.preventive.trim(), "owner": c.owner.trim(), "due_date": c.due_date.trim(),
        });
        self.record_insert("capa", &capa.to_string(), &record)?;
        Ok(capa)
    }

    /// Records a CAPA's effectiveness check.
    ///
    /// A CAPA already verified keeps its verdict: it is checked again only when
    /// `reopen` gives the reason (kept in the history beside the new verdict).
    pub fn verify_capa(
        &self,
        id: i64,
        verdict: Verdict,
        at: DateTime<Utc>,
        by: &str,
        reopen: Option<&str>,
    ) -> Result<()> {
        let _event = self.event_at(at);
        let old: Option<Option<String>> = self
            .conn()
            .query_row("SELECT verdict FROM capas WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let old = old.ok_or_else(|| Error::NotFound {
            kind: RecordKind::Capa,
            key: id.to_string(),
        })?;
        self.require(by, crate::domain::permission::Permission::VerifyCapa)?;
        let reason = crate::domain::capa::check_reverify(id, old.as_deref(), reopen)?;
        if let Some(reason) = reason {
            self.record(
                "capa",
                &id.to_string(),
                "update",
                Some("verification_reopened"),
                old.as_deref(),
                Some(&reason),
            )?;
        }
        self.conn().execute(
            "UPDATE capas SET verdict = ?1, checked_at = ?2, checked_by = ?3 WHERE id = ?4",
            params![verdict.as_str(), to_store(at), by, id],
        )?;
        self.record(
            "capa",
            &id.to_string(),
            "update",
            Some("verdict"),
            old.as_deref(),
            Some(verdict.as_str()),
        )
    }

    /// Registers a return; returns its id.
    pub fn add_return(&self, number: &str, r: &NewReturn, by: &str) -> Result<i64> {
        returns::check_new(r.quantity, r.value)?;
        let id = complaint_id(self, number)?;
        let qa = r.qa_confirmed.then_some(by);
        self.conn().execute(
            "INSERT INTO returns (complaint_id, quantity, qa_confirmed_by, disposition, replacement_order,
                replacement_value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, r.quantity, qa, r.disposition.as_str(), r.replacement_order, r.value, self.at()],
        )?;
        let rid = self.conn().last_insert_rowid();
        let record = serde_json::json!({
            "complaint": number, "quantity": r.quantity, "disposition": r.disposition,
            "qa_confirmed_by": qa, "replacement_order": r.replacement_order, "value": r.value,
        });
        self.record_insert("return", &rid.to_string(), &record)?;
        Ok(rid)
    }

    fn get_return(&self, id: i64) -> Result<Return> {
        self.conn()
            .query_row(
                &format!("{RETURN_SELECT} WHERE r.id = ?1"),
                [id],
                read_return,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::Return,
                key: id.to_string(),
            })
    }

    /// A manager approves a return's replacement.
    pub fn approve_return(&self, id: i64, at: DateTime<Utc>, by: &str) -> Result<()> {
        let _event = self.event_at(at);
        let r = self.get_return(id)?;
        let holders = self.holders(crate::domain::permission::Permission::ApproveReplacement)?;
        returns::check_approve(&return_facts(&r), self.role_of(by)?, &holders)?;
        self.conn().execute(
            "UPDATE returns SET approved_by = ?1, approved_at = ?2 WHERE id = ?3",
            params![by, to_store(at), id],
        )?;
        self.record(
            "return",
            &id.to_string(),
            "update",
            Some("approved_by"),
            r.approved_by.as_deref(),
            Some(by),
        )
    }

    /// Marks a return's replacement shipped; above `threshold` it must be approved first.
    pub fn ship_return(&self, id: i64, at: DateTime<Utc>, threshold: f64) -> Result<()> {
        let _event = self.event_at(at);
        let r = self.get_return(id)?;
        returns::check_ship(&return_facts(&r), threshold)?;
        self.conn().execute(
            "UPDATE returns SET shipped_at = ?1 WHERE id = ?2",
            params![to_store(at), id],
        )?;
        self.record(
            "return",
            &id.to_string(),
            "update",
            Some("shipped_at"),
            None,
            Some(&to_store(at)),
        )
    }
}

impl Store {
    /// CAPAs, of one complaint or all, by due date.
    pub fn list_capas(&self, number: Option<&str>) -> Result<Vec<Capa>> {
        let mut stmt = self.conn().prepare(&format!(
            "{CAPA_SELECT} WHERE ?1 IS NULL OR k.number = ?1 ORDER BY a.due_date, a.id"
        ))?;
        let rows = stmt.query_map([number], read_capa)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Returns, of one complaint or all, newest first.
    pub fn list_returns(&self, number: Option<&str>) -> Result<Vec<Return>> {
        let mut stmt = self.conn().prepare(&format!(
            "{RETURN_SELECT} WHERE ?1 IS NULL OR k.number = ?1 ORDER BY r.id DESC"
        ))?;
        let rows = stmt.query_map([number], read_return)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
