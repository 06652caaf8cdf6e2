//! Customer files, their contacts and grade history.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

pub use super::customer_list::CustomerFilter;
use super::{Store, Tx};
use crate::domain::customer::{
    next_code, validate_code, Contact, ContactRole, CustomerFields, Grade, FIELD_NAMES,
};
use crate::error::{Error, Result};

/// A customer as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRow {
    /// Customer code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Grade.
    pub grade: Option<Grade>,
    /// Key-account manager.
    pub kam: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Open complaints.
    pub open_complaints: i64,
    /// Latest NPS score.
    pub last_nps: Option<u8>,
}

/// A customer's whole file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerFile {
    /// Customer code.
    pub code: String,
    /// The fields.
    #[serde(flatten)]
    pub fields: CustomerFields,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Grade changes, oldest first.
    pub grade_history: Vec<GradeChange>,
    /// Optimistic-lock version.
    pub version: i64,
    /// Created (storage form).
    pub created_at: String,
    /// Last changed (storage form).
    pub updated_at: String,
}

/// One grade change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeChange {
    /// Grade before.
    pub previous: Option<Grade>,
    /// Grade after.
    pub grade: Option<Grade>,
    /// Why.
    pub basis: Option<String>,
    /// When (storage form).
    pub changed_at: String,
    /// By whom.
    pub changed_by: String,
}

const COLUMNS: &str = "name, short_name, grade, kam, industry, province, city, address, postcode, \
                       licence_no, credit_rating, payment_terms, partner_since";

fn field_values(f: &CustomerFields) -> Vec<Option<String>> {
    FIELD_NAMES
        .iter()
        .map(|n| f.field(n).map(str::to_string))
        .collect()
}

fn read_fields(r: &Row, first: usize) -> rusqlite::Result<CustomerFields> {
    let mut f = CustomerFields::default();
    for (i, n) in FIELD_NAMES.iter().enumerate() {
        let v: Option<String> = r.get(first + i)?;
        // A stored value that no longer parses (hand-edited grade) reads as empty.
        if f.set(n, v.as_deref()).is_err() {
            let _ = f.set(n, None);
        }
    }
    Ok(f)
}

pub(super) fn grade_of(s: Option<String>) -> Option<Grade> {
    s.and_then(|g| Grade::parse("grade", &g).ok())
}

impl Tx<'_> {
    /// Adds a customer; returns its code (generated when `code` is None).
    pub fn add_customer(
        &self,
        code: Option<&str>,
        fields: &CustomerFields,
        contacts: &[Contact],
    ) -> Result<String> {
        fields.validate()?;
        let code = match code {
            Some(c) => {
                validate_code(c)?;
                c.to_string()
            }
            None => next_code(self.highest_generated_code()?),
        };
        let exists: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE code = ?1)")?
            .query_row([&code], |r| r.get(0))?;
        if exists {
            return Err(Error::Duplicate {
                field: "code".into(),
                value: code,
            });
        }
        let vals = field_values(fields);
        self.conn()
            .prepare_cached(&format!(
                "INSERT INTO customers (code, {COLUMNS}, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)"
            ))?
            .execute(params![
                code,
                vals[0],
                vals[1],
                vals[2],
                vals[3],
                vals[4],
                vals[5],
                vals[6],
                vals[7],
                vals[8],
                vals[9],
                vals[10],
                vals[11],
                vals[12],
                self.at()
            ])?;
        let id = self.conn().last_insert_rowid();
        self.record_insert("customer", &code, fields)?;
        if let Some(g) = fields.grade {
            self.insert_grade_change(id, None, g, Some("initial"))?;
        }
        for c in contacts {
            self.insert_contact(id, &code, c)?;
        }
        Ok(code)
    }

    /// Adds a contact to the customer `code`.
    pub fn add_contact(&self, code: &str, contact: &Contact) -> Result<()> {
        let id = self.customer_id(code)?;
        self.insert_contact(id, code, contact)
    }

    /// Changes a customer's fields if nobody changed it since `version`; one history row per field.
    pub fn update_customer(
        &self,
        code: &str,
        version: i64,
        fields: &CustomerFields,
        basis: Option<&str>,
    ) -> Result<()> {
        fields.validate()?;
        let (id, current) = self.current_fields(code)?;
        let v = field_values(fields);
        let changed = self.conn().execute(
            &format!(
                "UPDATE customers SET ({COLUMNS}) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13),
                 updated_at = ?14, version = version + 1 WHERE id = ?15 AND version = ?16"
            ),
            params![v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], self.at(), id, version],
        )?;
        if changed == 0 {
            return Err(Error::Conflict {
                kind: "kind.customer",
                key: code.to_string(),
            });
        }
        for n in FIELD_NAMES {
            let (old, new) = (current.field(n), fields.field(n));
            if old != new {
                self.record("customer", code, "update", Some(n), old, new)?;
            }
        }
        if current.grade != fields.grade {
            if let Some(g) = fields.grade {
                self.insert_grade_change(id, current.grade, g, basis)?;
            }
        }
        Ok(())
    }

    fn current_fields(&self, code: &str) -> Result<(i64, CustomerFields)> {
        self.conn()
            .query_row(
                &format!("SELECT id, {COLUMNS} FROM customers WHERE code = ?1"),
                [code],
                |r| Ok((r.get(0)?, read_fields(r, 1)?)),
            )
            .optional()?
            .ok_or_else(|| not_found(code))
    }

    pub(crate) fn customer_id(&self, code: &str) -> Result<i64> {
        self.conn()
            .prepare_cached("SELECT id FROM customers WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found(code))
    }

    fn highest_generated_code(&self) -> Result<Option<u32>> {
        let n: Option<i64> = self.conn().query_row(
            "SELECT MAX(CAST(substr(code, 2) AS INTEGER)) FROM customers
             WHERE code GLOB 'C[0-9][0-9][0-9][0-9][0-9]*'",
            [],
            |r| r.get(0),
        )?;
        Ok(n.and_then(|n| u32::try_from(n).ok()))
    }

    fn insert_contact(&self, customer_id: i64, code: &str, c: &Contact) -> Result<()> {
        if c.name.trim().is_empty() {
            return Err(Error::Required {
                field: "contact.name".into(),
            });
        }
        self.conn()
            .prepare_cached(
                "INSERT INTO contacts (customer_id, name, role, phone, email, wechat, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                customer_id,
                c.name.trim(),
                c.role.unwrap_or(ContactRole::Other).as_str(),
                c.phone,
                c.email,
                c.wechat,
                c.line
            ])?;
        self.record_insert("contact", code, c)
    }

    fn insert_grade_change(
        &self,
        customer_id: i64,
        previous: Option<Grade>,
        grade: Grade,
        basis: Option<&str>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO grade_history (customer_id, previous, grade, basis, changed_at, changed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                customer_id,
                previous.map(Grade::as_str),
                grade.as_str(),
                basis,
                self.at(),
                self.actor()
            ])?;
        Ok(())
    }
}

fn not_found(code: &str) -> Error {
    Error::NotFound {
        kind: "kind.customer",
        key: code.to_string(),
    }
}

impl Store {
    /// Adds a customer in its own transaction; returns the code.
    pub fn add_customer(
        &mut self,
        code: Option<&str>,
        fields: &CustomerFields,
        contacts: &[Contact],
    ) -> Result<String> {
        self.write(|tx| tx.add_customer(code, fields, contacts))
    }

    /// Changes a customer's fields (refused if someone changed it since `version`).
    pub fn update_customer(
        &mut self,
        code: &str,
        version: i64,
        fields: &CustomerFields,
        basis: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| tx.update_customer(code, version, fields, basis))
    }

    /// The whole file of one customer.
    pub fn customer(&self, code: &str) -> Result<CustomerFile> {
        let (id, fields, version, created_at, updated_at) = self
            .conn()
            .query_row(
                &format!("SELECT id, {COLUMNS}, version, created_at, updated_at FROM customers WHERE code = ?1"),
                [code],
                |r| Ok((r.get::<_, i64>(0)?, read_fields(r, 1)?, r.get(14)?, r.get(15)?, r.get(16)?)),
            )
            .optional()?
            .ok_or_else(|| not_found(code))?;
        let mut stmt = self.conn().prepare(
            "SELECT name, role, phone, email, wechat, line FROM contacts WHERE customer_id = ?1 ORDER BY id",
        )?;
        let contacts = stmt
            .query_map([id], |r| {
                Ok(Contact {
                    name: r.get(0)?,
                    role: r
                        .get::<_, String>(1)
                        .ok()
                        .and_then(|s| ContactRole::parse("role", &s).ok()),
                    phone: r.get(2)?,
                    email: r.get(3)?,
                    wechat: r.get(4)?,
                    line: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare(
            "SELECT previous, grade, basis, changed_at, changed_by FROM grade_history
             WHERE customer_id = ?1 ORDER BY changed_at, id",
        )?;
        let grade_history = stmt
            .query_map([id], |r| {
                Ok(GradeChange {
                    previous: grade_of(r.get(0)?),
                    grade: grade_of(r.get(1)?),
                    basis: r.get(2)?,
                    changed_at: r.get(3)?,
                    changed_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CustomerFile {
            code: code.to_string(),
            fields,
            contacts,
            grade_history,
            version,
            created_at,
            updated_at,
        })
    }

    /// Required fields filled and required in all, summed over every customer file.
    pub fn completeness_totals(&self) -> Result<(usize, usize)> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS}, (SELECT COUNT(*) FROM contacts t WHERE t.customer_id = c.id) FROM customers c"
        ))?;
        let mut rows = stmt.query([])?;
        let (mut filled, mut required) = (0, 0);
        while let Some(r) = rows.next()? {
            let fields = read_fields(r, 0)?;
            let contacts: i64 = r.get(13)?;
            let (f, n) = crate::domain::customer::completeness(&fields, contacts.max(0) as usize);
            filled += f;
            required += n;
        }
        Ok((filled, required))
    }
}
