//! `kefu complaint add|list|show`.

use super::args::{ComplaintAddArgs, ComplaintCmd};
use super::moves;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::complaint::{Category, Channel, Severity, Step};
use crate::domain::time::{local, rfc3339};
use crate::field_id::FieldId;
use crate::store::complaints::NewComplaint;
use crate::store::workflow::Move;

/// Runs a complaint subcommand.
pub fn run(ctx: &Ctx, cmd: &ComplaintCmd) -> anyhow::Result<()> {
    match cmd {
        ComplaintCmd::Add(a) => add(ctx, a),
        ComplaintCmd::List { open } => list(ctx, *open),
        ComplaintCmd::Show { number } => super::complaint_show::show(ctx, number),
        ComplaintCmd::Ack(a) => moves::step(ctx, a, Step::Acknowledged, Move::default()),
        ComplaintCmd::Investigate(a) => moves::step(ctx, a, Step::Investigating, Move::default()),
        ComplaintCmd::Plan(a) => moves::step(ctx, a, Step::PlanProposed, Move::default()),
        ComplaintCmd::Dispose(a) => moves::dispose(ctx, a),
        ComplaintCmd::FollowUp(a) => moves::step(ctx, a, Step::FollowedUp, Move::default()),
        ComplaintCmd::Close(a) => moves::close(ctx, a),
        ComplaintCmd::Reject(a) => moves::step(ctx, a, Step::Rejected, Move::default()),
        ComplaintCmd::Reopen(a) => {
            let reply_by = a
                .reply_by
                .as_deref()
                .map(|t| ctx.time("--reply-by", t))
                .transpose()?;
            let m = Move {
                reply_by,
                ..Move::default()
            };
            moves::step(ctx, &a.m, Step::Received, m)
        }
        ComplaintCmd::Report(a) => moves::report(ctx, a),
        ComplaintCmd::Wait { number, reason, at } => {
            moves::wait(ctx, number, reason, at.as_deref())
        }
        ComplaintCmd::Resume { number, at } => moves::resume(ctx, number, at.as_deref()),
        ComplaintCmd::Assign { number, to } => moves::assign(ctx, number, to),
        ComplaintCmd::Note { number, note } => moves::note(ctx, number, note),
        ComplaintCmd::Set {
            number,
            responsibility,
            root_cause,
            contact,
            product,
            batch,
            quantity,
        } => {
            let d = crate::store::workflow::Details {
                responsibility: responsibility.clone(),
                root_cause: root_cause.clone(),
                contact: contact.clone(),
                product: product.clone(),
                batch: batch.clone(),
                quantity: quantity.clone(),
            };
            ctx.open()?.write(|tx| tx.set_details(number, &d))?;
            ctx.saved()
        }
        ComplaintCmd::Escalate { number, at } => moves::escalate(ctx, number, at.as_deref()),
        ComplaintCmd::Stats { period } => super::stats::run(ctx, period.as_deref()),
    }
}

fn add(ctx: &Ctx, a: &ComplaintAddArgs) -> anyhow::Result<()> {
    let opt = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let new = NewComplaint {
        customer: a.customer.trim().to_string(),
        title: a.title.clone(),
        description: opt(&a.description),
        channel: Channel::parse(FieldId::flag("--channel"), &a.channel)?,
        category: Category::parse(FieldId::flag("--category"), &a.category)?,
        severity: Severity::parse(FieldId::flag("--severity"), &a.severity)?,
        received_at: ctx.time_or_now("--received", a.received.as_deref())?,
        reply_by: a
            .reply_by
            .as_deref()
            .map(|s| ctx.time("--reply-by", s))
            .transpose()?,
        owner: opt(&a.owner),
        product: opt(&a.product),
        batch: opt(&a.batch),
        quantity: a.quantity,
    };
    let mut store = ctx.open()?;
    let number = store.add_complaint(&new)?;
    if ctx.json {
        print_json(&serde_json::json!({ "number": number }))?;
    } else {
        print(&format!("{number}\n"))?;
    }
    Ok(())
}

fn list(ctx: &Ctx, open: bool) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let mut rows = store.list_complaints(open)?;
    // Urgent ("green channel") complaints come first everywhere; newest first within.
    rows.sort_by_key(|r| r.severity != Severity::Urgent);
    if ctx.json {
        let items: Vec<_> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "number": r.number, "customer": r.customer, "customer_name": r.customer_name,
                    "title": r.title, "channel": r.channel, "category": r.category,
                    "severity": r.severity, "step": r.step, "owner": r.owner,
                    "received_at": rfc3339(r.facts.received_at, ctx.tz),
                    "reply_by": r.facts.reply_by.map(|t| rfc3339(t, ctx.tz)),
                })
            })
            .collect();
        print_json(&items)?;
        return Ok(());
    }
    let h = |k: &str| ctx.t(k);
    let mut t = Table::new(vec![
        h("col.number"),
        h("col.received"),
        h("col.customer"),
        h("col.severity"),
        h("col.step"),
        h("col.owner"),
        h("col.title"),
    ]);
    for r in &rows {
        t.row(vec![
            r.number.clone(),
            local(r.facts.received_at, ctx.tz),
            r.customer_name.clone(),
            ctx.t(r.severity.label_key()),
            ctx.t(r.step.label_key()),
            r.owner.clone().unwrap_or_default(),
            r.title.clone(),
        ]);
    }
    print(&t.render())?;
    print(&format!(
        "{}\n",
        ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())])
    ))?;
    Ok(())
}
