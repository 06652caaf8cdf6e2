//! `kefu sla policy`: the clocks, the rules, escalation and the working-time calendar.

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::sla::{Rule, Stop, Warn};
use crate::report::clock_label;

fn hours(secs: i64) -> String {
    let h = secs as f64 / 3600.0;
    if h.fract() == 0.0 {
        format!("{h:.0}h")
    } else {
        format!("{h:.2}h")
    }
}

fn warn_label(w: Warn) -> String {
    match w {
        Warn::Share(s) => format!("{:.0}%", s * 100.0),
        Warn::Before(secs) => format!("-{}", crate::domain::time::short_duration(secs)),
    }
}

fn stop_label(ctx: &Ctx, s: Stop) -> String {
    match s {
        Stop::Report => ctx.t("done.report"),
        Stop::Step(step) => ctx.t(step.label_key()),
    }
}

fn rule_match(r: &Rule) -> String {
    let parts: Vec<String> = [
        r.severity.map(|s| format!("severity={s}")),
        r.category.map(|c| format!("category={c}")),
        r.grade.map(|g| format!("grade={g}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "*".into()
    } else {
        parts.join(" ")
    }
}

/// Prints the policy in force.
pub fn show(ctx: &Ctx) -> anyhow::Result<()> {
    let p = &ctx.policy;
    let years: Vec<i32> = p.calendar.years.keys().copied().collect();
    let working_hours: Vec<String> = p
        .calendar
        .hours
        .iter()
        .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
        .collect();
    if ctx.json {
        let clocks: Vec<_> = p
            .clocks
            .iter()
            .map(|c| {
                serde_json::json!({
                    "clock": c.name, "stops_at": match c.stop { Stop::Report => "report".to_string(), Stop::Step(s) => s.to_string() },
                    "target_s": c.target_s, "time": c.basis, "warn": warn_label(c.warn), "pauses": c.pauses,
                    "customer_deadline": c.customer_deadline,
                })
            })
            .collect();
        let rules: Vec<_> = p
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "severity": r.severity, "category": r.category, "grade": r.grade, "clock": r.clock,
                    "target_s": r.target_s, "time": r.basis, "warn": r.warn.map(warn_label), "pauses": r.pauses,
                })
            })
            .collect();
        print_json(&serde_json::json!({
            "clocks": clocks, "rules": rules, "escalate_after_working_days": p.escalate_after_days,
            "working_hours": working_hours, "holiday_years": years,
            "approval_threshold": p.approval_threshold,
        }))?;
        return Ok(());
    }
    let mut t = Table::new(vec![
        ctx.t("col.clock"),
        ctx.t("policy.stops_at"),
        ctx.t("col.target"),
        ctx.t("col.time_basis"),
        ctx.t("policy.warn"),
        ctx.t("policy.pauses"),
    ]);
    for c in &p.clocks {
        let mut target = hours(c.target_s);
        if c.customer_deadline {
            target = ctx.cat.fmt("policy.or_deadline", &[("target", &target)]);
        }
        t.row(vec![
            clock_label(ctx.cat, &c.name).to_string(),
            stop_label(ctx, c.stop),
            target,
            ctx.t(c.basis.label_key()),
            warn_label(c.warn),
            ctx.t(if c.pauses { "policy.yes" } else { "policy.no" }),
        ]);
    }
    let mut out = t.render();
    if !p.rules.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("policy.rules")));
        let mut t = Table::new(vec![
            ctx.t("policy.when"),
            ctx.t("col.clock"),
            ctx.t("policy.change"),
        ]);
        for r in &p.rules {
            let change: Vec<String> = [
                r.target_s.map(hours),
                r.basis.map(|b| ctx.t(b.label_key())),
                r.warn.map(warn_label),
                r.pauses.map(|x| format!("pauses={x}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            t.row(vec![
                rule_match(r),
                clock_label(ctx.cat, &r.clock).to_string(),
                change.join(", "),
            ]);
        }
        out.push_str(&t.render());
    }
    out.push_str(&format!(
        "\n{}\n",
        ctx.cat.fmt(
            "policy.footer",
            &[
                ("days", &p.escalate_after_days.to_string()),
                ("hours", &working_hours.join(", ")),
                (
                    "years",
                    &years
                        .iter()
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                ("threshold", &format!("{:.0}", p.approval_threshold)),
            ]
        )
    ));
    print(&out)?;
    Ok(())
}
