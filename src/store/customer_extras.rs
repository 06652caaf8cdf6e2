//! The parts of a customer file beyond its declared fields: products with their specs,
//! and custom fields (their definitions and each customer's values).

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{Store, Tx};
use crate::domain::custom_field::{validate_name, CustomField, CustomKind};
use crate::domain::permission::Permission;
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// A product the customer buys, with its spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Product {
    /// Product name.
    pub product: String,
    /// Its spec for this customer.
    pub spec: Option<String>,
}

fn read_field(r: &rusqlite::Row) -> rusqlite::Result<CustomField> {
    let kind: String = r.get(1)?;
    Ok(CustomField {
        name: r.get(0)?,
        kind: CustomKind::parse(FieldId::named("kind"), &kind).unwrap_or(CustomKind::Text),
        required: r.get(2)?,
    })
}

pub(crate) fn custom_fields(conn: &rusqlite::Connection) -> Result<Vec<CustomField>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, kind, required FROM custom_fields ORDER BY position, name")?;
    let rows = stmt.query_map([], read_field)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn products_of(conn: &rusqlite::Connection, customer_id: i64) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare_cached(
        "SELECT product, spec FROM customer_products WHERE customer_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok(Product {
            product: r.get(0)?,
            spec: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn custom_of(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> Result<BTreeMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT field, value FROM customer_custom WHERE customer_id = ?1")?;
    let rows = stmt.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn unknown_field(name: &str) -> Error {
    Error::NotFound {
        kind: RecordKind::CustomField,
        key: name.to_string(),
    }
}

impl Tx<'_> {
    /// Defines a custom field (an administrator's job); a name in use is refused.
    pub fn define_custom_field(&self, f: &CustomField) -> Result<()> {
        self.require(self.actor(), Permission::ManageSettings)?;
        validate_name(&f.name)?;
        let name = f.name.trim();
        if self.custom_field(name)?.is_some() {
            return Err(Error::Duplicate {
                field: FieldId::flag("NAME"),
                value: name.to_string(),
            });
        }
        self.conn().execute(
            "INSERT INTO custom_fields (name, kind, required, position)
             VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM custom_fields))",
            params![name, f.kind.as_str(), f.required],
        )?;
        let f = CustomField {
            name: name.to_string(),
            ..f.clone()
        };
        self.record_insert("custom_field", name, &f)
    }

    /// Removes a custom field no customer has a value in.
    pub fn remove_custom_field(&self, name: &str) -> Result<()> {
        self.require(self.actor(), Permission::ManageSettings)?;
        let f = self
            .custom_field(name.trim())?
            .ok_or_else(|| unknown_field(name))?;
        let used: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM customer_custom WHERE field = ?1",
            [&f.name],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::Refused {
                number: format!("{} ({used})", f.name),
                rule: "rule.custom_in_use",
            });
        }
        self.conn()
            .execute("DELETE FROM custom_fields WHERE name = ?1", [&f.name])?;
        let json = serde_json::to_string(&f).unwrap_or_default();
        self.record("custom_field", &f.name, "delete", None, Some(&json), None)
    }

    fn custom_field(&self, name: &str) -> Result<Option<CustomField>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT name, kind, required FROM custom_fields WHERE name = ?1")?
            .query_row([name], read_field)
            .optional()?)
    }

    /// Sets (or, given a blank, clears) the customer's value of a custom field.
    pub fn set_custom(&self, code: &str, name: &str, raw: &str) -> Result<()> {
        let id = self.customer_id(code)?;
        let f = self
            .custom_field(name.trim())?
            .ok_or_else(|| unknown_field(name))?;
        let new = f.normalize(raw, self.tz())?;
        let old: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT value FROM customer_custom WHERE customer_id = ?1 AND field = ?2",
            )?
            .query_row(params![id, f.name], |r| r.get(0))
            .optional()?;
        if old == new {
            return Ok(());
        }
        match &new {
            Some(v) => self.conn().execute(
                "INSERT INTO customer_custom (customer_id, field, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (customer_id, field) DO UPDATE SET value = excluded.value",
                params![id, f.name, v],
            )?,
            None => self.conn().execute(
                "DELETE FROM customer_custom WHERE customer_id = ?1 AND field = ?2",
                params![id, f.name],
            )?,
        };
        let field = format!("custom.{}", f.name);
        self.record(
            "customer",
            code,
            "update",
            Some(&field),
            old.as_deref(),
            new.as_deref(),
        )
    }

    /// Records that the file's data was checked and is current (the quarterly check).
    pub fn confirm_customer(&self, code: &str) -> Result<()> {
        let id = self.customer_id(code)?;
        let old: Option<String> = self.conn().query_row(
            "SELECT confirmed_at FROM customers WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.conn().execute(
            "UPDATE customers SET confirmed_at = ?2 WHERE id = ?1",
            params![id, self.at()],
        )?;
        self.record(
            "customer",
            code,
            "update",
            Some("confirmed_at"),
            old.as_deref(),
            Some(self.at()),
        )
    }

    /// Adds a product to the file, or changes its spec.
    pub fn set_product(&self, code: &str, product: &str, spec: Option<&str>) -> Result<()> {
        let id = self.customer_id(code)?;
        let product = one_line(product, "--product", 60)?.ok_or(Error::Required {
            field: FieldId::flag("--product"),
        })?;
        let spec = one_line(spec.unwrap_or(""), "--product", 120)?;
        let old: Option<Option<String>> = self
            .conn()
            .prepare_cached(
                "SELECT spec FROM customer_products WHERE customer_id = ?1 AND product = ?2",
            )?
            .query_row(params![id, product], |r| r.get(0))
            .optional()?;
        if old.as_ref() == Some(&spec) {
            return Ok(());
        }
        self.conn().execute(
            "INSERT INTO customer_products (customer_id, product, spec) VALUES (?1, ?2, ?3)
             ON CONFLICT (customer_id, product) DO UPDATE SET spec = excluded.spec",
            params![id, product, spec],
        )?;
        let field = format!("product.{product}");
        let shown = |s: &Option<String>| s.clone().unwrap_or_default();
        self.record(
            "customer",
            code,
            if old.is_some() { "update" } else { "insert" },
            Some(&field),
            old.as_ref().map(shown).as_deref(),
            Some(&shown(&spec)),
        )
    }

    /// Takes a product off the file.
    pub fn drop_product(&self, code: &str, product: &str) -> Result<()> {
        let id = self.customer_id(code)?;
        let old: Option<Option<String>> = self
            .conn()
            .prepare_cached(
                "SELECT spec FROM customer_products WHERE customer_id = ?1 AND product = ?2",
            )?
            .query_row(params![id, product.trim()], |r| r.get(0))
            .optional()?;
        let Some(old) = old else {
            return Err(Error::NotFound {
                kind: RecordKind::Product,
                key: format!("{code} {}", product.trim()),
            });
        };
        self.conn().execute(
            "DELETE FROM customer_products WHERE customer_id = ?1 AND product = ?2",
            params![id, product.trim()],
        )?;
        let field = format!("product.{}", product.trim());
        self.record(
            "customer",
            code,
            "delete",
            Some(&field),
            Some(&old.unwrap_or_default()),
            None,
        )
    }
}

/// One line of at most `max` characters given for `flag`; None when blank.
fn one_line(text: &str, flag: &'static str, max: usize) -> Result<Option<String>> {
    let t = text.trim();
    if t.chars().count() > max || t.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: FieldId::flag(flag),
            value: text.to_string(),
            rule: "rule.too_long",
        });
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

impl Store {
    /// The custom fields, in the order they were defined.
    pub fn custom_fields(&self) -> Result<Vec<CustomField>> {
        custom_fields(self.conn())
    }

    /// Defines a custom field in its own transaction.
    pub fn define_custom_field(&mut self, f: &CustomField) -> Result<()> {
        self.write(|tx| tx.define_custom_field(f))
    }

    /// Removes an unused custom field in its own transaction.
    pub fn remove_custom_field(&mut self, name: &str) -> Result<()> {
        self.write(|tx| tx.remove_custom_field(name))
    }
}
