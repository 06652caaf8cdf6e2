//! `kefu complaint show`: the whole record, every clock, pauses, CAPAs and returns.

use super::capa::{capa_json, return_json};
use super::output::{fields, print, print_json, Table};
use super::report::{history_json, history_table, json_time};
use super::Ctx;
use crate::domain::sla::ClockState;
use crate::domain::time::{local, rfc3339};
use crate::report::{clock_label, remaining_label};

/// Prints one complaint.
pub fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let d = store.complaint(number)?;
    let clocks = ctx.policy.clocks(&d.row.subject(), &d.row.facts, ctx.now);
    let escalated = !d.row.step.is_terminal()
        && (d.row.escalated.is_some() || ctx.policy.escalated(&d.row.facts, ctx.now));
    let (capas, returns) = (&d.capas, &d.returns);
    let history = store.history_of("complaint", number)?;
    let f = &d.row.facts;
    if ctx.json {
        let today = ctx.now.with_timezone(&ctx.tz).date_naive();
        let clocks: Vec<_> = clocks
            .iter()
            .map(|c| {
                serde_json::json!({
                    "clock": c.name, "basis": c.basis, "due": rfc3339(c.due, ctx.tz),
                    "remaining_s": c.remaining_s, "state": c.state,
                    "done_at": c.done_at.map(|t| rfc3339(t, ctx.tz)),
                })
            })
            .collect();
        let steps: Vec<_> = d
            .steps
            .iter()
            .map(|s| serde_json::json!({ "step": s.step, "at": rfc3339(s.at, ctx.tz), "by": s.by, "note": s.note }))
            .collect();
        let pauses: Vec<_> = d
            .pauses
            .iter()
            .map(|p| {
                serde_json::json!({
                    "from": rfc3339(p.pause.from, ctx.tz), "to": p.pause.to.map(|t| rfc3339(t, ctx.tz)),
                    "reason": p.reason,
                })
            })
            .collect();
        print_json(&serde_json::json!({
            "number": d.row.number, "customer": d.row.customer, "customer_name": d.row.customer_name,
            "title": d.row.title, "description": d.description, "channel": d.row.channel,
            "category": d.row.category, "severity": d.row.severity, "step": d.row.step,
            "owner": d.row.owner, "responsibility": d.responsibility, "root_cause": d.root_cause,
            "product": d.product, "batch": d.batch, "quantity": d.quantity, "contact": d.contact,
            "decisions": d.decisions, "signoff": d.signoff, "escalated": escalated,
            "escalated_to": d.row.escalated.as_ref().and_then(|e| e.1.clone()),
            "received_at": rfc3339(f.received_at, ctx.tz),
            "reopened_at": f.reopened_at.map(|t| rfc3339(t, ctx.tz)),
            "reply_by": f.reply_by.map(|t| rfc3339(t, ctx.tz)),
            "clocks": clocks, "pauses": pauses, "steps": steps,
            "capas": capas.iter().map(|c| capa_json(ctx, c, today)).collect::<Vec<_>>(),
            "returns": returns.iter().map(|r| return_json(ctx, r)).collect::<Vec<_>>(),
            "history": history_json(ctx, &history),
        }))?;
        return Ok(());
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![
        (ctx.t("col.number"), d.row.number.clone()),
        (
            ctx.t("col.customer"),
            format!("{} {}", d.row.customer, d.row.customer_name),
        ),
        (ctx.t("col.title"), d.row.title.clone()),
        (ctx.t("field.description"), opt(&d.description)),
        (ctx.t("col.severity"), ctx.t(d.row.severity.label_key())),
        (ctx.t("field.category"), ctx.t(d.row.category.label_key())),
        (ctx.t("field.channel"), ctx.t(d.row.channel.label_key())),
        (ctx.t("col.step"), ctx.t(d.row.step.label_key())),
        (ctx.t("col.owner"), opt(&d.row.owner)),
        (
            ctx.t("field.responsibility"),
            ctx.t(d.responsibility.label_key()),
        ),
        (ctx.t("col.root_cause"), opt(&d.root_cause)),
        (ctx.t("field.product"), opt(&d.product)),
        (ctx.t("field.batch"), opt(&d.batch)),
        (
            ctx.t("field.quantity"),
            d.quantity.map(|q| q.to_string()).unwrap_or_default(),
        ),
        (ctx.t("col.received"), local(f.received_at, ctx.tz)),
        (
            ctx.t("field.reply_by"),
            f.reply_by.map(|t| local(t, ctx.tz)).unwrap_or_default(),
        ),
    ];
    if let Some(r) = f.reopened_at {
        pairs.push((ctx.t("field.reopened_at"), local(r, ctx.tz)));
    }
    if d.decisions != Default::default() {
        pairs.push((ctx.t("field.decision_shipped"), opt(&d.decisions.shipped)));
        pairs.push((ctx.t("field.decision_stock"), opt(&d.decisions.stock)));
        pairs.push((ctx.t("field.decision_wip"), opt(&d.decisions.wip)));
    }
    if let Some(s) = &d.signoff {
        pairs.push((ctx.t("field.signoff"), s.clone()));
    }
    if escalated {
        let to = d
            .row
            .escalated
            .as_ref()
            .and_then(|e| e.1.clone())
            .unwrap_or_default();
        pairs.push((ctx.t("field.escalated"), to));
    }
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.clocks")));
    let mut t = Table::new(vec![
        ctx.t("col.clock"),
        ctx.t("col.time_basis"),
        ctx.t("col.due"),
        ctx.t("col.remaining"),
        ctx.t("col.state"),
    ]);
    for c in &clocks {
        let (left, state) = match c.done_at {
            Some(at) => {
                let key = if c.state == ClockState::Breached {
                    "ui.clock_done_late"
                } else {
                    "ui.clock_done"
                };
                (
                    ctx.cat.fmt(key, &[("at", &local(at, ctx.tz))]),
                    String::new(),
                )
            }
            None => (
                remaining_label(ctx.cat, c.remaining_s),
                ctx.t(c.state.label_key()),
            ),
        };
        t.row(vec![
            clock_label(ctx.cat, &c.name).to_string(),
            ctx.t(c.basis.label_key()),
            local(c.due, ctx.tz),
            left,
            state,
        ]);
    }
    out.push_str(&t.render());
    for p in &d.pauses {
        let until = p
            .pause
            .to
            .map(|t| local(t, ctx.tz))
            .unwrap_or_else(|| "…".into());
        out.push_str(&ctx.cat.fmt(
            "ui.pause_line",
            &[
                ("from", &local(p.pause.from, ctx.tz)),
                ("to", &until),
                ("reason", &p.reason),
            ],
        ));
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.steps")));
    let mut t = Table::new(vec![
        ctx.t("col.when"),
        ctx.t("col.step"),
        ctx.t("col.who"),
        ctx.t("col.note"),
    ]);
    for s in &d.steps {
        t.row(vec![
            local(s.at, ctx.tz),
            ctx.t(s.step.label_key()),
            s.by.clone(),
            opt(&s.note),
        ]);
    }
    out.push_str(&t.render());
    if !capas.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.capas")));
        for c in capas {
            let verdict = c
                .verdict
                .map(|v| ctx.t(v.label_key()))
                .unwrap_or_else(|| ctx.t("capa.unverified"));
            out.push_str(&format!(
                "#{} {} → {} / {} · {} · {} · {}\n",
                c.id, c.root_cause, c.corrective, c.preventive, c.owner, c.due_date, verdict
            ));
        }
    }
    if !returns.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.returns")));
        for r in returns {
            let shipped = r
                .shipped_at
                .as_deref()
                .map(|s| json_time(ctx, s))
                .unwrap_or_default();
            out.push_str(&format!(
                "RMA {} · {} · {} · {:.2} · {} {}\n",
                r.id,
                r.quantity,
                ctx.t(r.disposition.label_key()),
                r.value,
                r.approved_by.clone().unwrap_or_default(),
                shipped
            ));
        }
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&history_table(ctx, &history));
    print(&crate::text::sanitize_lines(&out))?;
    Ok(())
}
