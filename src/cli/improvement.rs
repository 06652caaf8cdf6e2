//! `kefu improvement list|show|visit|plan|checkin|verdict`: the cases a score below 7
//! opens, to their verdict.

use clap::Subcommand;

use super::fields::choice;
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::customer::parse_date;
use crate::domain::improvement::CaseVerdict;
use crate::field_id::FieldId;
use crate::store::improvement::ImprovementCase;

/// `kefu improvement ...`.
#[derive(Debug, Subcommand)]
pub enum ImprovementCmd {
    /// Cases with their stage and what is due next (open ones unless --all)
    List {
        /// Closed ones too
        #[arg(long)]
        all: bool,
        /// Only this customer's
        #[arg(long)]
        customer: Option<String>,
    },
    /// One case: the score, the visit, the plan, check-ins, verdict and CAPAs
    Show {
        /// Case number (GS-2026-00001)
        number: String,
    },
    /// Book or record the visit by a manager and an engineer
    Visit {
        /// Case number
        number: String,
        /// The day, YYYY-MM-DD (a later day books it)
        #[arg(long)]
        date: String,
        /// The manager who goes (username)
        #[arg(long)]
        manager: String,
        /// The engineer who goes (username)
        #[arg(long)]
        engineer: String,
        /// What the visit found
        #[arg(long)]
        note: Option<String>,
    },
    /// Write the improvement plan agreed after the visit; its tracking starts
    Plan {
        /// Case number
        number: String,
        /// The plan
        #[arg(long)]
        text: String,
        /// When it was agreed [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Record a check-in while the plan is tracked
    Checkin {
        /// Case number
        number: String,
        /// What was found
        #[arg(long)]
        note: String,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Close the case: by the customer's next score, or a manager's judgement
    Verdict {
        /// Case number
        number: String,
        /// A manager's judgement instead of the next score: improved or not_improved
        #[arg(long, requires = "note")]
        judgement: Option<String>,
        /// The manager's reasons (with --judgement)
        #[arg(long)]
        note: Option<String>,
    },
}

/// Runs `kefu improvement`.
pub fn run(ctx: &Ctx, cmd: &ImprovementCmd) -> anyhow::Result<()> {
    match cmd {
        ImprovementCmd::List { all, customer } => {
            let cases = ctx.read()?.improvement_cases(!all, customer.as_deref())?;
            if ctx.json {
                let v: Vec<_> = cases.iter().map(|c| case_json(ctx, c)).collect();
                return Ok(print_json(&v)?);
            }
            print(&table(ctx, &cases))?;
            Ok(())
        }
        ImprovementCmd::Show { number } => {
            let c = ctx.read()?.improvement_case(number)?;
            if ctx.json {
                return Ok(print_json(&case_json(ctx, &c))?);
            }
            print(&describe(ctx, &c))?;
            Ok(())
        }
        ImprovementCmd::Visit {
            number,
            date,
            manager,
            engineer,
            note,
        } => {
            let on = parse_date(FieldId::flag("--date"), date)?;
            ctx.open()?
                .write(|tx| tx.case_visit(number, on, manager, engineer, note.as_deref()))?;
            ctx.saved()
        }
        ImprovementCmd::Plan { number, text, at } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            ctx.open()?.write(|tx| tx.case_plan(number, text, at))?;
            ctx.saved()
        }
        ImprovementCmd::Checkin { number, note, at } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            ctx.open()?.write(|tx| tx.case_checkin(number, note, at))?;
            ctx.saved()
        }
        ImprovementCmd::Verdict {
            number,
            judgement,
            note,
        } => {
            let judgement = judgement
                .as_deref()
                .map(|j| choice(&CaseVerdict::CHOICES, "--judgement", j, CaseVerdict::parse))
                .transpose()?;
            let given = judgement.map(|j| (j, note.as_deref().unwrap_or("")));
            let (verdict, basis) = ctx
                .open()?
                .write(|tx| tx.case_verdict(number, given, ctx.now))?;
            if ctx.json {
                return Ok(print_json(
                    &serde_json::json!({ "verdict": verdict, "basis": basis }),
                )?);
            }
            print(&format!(
                "{} ({})\n",
                ctx.t(verdict.label_key()),
                basis_label(ctx, &basis)
            ))?;
            Ok(())
        }
    }
}

fn basis_label(ctx: &Ctx, basis: &str) -> String {
    match basis.strip_prefix("score ") {
        Some(n) => ctx.cat.fmt("case.by_score", &[("score", n)]),
        None => ctx.t("case.by_judgement"),
    }
}

/// A case for `--json`: its stage and due day on today, times in the user's zone.
pub fn case_json(ctx: &Ctx, c: &ImprovementCase) -> serde_json::Value {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let facts = c.facts(ctx.tz);
    let mut v = serde_json::to_value(c).unwrap_or_default();
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&ctx.tz).to_rfc3339();
    v["opened_at"] = local(c.opened_at).into();
    v["plan_at"] = c.plan_at.map(local).into();
    v["closed_at"] = c.closed_at.map(local).into();
    v["stage"] = facts.stage(today, &ctx.policy.nps).as_str().into();
    let due = facts.due(today, &ctx.policy.nps);
    v["due"] = due.map(|d| d.to_string()).into();
    v["overdue"] = due.is_some_and(|d| d < today).into();
    if let Some(list) = v["checkins"].as_array_mut() {
        for (item, ch) in list.iter_mut().zip(&c.checkins) {
            item["at"] = local(ch.at).into();
        }
    }
    v
}

/// The cases as a table: number, customer, score, stage, due day.
pub fn table(ctx: &Ctx, cases: &[ImprovementCase]) -> String {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let mut t = Table::new(
        [
            "col.number",
            "col.customer",
            "col.name",
            "col.score",
            "col.stage",
            "col.due",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
    )
    .align_right(3);
    for c in cases {
        let facts = c.facts(ctx.tz);
        let due = facts.due(today, &ctx.policy.nps);
        t.row(vec![
            c.number.clone(),
            c.customer.clone(),
            c.name.clone(),
            c.score.to_string(),
            ctx.t(facts.stage(today, &ctx.policy.nps).label_key()),
            due.map(|d| {
                let late = if d < today {
                    format!(" {}", ctx.t("capa.overdue"))
                } else {
                    String::new()
                };
                format!("{d}{late}")
            })
            .unwrap_or_default(),
        ]);
    }
    if t.is_empty() {
        return format!("{}\n", ctx.t("case.none"));
    }
    t.render()
}

fn describe(ctx: &Ctx, c: &ImprovementCase) -> String {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let facts = c.facts(ctx.tz);
    let local = |t: chrono::DateTime<chrono::Utc>| crate::domain::time::local(t, ctx.tz);
    let mut pairs = vec![
        (ctx.t("col.number"), c.number.clone()),
        (ctx.t("col.customer"), format!("{} {}", c.customer, c.name)),
        (ctx.t("col.score"), c.score.to_string()),
        (ctx.t("col.opened"), local(c.opened_at)),
        (
            ctx.t("col.stage"),
            ctx.t(facts.stage(today, &ctx.policy.nps).label_key()),
        ),
    ];
    if let Some(d) = facts.due(today, &ctx.policy.nps) {
        pairs.push((ctx.t("col.due"), d.to_string()));
    }
    if let Some(v) = c.visit_on {
        let who = [c.visit_manager.as_deref(), c.visit_engineer.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        pairs.push((ctx.t("col.visit"), format!("{v} ({who})")));
    }
    if let Some(n) = &c.visit_note {
        pairs.push((ctx.t("col.visit_note"), n.clone()));
    }
    if let Some(p) = &c.plan {
        pairs.push((ctx.t("col.plan"), p.clone()));
    }
    for ch in &c.checkins {
        pairs.push((
            ctx.t("col.checkin"),
            format!("{} {} {}", local(ch.at), ch.by, ch.note),
        ));
    }
    if let (Some(v), Some(b)) = (c.verdict, &c.verdict_basis) {
        let mut text = format!("{} ({})", ctx.t(v.label_key()), basis_label(ctx, b));
        if let Some(n) = &c.verdict_note {
            text.push_str(&format!(": {n}"));
        }
        pairs.push((ctx.t("col.verdict"), text));
    }
    if !c.capas.is_empty() {
        let ids: Vec<String> = c.capas.iter().map(|i| i.to_string()).collect();
        pairs.push(("CAPA".to_string(), ids.join(", ")));
    }
    fields(&pairs)
}
