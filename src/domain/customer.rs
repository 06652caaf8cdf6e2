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

vocabulary!(
    /// The language a contact reads the questionnaire in.
    Language, "language" { Zh = "zh-CN", En = "en" }
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
    parse_date(field, value).map(|_| ())
}

/// Reads a `YYYY-MM-DD` date given for `field`.
pub fn parse_date(field: FieldId, value: &str) -> Result<chrono::NaiveDate, Error> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| Error::Invalid {
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
    missing(fields, contacts, required, &[], &Default::default()).counts()
}

/// What a file is missing, by name: a declared field's name, `contact`, or a required
/// custom field's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// Declared fields missing, by name.
    pub fields: Vec<&'static str>,
    /// No contact at all.
    pub contact: bool,
    /// Required custom fields without a value.
    pub custom: Vec<String>,
    /// How many items a complete file fills.
    pub total: usize,
}

impl Missing {
    /// Items filled, out of how many.
    pub fn counts(&self) -> (usize, usize) {
        let missing = self.fields.len() + usize::from(self.contact) + self.custom.len();
        (self.total - missing, self.total)
    }
}

/// What a file lacks: the team's required fields, a contact and the required custom fields.
pub fn missing(
    fields: &CustomerFields,
    contacts: usize,
    required: &Required,
    custom_required: &[String],
    custom: &std::collections::BTreeMap<String, String>,
) -> Missing {
    let specs = required.specs();
    Missing {
        fields: specs
            .iter()
            .filter(|f| fields.get(f.name).is_none())
            .map(|f| f.name)
            .collect(),
        contact: contacts == 0,
        custom: custom_required
            .iter()
            .filter(|n| !custom.contains_key(*n))
            .cloned()
            .collect(),
        total: specs.len() + 1 + custom_required.len(),
    }
}

/// Days after which a file is due its data check (seed 002: every quarter).
pub const DATA_CHECK_DAYS: u32 = 90;

/// Whether a file is due its data check (seed 002): nobody confirmed it, or created it,
/// within the last `days` days.
pub fn check_due(
    last: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    days: u32,
) -> bool {
    now - last >= chrono::Duration::days(i64::from(days))
}

/// Orders two values of a field for a list: numbers as numbers, the rest as text, and a
/// file without a value after every file with one.
pub fn compare_values(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(m), Ok(n)) => m.partial_cmp(&n).unwrap_or(Ordering::Equal),
            _ => x.cmp(y),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
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
        // Required custom fields count too, and the missing ones are named.
        let custom = [("证书编号".to_string(), "C-1".to_string())].into();
        let need = ["证书编号".to_string(), "认证范围".to_string()];
        let m = missing(&f, 0, &team, &need, &custom);
        assert_eq!(m.counts(), (3, 5));
        assert_eq!((m.fields.is_empty(), m.contact), (true, true));
        assert_eq!(m.custom, vec!["认证范围".to_string()]);
    }

    #[test]
    fn the_data_check_is_due_after_the_days_not_before() {
        let t = |s: &str| crate::domain::time::parse_time(FieldId::named("t"), s, DEFAULT_TZ);
        let (Ok(last), Ok(before), Ok(at)) = (
            t("2026-08-25 10:00"),
            t("2026-11-23 09:59"),
            t("2026-11-23 10:00"),
        ) else {
            panic!("times")
        };
        assert!(!check_due(last, before, 90));
        assert!(check_due(last, at, 90));
    }

    #[test]
    fn values_sort_as_numbers_when_both_are_and_blanks_last() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_values(Some("9"), Some("10")), Less);
        assert_eq!(compare_values(Some("b"), Some("a")), Greater);
        assert_eq!(
            compare_values(Some("2027-01-01"), Some("2026-12-31")),
            Greater
        );
        assert_eq!(compare_values(None, Some("a")), Greater);
        assert_eq!(compare_values(Some("a"), None), Less);
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
        /// The language the questionnaire is written in for them (Chinese when not given).
        language: Option<Language> => FieldSpec::of(FieldKind::Choice(Language::CHOICES)).labelled("field.contact_language"),
    }
);
