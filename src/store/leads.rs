//! Leads and their follow-up log; converting a lead makes a customer and keeps the lead.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records;
use super::{Store, Tx};
use crate::domain::assessment::YesNo;
use crate::domain::complaint::Channel;
use crate::domain::customer::{Contact, CustomerFields, Grade};
use crate::domain::fields::Record;
use crate::domain::lead::{Cadence, Intent, Lead, LeadStatus};
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// How every lead's number starts (XS-2026-00001), telling it from a customer's code.
pub const PREFIX: &str = "XS-";

/// One follow-up of a lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    /// When (storage form).
    pub at: String,
    /// By whom.
    pub by: String,
    /// How.
    pub how: Channel,
    /// What was said.
    pub note: String,
    /// The next follow-up agreed (YYYY-MM-DD).
    pub next: Option<String>,
}

/// A lead as stored, with its follow-ups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadRecord {
    /// Its number (XS-2026-00001).
    pub number: String,
    /// The fields.
    #[serde(flatten)]
    pub fields: Lead,
    /// Where it stands.
    pub status: LeadStatus,
    /// When it is to be followed up next (YYYY-MM-DD).
    pub next_follow_up: Option<String>,
    /// The customer it became.
    pub customer: Option<String>,
    /// Taken down (storage form).
    pub created_at: String,
    /// The follow-ups, oldest first (empty in lists).
    pub follow_ups: Vec<FollowUp>,
}

impl LeadRecord {
    /// The next follow-up as a date (None when none is set).
    pub fn next_date(&self) -> Option<NaiveDate> {
        self.next_follow_up
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }
}

fn not_found(number: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Lead,
        key: number.to_string(),
    }
}

fn read_lead(r: &rusqlite::Row) -> rusqlite::Result<LeadRecord> {
    let status: String = r.get("status")?;
    Ok(LeadRecord {
        number: r.get("number")?,
        fields: records::read(r)?,
        status: LeadStatus::parse(FieldId::named("status"), &status).unwrap_or(LeadStatus::Open),
        next_follow_up: r.get("next_follow_up")?,
        customer: r.get("customer")?,
        created_at: r.get("created_at")?,
        follow_ups: Vec::new(),
    })
}

fn select() -> String {
    format!(
        "SELECT id, number, status, next_follow_up, customer, created_at, {} FROM leads",
        records::columns::<Lead>("")
    )
}

impl Tx<'_> {
    fn today(&self) -> NaiveDate {
        super::time(self.at())
            .with_timezone(&self.tz())
            .date_naive()
    }

    fn open_lead(&self, number: &str) -> Result<(i64, LeadRecord)> {
        let (id, lead) = self
            .conn()
            .query_row(&format!("{} WHERE number = ?1", select()), [number], |r| {
                Ok((r.get::<_, i64>("id")?, read_lead(r)?))
            })
            .optional()?
            .ok_or_else(|| not_found(number))?;
        if lead.status != LeadStatus::Open {
            return Err(Error::Refused {
                number: number.to_string(),
                rule: "rule.lead_closed",
            });
        }
        Ok((id, lead))
    }

    /// Takes down a lead; its first follow-up is due by its intent's cadence.
    pub fn add_lead(&self, lead: &Lead, cadence: &Cadence) -> Result<String> {
        lead.validate(self.tz())?;
        if let Some(owner) = &lead.owner {
            self.active_staff(FieldId::named("owner"), owner)?;
        }
        let today = self.today();
        let prefix = format!("{PREFIX}{}-", today.year());
        let number = super::numbers::next_number(self.conn(), "leads", "number", &prefix)?;
        let next = cadence
            .next(lead.intent.unwrap_or(Intent::B), today)
            .format("%Y-%m-%d")
            .to_string();
        records::insert(
            self.conn(),
            lead,
            &[
                ("number", &number),
                ("next_follow_up", &next),
                ("created_at", &self.at()),
                ("updated_at", &self.at()),
            ],
        )?;
        self.record_insert("lead", &number, lead)?;
        Ok(number)
    }

    /// Logs a follow-up; the next one is the date agreed, else the (possibly new)
    /// intent's cadence from today.
    pub fn follow_up_lead(
        &self,
        number: &str,
        how: Channel,
        note: &str,
        next: Option<NaiveDate>,
        intent: Option<Intent>,
        cadence: &Cadence,
    ) -> Result<String> {
        let (id, lead) = self.open_lead(number)?;
        if note.trim().is_empty() {
            return Err(Error::Required {
                field: FieldId::flag("--note"),
            });
        }
        let today = self.today();
        if let Some(n) = next.filter(|n| *n < today) {
            return Err(Error::Invalid {
                field: FieldId::flag("--next"),
                value: n.to_string(),
                rule: "rule.not_in_past",
            });
        }
        let intent_now = intent.or(lead.fields.intent).unwrap_or(Intent::B);
        let next = next
            .unwrap_or_else(|| cadence.next(intent_now, today))
            .format("%Y-%m-%d")
            .to_string();
        self.conn().execute(
            "INSERT INTO lead_follow_ups (lead_id, at, by, how, note, next)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, self.at(), self.actor(), how.as_str(), note.trim(), next],
        )?;
        self.conn().execute(
            "UPDATE leads SET next_follow_up = ?2, intent = ?3, updated_at = ?4,
             version = version + 1 WHERE id = ?1",
            params![id, next, intent_now.as_str(), self.at()],
        )?;
        let json = serde_json::json!({ "how": how, "note": note.trim(), "next": next });
        self.record(
            "lead",
            number,
            "insert",
            Some("follow_up"),
            None,
            Some(&json.to_string()),
        )?;
        if Some(intent_now) != lead.fields.intent {
            self.record(
                "lead",
                number,
                "update",
                Some("intent"),
                lead.fields.intent.map(Intent::as_str),
                Some(intent_now.as_str()),
            )?;
        }
        Ok(next)
    }

    /// Makes the lead a customer: its company, contact, notes and follow-ups go into the
    /// new file (the follow-ups into its history); the lead is kept, converted, naming it.
    pub fn convert_lead(
        &self,
        number: &str,
        code: Option<&str>,
        grade: Option<Grade>,
    ) -> Result<String> {
        let (id, lead) = self.open_lead(number)?;
        let l = &lead.fields;
        let fields = CustomerFields {
            name: l.company.clone(),
            kam: l.owner.clone(),
            grade,
            ..Default::default()
        };
        let contacts: Vec<Contact> = l
            .contact
            .iter()
            .map(|name| Contact {
                name: name.clone(),
                phone: l.phone.clone(),
                email: l.email.clone(),
                wechat: l.wechat.clone(),
                nps: Some(YesNo::Yes),
                ..Default::default()
            })
            .collect();
        let code = self.add_customer(code, &fields, &contacts)?;
        let follow_ups = follow_ups(self.conn(), id)?;
        let carried = serde_json::json!({
            "lead": number, "interest": l.interest, "source": l.source, "notes": l.notes,
            "follow_ups": follow_ups,
        });
        self.record(
            "customer",
            &code,
            "insert",
            Some("lead"),
            None,
            Some(&carried.to_string()),
        )?;
        self.close_lead(id, number, LeadStatus::Converted, ("customer", &code))?;
        Ok(code)
    }

    /// Ends a lead's follow-ups as `status`, recording it and what goes with it (the
    /// customer it became, or why it was dropped).
    fn close_lead(
        &self,
        id: i64,
        number: &str,
        status: LeadStatus,
        (field, value): (&str, &str),
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE leads SET status = ?2, customer = CASE WHEN ?2 = 'converted' THEN ?3
             ELSE customer END, next_follow_up = NULL, updated_at = ?4,
             version = version + 1 WHERE id = ?1",
            params![id, status.as_str(), value, self.at()],
        )?;
        let open = Some(LeadStatus::Open.as_str());
        self.record(
            "lead",
            number,
            "update",
            Some("status"),
            open,
            Some(status.as_str()),
        )?;
        self.record("lead", number, "update", Some(field), None, Some(value))
    }

    /// Closes a lead that will not buy, saying why.
    pub fn drop_lead(&self, number: &str, reason: &str) -> Result<()> {
        let (id, _) = self.open_lead(number)?;
        if reason.trim().is_empty() {
            return Err(Error::Required {
                field: FieldId::flag("--reason"),
            });
        }
        self.close_lead(id, number, LeadStatus::Dropped, ("reason", reason.trim()))
    }
}

fn follow_ups(conn: &rusqlite::Connection, lead_id: i64) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, by, how, note, next FROM lead_follow_ups WHERE lead_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([lead_id], |r| {
        let how: String = r.get(2)?;
        Ok(FollowUp {
            at: r.get(0)?,
            by: r.get(1)?,
            how: Channel::parse(FieldId::named("how"), &how).unwrap_or(Channel::Phone),
            note: r.get(3)?,
            next: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// One lead with its follow-ups.
    pub fn lead(&self, number: &str) -> Result<LeadRecord> {
        let (id, mut lead) = self
            .conn()
            .query_row(&format!("{} WHERE number = ?1", select()), [number], |r| {
                Ok((r.get::<_, i64>("id")?, read_lead(r)?))
            })
            .optional()?
            .ok_or_else(|| not_found(number))?;
        lead.follow_ups = follow_ups(self.conn(), id)?;
        Ok(lead)
    }

    /// Leads, open ones by the next follow-up (`all`: converted and dropped ones too).
    pub fn leads(&self, all: bool) -> Result<Vec<LeadRecord>> {
        let sql = format!(
            "{} WHERE ?1 OR status = 'open'
             ORDER BY status = 'open' DESC, next_follow_up IS NULL, next_follow_up, number",
            select()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([all], read_lead)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
