//! What `kefu nps record` says it did, and `kefu nps answers`.

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::period::Period;
use crate::store::nps_record::Recorded;

/// Says what recording an answer did: its id, and the improvement case it opened.
pub fn recorded(ctx: &Ctx, r: &Recorded) -> anyhow::Result<()> {
    if ctx.json {
        return Ok(print_json(r)?);
    }
    let id = r.id.to_string();
    let key = if r.replaced {
        "nps.replaced"
    } else {
        "nps.recorded"
    };
    let mut text = ctx.cat.fmt(key, &[("id", &id), ("quarter", &r.quarter)]);
    if let Some(case) = &r.case {
        text.push('\n');
        let key = if r.case_opened {
            "nps.case_opened"
        } else {
            "nps.case_noted"
        };
        text.push_str(&ctx.cat.fmt(key, &[("case", case)]));
    }
    print(&format!("{text}\n"))?;
    Ok(())
}

/// Lists a period's answers, newest first.
pub fn list(ctx: &Ctx, period: Period, customer: Option<&str>) -> anyhow::Result<()> {
    let (from, to) = period.range(ctx.tz);
    let rows = ctx.read()?.nps_answers(from, to, customer)?;
    if ctx.json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|a| {
                let mut v = serde_json::to_value(a).unwrap_or_default();
                v["at"] = a.at.with_timezone(&ctx.tz).to_rfc3339().into();
                v
            })
            .collect();
        return Ok(print_json(&v)?);
    }
    let mut t = Table::new(
        [
            "col.id",
            "col.customer",
            "col.contact",
            "col.grade",
            "col.score",
            "col.at",
            "col.comment",
            "col.excluded",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
    )
    .align_right(0)
    .align_right(4);
    for a in &rows {
        t.row(vec![
            a.id.to_string(),
            a.customer.clone(),
            a.contact.clone().unwrap_or_default(),
            a.grade.clone().unwrap_or_default(),
            a.score.to_string(),
            crate::domain::time::local(a.at, ctx.tz),
            a.comment.clone().unwrap_or_default(),
            a.excluded.clone().unwrap_or_default(),
        ]);
    }
    if t.is_empty() {
        print(&format!(
            "{}\n",
            ctx.cat
                .fmt("nps.no_answers", &[("period", &period.to_string())])
        ))?;
        return Ok(());
    }
    print(&t.render())?;
    Ok(())
}
