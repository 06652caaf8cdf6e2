//! Customer files, their contacts and grade history.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records;
use super::{Store, Tx};
use crate::domain::customer::{
    next_code, validate_code, Contact, ContactRole, CustomerFields, Grade,
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

/// Filters and the page for the customer list; everything runs in SQL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFilter {
    /// Only this grade.
    pub grade: Option<Grade>,
    /// Only this KAM.
    pub kam: Option<String>,
    /// Only customers whose code, name or short name contains this (any case).
    pub text: Option<String>,
    /// Rows to skip (in list order).
    pub offset: usize,
    /// At most this many rows (None: all).
    pub limit: Option<usize>,
}

/// Customer id -> latest NPS score; ids are row ids, dense in practice, so mostly a vector.
#[derive(Default)]
struct LatestNps {
    dense: Vec<Option<u8>>,
    sparse: HashMap<i64, Option<u8>>,
}

impl LatestNps {
    /// Ids below this go in the vector (a hand-made id far above it would waste memory).
    const DENSE: i64 = 1 << 24;

    fn set(&mut self, id: i64, score: Option<u8>) {
        match usize::try_from(id) {
            Ok(i) if id < Self::DENSE => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, None);
                }
                self.dense[i] = score;
            }
            _ => {
                self.sparse.insert(id, score);
            }
        }
    }

    fn get(&self, id: i64) -> Option<u8> {
        match usize::try_from(id) {
            Ok(i) if id < Self::DENSE => self.dense.get(i).copied().flatten(),
            _ => self.sparse.get(&id).copied().flatten(),
        }
    }
}

/// Lists longer than this read every latest NPS score in one pass.
const LONG_LIST: usize = 2_000;

/// The WHERE clause of the customer list; `?1` grade, `?2` KAM, `?3` a LIKE pattern.
const LIST_WHERE: &str = "(?1 IS NULL OR c.grade = ?1) AND (?2 IS NULL OR c.kam = ?2)
     AND (?3 IS NULL OR c.code LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\'
          OR c.short_name LIKE ?3 ESCAPE '\\')";

/// `%text%` with LIKE's wildcards escaped; None when there is nothing to match.
fn like_pattern(text: Option<&str>) -> Option<String> {
    let t = text?.trim();
    if t.is_empty() {
        return None;
    }
    let mut p = String::from("%");
    for ch in t.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    Some(p)
}

fn grade_of(s: Option<String>) -> Option<Grade> {
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
        fields.validate(self.tz())?;
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

    fn current_fields(&self, code: &str) -> Result<(i64, CustomerFields)> {
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
        let mut c = c.clone();
        // A contact whose role nobody gave is filed under "other".
        c.role.get_or_insert(ContactRole::Other);
        c.validate(self.tz()).map_err(contact_field)?;
        records::insert(self.conn(), &c, &[("customer_id", &customer_id)])?;
        self.record_insert("contact", code, &c)
    }

    fn customer_version(&self, id: i64) -> Result<i64> {
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

/// Names a contact's field as `contact.FIELD` in errors.
fn contact_field(e: Error) -> Error {
    match e {
        Error::Required { field } => Error::Required {
            field: format!("contact.{field}"),
        },
        Error::Invalid { field, value, rule } => Error::Invalid {
            field: format!("contact.{field}"),
            value,
            rule,
        },
        other => other,
    }
}

fn conflict(code: &str) -> Error {
    Error::Conflict {
        kind: "kind.customer",
        key: code.to_string(),
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

    /// Customers sorted by grade then name, with open complaints and the latest NPS score,
    /// filtered and paged in SQL.
    pub fn list_customers(&self, filter: &CustomerFilter) -> Result<Vec<CustomerRow>> {
        let mut out = Vec::new();
        self.each_customer(filter, |r| {
            out.push(r);
            ControlFlow::Continue(())
        })?;
        Ok(out)
    }

    /// Calls `f` for each listed customer in order, without holding the whole list, until
    /// it says stop.
    pub fn each_customer(
        &self,
        filter: &CustomerFilter,
        mut f: impl FnMut(CustomerRow) -> ControlFlow<()>,
    ) -> Result<()> {
        // A page looks up each row's latest NPS answer (one index seek a row); a long list
        // reads every customer's latest answer in one pass over the index instead.
        let long = filter.limit.is_none_or(|l| l > LONG_LIST);
        let latest = if long {
            self.latest_nps()?
        } else {
            LatestNps::default()
        };
        let nps = if long {
            "NULL"
        } else {
            "(SELECT n.score FROM nps_responses n WHERE n.customer_id = p.id
               ORDER BY n.responded_at DESC, n.id DESC LIMIT 1)"
        };
        // The page is cut first; the open-complaint counts come from one grouped pass over
        // the (few) open complaints.
        let mut stmt = self.conn().prepare_cached(&format!(
            "WITH page AS (
               SELECT c.id, c.code, c.name, c.short_name, c.grade, c.kam, c.city FROM customers c
               WHERE {LIST_WHERE}
               ORDER BY c.grade IS NULL, c.grade, c.name, c.code LIMIT ?4 OFFSET ?5),
             open AS (
               SELECT customer_id, COUNT(*) AS n FROM complaints
               WHERE step IN ({open}) GROUP BY customer_id)
             SELECT p.id, p.code, p.name, p.short_name, p.grade, p.kam, p.city,
                    COALESCE(o.n, 0) AS open_complaints, {nps} AS last_nps
             FROM page p LEFT JOIN open o ON o.customer_id = p.id",
            open = crate::domain::complaint::open_steps_sql()
        ))?;
        let limit = filter
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        // Columns by name, looked up once per query rather than once per row.
        let [id, code, name, short_name, grade, kam, city, open, last] = [
            "id",
            "code",
            "name",
            "short_name",
            "grade",
            "kam",
            "city",
            "open_complaints",
            "last_nps",
        ]
        .map(|c| stmt.column_index(c));
        let [id, code, name, short_name, grade, kam, city, open, last] = [
            id?,
            code?,
            name?,
            short_name?,
            grade?,
            kam?,
            city?,
            open?,
            last?,
        ];
        let mut rows = stmt.query(params![
            filter.grade.map(Grade::as_str),
            filter.kam,
            like_pattern(filter.text.as_deref()),
            limit,
            offset
        ])?;
        while let Some(r) = rows.next()? {
            let last_nps = match r.get::<_, Option<i64>>(last)? {
                Some(s) => u8::try_from(s).ok(),
                None => latest.get(r.get(id)?),
            };
            let row = f(CustomerRow {
                code: r.get(code)?,
                name: r.get(name)?,
                short_name: r.get(short_name)?,
                grade: grade_of(r.get(grade)?),
                kam: r.get(kam)?,
                city: r.get(city)?,
                open_complaints: r.get(open)?,
                last_nps,
            });
            if row.is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Every customer's latest NPS score (the last answer wins a tie on time by id).
    fn latest_nps(&self) -> Result<LatestNps> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id, score FROM nps_responses ORDER BY customer_id, responded_at, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = LatestNps::default();
        while let Some(r) = rows.next()? {
            out.set(r.get(0)?, u8::try_from(r.get::<_, i64>(1)?).ok());
        }
        Ok(out)
    }

    /// Where the customer `code` is in the filtered list (None when not listed).
    pub fn customer_position(&self, filter: &CustomerFilter, code: &str) -> Result<Option<usize>> {
        let n: Option<i64> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT (SELECT COUNT(*) FROM customers c WHERE {LIST_WHERE}
                   AND ((c.grade IS NULL) < (w.grade IS NULL)
                     OR ((c.grade IS NULL) = (w.grade IS NULL)
                       AND (COALESCE(c.grade, '') < COALESCE(w.grade, '')
                         OR (COALESCE(c.grade, '') = COALESCE(w.grade, '')
                           AND (c.name < w.name OR (c.name = w.name AND c.code < w.code)))))))
                 FROM customers w WHERE w.code = ?4 AND EXISTS
                   (SELECT 1 FROM customers c WHERE c.id = w.id AND {LIST_WHERE})"
            ))?
            .query_row(
                params![
                    filter.grade.map(Grade::as_str),
                    filter.kam,
                    like_pattern(filter.text.as_deref()),
                    code
                ],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.and_then(|n| usize::try_from(n).ok()))
    }

    /// How many customers the filter lets through (its offset and limit ignored).
    pub fn count_customers(&self, filter: &CustomerFilter) -> Result<usize> {
        let n: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM customers c WHERE {LIST_WHERE}"
            ))?
            .query_row(
                params![
                    filter.grade.map(Grade::as_str),
                    filter.kam,
                    like_pattern(filter.text.as_deref())
                ],
                |r| r.get(0),
            )?;
        Ok(usize::try_from(n).unwrap_or(0))
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
            "SELECT {} FROM contacts WHERE customer_id = ?1 ORDER BY id",
            records::columns::<Contact>("")
        ))?;
        let contacts = stmt
            .query_map([id], records::read)?
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
            "SELECT {}, (SELECT COUNT(*) FROM contacts t WHERE t.customer_id = c.id) AS contacts
             FROM customers c",
            records::columns::<CustomerFields>("c.")
        ))?;
        let mut rows = stmt.query([])?;
        let (mut filled, mut required) = (0, 0);
        while let Some(r) = rows.next()? {
            let fields = records::read(r)?;
            let contacts: i64 = r.get("contacts")?;
            let (f, n) = crate::domain::customer::completeness(&fields, contacts.max(0) as usize);
            filled += f;
            required += n;
        }
        Ok((filled, required))
    }
}
