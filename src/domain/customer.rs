//! Customers (客户档案): grades, codes and file completeness.

use crate::domain::assessment::{Cooperation, Level, Payment, Potential, YesNo};
use crate::domain::fields::{FieldKind, FieldSpec, Record};
use crate::error::Error;
use crate::field_id::FieldId;
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

crate::record!(
    /// The editable fields of a customer file.
    CustomerFields in "customers" {
        /// Full registered name.
        name: String => FieldSpec::text(120).required().complete(),
        /// Short name used in lists.
        short_name: Option<String> => FieldSpec::text(40).complete(),
        /// Grade, once assessed.
        grade: Option<Grade> => FieldSpec::of(FieldKind::Choice(Grade::CHOICES)).complete(),
        /// Key-account manager (staff username).
        kam: Option<String> => FieldSpec::of(FieldKind::Staff).complete(),
        /// Industry.
        industry: Option<String> => FieldSpec::text(40).complete(),
        /// Province.
        province: Option<String> => FieldSpec::text(20).complete(),
        /// City.
        city: Option<String> => FieldSpec::text(40).complete(),
        /// Street address.
        address: Option<String> => FieldSpec::text(200).complete(),
        /// Postcode.
        postcode: Option<String> => FieldSpec::text(12),
        /// Business licence number (统一社会信用代码).
        licence_no: Option<String> => FieldSpec::text(30).complete(),
        /// Credit rating.
        credit_rating: Option<String> => FieldSpec::text(20),
        /// Payment terms, e.g. "30 days month-end".
        payment_terms: Option<String> => FieldSpec::text(60).complete(),
        /// Partner since (YYYY-MM-DD).
        partner_since: Option<String> => FieldSpec::of(FieldKind::Date),
        /// Tags, e.g. "export,automotive".
        tags: Option<String> => FieldSpec::of(FieldKind::Tags { max: 200 }),
        /// Strategic assessment: how important the customer is to us.
        importance: Option<Level> => FieldSpec::of(FieldKind::Choice(Level::CHOICES)),
        /// Strategic assessment: how likely the customer renews.
        renewal: Option<Level> => FieldSpec::of(FieldKind::Choice(Level::CHOICES)),
        /// Strategic assessment: room to sell more.
        expansion: Option<Level> => FieldSpec::of(FieldKind::Choice(Level::CHOICES)),
        /// Grading input: how the cooperation has gone.
        cooperation: Option<Cooperation> => FieldSpec::of(FieldKind::Choice(Cooperation::CHOICES)),
        /// Grading input: the potential for more business.
        potential: Option<Potential> => FieldSpec::of(FieldKind::Choice(Potential::CHOICES)),
        /// Grading input: how the customer pays.
        payment: Option<Payment> => FieldSpec::of(FieldKind::Choice(Payment::CHOICES)),
        /// Grading input: a well-known brand.
        brand: Option<YesNo> => FieldSpec::of(FieldKind::Choice(YesNo::CHOICES)),
        /// Grading input: only small, erratic orders.
        erratic: Option<YesNo> => FieldSpec::of(FieldKind::Choice(YesNo::CHOICES)),
    }
);

/// Checks a `YYYY-MM-DD` date given for `field`.
pub fn validate_date(field: FieldId, value: &str) -> Result<(), Error> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| Error::Invalid {
            field,
            value: value.to_string(),
            rule: "rule.date",
        })
}

/// The customer fields a complete file fills: the team's list (`[customer] required` in
/// the team settings), or the ones the declaration marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Required(pub Vec<&'static str>);

impl Default for Required {
    fn default() -> Self {
        let marked = CustomerFields::FIELDS.iter().filter(|f| f.complete);
        Required(marked.map(|f| f.name).collect())
    }
}

impl Required {
    /// The fields, as declared, in the declaration's order.
    pub fn specs(&self) -> Vec<&'static FieldSpec> {
        CustomerFields::FIELDS
            .iter()
            .filter(|f| self.0.contains(&f.name))
            .collect()
    }
}

/// Required fields a file fills, out of how many: the team's list plus a contact.
pub fn completeness(
    fields: &CustomerFields,
    contacts: usize,
    required: &Required,
) -> (usize, usize) {
    let specs = required.specs();
    let filled = specs
        .iter()
        .filter(|f| fields.get(f.name).is_some())
        .count();
    (filled + usize::from(contacts > 0), specs.len() + 1)
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
            field: FieldId::named("code"),
            value: code.into(),
            rule: "rule.code",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;

    #[test]
    fn completeness_counts_required_fields() {
        let mut f = CustomerFields {
            name: "苏州恒瑞化工有限公司".into(),
            ..Default::default()
        };
        let declared = Required::default();
        assert_eq!(completeness(&f, 0, &declared), (1, 11));
        f.grade = Some(Grade::B);
        f.kam = Some("  ".into()); // blank does not count
        f.postcode = Some("215000".into()); // not required
        assert_eq!(completeness(&f, 2, &declared), (3, 11));
        // The team's own list: the postcode counts, the grade does not.
        let team = Required(vec!["name", "postcode"]);
        assert_eq!(completeness(&f, 2, &team), (3, 3));
    }

    #[test]
    fn codes() {
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
        assert!(
            matches!(f.validate(DEFAULT_TZ), Err(Error::Required { field }) if field == "name")
        );
        let f = CustomerFields {
            name: "x".into(),
            partner_since: Some("2020-02-31".into()),
            ..Default::default()
        };
        assert!(
            matches!(f.validate(DEFAULT_TZ), Err(Error::Invalid { field, .. }) if field == "partner_since")
        );
    }
}

crate::record!(
    /// A contact person at a customer.
    Contact in "contacts" {
        /// Name.
        name: String => FieldSpec::text(60).required().labelled("field.contact_name"),
        /// Role at the customer (stored as "other" when nobody gave one).
        role: Option<ContactRole> => FieldSpec::of(FieldKind::Choice(ContactRole::CHOICES)).required().defaults_to("other"),
        /// Phone.
        phone: Option<String> => FieldSpec::of(FieldKind::Phone),
        /// Email.
        email: Option<String> => FieldSpec::of(FieldKind::Email),
        /// WeChat id.
        wechat: Option<String> => FieldSpec::text(60),
        /// LINE id.
        line: Option<String> => FieldSpec::text(60),
        /// Answers the NPS questionnaire for the customer.
        nps: Option<YesNo> => FieldSpec::of(FieldKind::Choice(YesNo::CHOICES)).labelled("field.nps_contact"),
    }
);
