//! `kefu complaint show`: the whole record, every clock, pauses, CAPAs and returns.

use super::capa::{capa_json, return_json};
use super::output::{fields, print, print_json, Table};
use super::report::{history_json, history_table};
use super::Ctx;
use crate::domain::time::rfc3339;
use crate::readmodel::complaint as model;

/// Prints one complaint.
pub fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let d = store.complaint(number)?;
    let clocks = ctx.policy.clocks(&d.row.subject(), &d.row.facts, ctx.now);
    let escalated = model::escalated(&d, &ctx.policy, ctx.now);
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
    let pairs: Vec<(String, String)> = model::field_lines(&d, escalated, ctx.cat, ctx.tz)
        .into_iter()
        .map(|l| (l.label, l.value))
        .collect();
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.clocks")));
    let mut t = Table::new(vec![
        ctx.t("col.clock"),
        ctx.t("col.time_basis"),
        ctx.t("col.due"),
        ctx.t("col.remaining"),
        ctx.t("col.state"),
    ]);
    for c in model::clock_lines(&d, &ctx.policy, ctx.now, ctx.cat, ctx.tz) {
        t.row(vec![c.name, c.basis, c.due, c.left, c.state]);
    }
    out.push_str(&t.render());
    for p in model::pause_lines(&d, ctx.cat, ctx.tz) {
        out.push_str(&p);
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.steps")));
    let mut t = Table::new(vec![
        ctx.t("col.when"),
        ctx.t("col.step"),
        ctx.t("col.who"),
        ctx.t("col.note"),
    ]);
    for row in model::step_rows(&d, ctx.cat, ctx.tz) {
        t.row(row.to_vec());
    }
    out.push_str(&t.render());
    if !capas.is_empty() {
        let today = ctx.now.with_timezone(&ctx.tz).date_naive();
        out.push_str(&format!("\n{}\n", ctx.t("head.capas")));
        for (line, _) in model::capa_lines(&d, today, ctx.cat) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !returns.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.returns")));
        for line in model::return_lines(&d, ctx.cat, ctx.tz) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&history_table(ctx, &history));
    print(&crate::text::sanitize_lines(&out))?;
    Ok(())
}
