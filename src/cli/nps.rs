//! `kefu nps [--period P]`: the NPS overall and per grade against the targets;
//! `kefu nps trend`: eight quarters of it; `kefu nps record`: one contact's answer;
//! `kefu nps exclude|include|answers`; `kefu nps campaign ...` (cli/nps_campaign.rs).

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::customer::Grade;
use crate::domain::nps::NpsFigure;
use crate::domain::period::Period;
use crate::field_id::FieldId;
use crate::store::nps_record::NpsEntry;
use crate::store::Store;

/// `kefu nps`: the figures, or a subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NpsArgs {
    /// Record an answer, or the trend
    #[command(subcommand)]
    pub cmd: Option<NpsCmd>,
    /// 2026-Q4 (quarter), 2026-10 (month) or 2026 (year) [default: this quarter]
    #[arg(long)]
    pub period: Option<String>,
}

/// `kefu nps ...`.
#[derive(Debug, Subcommand)]
pub enum NpsCmd {
    /// Record a contact's answer (0-10); below 7 opens an improvement case
    Record {
        /// Customer code
        #[arg(long)]
        customer: String,
        /// The contact who answered (their name on file)
        #[arg(long)]
        contact: String,
        /// Score 0-10
        #[arg(long, allow_negative_numbers = true)]
        score: i64,
        /// The customer's comment
        #[arg(long)]
        comment: Option<String>,
        /// When it was answered, YYYY-MM-DD or a time [default: now]
        #[arg(long, alias = "at", value_name = "DATE")]
        date: Option<String>,
        /// Replace the contact's answer of this quarter (the old one stays in the history)
        #[arg(long)]
        replace: bool,
    },
    /// Take an answer out of the figures, saying why (it stays on file)
    Exclude {
        /// The answer's id (kefu nps answers)
        id: i64,
        /// Why it is not counted
        #[arg(long)]
        reason: String,
    },
    /// Count an excluded answer again
    Include {
        /// The answer's id
        id: i64,
    },
    /// The answers of a period (ids, contacts, scores, exclusions)
    Answers {
        /// 2026-Q4, 2026-10 or 2026 [default: this quarter]
        #[arg(long)]
        period: Option<String>,
        /// Only this customer's
        #[arg(long)]
        customer: Option<String>,
    },
    /// The quarter's campaign: open, show, send, remind, decline, print
    #[command(subcommand)]
    Campaign(super::nps_campaign::CampaignCmd),
    /// Eight quarters of NPS, overall and per grade, the latest last
    Trend {
        /// The last quarter shown, as 2026-Q4 [default: this quarter]
        #[arg(long)]
        to: Option<String>,
    },
}

/// A period's NPS: overall and per grade (the customer's grade when they answered).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsReport {
    /// The period (`2026-Q4`).
    pub period: String,
    /// Every answer.
    pub overall: NpsFigure,
    /// Per grade, every grade present.
    pub by_grade: BTreeMap<&'static str, NpsFigure>,
    /// Answers of the period excluded from the figures (with a reason).
    pub excluded: usize,
}

/// The targets of the groups that have one: overall, A and B (team settings).
fn target(ctx: &Ctx, grade: Option<Grade>) -> Option<f64> {
    let k = &ctx.policy.kpi;
    match grade {
        None => Some(k.nps_overall),
        Some(Grade::A) => Some(k.nps_grade_a),
        Some(Grade::B) => Some(k.nps_grade_b),
        Some(Grade::C | Grade::D) => None,
    }
}

/// The NPS of `period`.
pub fn report(ctx: &Ctx, store: &Store, period: Period) -> anyhow::Result<NpsReport> {
    let (from, to) = period.range(ctx.tz);
    let (all, by) = store.nps_by_grade(from, to)?;
    Ok(NpsReport {
        period: period.to_string(),
        overall: NpsFigure::of(all, target(ctx, None)),
        by_grade: by
            .into_iter()
            .map(|(g, t)| (g.as_str(), NpsFigure::of(t, target(ctx, Some(g)))))
            .collect(),
        excluded: store.nps_excluded(from, to)?,
    })
}

fn quarter(ctx: &Ctx, flag: &'static str, given: Option<&str>) -> anyhow::Result<Period> {
    Ok(match given {
        Some(p) => Period::parse(FieldId::flag(flag), p)?,
        None => Period::quarter_of(ctx.now, ctx.tz),
    })
}

/// Runs `kefu nps`.
pub fn run(ctx: &Ctx, args: &NpsArgs) -> anyhow::Result<()> {
    match &args.cmd {
        Some(NpsCmd::Record {
            customer,
            contact,
            score,
            comment,
            date,
            replace,
        }) => {
            let entry = NpsEntry {
                customer,
                contact,
                score: *score,
                comment: comment.as_deref(),
                at: ctx.time_or_now("--date", date.as_deref())?,
                replace: *replace,
            };
            let done = ctx
                .open()?
                .write(|tx| tx.record_nps(&entry, &ctx.policy.nps))?;
            super::nps_answers::recorded(ctx, &done)
        }
        Some(NpsCmd::Exclude { id, reason }) => {
            ctx.open()?.write(|tx| tx.exclude_nps(*id, reason))?;
            ctx.saved()
        }
        Some(NpsCmd::Include { id }) => {
            ctx.open()?.write(|tx| tx.include_nps(*id))?;
            ctx.saved()
        }
        Some(NpsCmd::Answers { period, customer }) => {
            let period = quarter(ctx, "--period", period.as_deref())?;
            super::nps_answers::list(ctx, period, customer.as_deref())
        }
        Some(NpsCmd::Campaign(c)) => super::nps_campaign::run(ctx, c),
        Some(NpsCmd::Trend { to }) => {
            let last = quarter(ctx, "--to", to.as_deref())?;
            let Period::Quarter(..) = last else {
                return Err(crate::error::Error::Invalid {
                    field: FieldId::flag("--to"),
                    value: last.to_string(),
                    rule: "rule.quarter",
                }
                .into());
            };
            let store = ctx.read()?;
            let mut quarters = vec![last];
            while quarters.len() < 8 {
                let q = quarters[quarters.len() - 1].prev();
                quarters.push(q);
            }
            quarters.reverse();
            let reports = quarters
                .into_iter()
                .map(|q| report(ctx, &store, q))
                .collect::<anyhow::Result<Vec<_>>>()?;
            if ctx.json {
                return Ok(print_json(&reports)?);
            }
            print(&table(ctx, &reports, true))?;
            Ok(())
        }
        None => {
            let period = quarter(ctx, "--period", args.period.as_deref())?;
            let r = report(ctx, &ctx.read()?, period)?;
            if ctx.json {
                return Ok(print_json(&r)?);
            }
            print(&format!(
                "{}\n",
                ctx.cat.fmt("nps.heading", &[("period", &r.period)])
            ))?;
            print(&table(ctx, std::slice::from_ref(&r), false))?;
            if r.excluded > 0 {
                let n = r.excluded.to_string();
                print(&format!("{}\n", ctx.cat.fmt("nps.excluded", &[("n", &n)])))?;
            }
            Ok(())
        }
    }
}

/// One row per group (and per period when `periods`): counts, NPS, target and met.
fn table(ctx: &Ctx, reports: &[NpsReport], periods: bool) -> String {
    let mut head = Vec::new();
    if periods {
        head.push(ctx.t("col.period"));
    }
    head.extend([
        ctx.t("col.group"),
        ctx.t("col.responses"),
        ctx.t("col.promoters"),
        ctx.t("col.passives"),
        ctx.t("col.detractors"),
        "NPS".to_string(),
        ctx.t("col.target"),
        ctx.t("col.met"),
    ]);
    let first_num = usize::from(periods) + 1;
    let mut t = Table::new(head);
    for i in first_num..first_num + 6 {
        t = t.align_right(i);
    }
    let none = ctx.t("nps.none");
    for r in reports {
        let groups = std::iter::once((ctx.t("nps.overall"), &r.overall)).chain(
            r.by_grade
                .iter()
                .map(|(g, f)| (ctx.cat.fmt("nps.grade", &[("grade", g)]), f)),
        );
        for (name, f) in groups {
            let mut row = Vec::new();
            if periods {
                row.push(r.period.clone());
            }
            row.extend([
                name,
                f.responses.to_string(),
                f.promoters.to_string(),
                f.passives.to_string(),
                f.detractors.to_string(),
                f.nps
                    .map(|n| format!("{n:.1}"))
                    .unwrap_or_else(|| none.clone()),
                f.target.map(|t| format!("{t:.0}")).unwrap_or_default(),
                match f.met {
                    Some(true) => ctx.t("kpi.met"),
                    Some(false) => ctx.t("kpi.not_met"),
                    None => String::new(),
                },
            ]);
            t.row(row);
        }
    }
    t.render()
}
