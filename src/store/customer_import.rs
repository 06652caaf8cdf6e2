//! Writing one checked spreadsheet row: a new file through `add_customer`, a known code
//! through `update_customer` (as `customer edit` does, so each change is in the history),
//! then its custom values and primary contact.

use rusqlite::OptionalExtension;

use super::Tx;
use crate::domain::customer::{Contact, CustomerFields};
use crate::domain::customer_row::SheetRow;
use crate::domain::fields::Record;
use crate::error::Result;

/// What a row did to the customer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new file.
    Created,
    /// A file that was there changed.
    Updated,
    /// A file that was there, as the row has it already.
    Unchanged,
}

impl Tx<'_> {
    /// Creates or updates the file the row names by its code; columns the file lacks
    /// are left as they are.
    pub fn import_customer(&self, row: &SheetRow) -> Result<Outcome> {
        let before = self.history_head()?;
        let existing: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM customers WHERE code = ?1")?
            .query_row([&row.code], |r| r.get(0))
            .optional()?;
        let created = existing.is_none();
        match existing {
            None => {
                let mut f = CustomerFields::default();
                set_all(&mut f, &row.fields)?;
                let contacts = match &row.contact {
                    Some(given) => {
                        let mut c = Contact::default();
                        set_all(&mut c, given)?;
                        vec![c]
                    }
                    None => Vec::new(),
                };
                self.add_customer(Some(&row.code), &f, &contacts)?;
            }
            Some(id) => {
                let (_, mut f) = self.current_fields(&row.code)?;
                set_all(&mut f, &row.fields)?;
                let version = self.customer_version(id)?;
                self.update_customer(&row.code, version, &f, None)?;
                if let Some(given) = &row.contact {
                    self.import_contact(id, &row.code, given)?;
                }
            }
        }
        for (name, value) in &row.custom {
            self.set_custom(&row.code, name, value)?;
        }
        Ok(match (created, self.history_head()? == before) {
            (true, _) => Outcome::Created,
            (false, true) => Outcome::Unchanged,
            (false, false) => Outcome::Updated,
        })
    }

    /// Checks the key-account manager a row names as `customer edit` would: a new one
    /// must be active staff (for a row refused for other reasons, so every problem shows).
    pub fn check_kam(&self, row: &SheetRow) -> Result<()> {
        let Some((_, Some(kam))) = row.fields.iter().find(|(f, _)| *f == "kam") else {
            return Ok(());
        };
        let current: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT kam FROM customers WHERE code = ?1")?
            .query_row([&row.code], |r| r.get(0))
            .optional()?;
        if current.flatten().as_ref() == Some(kam) {
            return Ok(());
        }
        self.active_staff(CustomerFields::field_id("kam"), kam)
            .map(|_| ())
    }

    /// The primary contact of a row: the file's contact of that name changed, or added.
    fn import_contact(
        &self,
        customer_id: i64,
        code: &str,
        given: &[(&'static str, Option<String>)],
    ) -> Result<()> {
        let name = given
            .iter()
            .find(|(f, _)| *f == "name")
            .and_then(|(_, v)| v.clone())
            .unwrap_or_default();
        match self.contact(customer_id, code, &name) {
            Ok((_, mut current)) => {
                let old = current.name.clone();
                set_all(&mut current, given)?;
                self.update_contact(code, &old, &current)
            }
            Err(crate::error::Error::NotFound { .. }) => {
                let mut c = Contact::default();
                set_all(&mut c, given)?;
                self.add_contact(code, &c)
            }
            Err(e) => Err(e),
        }
    }

    /// The newest history row's id: what a write added is what lies beyond it.
    fn history_head(&self) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM history")?
            .query_row([], |r| r.get(0))?)
    }
}

fn set_all<R: Record>(r: &mut R, given: &[(&'static str, Option<String>)]) -> Result<()> {
    for (name, value) in given {
        r.set(name, value.as_deref())?;
    }
    Ok(())
}

impl super::Store {
    /// Each file's first current contact (the sheet's primary contact), by customer code.
    pub fn primary_contacts(&self) -> Result<std::collections::HashMap<String, Contact>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT c.code AS customer_code, {} FROM contacts k
             JOIN customers c ON c.id = k.customer_id
             WHERE k.removed_at IS NULL ORDER BY k.id DESC",
            super::records::columns::<Contact>("k.")
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>("customer_code")?,
                super::records::read(r)?,
            ))
        })?;
        // Newest first, so the oldest (the first added) is the one kept.
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (code, contact) = row?;
            out.insert(code, contact);
        }
        Ok(out)
    }
}
