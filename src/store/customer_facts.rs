//! Every customer file at once, with what its completeness and the data check need: the
//! lists that filter and sort by any field, custom fields and completeness.

use std::collections::{BTreeMap, HashMap};

use super::records;
use super::Store;
use crate::domain::custom_field::CustomField;
use crate::domain::customer::{missing, CustomerFields, Missing, Required};
use crate::error::Result;

/// One customer's file, flat.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFacts {
    /// Customer code.
    pub code: String,
    /// The declared fields.
    pub fields: CustomerFields,
    /// Current contacts.
    pub contacts: usize,
    /// Custom values by field name.
    pub custom: BTreeMap<String, String>,
    /// When someone last confirmed the file's data (storage form).
    pub confirmed_at: Option<String>,
    /// When the file was created (storage form).
    pub created_at: String,
}

impl CustomerFacts {
    /// What the file lacks under the team's lists.
    pub fn missing(&self, required: &Required, custom_fields: &[CustomField]) -> Missing {
        let custom_required: Vec<String> = custom_fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.clone())
            .collect();
        missing(
            &self.fields,
            self.contacts,
            required,
            &custom_required,
            &self.custom,
        )
    }

    /// A field's value by name: declared, or custom.
    pub fn value(&self, name: &str) -> Option<String> {
        use crate::domain::fields::Record;
        match CustomerFields::spec(name) {
            Some(_) => self.fields.get(name),
            None => self.custom.get(name).cloned(),
        }
    }
}

impl Store {
    /// Every customer's file, by code.
    pub fn customer_facts(&self) -> Result<Vec<CustomerFacts>> {
        let conn = self.conn();
        let mut contacts: HashMap<i64, usize> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT customer_id, COUNT(*) FROM contacts WHERE removed_at IS NULL
             GROUP BY customer_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            contacts.insert(r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0));
        }
        let mut custom: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT customer_id, field, value FROM customer_custom")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            custom
                .entry(r.get(0)?)
                .or_default()
                .insert(r.get(1)?, r.get(2)?);
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT id, code, confirmed_at, created_at, {} FROM customers ORDER BY code",
            records::columns::<CustomerFields>("")
        ))?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get("id")?;
            Ok(CustomerFacts {
                code: r.get("code")?,
                fields: records::read(r)?,
                contacts: contacts.get(&id).copied().unwrap_or(0),
                custom: custom.remove(&id).unwrap_or_default(),
                confirmed_at: r.get("confirmed_at")?,
                created_at: r.get("created_at")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
