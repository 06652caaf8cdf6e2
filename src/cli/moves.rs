//! `kefu complaint ack|investigate|plan|dispose|follow-up|close|reject|reopen|report|wait|resume|assign|escalate`.

use super::args::{CloseArgs, DisposeArgs, MoveArgs};
use super::output::{print, print_json};
use super::Ctx;
use crate::domain::complaint::Step;
use crate::store::complaints::Decisions;
use crate::store::workflow::Move;

fn done(ctx: &Ctx, number: &str, what: &str) -> anyhow::Result<()> {
    if ctx.json {
        print_json(&serde_json::json!({ "number": number, "done": what }))?;
    } else {
        print(&format!(
            "{}\n",
            ctx.cat.fmt(
                "msg.moved",
                &[
                    ("number", number),
                    ("what", ctx.t(&format!("done.{what}")).as_str())
                ]
            )
        ))?;
    }
    Ok(())
}

/// A move along the flow.
pub fn step(ctx: &Ctx, a: &MoveArgs, to: Step, extra: Move) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", a.at.as_deref())?;
    let m = Move {
        note: a.note.clone(),
        ..extra
    };
    let mut store = ctx.open()?;
    store.move_complaint(&a.number, to, at, &m)?;
    done(ctx, &a.number, to.as_str())
}

/// `dispose` with a major complaint's decisions.
pub fn dispose(ctx: &Ctx, a: &DisposeArgs) -> anyhow::Result<()> {
    let decisions = Decisions {
        shipped: a.shipped.clone(),
        stock: a.stock.clone(),
        wip: a.wip.clone(),
    };
    step(
        ctx,
        &a.m,
        Step::Disposed,
        Move {
            decisions,
            ..Default::default()
        },
    )
}

/// `close` with the customer's sign-off.
pub fn close(ctx: &Ctx, a: &CloseArgs) -> anyhow::Result<()> {
    let signoff = match (
        a.signed_by.as_deref().map(str::trim),
        a.how.as_deref().map(str::trim),
    ) {
        (Some(who), Some(how)) if !who.is_empty() && !how.is_empty() => {
            Some(format!("{who} · {how}"))
        }
        _ => None,
    };
    step(
        ctx,
        &a.m,
        Step::Closed,
        Move {
            signoff,
            ..Default::default()
        },
    )
}

/// `report`: the written report went out.
pub fn report(ctx: &Ctx, a: &MoveArgs) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", a.at.as_deref())?;
    let mut store = ctx.open()?;
    store.write(|tx| tx.record_report(&a.number, at))?;
    done(ctx, &a.number, "report")
}

/// `wait`.
pub fn wait(ctx: &Ctx, number: &str, reason: &str, at: Option<&str>) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", at)?;
    ctx.open()?.write(|tx| tx.pause(number, at, reason))?;
    done(ctx, number, "wait")
}

/// `resume`.
pub fn resume(ctx: &Ctx, number: &str, at: Option<&str>) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", at)?;
    ctx.open()?.write(|tx| tx.resume(number, at))?;
    done(ctx, number, "resume")
}

/// `assign`.
pub fn assign(ctx: &Ctx, number: &str, to: &str) -> anyhow::Result<()> {
    ctx.open()?.write(|tx| tx.assign(number, to))?;
    done(ctx, number, "assign")
}

/// `note`.
pub fn note(ctx: &Ctx, number: &str, note: &str) -> anyhow::Result<()> {
    ctx.open()?.write(|tx| tx.note_complaint(number, note))?;
    done(ctx, number, "note")
}

/// `escalate`.
pub fn escalate(ctx: &Ctx, number: &str, at: Option<&str>) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", at)?;
    let to = ctx.open()?.write(|tx| tx.escalate(number, at))?;
    if ctx.json {
        print_json(
            &serde_json::json!({ "number": number, "done": "escalate", "escalated_to": to }),
        )?;
        return Ok(());
    }
    let who = to.unwrap_or_else(|| ctx.t("msg.no_supervisor"));
    print(&format!(
        "{}\n",
        ctx.cat
            .fmt("msg.escalated", &[("number", number), ("to", &who)])
    ))?;
    Ok(())
}
