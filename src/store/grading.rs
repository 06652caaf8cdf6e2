//! Sales per customer and month, and the grade proposals made from them and the files.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records;
use super::{Store, Tx};
use crate::domain::customer::{CustomerFields, Grade};
use crate::domain::grading::{
    by_criteria, by_revenue, months_between, GradeRules, Inputs, Method, Proposal,
};
use crate::error::{Error, Result};
use crate::field_id::FieldId;

/// One customer's proposal beside their current grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeRow {
    /// Customer code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Grade now.
    pub current: Option<Grade>,
    /// What the method proposes, and why.
    pub proposal: Proposal,
    /// The figure the method read: revenue share (percent) or six months' sales (RMB).
    pub figure: f64,
}

impl GradeRow {
    /// Whether the proposal would change the grade.
    pub fn differs(&self) -> bool {
        self.proposal.grade.is_some() && self.proposal.grade != self.current
    }
}

/// The first day of the month `back` months before `today`'s month.
fn month_start(today: NaiveDate, back: u32) -> String {
    let first = today.with_day(1).unwrap_or(today);
    first
        .checked_sub_months(Months::new(back))
        .unwrap_or(first)
        .format("%Y-%m")
        .to_string()
}

/// Checks a `YYYY-MM` month given for `field`.
pub fn parse_month(field: FieldId, text: &str) -> Result<String> {
    NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m").to_string())
        .map_err(|_| Error::Invalid {
            field,
            value: text.to_string(),
            rule: "rule.month",
        })
}

impl Tx<'_> {
    /// Records a customer's sales for a month (replacing what was there), with history.
    pub fn set_sales(&self, code: &str, month: &str, amount: f64) -> Result<()> {
        let month = parse_month(FieldId::flag("MONTH"), month)?;
        if !amount.is_finite() || amount < 0.0 {
            return Err(Error::Invalid {
                field: FieldId::flag("AMOUNT"),
                value: amount.to_string(),
                rule: "rule.money",
            });
        }
        let id = self.customer_id(code)?;
        let old: Option<f64> = self
            .conn()
            .prepare_cached("SELECT amount FROM sales WHERE customer_id = ?1 AND month = ?2")?
            .query_row(params![id, month], |r| r.get(0))
            .optional()?;
        if old == Some(amount) {
            return Ok(());
        }
        self.conn().execute(
            "INSERT INTO sales (customer_id, month, amount) VALUES (?1, ?2, ?3)
             ON CONFLICT (customer_id, month) DO UPDATE SET amount = excluded.amount",
            params![id, month, amount],
        )?;
        let field = format!("sales.{month}");
        self.record(
            "customer",
            code,
            "update",
            Some(&field),
            old.map(|a| format!("{a:.2}")).as_deref(),
            Some(&format!("{amount:.2}")),
        )
    }

    /// Inserts a month's sales with no history row: the demo's and an import's first
    /// figures, which replace nothing.
    pub fn seed_sales(&self, code: &str, month: &str, amount: f64) -> Result<()> {
        let id = self.customer_id(code)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO sales (customer_id, month, amount) VALUES (?1, ?2, ?3)
                 ON CONFLICT (customer_id, month) DO NOTHING",
            )?
            .execute(params![id, month, amount])?;
        Ok(())
    }

    /// Sets a customer's grade as a manager confirms it, noting the method or a special
    /// raise on request; refused for anyone without the permission.
    pub fn confirm_grade(
        &self,
        code: &str,
        grade: Grade,
        basis: &str,
        method: Option<Method>,
        special: bool,
    ) -> Result<bool> {
        if basis.trim().is_empty() {
            return Err(Error::Required {
                field: FieldId::flag("--basis"),
            });
        }
        let file = self.customer_fields(code)?;
        if file.1.grade == Some(grade) {
            return Ok(false);
        }
        let mut fields = file.1.clone();
        fields.grade = Some(grade);
        self.update_customer(code, file.2, &fields, Some(basis.trim()))?;
        self.conn().execute(
            "UPDATE grade_history SET method = ?2, special = ?3
             WHERE id = (SELECT MAX(id) FROM grade_history WHERE customer_id = ?1)",
            params![file.0, method.map(Method::as_str), special],
        )?;
        Ok(true)
    }

    fn customer_fields(&self, code: &str) -> Result<(i64, CustomerFields, i64)> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT id, version, {} FROM customers WHERE code = ?1",
                    records::columns::<CustomerFields>("")
                ),
                [code],
                |r| Ok((r.get("id")?, records::read(r)?, r.get("version")?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: crate::kind::RecordKind::Customer,
                key: code.to_string(),
            })
    }
}

impl Store {
    /// Every customer's proposal by `method`, as of `today`: revenue over the twelve whole
    /// months before this one, or criteria with the six months' sales before it.
    pub fn grade_proposals(
        &self,
        method: Method,
        rules: &GradeRules,
        today: NaiveDate,
    ) -> Result<Vec<GradeRow>> {
        let months = match method {
            Method::Revenue => 12,
            Method::Criteria => 6,
        };
        let (from, to) = (month_start(today, months), month_start(today, 0));
        let mut sums: HashMap<i64, (f64, u32)> = HashMap::new();
        let mut stmt = self.conn().prepare(
            "SELECT customer_id, SUM(amount), COUNT(*) FROM sales
             WHERE month >= ?1 AND month < ?2 AND amount > 0 GROUP BY customer_id",
        )?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            sums.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
        let total: f64 = sums.values().map(|(s, _)| s).sum();
        let mut stmt = self.conn().prepare(&format!(
            "SELECT id, code, {} FROM customers ORDER BY code",
            records::columns::<CustomerFields>("")
        ))?;
        let files = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>("id")?,
                r.get::<_, String>("code")?,
                records::read::<CustomerFields>(r)?,
            ))
        })?;
        let mut out = Vec::new();
        for f in files {
            let (id, code, fields) = f?;
            let (sales, active) = sums.get(&id).copied().unwrap_or((0.0, 0));
            let (proposal, figure) = match method {
                Method::Revenue => {
                    let share = if total > 0.0 {
                        sales / total * 100.0
                    } else {
                        0.0
                    };
                    (by_revenue(share, active, rules), share)
                }
                Method::Criteria => {
                    let partner = fields
                        .partner_since
                        .as_deref()
                        .and_then(|s| months_between(s, today));
                    let i = Inputs {
                        fields: &fields,
                        sales,
                        partner_months: partner,
                    };
                    (by_criteria(i, rules), sales)
                }
            };
            out.push(GradeRow {
                code,
                current: fields.grade,
                name: fields.name,
                proposal,
                figure,
            });
        }
        Ok(out)
    }

    /// A customer's sales by month, newest first.
    pub fn sales_of(&self, code: &str) -> Result<Vec<(String, f64)>> {
        let mut stmt = self.conn().prepare(
            "SELECT s.month, s.amount FROM sales s JOIN customers c ON c.id = s.customer_id
             WHERE c.code = ?1 ORDER BY s.month DESC",
        )?;
        let rows = stmt.query_map([code], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
