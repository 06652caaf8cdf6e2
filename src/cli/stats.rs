//! `kefu complaint stats`: counts by category, severity, cause and product (Pareto),
//! the complaint rate, and how often the clocks were met.

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::analysis::complaint_stats;
use crate::domain::period::Period;
use crate::domain::stats::{Count, OnTime};
use crate::field_id::FieldId;

/// Runs the analysis for a period (default: the current month).
pub fn run(ctx: &Ctx, period: Option<&str>) -> anyhow::Result<()> {
    let period = match period {
        Some(p) => Period::parse(FieldId::flag("--period"), p)?,
        None => Period::month_of(ctx.now, ctx.tz),
    };
    let store = ctx.read()?;
    let st = complaint_stats(&store, &ctx.policy, period, ctx.now, ctx.cat)?;
    let (rate, fr_median) = (st.complaint_rate_pct, st.first_response_median_h);
    let (by_category, by_severity, by_cause, by_product) = (
        &st.by_category,
        &st.by_severity,
        &st.by_cause,
        &st.by_product,
    );
    let (fr, plan, disposal) = (st.first_response, st.plan, st.disposal);
    if ctx.json {
        print_json(&st)?;
        return Ok(());
    }
    let mut out = format!(
        "{}\n\n",
        ctx.cat.fmt(
            "stats.head",
            &[
                ("period", &period.to_string()),
                ("n", &st.complaints.to_string()),
                (
                    "rate",
                    &rate.map(|r| format!("{r}%")).unwrap_or_else(|| "–".into())
                ),
            ]
        )
    );
    for (title, counts) in [
        ("stats.by_category", by_category),
        ("stats.by_severity", by_severity),
        ("stats.by_cause", by_cause),
        ("stats.by_product", by_product),
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
