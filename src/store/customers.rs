//! Customer files, their contacts and grade history.

use crate::field_id::FieldId;
use crate::kind::RecordKind;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

pub use super::customer_list::CustomerFilter;
use super::records;
use super::{Store, Tx};
use crate::domain::customer::{
    validate_code, Contact, ContactRole, CustomerFields, Grade, Missing,
};
use crate::domain::fields::Record;
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
    /// Products and their specs.
    pub products: Vec<super::customer_extras::Product>,
    /// Custom field values by field name.
    pub custom: std::collections::BTreeMap<String, String>,
    /// The custom fields every file has (the team's definitions), in their order.
    #[serde(skip)]
    pub custom_fields: Vec<crate::domain::custom_field::CustomField>,
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
    /// The method whose proposal was confirmed, if one was.
    pub method: Option<String>,
    /// A raise on request, outside the rules.
    pub special: bool,
}

pub(super) fn grade_of(s: Option<String>) -> Option<Grade> {
    s.and_then(|g| Grade::parse(FieldId::named("grade"), &g).ok())
}

impl Tx<'_> {
    /// Adds a customer; returns its code (generated when `code` is None).
    pub fn add_customer(
        &self,
        code: Option<&str>,
        fields: &CustomerFields,
        contacts: &[Contact],
    ) -> Result<String> {
        fields.validate(self.tz())?;
        if let Some(kam) = &fields.kam {
            self.active_staff(FieldId::named("kam"), kam)?;
        }
        let code = match code {
            Some(c) => {
                validate_code(c)?;
                c.to_string()
            }
            None => super::numbers::next_number(self.conn(), "customers", "code", "C")?,
        };
        let exists: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE code = ?1)")?
            .query_row([&code], |r| r.get(0))?;
        if exists {
            return Err(Error::Duplicate {
                field: FieldId::named("code"),
                value: code,
            });
        }
        let id = records::insert(
            self.conn(),
            fields,
            &[
                ("code", &code),
                ("created_at", &self.at()),
                ("updated_at", &self.at()),
            ],
        )?;
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

    /// Changes the customer's contact `name` to `contact`; one history row per field.
    pub fn update_contact(&self, code: &str, name: &str, contact: &Contact) -> Result<()> {
        let customer = self.customer_id(code)?;
        let (id, current) = self.contact(customer, code, name)?;
        let mut c = contact.clone();
        c.role.get_or_insert(ContactRole::Other);
        c.validate(self.tz())?;
        if c.name != current.name {
            self.refuse_taken_name(customer, &c.name)?;
        }
        let changes = current.changes(&c);
        if changes.is_empty() {
            return Ok(());
        }
        records::update(self.conn(), id, None, &c, &[])?;
        for ch in &changes {
            let field = format!("{}.{}", current.name, ch.field);
            self.record(
                "contact",
                code,
                "update",
                Some(&field),
                ch.old.as_deref(),
                ch.new.as_deref(),
            )?;
        }
        Ok(())
    }

    /// Removes the customer's contact `name` from the file; the complaints and answers
    /// that name the contact keep it, so the row stays, marked removed.
    pub fn remove_contact(&self, code: &str, name: &str) -> Result<()> {
        let customer = self.customer_id(code)?;
        let (id, current) = self.contact(customer, code, name)?;
        self.conn()
            .prepare_cached("UPDATE contacts SET removed_at = ?2 WHERE id = ?1")?
            .execute(params![id, self.at()])?;
        let json = serde_json::to_string(&current).unwrap_or_default();
        self.record("contact", code, "delete", None, Some(&json), None)
    }

    /// The current contact called `name` (any case) of a customer, with its row id.
    pub(super) fn contact(
        &self,
        customer_id: i64,
        code: &str,
        name: &str,
    ) -> Result<(i64, Contact)> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT id, {} FROM contacts WHERE customer_id = ?1 AND removed_at IS NULL
                     AND lower(name) = lower(?2) ORDER BY id LIMIT 1",
                    records::columns::<Contact>("")
                ),
                params![customer_id, name.trim()],
                |r| Ok((r.get("id")?, records::read(r)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::Contact,
                key: format!("{code} {}", name.trim()),
            })
    }

    /// Refuses a contact name the customer already has (contacts are named in commands).
    fn refuse_taken_name(&self, customer_id: i64, name: &str) -> Result<()> {
        let taken: bool = self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM contacts WHERE customer_id = ?1
                 AND removed_at IS NULL AND lower(name) = lower(?2))",
            )?
            .query_row(params![customer_id, name.trim()], |r| r.get(0))?;
        if taken {
            return Err(Error::Duplicate {
                field: Contact::field_id("name"),
                value: name.trim().to_string(),
            });
        }
        Ok(())
    }

    /// Changes a customer's fields if nobody changed it since `version`; one history row per field.
    pub fn update_customer(
        &self,
        code: &str,
        version: i64,
        fields: &CustomerFields,
        basis: Option<&str>,
    ) -> Result<()> {
        fields.validate(self.tz())?;
        let (id, current) = self.current_fields(code)?;
        let changes = current.changes(fields);
        // A grade changes only when a manager confirms it (checked before anything is written).
        if current.grade != fields.grade {
            self.require(
                self.actor(),
                crate::domain::permission::Permission::ConfirmGrade,
            )?;
        }
        // A new KAM must be active staff; one who has since left does not block other edits.
        if let Some(kam) = fields.kam.as_ref().filter(|_| current.kam != fields.kam) {
            self.active_staff(FieldId::named("kam"), kam)?;
        }
        if changes.is_empty() {
            // A save that changes nothing writes nothing (but a stale one is still refused).
            return if self.customer_version(id)? == version {
                Ok(())
            } else {
                Err(conflict(code))
            };
        }
        if !records::update(
            self.conn(),
            id,
            Some(version),
            fields,
            &[("updated_at", &self.at())],
        )? {
            return Err(conflict(code));
        }
        self.record_changes("customer", code, &changes)?;
        if current.grade != fields.grade {
            if let Some(g) = fields.grade {
                self.insert_grade_change(id, current.grade, g, basis)?;
            }
        }
        Ok(())
    }

    pub(super) fn current_fields(&self, code: &str) -> Result<(i64, CustomerFields)> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT id, {} FROM customers WHERE code = ?1",
                    records::columns::<CustomerFields>("")
                ),
                [code],
                |r| Ok((r.get("id")?, records::read(r)?)),
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

    fn insert_contact(&self, customer_id: i64, code: &str, c: &Contact) -> Result<()> {
        let mut c = c.clone();
        // A contact whose role nobody gave is filed under "other".
        c.role.get_or_insert(ContactRole::Other);
        c.validate(self.tz())?;
        self.refuse_taken_name(customer_id, &c.name)?;
        records::insert(self.conn(), &c, &[("customer_id", &customer_id)])?;
        self.record_insert("contact", code, &c)
    }

    pub(super) fn customer_version(&self, id: i64) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT version FROM customers WHERE id = ?1", [id], |r| {
                r.get(0)
            })?)
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

fn conflict(code: &str) -> Error {
    Error::Conflict {
        kind: RecordKind::Customer,
        key: code.to_string(),
    }
}

fn not_found(code: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::Customer,
        key: code.to_string(),
    }
}

impl CustomerFile {
    /// What the file lacks to be complete under the team's `required` list.
    pub fn missing(&self, required: &crate::domain::customer::Required) -> Missing {
        let custom_required: Vec<String> = self
            .custom_fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.clone())
            .collect();
        crate::domain::customer::missing(
            &self.fields,
            self.contacts.len(),
            required,
            &custom_required,
            &self.custom,
        )
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

    /// Adds a contact to a customer in its own transaction.
    pub fn add_contact(&mut self, code: &str, contact: &Contact) -> Result<()> {
        self.write(|tx| tx.add_contact(code, contact))
    }

    /// Changes a customer's contact `name` in its own transaction.
    pub fn update_contact(&mut self, code: &str, name: &str, contact: &Contact) -> Result<()> {
        self.write(|tx| tx.update_contact(code, name, contact))
    }

    /// Removes a customer's contact `name` in its own transaction.
    pub fn remove_contact(&mut self, code: &str, name: &str) -> Result<()> {
        self.write(|tx| tx.remove_contact(code, name))
    }

    /// The whole file of one customer.
    pub fn customer(&self, code: &str) -> Result<CustomerFile> {
        let (id, fields, version, created_at, updated_at) = self
            .conn()
            .query_row(
                &format!(
                    "SELECT id, {}, version, created_at, updated_at FROM customers WHERE code = ?1",
                    records::columns::<CustomerFields>("")
                ),
                [code],
                |r| {
                    Ok((
                        r.get::<_, i64>("id")?,
                        records::read(r)?,
                        r.get("version")?,
                        r.get("created_at")?,
                        r.get("updated_at")?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| not_found(code))?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {} FROM contacts WHERE customer_id = ?1 AND removed_at IS NULL ORDER BY id",
            records::columns::<Contact>("")
        ))?;
        let contacts = stmt
            .query_map([id], records::read)?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare(
            "SELECT previous, grade, basis, changed_at, changed_by, method, special
             FROM grade_history
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
                    method: r.get(5)?,
                    special: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CustomerFile {
            code: code.to_string(),
            fields,
            contacts,
            grade_history,
            products: super::customer_extras::products_of(self.conn(), id)?,
            custom: super::customer_extras::custom_of(self.conn(), id)?,
            custom_fields: super::customer_extras::custom_fields(self.conn())?,
            version,
            created_at,
            updated_at,
        })
    }

    /// Required fields filled and required in all, summed over every customer file.
    pub fn completeness_totals(
        &self,
        required: &crate::domain::customer::Required,
    ) -> Result<(usize, usize)> {
        let specs = required.specs();
        let (filled, files) = records::filled_totals(self.conn(), CustomerFields::TABLE, &specs)?;
        let with_contact: i64 = self.conn().query_row(
            "SELECT COUNT(DISTINCT customer_id) FROM contacts WHERE removed_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        // Required custom fields count in every file too.
        let custom: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM customer_custom v JOIN custom_fields f ON f.name = v.field
             WHERE f.required",
            [],
            |r| r.get(0),
        )?;
        let custom_required = super::customer_extras::custom_fields(self.conn())?
            .iter()
            .filter(|f| f.required)
            .count();
        // A contact counts as one more required item of every file (`missing`).
        let per_file = specs.len() + 1 + custom_required;
        let filled = filled + with_contact.max(0) as usize + custom.max(0) as usize;
        Ok((filled, files * per_file))
    }
}
