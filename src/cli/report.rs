//! `kefu sla` and `kefu kpi`, and the tables they share with `show`.

use super::args::{DueArgs, KpiArgs, SlaArgs};
pub use super::history::{history_json, history_table, json_time};
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::period::Period;
use crate::domain::sla::ClockState;
use crate::domain::time::{local, rfc3339};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::report::{
    clock_label, kpi_table, met_key, remaining_label, sla_entries, target_label, value_label,
    SlaEntry,
};

/// The clocks as a table; with the complaint columns when `with_record`.
pub fn clock_table(ctx: &Ctx, entries: &[SlaEntry], with_record: bool) -> String {
    let mut headers = Vec::new();
    if with_record {
        headers.extend([
            ctx.t("col.number"),
            ctx.t("col.customer"),
            ctx.t("col.severity"),
        ]);
    }
    headers.extend([
        ctx.t("col.clock"),
        ctx.t("col.due"),
        ctx.t("col.remaining"),
        ctx.t("col.state"),
    ]);
    let right = headers.len() - 2;
    let mut t = Table::new(headers).align_right(right);
    for e in entries {
        let mut row = Vec::new();
        if with_record {
            row.extend([
                // ▲: escalated to the owner's supervisor.
                if e.escalated {
                    format!("{} ▲", e.record)
                } else {
                    e.record.to_string()
                },
                e.customer_name.to_string(),
                ctx.t(e.severity.label_key()),
            ]);
        }
        row.extend([
            clock_label(ctx.cat, &e.clock).to_string(),
            local(e.due, ctx.tz),
            remaining_label(ctx.cat, e.remaining_s),
            ctx.t(e.state.label_key()),
        ]);
        t.row(row);
    }
    t.render()
}

/// `kefu due --from TIME --hours H [--working]`.
pub fn due(ctx: &Ctx, a: &DueArgs) -> anyhow::Result<()> {
    let from = ctx.time("--from", &a.from)?;
    if !a.hours.is_finite() || a.hours < 0.0 || a.hours > 100_000.0 {
        return Err(Error::Invalid {
            field: FieldId::flag("--hours"),
            value: a.hours.to_string(),
            rule: "rule.hours",
        }
        .into());
    }
    let secs = (a.hours * 3600.0).round() as i64;
    let (due, unknown) = if a.working {
        // The team's calendar, holidays included: the one the clocks run on.
        let cal = &ctx.policy.calendar;
        let due = cal.add(from, secs).ok_or_else(|| Error::Invalid {
            field: FieldId::flag("--hours"),
            value: a.hours.to_string(),
            rule: "rule.no_working_time",
        })?;
        (due, cal.unknown_years(from, due))
    } else {
        (from + chrono::Duration::seconds(secs), Vec::new())
    };
    for y in &unknown {
        eprintln!(
            "kefu: {}",
            ctx.cat.fmt("msg.unknown_year", &[("year", &y.to_string())])
        );
    }
    if ctx.json {
        print_json(&serde_json::json!({ "due": rfc3339(due, ctx.tz), "unknown_years": unknown }))?;
    } else {
        print(&format!("{}\n", local(due, ctx.tz)))?;
    }
    Ok(())
}

/// `kefu sla [--at TIME]`.
pub fn sla(ctx: &Ctx, a: &SlaArgs) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", a.at.as_deref())?;
    let store = ctx.read()?;
    if ctx.json {
        return super::sla_json::print(&store, &ctx.policy, at, ctx.tz);
    }
    let rows = store.list_complaints(true)?;
    let entries = sla_entries(&rows, &ctx.policy, at);
    let inquiries = crate::report::inquiry_clocks(&store, &ctx.policy, at)?;
    if entries.is_empty() && inquiries.is_empty() {
        print(&format!("{}\n", ctx.t("msg.no_running_clocks")))?;
        return Ok(());
    }
    let mut out = if entries.is_empty() {
        String::new()
    } else {
        clock_table(ctx, &entries, true)
    };
    let count = |s| entries.iter().filter(|e| e.state == s).count().to_string();
    out.push_str(&ctx.cat.fmt(
        "msg.sla_summary",
        &[
            ("n", &entries.len().to_string()),
            ("breached", &count(ClockState::Breached)),
            ("warning", &count(ClockState::Warning)),
            ("ok", &count(ClockState::Ok)),
            ("at", &local(at, ctx.tz)),
        ],
    ));
    out.push('\n');
    if !inquiries.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.inquiry_clocks")));
        let mut t = Table::new(vec![
            ctx.t("col.number"),
            ctx.t("col.customer"),
            ctx.t("col.due"),
            ctx.t("col.remaining"),
            ctx.t("col.state"),
        ])
        .align_right(3);
        for c in &inquiries {
            t.row(vec![
                c.number.clone(),
                c.asker_name.clone(),
                local(c.due, ctx.tz),
                crate::report::remaining_label(ctx.cat, c.remaining_s),
                ctx.t(c.state.label_key()),
            ]);
        }
        out.push_str(&t.render());
    }
    print(&out)?;
    Ok(())
}

/// `kefu kpi [--period P]`.
pub fn kpi(ctx: &Ctx, a: &KpiArgs) -> anyhow::Result<()> {
    let period = match &a.period {
        Some(p) => Period::parse(FieldId::flag("--period"), p)?,
        None => Period::month_of(ctx.now, ctx.tz),
    };
    let store = ctx.read()?;
    let kpis = kpi_table(&store, period, &ctx.policy)?;
    if ctx.json {
        let items: Vec<_> = kpis
            .iter()
            .map(|k| {
                serde_json::json!({
                    "key": k.key, "label": ctx.t(k.label_key), "value": k.value, "unit": k.unit,
                    "target": k.target, "cmp": k.cmp, "met": k.met(),
                    "period": k.period.to_string(), "samples": k.samples, "hits": k.hits,
                })
            })
            .collect();
        print_json(&serde_json::json!({ "period": period.to_string(), "kpis": items }))?;
        return Ok(());
    }
    let mut t = Table::new(vec![
        ctx.t("col.kpi"),
        ctx.t("col.value"),
        ctx.t("col.target"),
        ctx.t("col.met"),
        ctx.t("col.samples"),
        ctx.t("col.period"),
    ])
    .align_right(1)
    .align_right(4);
    for k in &kpis {
        t.row(vec![
            ctx.t(k.label_key),
            value_label(k),
            target_label(k),
            ctx.t(met_key(k.met())),
            crate::report::basis_label(k),
            k.period.to_string(),
        ]);
    }
    print(&format!(
        "{}\n{}",
        ctx.cat.fmt("head.kpi", &[("period", &period.to_string())]),
        t.render()
    ))?;
    Ok(())
}
