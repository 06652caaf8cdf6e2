//! `kefu complaint stats`: counts by category, severity, cause and product (Pareto),
//! the complaint rate, and how often the clocks were met.

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::kpi::median;
use crate::domain::period::Period;
use crate::domain::sla::ClockState;
use crate::domain::stats::{on_time, pareto, Count, OnTime};
use crate::store::complaints::ProductCause;

/// Runs the analysis for a period (default: the current month).
pub fn run(ctx: &Ctx, period: Option<&str>) -> anyhow::Result<()> {
    let period = match period {
        Some(p) => Period::parse("--period", p)?,
        None => Period::month_of(ctx.now, ctx.tz),
    };
    let (from, to) = period.range(ctx.tz);
    let store = ctx.open()?;
    let rows: Vec<_> = store
        .list_complaints(false)?
        .into_iter()
        .filter(|r| r.facts.received_at >= from && r.facts.received_at < to)
        .collect();
    let extra = store.products_and_causes(from, to)?;
    let none = ctx.t("stats.unknown");
    let pick = |n: &str, f: fn(&ProductCause) -> &Option<String>| {
        extra
            .get(n)
            .and_then(|e| f(e).clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| none.clone())
    };
    let by_category = pareto(rows.iter().map(|r| ctx.t(r.category.label_key())));
    let by_severity = pareto(rows.iter().map(|r| ctx.t(r.severity.label_key())));
    let by_cause = pareto(rows.iter().map(|r| pick(&r.number, |e| &e.1)));
    let by_product = pareto(rows.iter().map(|r| pick(&r.number, |e| &e.0)));
    let orders = store.orders_shipped(period)?.filter(|o| *o > 0);
    let rate = orders.map(|o| (100.0 * rows.len() as f64 / o as f64 * 100.0).round() / 100.0);
    let fr_hours: Vec<f64> = rows
        .iter()
        .filter_map(|r| {
            r.facts
                .acknowledged_at
                .map(|a| (a - r.facts.start()).num_seconds() as f64 / 3600.0)
        })
        .collect();
    let clock_met = |name: &str| -> OnTime {
        on_time(rows.iter().filter_map(|r| {
            let c = ctx
                .policy
                .clocks(&r.subject(), &r.facts, ctx.now)
                .into_iter()
                .find(|c| c.name == name)?;
            c.done_at.map(|_| c.state != ClockState::Breached)
        }))
    };
    let (fr, plan, disposal) = (
        clock_met("first_response"),
        clock_met("plan"),
        clock_met("disposal"),
    );
    let fr_median = median(fr_hours).map(|h| (h * 100.0).round() / 100.0);
    if ctx.json {
        print_json(&serde_json::json!({
            "period": period.to_string(), "complaints": rows.len(), "orders_shipped": orders,
            "complaint_rate_pct": rate, "by_category": by_category, "by_severity": by_severity,
            "by_cause": by_cause, "by_product": by_product, "first_response_median_h": fr_median,
            "first_response": fr, "plan": plan, "disposal": disposal,
        }))?;
        return Ok(());
    }
    let mut out = format!(
        "{}\n\n",
        ctx.cat.fmt(
            "stats.head",
            &[
                ("period", &period.to_string()),
                ("n", &rows.len().to_string()),
                (
                    "rate",
                    &rate.map(|r| format!("{r}%")).unwrap_or_else(|| "–".into())
                ),
            ]
        )
    );
    for (title, counts) in [
        ("stats.by_category", &by_category),
        ("stats.by_severity", &by_severity),
        ("stats.by_cause", &by_cause),
        ("stats.by_product", &by_product),
    ] {
        out.push_str(&format!(
            "{}\n{}\n",
            ctx.t(title),
            pareto_table(ctx, counts)
        ));
    }
    let share = |o: &OnTime| match o.share_pct {
        Some(p) => format!("{p}% ({}/{})", o.on_time, o.done),
        None => "–".into(),
    };
    out.push_str(
        &ctx.cat.fmt(
            "stats.clocks",
            &[
                (
                    "median",
                    &fr_median
                        .map(|m| format!("{m}h"))
                        .unwrap_or_else(|| "–".into()),
                ),
                ("fr", &share(&fr)),
                ("plan", &share(&plan)),
                ("disposal", &share(&disposal)),
            ],
        ),
    );
    out.push('\n');
    print(&out)?;
    Ok(())
}

fn pareto_table(ctx: &Ctx, counts: &[Count]) -> String {
    let mut t = Table::new(vec![
        ctx.t("stats.key"),
        ctx.t("stats.n"),
        ctx.t("stats.share"),
        ctx.t("stats.cumulative"),
        String::new(),
    ])
    .align_right(1)
    .align_right(2)
    .align_right(3);
    let max = counts.iter().map(|c| c.n).max().unwrap_or(1).max(1);
    for c in counts {
        let bar = "█".repeat((c.n * 20).div_ceil(max));
        t.row(vec![
            c.key.clone(),
            c.n.to_string(),
            format!("{}%", c.share_pct),
            format!("{}%", c.cumulative_pct),
            bar,
        ]);
    }
    t.render()
}
