//! `kefu capa add|verify|list` and `kefu return add|approve|ship|list`.

use super::args::{CapaCmd, ReturnCmd};
use super::output::{print, print_json, Table};
use super::report::json_time;
use super::Ctx;
use crate::domain::capa::{overdue, Disposition, Verdict};
use crate::field_id::FieldId;
use crate::store::capa::{Capa, NewCapa};
use crate::store::returns::{NewReturn, Return};

fn id_out(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    if ctx.json {
        print_json(&serde_json::json!({ "id": id }))?;
    } else {
        print(&format!("{id}\n"))?;
    }
    Ok(())
}

/// A CAPA for `--json`, times in the user's zone.
pub fn capa_json(ctx: &Ctx, c: &Capa, today: chrono::NaiveDate) -> serde_json::Value {
    let mut v = serde_json::to_value(c).unwrap_or_default();
    v["overdue"] = overdue(c.due_date, c.verdict, today).into();
    v["checked_at"] = c.checked_at.as_deref().map(|s| json_time(ctx, s)).into();
    v
}

/// A return for `--json`, times in the user's zone.
pub fn return_json(ctx: &Ctx, r: &Return) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    v["shipped_at"] = r.shipped_at.as_deref().map(|s| json_time(ctx, s)).into();
    v
}

/// `kefu capa ...`.
pub fn capa(ctx: &Ctx, cmd: &CapaCmd) -> anyhow::Result<()> {
    match cmd {
        CapaCmd::Add {
            number,
            root_cause,
            corrective,
            preventive,
            owner,
            due,
        } => {
            let c = NewCapa {
                root_cause: root_cause.clone(),
                corrective: corrective.clone(),
                preventive: preventive.clone(),
                owner: owner.clone(),
                due_date: due.clone(),
            };
            let id = ctx.open()?.write(|tx| tx.add_capa(number, &c))?;
            id_out(ctx, id)
        }
        CapaCmd::Plan {
            id,
            root_cause,
            corrective,
            preventive,
        } => {
            let c = NewCapa {
                root_cause: root_cause.clone(),
                corrective: corrective.clone(),
                preventive: preventive.clone(),
                ..NewCapa::default()
            };
            ctx.open()?.write(|tx| tx.plan_capa(*id, &c))?;
            ctx.saved()
        }
        CapaCmd::Verify {
            id,
            verdict,
            at,
            reopen,
        } => {
            let verdict = Verdict::parse(FieldId::flag("--verdict"), verdict)?;
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let user = ctx.user.clone();
            ctx.open()?
                .write(|tx| tx.verify_capa(*id, verdict, at, &user, reopen.as_deref()))?;
            ctx.saved()
        }
        CapaCmd::List {
            overdue: only_overdue,
            complaint,
        } => {
            let today = ctx.now.with_timezone(&ctx.tz).date_naive();
            let rows: Vec<_> = ctx
                .read()?
                .list_capas(complaint.as_deref())?
                .into_iter()
                .filter(|c| !only_overdue || overdue(c.due_date, c.verdict, today))
                .collect();
            if ctx.json {
                let items: Vec<_> = rows.iter().map(|c| capa_json(ctx, c, today)).collect();
                print_json(&items)?;
                return Ok(());
            }
            // The CLI's table leaves out the corrective action (the file has it) and
            // marks an overdue due date in words, for a screen without colour.
            let (lines, _) = crate::readmodel::capa::lines(&rows, today, ctx.cat);
            let mut t = Table::new(
                crate::readmodel::capa::COLUMNS[..6]
                    .iter()
                    .map(|k| ctx.t(k))
                    .collect(),
            );
            for l in lines {
                let mut cells = l.cells[..6].to_vec();
                if l.overdue {
                    cells[3] = format!("{} {}", cells[3], ctx.t("capa.overdue"));
                }
                t.row(cells);
            }
            print(&t.render())?;
            Ok(())
        }
    }
}

/// `kefu return ...`.
pub fn returns(ctx: &Ctx, cmd: &ReturnCmd) -> anyhow::Result<()> {
    match cmd {
        ReturnCmd::Add {
            number,
            quantity,
            disposition,
            qa_confirmed,
            replacement_order,
            value,
        } => {
            let r = NewReturn {
                quantity: *quantity,
                disposition: Disposition::parse(FieldId::flag("--disposition"), disposition)?,
                qa_confirmed: *qa_confirmed,
                replacement_order: replacement_order.clone().filter(|s| !s.trim().is_empty()),
                value: *value,
            };
            let user = ctx.user.clone();
            let id = ctx.open()?.write(|tx| tx.add_return(number, &r, &user))?;
            id_out(ctx, id)
        }
        ReturnCmd::Approve { id, at } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let user = ctx.user.clone();
            ctx.open()?.write(|tx| tx.approve_return(*id, at, &user))?;
            ctx.saved()
        }
        ReturnCmd::Ship { id, at } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let threshold = ctx.policy.approval_threshold;
            ctx.open()?.write(|tx| tx.ship_return(*id, at, threshold))?;
            ctx.saved()
        }
        ReturnCmd::List { complaint } => {
            let rows = ctx.read()?.list_returns(complaint.as_deref())?;
            if ctx.json {
                let items: Vec<_> = rows.iter().map(|r| return_json(ctx, r)).collect();
                print_json(&items)?;
                return Ok(());
            }
            let mut t = Table::new(
                [
                    "col.id",
                    "col.number",
                    "col.quantity",
                    "col.disposition",
                    "col.value",
                    "col.approved_by",
                    "col.shipped",
                ]
                .iter()
                .map(|k| ctx.t(k))
                .collect(),
            );
            for r in &rows {
                t.row(vec![
                    r.id.to_string(),
                    r.complaint.clone(),
                    r.quantity.to_string(),
                    ctx.t(r.disposition.label_key()),
                    format!("{:.2}", r.value),
                    r.approved_by.clone().unwrap_or_default(),
                    r.shipped_at
                        .as_deref()
                        .map(|s| json_time(ctx, s))
                        .unwrap_or_default(),
                ]);
            }
            print(&t.render())?;
            Ok(())
        }
    }
}
