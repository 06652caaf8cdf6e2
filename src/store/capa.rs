//! CAPA records, raised by complaints, improvement cases and satisfaction answers.

use crate::field_id::FieldId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::{Store, Tx};
use crate::domain::capa::{required_text, CapaSourceKind, Verdict};
use crate::domain::customer::parse_date;
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

/// What raised a CAPA: a complaint, an improvement case, or a satisfaction answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapaSource {
    /// A complaint, by number.
    Complaint(String),
    /// An improvement case opened by a low NPS score, by number.
    Improvement(String),
    /// A satisfaction-survey answer below 75: the round and the customer.
    Survey {
        /// The round (`2026-10`).
        round: String,
        /// The customer code.
        customer: String,
    },
}

impl CapaSource {
    /// Its kind.
    pub fn kind(&self) -> CapaSourceKind {
        match self {
            CapaSource::Complaint(_) => CapaSourceKind::Complaint,
            CapaSource::Improvement(_) => CapaSourceKind::Improvement,
            CapaSource::Survey { .. } => CapaSourceKind::Survey,
        }
    }

    /// The reference kept with the CAPA: the number, or `ROUND CUSTOMER`.
    pub fn reference(&self) -> String {
        match self {
            CapaSource::Complaint(n) | CapaSource::Improvement(n) => n.clone(),
            CapaSource::Survey { round, customer } => format!("{round} {customer}"),
        }
    }
}

/// A CAPA as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capa {
    /// Its id.
    pub id: i64,
    /// What raised it.
    pub source_kind: CapaSourceKind,
    /// The complaint or case number, or `ROUND CUSTOMER` of a survey answer.
    pub source: String,
    /// The complaint number, when a complaint raised it.
    pub complaint: Option<String>,
    /// The problem, as stated when it was opened without a complaint.
    pub problem: Option<String>,
    /// Root cause (empty until analysed).
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

/// The id of complaint `number`, or not found.
pub(super) fn complaint_id(tx: &Tx, number: &str) -> Result<i64> {
    find_complaint(tx, number)?.ok_or_else(|| Error::NotFound {
        kind: RecordKind::Complaint,
        key: number.to_string(),
    })
}

fn find_complaint(tx: &Tx, number: &str) -> Result<Option<i64>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT id FROM complaints WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()?)
}

fn read_capa(r: &Row) -> rusqlite::Result<Capa> {
    Ok(Capa {
        id: r.get(0)?,
        source_kind: CapaSourceKind::parse(FieldId::named("source"), &r.get::<_, String>(1)?)
            .unwrap_or(CapaSourceKind::Complaint),
        source: r.get(2)?,
        complaint: r.get(3)?,
        problem: r.get(4)?,
        root_cause: r.get(5)?,
        corrective: r.get(6)?,
        preventive: r.get(7)?,
        owner: r.get(8)?,
        due_date: NaiveDate::parse_from_str(&r.get::<_, String>(9)?, "%Y-%m-%d")
            .unwrap_or(NaiveDate::MIN),
        checked_at: r.get(10)?,
        verdict: r
            .get::<_, Option<String>>(11)?
            .and_then(|v| Verdict::parse(FieldId::named("verdict"), &v).ok()),
        checked_by: r.get(12)?,
    })
}

const CAPA_SELECT: &str = "SELECT a.id, a.source_kind, a.source, k.number, a.problem,
    a.root_cause, a.corrective, a.preventive, a.owner, a.due_date, a.checked_at, a.verdict,
    a.checked_by FROM capas a LEFT JOIN complaints k ON k.id = a.complaint_id";

impl Tx<'_> {
    /// Raises a CAPA with its analysis on a complaint or an improvement case (by number);
    /// returns its id. A complaint's root cause is set from it when it has none yet.
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
        let due = parse_date(FieldId::named("due"), &c.due_date)?;
        let number = number.trim();
        let complaint = find_complaint(self, number)?;
        let source = match complaint {
            Some(_) => CapaSource::Complaint(number.to_string()),
            None if self.improvement_case_exists(number)? => {
                CapaSource::Improvement(number.to_string())
            }
            None => {
                return Err(Error::NotFound {
                    kind: RecordKind::Complaint,
                    key: number.to_string(),
                })
            }
        };
        let capa = self.insert_capa(&source, complaint, None, c.owner.trim(), due)?;
        self.fill_capa(capa, c)?;
        if let Some(id) = complaint {
            self.conn().execute(
                "UPDATE complaints SET root_cause = ?1 WHERE id = ?2 AND (root_cause IS NULL OR root_cause = '')",
                params![c.root_cause.trim(), id],
            )?;
        }
        Ok(capa)
    }

    /// Opens a CAPA on a problem found without a complaint (a low satisfaction score, an
    /// improvement case); its analysis and actions are filled later by [`Tx::plan_capa`].
    pub fn open_capa(
        &self,
        source: &CapaSource,
        problem: &str,
        owner: &str,
        due: NaiveDate,
    ) -> Result<i64> {
        required_text(FieldId::named("problem"), problem)?;
        let complaint = match source {
            CapaSource::Complaint(n) => Some(complaint_id(self, n)?),
            CapaSource::Improvement(_) | CapaSource::Survey { .. } => None,
        };
        self.insert_capa(source, complaint, Some(problem.trim()), owner.trim(), due)
    }

    fn insert_capa(
        &self,
        source: &CapaSource,
        complaint: Option<i64>,
        problem: Option<&str>,
        owner: &str,
        due: NaiveDate,
    ) -> Result<i64> {
        self.active_staff(FieldId::named("owner"), owner)?;
        let due = due.format("%Y-%m-%d").to_string();
        self.conn().execute(
            "INSERT INTO capas (complaint_id, source_kind, source, problem, owner, due_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![complaint, source.kind().as_str(), source.reference(), problem, owner, due, self.at()],
        )?;
        let capa = self.conn().last_insert_rowid();
        let record = serde_json::json!({
            "source_kind": source.kind(), "source": source.reference(), "problem": problem,
            "owner": owner, "due_date": due,
        });
        self.record_insert("capa", &capa.to_string(), &record)?;
        Ok(capa)
    }

    /// Fills a CAPA's root cause and actions, one history row per text that changes.
    fn fill_capa(&self, id: i64, c: &NewCapa) -> Result<()> {
        for (field, new) in [
            ("root_cause", c.root_cause.trim()),
            ("corrective", c.corrective.trim()),
            ("preventive", c.preventive.trim()),
        ] {
            required_text(FieldId::named(field), new)?;
            let old: String = self.conn().query_row(
                &format!("SELECT {field} FROM capas WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )?;
            if old == new {
                continue;
            }
            self.conn().execute(
                &format!("UPDATE capas SET {field} = ?1 WHERE id = ?2"),
                params![new, id],
            )?;
            let old = (!old.is_empty()).then_some(old.as_str());
            self.record(
                "capa",
                &id.to_string(),
                "update",
                Some(field),
                old,
                Some(new),
            )?;
        }
        Ok(())
    }

    /// Writes an opened CAPA's root cause and corrective and preventive actions (or
    /// revises them before it is verified).
    pub fn plan_capa(&self, id: i64, c: &NewCapa) -> Result<()> {
        let capa = self.capa(id)?;
        crate::domain::capa::check_plannable(id, capa.verdict)?;
        self.fill_capa(id, c)
    }

    fn capa(&self, id: i64) -> Result<Capa> {
        self.conn()
            .query_row(&format!("{CAPA_SELECT} WHERE a.id = ?1"), [id], read_capa)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::Capa,
                key: id.to_string(),
            })
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
        let capa = self.capa(id)?;
        let old = capa.verdict.map(|v| v.as_str());
        self.require(by, crate::domain::permission::Permission::VerifyCapa)?;
        crate::domain::capa::check_verifiable(id, &capa.root_cause)?;
        let reason = crate::domain::capa::check_reverify(id, old, reopen)?;
        if let Some(reason) = reason {
            self.record(
                "capa",
                &id.to_string(),
                "update",
                Some("verification_reopened"),
                old,
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
            old,
            Some(verdict.as_str()),
        )
    }
}

impl Store {
    /// CAPAs, of one complaint or improvement case (by number) or all, by due date.
    pub fn list_capas(&self, number: Option<&str>) -> Result<Vec<Capa>> {
        let mut stmt = self.conn().prepare(&format!(
            "{CAPA_SELECT} WHERE ?1 IS NULL OR a.source = ?1 ORDER BY a.due_date, a.id"
        ))?;
        let rows = stmt.query_map([number], read_capa)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
