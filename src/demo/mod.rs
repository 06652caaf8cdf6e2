//! Realistic, deterministic demo data relative to now: the same seed and time give the same rows.

mod care;
mod complaints;
mod grading;
mod names;
mod rng;
mod suggestions;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::domain::complaint::Channel;
use crate::domain::customer::{Contact, ContactRole, CustomerFields, Grade};
use crate::domain::period::Period;
use crate::domain::staff::{Role, Staff};
use crate::error::Result;
use crate::store::Tx;
use names::*;
use rng::Rng;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// Number of customers.
    pub customers: u32,
    /// Random seed.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoSummary {
    /// Staff members.
    pub staff: usize,
    /// Customers.
    pub customers: usize,
    /// Contacts.
    pub contacts: usize,
    /// NPS answers.
    pub nps_responses: usize,
    /// Months of shipments.
    pub shipment_months: usize,
    /// Inquiries.
    pub inquiries: usize,
    /// Closed complaints.
    pub closed_complaints: usize,
    /// Open complaints.
    pub open_complaints: usize,
    /// Suggestions.
    pub suggestions: usize,
    /// Visits and calls logged.
    pub care_logs: usize,
}

const STAFF: &[(&str, &str, Role, Option<&str>)] = &[
    ("wu.hua", "吴华", Role::GeneralManager, None),
    ("zhang.wei", "张伟", Role::Manager, Some("wu.hua")),
    ("li.na", "李娜", Role::Kam, Some("zhang.wei")),
    ("wang.fang", "王芳", Role::Kam, Some("zhang.wei")),
    ("liu.yang", "刘洋", Role::Kam, Some("zhang.wei")),
    ("zhao.min", "赵敏", Role::Agent, Some("zhang.wei")),
    ("chen.jing", "陈静", Role::Quality, Some("zhang.wei")),
    ("yang.lei", "杨磊", Role::Engineer, Some("zhang.wei")),
    ("sun.li", "孙丽", Role::Auditor, None),
];
const KAMS: &[&str] = &["li.na", "wang.fang", "liu.yang", "zhao.min"];
pub(super) const OWNERS: &[&str] = &["chen.jing", "yang.lei", "li.na", "wang.fang", "liu.yang"];

/// Fills the database inside `tx` (the caller checks it is empty or clears it).
pub fn generate(tx: &Tx, opts: DemoOptions, now: DateTime<Utc>) -> Result<DemoSummary> {
    let mut rng = Rng::new(opts.seed);
    let mut sum = DemoSummary::default();
    for (username, name, role, supervisor) in STAFF {
        let added = tx.add_staff(&Staff {
            username: username.to_string(),
            name: name.to_string(),
            role: *role,
            supervisor: supervisor.map(str::to_string),
            active: true,
        });
        match added {
            Ok(()) => sum.staff += 1,
            // Already on the list (the person who made the sandbox, say): kept as they are.
            Err(crate::error::Error::Duplicate { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let customers = add_customers(tx, &mut rng, opts.customers, now, &mut sum)?;
    grading::add_sales(tx, &customers, now)?;
    sum.care_logs = care::add_care(tx, &customers, now)?;
    add_nps(tx, &mut rng, &customers, now, &mut sum)?;
    let monthly_orders = add_shipments(tx, &mut rng, customers.len(), now, &mut sum)?;
    add_inquiries(tx, &mut rng, &customers, now, &mut sum)?;
    complaints::add_closed_complaints(tx, &mut rng, &customers, monthly_orders, now, &mut sum)?;
    complaints::add_open_complaints(tx, &mut rng, &customers, now, &mut sum)?;
    suggestions::add_suggestions(tx, opts.seed, &customers, now, &mut sum)?;
    Ok(sum)
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn add_customers(
    tx: &Tx,
    rng: &mut Rng,
    n: u32,
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<Vec<(String, Grade)>> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 1..=n {
        let code = format!("C{i:05}");
        let grade = match rng.below(100) {
            0..=5 => Grade::A,
            6..=27 => Grade::B,
            28..=74 => Grade::C,
            _ => Grade::D,
        };
        let years_back = 1 + rng.below(12) as i64;
        let since = (now - Duration::days(years_back * 365 + rng.below(300) as i64))
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        let mut f = CustomerFields {
            grade: Some(grade),
            kam: Some(rng.pick(KAMS).to_string()),
            credit_rating: Some(rng.pick(&["AAA", "AA", "A", "BBB"]).to_string()),
            payment_terms: Some(
                rng.pick(&["月结30天", "月结60天", "款到发货", "票到90天"])
                    .to_string(),
            ),
            partner_since: Some(since),
            ..Default::default()
        };
        if rng.below(100) < 5 {
            let (country, city, name) = rng.pick(FOREIGN);
            f.name = name.to_string();
            f.short_name = name.split([' ', ',']).next().map(str::to_string);
            f.province = Some(country.to_string());
            f.city = Some(city.to_string());
            f.industry = Some("Distribution".to_string());
            f.address = Some(format!("{} Industrial Rd, {city}", 10 + rng.below(900)));
        } else {
            let (province, city) = rng.pick(PLACES);
            let brand = rng.pick(BRANDS);
            let (industry, suffix, short) = rng.pick(INDUSTRIES);
            f.name = format!("{city}{brand}{suffix}");
            f.short_name = Some(format!("{brand}{short}"));
            f.province = Some(province.to_string());
            f.city = Some(city.to_string());
            f.industry = Some(industry.to_string());
            f.address = Some(format!(
                "{city}市高新区{}路{}号",
                rng.pick(BRANDS),
                1 + rng.below(300)
            ));
            f.postcode = Some(format!("{:06}", 100_000 + rng.below(800_000)));
        }
        // Some files are incomplete, as real ones are.
        if rng.below(100) >= 85 {
            f.licence_no = None;
        } else {
            f.licence_no = Some(format!("91{:016}", rng.next_u64() % 10_000_000_000_000_000));
        }
        if rng.below(100) < 6 {
            f.address = None;
        }
        let mut contacts = Vec::new();
        let roles = [
            ContactRole::Purchasing,
            ContactRole::Technical,
            ContactRole::Finance,
        ];
        let how_many = if rng.below(100) < 4 {
            0
        } else {
            1 + rng.below(3) as usize
        };
        for role in roles.iter().take(how_many) {
            let mut name = person(rng);
            // Commands name a contact by name, so a customer's contacts have different ones.
            if contacts.iter().any(|c: &Contact| c.name == name) {
                name = format!("{name}（{}）", contacts.len() + 1);
            }
            contacts.push(Contact {
                name,
                role: Some(*role),
                phone: Some(format!(
                    "1{}{:09}",
                    rng.pick(&["38", "39", "58", "86", "89"]),
                    rng.below(1_000_000_000)
                )),
                email: Some(format!(
                    "{}.{}@example.com.cn",
                    role.as_str(),
                    code.to_lowercase()
                )),
                wechat: Some(format!("wx_{:08x}", rng.next_u64() as u32)),
                line: None,
                // The first contact answers the NPS questionnaire.
                nps: contacts
                    .is_empty()
                    .then_some(crate::domain::assessment::YesNo::Yes),
                // One customer in twelve is abroad and reads English.
                language: (i % 12 == 11).then_some(crate::domain::customer::Language::En),
            });
        }
        sum.contacts += contacts.len();
        grading::judgements(&mut f, grade, i);
        tx.add_customer(Some(&code), &f, &contacts)?;
        out.push((code, grade));
    }
    sum.customers = out.len();
    Ok(out)
}

/// A random instant in `[from, to)`, or `from` when the span is empty.
pub(super) fn between(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds();
    if span <= 0 {
        return from;
    }
    from + Duration::seconds(rng.below(span as u64) as i64)
}

fn add_nps(
    tx: &Tx,
    rng: &mut Rng,
    customers: &[(String, Grade)],
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<()> {
    let mut quarter = Period::quarter_of(now, tx.tz());
    for q in 0..8 {
        let (from, to) = quarter.range(tx.tz());
        let to = to.min(now);
        // Quarters drift a little so the trend line moves.
        let drift = [0i64, 1, 0, 0, 1, 0, -1, 1][q];
        for (code, grade) in customers {
            let (p, base) = match grade {
                Grade::A => (90, 9),
                Grade::B => (60, 8),
                Grade::C => (35, 8),
                Grade::D => (10, 7),
            };
            if rng.below(100) >= p || to <= from {
                continue;
            }
            let score = (base + drift + rng.below(4) as i64 - 1).clamp(0, 10);
            // A few unhappy ones in every quarter.
            let score = if rng.below(100) < 8 {
                rng.below(7) as i64
            } else {
                score
            };
            tx.add_nps(code, score, between(rng, from, to), None)?;
            sum.nps_responses += 1;
        }
        quarter = quarter.prev();
    }
    Ok(())
}

fn add_shipments(
    tx: &Tx,
    rng: &mut Rng,
    customers: usize,
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<i64> {
    // Order lines shipped: enough that a month's complaints sit around the 1% target.
    let base = (customers as i64 * 12).max(1500);
    let mut month = Period::month_of(now, tx.tz());
    for i in 0..13 {
        let mut orders = base * (85 + rng.below(30) as i64) / 100;
        if i == 0 {
            // The current month so far.
            let (from, to) = month.range(tx.tz());
            let done = (now - from).num_seconds() as f64 / (to - from).num_seconds().max(1) as f64;
            orders = (orders as f64 * done).round() as i64;
        }
        tx.set_shipments(&month.to_string(), orders)?;
        sum.shipment_months += 1;
        month = month.prev();
    }
    Ok(base)
}

fn add_inquiries(
    tx: &Tx,
    rng: &mut Rng,
    customers: &[(String, Grade)],
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<()> {
    let per_month = (customers.len() / 3).clamp(10, 400);
    let start = now - Duration::days(365);
    let n = per_month * 12;
    for _ in 0..n {
        let received = between(rng, start, now);
        let hours = if rng.below(100) < 92 {
            1 + rng.below(22)
        } else {
            25 + rng.below(40)
        } as i64;
        let answered = Some(received + Duration::hours(hours)).filter(|a| *a <= now);
        let (code, _) = rng.pick(customers);
        let channel = *rng.pick(Channel::ALL);
        let subject = *rng.pick(INQUIRIES);
        tx.add_inquiry(Some(code), channel, subject, received, answered)?;
        sum.inquiries += 1;
    }
    Ok(())
}
