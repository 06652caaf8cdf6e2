//! Demo complaints: a year of closed ones (with their steps, CAPAs and returns) and open
//! ones spread so that clocks are comfortable, warning and breached.

use chrono::{DateTime, Duration, Utc};

use super::names::*;
use super::rng::Rng;
use super::{between, DemoSummary, OWNERS};
use crate::domain::complaint::{Category, Channel, Severity, Step};
use crate::domain::customer::Grade;
use crate::domain::period::Period;
use crate::error::Result;
use crate::store::complaints::NewComplaint;
use crate::store::Tx;

fn pick_category(rng: &mut Rng) -> Category {
    match rng.below(100) {
        0..=44 => Category::Quality,
        45..=64 => Category::Logistics,
        65..=79 => Category::Service,
        80..=94 => Category::Technical,
        _ => Category::Other,
    }
}

fn new_complaint(
    rng: &mut Rng,
    customers: &[(String, Grade)],
    severity: Severity,
    received_at: DateTime<Utc>,
) -> NewComplaint {
    let category = pick_category(rng);
    let titles = TITLES
        .iter()
        .find(|(c, _)| *c == category.as_str())
        .map(|(_, t)| *t)
        .unwrap_or(&["其他问题"]);
    let product = rng.pick(PRODUCTS).to_string();
    let (customer, _) = rng.pick(customers).clone();
    NewComplaint {
        customer,
        title: format!(
            "{} {}",
            product.split(' ').next().unwrap_or(""),
            rng.pick(titles)
        ),
        description: None,
        channel: *rng.pick(&[
            Channel::Phone,
            Channel::Wechat,
            Channel::Email,
            Channel::Line,
            Channel::Platform,
        ]),
        category,
        severity,
        received_at,
        reply_by: None,
        owner: Some(rng.pick(OWNERS).to_string()),
        product: Some(product),
        batch: Some(format!("B{}", 2400 + rng.below(200))),
        quantity: Some(1 + rng.below(500) as i64),
    }
}

pub(super) fn add_closed_complaints(
    tx: &Tx,
    rng: &mut Rng,
    customers: &[(String, Grade)],
    monthly_orders: i64,
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<()> {
    let mut month = Period::month_of(now, tx.tz());
    for _ in 0..13 {
        let (from, to) = month.range(tx.tz());
        let to = to.min(now - Duration::days(8));
        month = month.prev();
        if to <= from {
            continue;
        }
        // Between 0.4% and 1.1% of orders: some months meet the < 1% target, some do not.
        let n = (monthly_orders * (4 + rng.below(8) as i64) / 1000).max(1);
        for _ in 0..n {
            let severity = match rng.below(100) {
                0..=59 => Severity::Minor,
                60..=94 => Severity::Major,
                _ => Severity::Urgent,
            };
            let received = between(rng, from, to);
            let c = new_complaint(rng, customers, severity, received);
            let owner = c.owner.clone().unwrap_or_default();
            let number = tx.add_complaint(&c, now)?;
            let ack_h = if rng.below(100) < 85 {
                rng.below(4)
            } else {
                4 + rng.below(8)
            };
            let mut t = received + Duration::minutes(20 + 60 * ack_h as i64 + rng.below(40) as i64);
            tx.record_step(&number, Step::Acknowledged, t, &owner, None)?;
            t += Duration::hours(1 + rng.below(10) as i64);
            tx.record_step(&number, Step::Investigating, t, &owner, None)?;
            if rng.below(100) < 5 {
                t += Duration::hours(4 + rng.below(30) as i64);
                tx.record_step(
                    &number,
                    Step::Rejected,
                    t,
                    &owner,
                    Some("客户使用不当，非我司责任"),
                )?;
                sum.closed_complaints += 1;
                continue;
            }
            let plan = received + Duration::hours(12 + rng.below(44) as i64);
            tx.record_step(&number, Step::PlanProposed, plan.max(t), &owner, None)?;
            tx.record_report(&number, plan.max(t))?;
            let disposed = received + Duration::hours(30 + rng.below(50) as i64);
            tx.record_step(
                &number,
                Step::Disposed,
                disposed.max(plan),
                &owner,
                Some("换货"),
            )?;
            let follow = disposed.max(plan) + Duration::days(1 + rng.below(4) as i64);
            tx.record_step(&number, Step::FollowedUp, follow, &owner, None)?;
            let close = follow + Duration::hours(2 + rng.below(48) as i64);
            if severity != Severity::Minor {
                let capa = add_capa(
                    tx,
                    rng,
                    &number,
                    disposed.date_naive() + chrono::Days::new(14),
                )?;
                tx.verify_capa(
                    capa,
                    crate::domain::capa::Verdict::Effective,
                    close,
                    "chen.jing",
                    None,
                )?;
            }
            tx.record_step(&number, Step::Closed, close, &owner, Some("客户签字确认"))?;
            sum.closed_complaints += 1;
        }
    }
    Ok(())
}

fn add_capa(tx: &Tx, rng: &mut Rng, number: &str, due: chrono::NaiveDate) -> Result<i64> {
    let (cause, fix, prevent) = *rng.pick(&[
        ("来料密封圈老化", "更换密封圈并全检库存", "增加来料硬度检验"),
        (
            "包装跌落防护不足",
            "改用加厚纸箱",
            "包装跌落测试纳入出货检验",
        ),
        ("焊接温度漂移", "重新校准回流焊炉", "每班点检炉温曲线"),
        (
            "作业指导书未更新",
            "更新作业指导书并培训",
            "文件变更后强制培训签到",
        ),
    ]);
    let c = crate::store::capa::NewCapa {
        root_cause: cause.into(),
        corrective: fix.into(),
        preventive: prevent.into(),
        owner: rng.pick(&["chen.jing", "yang.lei"]).to_string(),
        due_date: due.format("%Y-%m-%d").to_string(),
    };
    tx.add_capa(number, &c)
}

/// Open complaints: (hours since receipt, step reached, severity, reply-by hours after receipt).
/// Spread so that clocks are comfortable, warning and breached, with an urgent one first.
const OPEN_SCENARIOS: &[(f64, Step, Severity, Option<i64>)] = &[
    (1.0, Step::Received, Severity::Urgent, Some(6)),
    (3.3, Step::Received, Severity::Major, None),
    (7.0, Step::Received, Severity::Minor, None),
    (20.0, Step::Acknowledged, Severity::Major, None),
    (38.0, Step::Investigating, Severity::Minor, None),
    (55.0, Step::Investigating, Severity::Major, Some(96)),
    (60.0, Step::PlanProposed, Severity::Major, None),
    (80.0, Step::PlanProposed, Severity::Minor, None),
    (100.0, Step::Disposed, Severity::Minor, None),
    (2.0, Step::Received, Severity::Major, Some(5)),
    (26.0, Step::Acknowledged, Severity::Urgent, None),
    (0.5, Step::Received, Severity::Minor, None),
];

pub(super) fn add_open_complaints(
    tx: &Tx,
    rng: &mut Rng,
    customers: &[(String, Grade)],
    now: DateTime<Utc>,
    sum: &mut DemoSummary,
) -> Result<()> {
    let n = (customers.len() / 40).max(OPEN_SCENARIOS.len());
    for i in 0..n {
        let (hours, step, severity, reply_in) = OPEN_SCENARIOS[i % OPEN_SCENARIOS.len()];
        // Later rounds jitter by up to ±8% so that the board is not a repeating pattern.
        let jitter = if i < OPEN_SCENARIOS.len() {
            1.0
        } else {
            0.92 + rng.below(17) as f64 / 100.0
        };
        let received = now - Duration::seconds((hours * jitter * 3600.0) as i64);
        let mut c = new_complaint(rng, customers, severity, received);
        c.reply_by = reply_in.map(|h| received + Duration::hours(h));
        let owner = c.owner.clone().unwrap_or_default();
        let number = tx.add_complaint(&c, now)?;
        let elapsed = now - received;
        let at = |share: f64| {
            received + Duration::seconds((elapsed.num_seconds() as f64 * share) as i64)
        };
        let steps: &[(Step, f64)] = &[
            (Step::Acknowledged, 0.04),
            (Step::Investigating, 0.1),
            (Step::PlanProposed, 0.45),
            (Step::Disposed, 0.7),
        ];
        // Open major complaints past investigation carry a CAPA; some are already overdue.
        if severity != Severity::Minor && step >= Step::Investigating {
            // Older ones are past their CAPA due date, so the overdue list has content.
            let days = if hours > 50.0 {
                -2
            } else {
                10 + rng.below(10) as i64
            };
            let due = (now + Duration::days(days)).date_naive();
            add_capa(tx, rng, &number, due)?;
        }
        if step >= Step::Disposed {
            let value = [600.0, 1500.0, 4200.0][rng.below(3) as usize];
            let r = crate::store::returns::NewReturn {
                quantity: 1 + rng.below(50) as i64,
                disposition: crate::domain::capa::Disposition::Rework,
                qa_confirmed: true,
                replacement_order: Some(format!("PO-{}", 8000 + rng.below(1000))),
                value,
            };
            tx.add_return(&number, &r, "chen.jing")?;
        }
        for (s, share) in steps.iter().take_while(|(s, _)| *s <= step) {
            tx.record_step(&number, *s, at(*share), &owner, None)?;
            if *s == Step::PlanProposed {
                tx.record_report(&number, at(*share))?;
            }
        }
        sum.open_complaints += 1;
    }
    Ok(())
}
