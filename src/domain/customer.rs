//! Customers (客户档案): grades, codes and file completeness.

use crate::error::Error;
use crate::vocabulary;

vocabulary!(
    /// Customer grade: A strategic, B main, C general, D one-off.
    Grade, "grade" { A = "A", B = "B", C = "C", D = "D" }
);

vocabulary!(
    /// A contact's role at the customer.
    ContactRole, "contact_role" {
        Kam = "kam", Purchasing = "purchasing", Finance = "finance",
        Technical = "technical", Other = "other",
    }
);

/// The editable fields of a customer file.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct CustomerFields {
    /// Full registered name.
    pub name: String,
    /// Short name used in lists.
    pub short_name: Option<String>,
    /// Grade, once assessed.
    pub grade: Option<Grade>,
    /// Key-account manager (staff username).
    pub kam: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Business licence number (统一社会信用代码).
    pub licence_no: Option<String>,
    /// Credit rating.
    pub credit_rating: Option<String>,
    /// Payment terms, e.g. "30 days month-end".
    pub payment_terms: Option<String>,
    /// Partner since (YYYY-MM-DD).
    pub partner_since: Option<String>,
}

/// The fields a complete customer file must have (file completeness KPI).
pub const REQUIRED_FIELDS: &[&str] = &[
    "name",
    "short_name",
    "grade",
    "kam",
    "industry",
    "province",
    "city",
    "address",
    "licence_no",
    "payment_terms",
    "contact",
];

impl CustomerFields {
    /// The value of a named field, if filled (`contact` is counted by the caller).
    pub fn field(&self, name: &str) -> Option<&str> {
        let v = match name {
            "name" => Some(self.name.as_str()),
            "short_name" => self.short_name.as_deref(),
            "grade" => self.grade.map(Grade::as_str),
            "kam" => self.kam.as_deref(),
            "industry" => self.industry.as_deref(),
            "province" => self.province.as_deref(),
            "city" => self.city.as_deref(),
            "address" => self.address.as_deref(),
            "postcode" => self.postcode.as_deref(),
            "licence_no" => self.licence_no.as_deref(),
            "credit_rating" => self.credit_rating.as_deref(),
            "payment_terms" => self.payment_terms.as_deref(),
            "partner_since" => self.partner_since.as_deref(),
            _ => None,
        };
        v.filter(|s| !s.trim().is_empty())
    }

    /// Checks the fields a save needs; names the first one that is wrong.
    pub fn validate(&self) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(Error::Required {
                field: "name".into(),
            });
        }
        if let Some(d) = self.partner_since.as_deref() {
            validate_date("partner_since", d)?;
        }
        Ok(())
    }
}

/// Checks a `YYYY-MM-DD` date given for `field`.
pub fn validate_date(field: &str, value: &str) -> Result<(), Error> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| Error::Invalid {
            field: field.to_string(),
            value: value.to_string(),
            rule: "rule.date",
        })
}

/// How many of [`REQUIRED_FIELDS`] a file fills, out of how many.
pub fn completeness(fields: &CustomerFields, contacts: usize) -> (usize, usize) {
    let filled = REQUIRED_FIELDS
        .iter()
        .filter(|f| match **f {
            "contact" => contacts > 0,
            other => fields.field(other).is_some(),
        })
        .count();
    (filled, REQUIRED_FIELDS.len())
}

/// Checks a customer code: 1-20 letters, digits, `-` or `_`.
pub fn validate_code(code: &str) -> Result<(), Error> {
    let ok = !code.is_empty()
        && code.len() <= 20
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid {
            field: "code".into(),
            value: code.into(),
            rule: "rule.code",
        })
    }
}

/// The generated code that follows the highest numbered `C#####` code.
pub fn next_code(highest: Option<u32>) -> String {
    format!("C{:05}", highest.unwrap_or(0) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_counts_required_fields() {
        let mut f = CustomerFields {
            name: "苏州恒瑞化工有限公司".into(),
            ..Default::default()
        };
        assert_eq!(completeness(&f, 0), (1, 11));
        f.grade = Some(Grade::B);
        f.kam = Some("  ".into()); // blank does not count
        f.postcode = Some("215000".into()); // not required
        assert_eq!(completeness(&f, 2), (3, 11));
    }

    #[test]
    fn codes() {
        assert_eq!(next_code(None), "C00001");
        assert_eq!(next_code(Some(41)), "C00042");
        assert!(validate_code("ACME-01").is_ok());
        assert!(validate_code("").is_err());
        assert!(validate_code("有限公司").is_err());
        assert!(validate_code("a b").is_err());
    }

    #[test]
    fn validation_names_the_field() {
        let f = CustomerFields {
            name: " ".into(),
            ..Default::default()
        };
        assert!(matches!(f.validate(), Err(Error::Required { field }) if field == "name"));
        let f = CustomerFields {
            name: "x".into(),
            partner_since: Some("2020-02-31".into()),
            ..Default::default()
        };
        assert!(
            matches!(f.validate(), Err(Error::Invalid { field, .. }) if field == "partner_since")
        );
    }
}

/// The fields of [`CustomerFields`] by name, in display order.
pub const FIELD_NAMES: &[&str] = &[
    "name",
    "short_name",
    "grade",
    "kam",
    "industry",
    "province",
    "city",
    "address",
    "postcode",
    "licence_no",
    "credit_rating",
    "payment_terms",
    "partner_since",
];

impl CustomerFields {
    /// Sets a named field from text (blank clears it); checks grades and dates.
    pub fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), Error> {
        let v = value
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        match name {
            "name" => self.name = v.unwrap_or_default(),
            "short_name" => self.short_name = v,
            "grade" => self.grade = v.map(|g| Grade::parse("grade", &g)).transpose()?,
            "kam" => self.kam = v,
            "industry" => self.industry = v,
            "province" => self.province = v,
            "city" => self.city = v,
            "address" => self.address = v,
            "postcode" => self.postcode = v,
            "licence_no" => self.licence_no = v,
            "credit_rating" => self.credit_rating = v,
            "payment_terms" => self.payment_terms = v,
            "partner_since" => self.partner_since = v,
            other => {
                return Err(Error::Invalid {
                    field: other.to_string(),
                    value: value.unwrap_or_default().to_string(),
                    rule: "rule.unknown_field",
                })
            }
        }
        Ok(())
    }
}

/// A contact person at a customer.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Role at the customer.
    pub role: Option<ContactRole>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// WeChat id.
    pub wechat: Option<String>,
    /// LINE id.
    pub line: Option<String>,
}
