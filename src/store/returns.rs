//! Returns (RMA), linked to complaints: registered, approved above the threshold, shipped.

use crate::field_id::FieldId;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::capa::complaint_id;
use super::{Store, Tx};
use crate::domain::capa::Disposition;
use crate::domain::returns;
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use crate::kind::RecordKind;

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

const RETURN_SELECT: &str = "SELECT r.id, k.number, r.quantity, r.disposition, r.qa_confirmed_by,
    r.replacement_order, r.replacement_value, r.approved_by, r.shipped_at
    FROM returns r JOIN complaints k ON k.id = r.complaint_id";

impl Tx<'_> {
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
    /// Returns, of one complaint or all, newest first.
    pub fn list_returns(&self, number: Option<&str>) -> Result<Vec<Return>> {
        let mut stmt = self.conn().prepare(&format!(
            "{RETURN_SELECT} WHERE ?1 IS NULL OR k.number = ?1 ORDER BY r.id DESC"
        ))?;
        let rows = stmt.query_map([number], read_return)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
